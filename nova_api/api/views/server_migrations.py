"""Bodies of ``/servers/{server_id}/migrations`` (2.23): a server's in-progress live migrations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nova_api.api import microversion as mv
from nova_api.api.views.migrations import MigrationRecord
from nova_api.api.views.migrations import timestamp


def _migration(req, migration: MigrationRecord, show_hosts: bool) -> dict:
    body: dict[str, Any] = {
        'created_at': timestamp(migration.created_at),
        'dest_compute': None,
        'dest_host': None,
        'dest_node': None,
        'disk_processed_bytes': migration.disk_processed,
        'disk_remaining_bytes': migration.disk_remaining,
        'disk_total_bytes': migration.disk_total,
        'id': migration.id,
        'memory_processed_bytes': migration.memory_processed,
        'memory_remaining_bytes': migration.memory_remaining,
        'memory_total_bytes': migration.memory_total,
        'server_uuid': migration.instance_uuid,
        'source_compute': None,
        'source_node': None,
        'status': migration.status,
        'updated_at': timestamp(migration.updated_at),
    }
    if mv.allows_migration_pages(req):
        body['uuid'] = migration.uuid
    if mv.shows_migration_owner(req):
        body['user_id'] = migration.user_id
        body['project_id'] = migration.project_id
    # The fields are always there; the policy decides whether they are filled (as Nova).
    if show_hosts:
        body.update(dest_compute=migration.dest_compute, dest_host=migration.dest_host,
                    dest_node=migration.dest_node, source_compute=migration.source_compute,
                    source_node=migration.source_node)
    return body


def index(req, migrations: Sequence[MigrationRecord], show_hosts: bool) -> dict:
    return {'migrations': [_migration(req, migration, show_hosts) for migration in migrations]}


def show(req, migration: MigrationRecord) -> dict:
    """Nova's show always fills the hosts: its rule is admin-only already."""
    return {'migration': _migration(req, migration, True)}
