"""Move actions: resize, confirmResize, revertResize, migrate, os-migrateLive, evacuate.

Each is accepted at once (the server's task state and its migration
record, in one transaction) and carried out by the task runner; the
server-migrations and os-migrations resources show the records.
"""

from __future__ import annotations

from oslo_utils import strutils

from nova_api import exception
from nova_api.api import controller
from nova_api.api import microversion as mv
from nova_api.api import validation
from nova_api.api.controllers.server_actions import ActionFamily
from nova_api.api.schemas.server_actions import ACTION_SCHEMAS
from nova_api.api.views import server_moves as views
from nova_api.compute import crypto
from nova_api.policies import evacuate as evacuate_policies
from nova_api.policies import migrate_server as migrate_policies
from nova_api.policies import servers as server_policies


def _bool(value) -> bool:
    return strutils.bool_from_string(value, strict=True)


def _forced(req, fields: dict, host: str | None, allowed) -> None:
    """2.29/2.30 to 2.67: ``force`` skips the scheduler's checks, and needs a host to force to."""
    if allowed(req) and _bool(fields.get('force', False)) and not host:
        raise exception.ForcedMoveWithoutHost()


class MoveActions(ActionFamily):
    """Resize a server and confirm or revert it; migrate, live-migrate and evacuate it (admins)."""

    @controller.action('resize')
    @validation.schema_windows(ACTION_SCHEMAS['resize'])
    @controller.response(202)
    @controller.expected_errors(400, 401, 403, 404, 409)
    def resize(self, req, id: str, body):
        """Resize to ``flavorRef``, from ACTIVE or SHUTOFF with no task. 202.

        RESIZE (resize_prep, resize_migrating, resize_migrated,
        resize_finish), then VERIFY_RESIZE showing the new flavor. 400 for
        the same, an unknown or a disabled flavor, 403 over the cores or
        ram quota.
        """
        server = self._server(req, id, server_policies.RESIZE)
        self.compute.server_moves.resize(req.context, server, str(body['resize']['flavorRef']))

    @controller.action('confirmResize')
    @validation.schema_windows(ACTION_SCHEMAS['confirmResize'])
    @controller.response(204)
    @controller.expected_errors(400, 404, 409)
    def confirm_resize(self, req, id: str, body):
        """Keep the new flavor: from VERIFY_RESIZE to ACTIVE (or SHUTOFF). 204, as Nova."""
        server = self._server(req, id, server_policies.CONFIRM_RESIZE)
        self.compute.server_moves.confirm_resize(req.context, server)

    @controller.action('revertResize')
    @validation.schema_windows(ACTION_SCHEMAS['revertResize'])
    @controller.response(202)
    @controller.expected_errors(400, 403, 404, 409)
    def revert_resize(self, req, id: str, body):
        """Go back to the old flavor and host: REVERT_RESIZE, then ACTIVE (or SHUTOFF). 202."""
        server = self._server(req, id, server_policies.REVERT_RESIZE)
        self.compute.server_moves.revert_resize(req.context, server)

    @controller.action('migrate')
    @validation.schema_windows(ACTION_SCHEMAS['migrate'])
    @controller.response(202)
    @controller.expected_errors(400, 403, 404, 409)
    def migrate(self, req, id: str, body):
        """Cold-migrate to another host (2.56: ``host``, admins only). 202; VERIFY_RESIZE once there."""
        fields = body.get('migrate') if mv.allows_cold_migrate_host(req) else None
        host = fields.get('host') if fields else None
        server = self._server(req, id, migrate_policies.MIGRATE_HOST if host
                              else migrate_policies.MIGRATE)
        self.compute.server_moves.migrate(req.context, server, host)

    @controller.action('os-migrateLive')
    @validation.schema_windows(ACTION_SCHEMAS['os-migrateLive'])
    @controller.response(202)
    @controller.expected_errors(400, 403, 404, 409)
    def migrate_live(self, req, id: str, body):
        """Live-migrate, from ACTIVE or PAUSED with no task. 202; MIGRATING, then on its new host.

        ``block_migration`` may be 'auto' from 2.25 (``disk_over_commit``
        goes); ``force`` 2.30 to 2.67. Before 2.34 the checks answer the
        request (400 for no valid host); from 2.34 they fail the migration.
        """
        fields = body['os-migrateLive']
        host = fields['host']
        server = self._server(req, id, migrate_policies.MIGRATE_LIVE_HOST if host
                              else migrate_policies.MIGRATE_LIVE)
        _forced(req, fields, host, mv.allows_live_migration_force)
        if fields['block_migration'] != 'auto':
            _bool(fields['block_migration'])  # the schema's enum: always a boolean here
        self.compute.server_moves.live_migrate(req.context, server, host,
                                               checks_now=not mv.checks_live_migration_later(req))

    @controller.action('evacuate')
    @validation.schema_windows(ACTION_SCHEMAS['evacuate'])
    @controller.expected_errors(400, 403, 404, 409)
    def evacuate(self, req, id: str, body):
        """Rebuild on another host, the server's host being down. 200, as Nova.

        Before 2.14 the body says ``onSharedStorage`` and the response
        carries ``adminPass``; ``force`` 2.29 to 2.67; from 2.95 the server
        arrives stopped. 400 "Compute service of <host> is still in use."
        while its host is up (here: still in ``compute_hosts``).
        """
        fields = body['evacuate']
        host = fields.get('host')
        server = self._server(req, id, evacuate_policies.EVACUATE)
        _forced(req, fields, host, mv.allows_evacuate_force)
        password = self._evacuate_password(req, fields)
        self.compute.server_moves.evacuate(req.context, server, host,
                                           stopped=mv.evacuates_to_stopped(req))
        if not mv.evacuate_drops_shared_storage(req) and \
                self.compute.conf.api.enable_instance_password:
            return views.evacuated(password)
        return None

    @staticmethod
    def _evacuate_password(req, fields: dict) -> str | None:
        if mv.evacuate_drops_shared_storage(req):
            return fields.get('adminPass') or crypto.generate_password()
        on_shared_storage = _bool(fields['onSharedStorage'])
        if 'adminPass' in fields:
            if on_shared_storage:
                raise exception.AdminPasswordOnSharedStorage()
            return fields['adminPass']
        return None if on_shared_storage else crypto.generate_password()
