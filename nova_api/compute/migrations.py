"""Migration records as the APIs read them: ``/os-migrations`` and ``/servers/{id}/migrations``."""

from __future__ import annotations

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.objects import migrations as migration_objects
from nova_api.objects.migrations import ListQuery
from nova_api.objects.migrations import Migration

__all__ = ['ListQuery', 'Migration', 'MigrationAPI']


class MigrationAPI(base.ResourceAPI):
    """Lists and shows of the moves' records."""

    def list(self, ctx: nova_context.RequestContext, query: ListQuery) -> list[Migration]:
        """Nova's filters and page; hidden records are left out, as Nova's API does."""
        found = self.database.read(migration_objects.page, query)
        return [migration for migration in found if not migration.hidden]

    def in_progress(self, ctx: nova_context.RequestContext, server_uuid: str) -> list[Migration]:
        """The server's live migrations in progress (queued, preparing, running, post-migrating)."""
        return self.database.read(migration_objects.in_progress, server_uuid)

    def get_in_progress(self, ctx: nova_context.RequestContext, server_uuid: str,
                        migration_id: str) -> Migration:
        """One of them, with Nova's three 404 messages for the others."""
        try:
            migration = self.database.read(migration_objects.for_instance, server_uuid,
                                           int(migration_id))
        except (ValueError, exception.MigrationNotFoundForInstance):
            raise exception.ServerMigrationNotFound(
                reason='In-progress live migration %s is not found for server %s.' % (
                    migration_id, server_uuid)) from None
        if migration.migration_type != migration_objects.LIVE_MIGRATION:
            raise exception.ServerMigrationNotFound(
                reason='Migration %s for server %s is not live-migration.' % (
                    migration_id, server_uuid))
        if migration.status not in migration_objects.LIVE_IN_PROGRESS:
            raise exception.ServerMigrationNotFound(
                reason='Live migration %s for server %s is not in progress.' % (
                    migration_id, server_uuid))
        return migration
