"""``/servers/{server_id}/migrations``: a server's in-progress live migrations; force or abort one."""

from __future__ import annotations

from nova_api import exception
from nova_api.api import controller
from nova_api.api import microversion as mv
from nova_api.api import validation
from nova_api.api.controllers.server_subresource import ServerSubresourceController
from nova_api.api.schemas import server_migrations as schemas
from nova_api.api.views import server_migrations as views
from nova_api.policies import server_migrations as policies


def _migration_id(text: str, server_uuid: str) -> int:
    """The path's id: one that is not a number names no migration of the server."""
    try:
        return int(text)
    except ValueError:
        raise exception.MigrationNotFoundForInstance(migration_id=text,
                                                     instance_id=server_uuid) from None


class ServerMigrationsController(ServerSubresourceController):
    """List and show (2.23), force complete (2.22) and abort (2.24) live migrations."""

    @mv.versioned(mv.FIRST_SERVER_MIGRATIONS)
    @validation.query_schema_windows(schemas.QUERY_SCHEMAS)
    @controller.expected_errors(404)
    def index(self, req, server_id: str):
        """The server's live migrations in progress. 200; uuid 2.59, user/project 2.80."""
        server = self._server(req, server_id, policies.INDEX)
        show_hosts = self.policy.check(req.context, policies.INDEX_HOST,
                                       {'project_id': server.project_id})
        migrations = self.compute.migrations.in_progress(req.context, server.uuid)
        return views.index(req, migrations, show_hosts)

    @mv.versioned(mv.FIRST_SERVER_MIGRATIONS)
    @validation.query_schema_windows(schemas.QUERY_SCHEMAS)
    @controller.expected_errors(404)
    def show(self, req, server_id: str, id: str):
        """One in-progress live migration of the server. 200; 404 for any other migration."""
        server = self._server(req, server_id, policies.SHOW)
        migration = self.compute.migrations.get_in_progress(req.context, server.uuid, id)
        return views.show(req, migration)

    @controller.action('force_complete')
    @mv.versioned(mv.FIRST_FORCE_COMPLETE)
    @validation.schema_windows(schemas.FORCE_COMPLETE_SCHEMAS)
    @controller.response(202)
    @controller.expected_errors(400, 403, 404, 409)
    def force_complete(self, req, server_id: str, id: str, body):
        """Make a running live migration finish now. 202; 400 unless it is running."""
        server = self._server(req, server_id, policies.FORCE_COMPLETE)
        try:
            self.compute.server_moves.force_complete(req.context, server,
                                                     _migration_id(id, server.uuid))
        except exception.MigrationNotFoundForInstance as error:
            # Nova answers force_complete of an unknown migration with a 400.
            raise exception.InvalidServerRequest(reason=error.format_message()) from None

    @mv.versioned(mv.FIRST_MIGRATION_ABORT)
    @controller.response(202)
    @controller.expected_errors(400, 404, 409)
    def delete(self, req, server_id: str, id: str):
        """Abort a running live migration (2.65: also a queued or preparing one). 202."""
        server = self._server(req, server_id, policies.DELETE)
        self.compute.server_moves.abort(req.context, server, _migration_id(id, server.uuid),
                                        queued_too=mv.allows_abort_queued_live_migration(req))
