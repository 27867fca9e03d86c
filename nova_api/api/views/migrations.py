"""Bodies of ``GET /os-migrations``, per microversion: Nova's fields of each move, links, pages."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from nova_api.api import links
from nova_api.api import microversion as mv
from nova_api.api import pagination

# nova_api.objects.migrations.Migration, as the compute layer hands it over.
MigrationRecord = Any

COLLECTION = 'os-migrations'
#: The statuses in which a live migration is in progress: those get links (2.23).
LIVE_IN_PROGRESS = frozenset(('queued', 'preparing', 'running', 'post-migrating'))
_HOST_FIELDS = ('dest_compute', 'dest_host', 'dest_node', 'source_compute', 'source_node')


def timestamp(moment: datetime.datetime | None) -> str | None:
    """Nova's primitive of a migration's time: ``2016-01-29T11:42:02.000000``."""
    return None if moment is None else moment.strftime('%Y-%m-%dT%H:%M:%S.%f')


def _migration(req, migration: MigrationRecord, show_hosts: bool) -> dict:
    body: dict[str, Any] = {
        'created_at': timestamp(migration.created_at),
        'dest_compute': migration.dest_compute,
        'dest_host': migration.dest_host,
        'dest_node': migration.dest_node,
        'id': migration.id,
        'instance_uuid': migration.instance_uuid,
        'new_instance_type_id': migration.new_instance_type_id,
        'old_instance_type_id': migration.old_instance_type_id,
        'source_compute': migration.source_compute,
        'source_node': migration.source_node,
        'status': migration.status,
        'updated_at': timestamp(migration.updated_at),
    }
    if not show_hosts:
        body.update(dict.fromkeys(_HOST_FIELDS))
    if mv.shows_migration_type_and_links(req):
        body['migration_type'] = migration.migration_type
        if migration.migration_type == 'live-migration' and migration.status in LIVE_IN_PROGRESS:
            body['links'] = links.resource_links(
                req, 'servers/%s/migrations' % migration.instance_uuid, str(migration.id))
    if mv.allows_migration_pages(req):
        body['uuid'] = migration.uuid
    if mv.shows_migration_owner(req):
        body['user_id'] = migration.user_id
        body['project_id'] = migration.project_id
    return body


def index(req, migrations: Sequence[MigrationRecord], show_hosts: bool,
          limit: int | None = None) -> dict:
    """``{"migrations": [...]}``; from 2.59 a ``migrations_links`` next link after a full page."""
    body: dict[str, Any] = {'migrations': [_migration(req, migration, show_hosts)
                                           for migration in migrations]}
    if mv.allows_migration_pages(req):
        next_links = pagination.next_links(req, COLLECTION, migrations, limit,
                                           lambda migration: migration.uuid)
        if next_links:
            body['migrations_links'] = next_links
    return body
