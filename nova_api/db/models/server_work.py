"""The work around servers: snapshots in progress, console tokens, migrations, server groups."""

from __future__ import annotations

import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db.models.base import Base
from nova_api.db.models.base import TimestampMixin
from nova_api.db.models.base import instance_uuid_column
from nova_api.db.models.base import utcnow


class SnapshotRequest(Base):
    """The image a snapshot or backup of a server is filling, while its task runs.

    What Nova passes to the compute host over RPC (the image id, and a
    backup's type and rotation); one per server at a time, since the task
    state lets one image operation run at once. Gone when the task ends.
    """

    __tablename__ = 'snapshot_requests'

    instance_uuid: orm.Mapped[str] = orm.mapped_column(
        sa.String(36), sa.ForeignKey('instances.uuid', ondelete='CASCADE'), primary_key=True)
    image_id: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    backup_type: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    rotation: orm.Mapped[int | None] = orm.mapped_column()
    created_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime, default=utcnow)


class ConsoleAuthToken(Base):
    """A remote console's authorization, Nova's ``console_auth_tokens``: only the token's hash is kept.

    ``expires`` is a UNIX time, as in Nova; expired rows are swept as new ones are written.
    """

    __tablename__ = 'console_auth_tokens'
    __table_args__ = (
        sa.UniqueConstraint('token_hash', name='uniq_console_auth_tokens0token_hash'),
        sa.Index('console_auth_tokens_expires_idx', 'expires'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    token_hash: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    console_type: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    host: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    port: orm.Mapped[int] = orm.mapped_column()
    tls_port: orm.Mapped[int | None] = orm.mapped_column()
    internal_access_path: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    instance_uuid: orm.Mapped[str] = instance_uuid_column(index=True)
    access_url_base: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    expires: orm.Mapped[int] = orm.mapped_column()
    created_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime, default=utcnow)


class Migration(TimestampMixin, Base):
    """A move of a server (resize, cold or live migration, evacuation): Nova's ``migrations`` table.

    ``old_instance_type_id``/``new_instance_type_id`` are the flavors'
    internal ids, as Nova shows them; ``old_flavor``/``new_flavor`` (JSON,
    the server's snapshots) are what Nova keeps in ``instance_extra``, here
    with the move that swaps them, so that a revert puts the old one back.
    """

    __tablename__ = 'migrations'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_migrations0uuid'),
        sa.Index('migrations_instance_uuid_and_status_idx', 'deleted', 'instance_uuid', 'status'),
        sa.Index('migrations_by_host_nodes_and_status_idx', 'deleted', 'source_compute',
                 'dest_compute', 'source_node', 'dest_node', 'status'),
        sa.Index('migrations_updated_at_idx', 'updated_at'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    uuid: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    source_compute: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    dest_compute: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    source_node: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    dest_node: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    dest_host: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    old_instance_type_id: orm.Mapped[int | None] = orm.mapped_column()
    new_instance_type_id: orm.Mapped[int | None] = orm.mapped_column()
    old_flavor: orm.Mapped[str | None] = orm.mapped_column(sa.Text)  # JSON snapshot
    new_flavor: orm.Mapped[str | None] = orm.mapped_column(sa.Text)  # JSON snapshot
    instance_uuid: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    status: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    migration_type: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    hidden: orm.Mapped[bool] = orm.mapped_column(default=False)
    memory_total: orm.Mapped[int | None] = orm.mapped_column(sa.BigInteger)
    memory_processed: orm.Mapped[int | None] = orm.mapped_column(sa.BigInteger)
    memory_remaining: orm.Mapped[int | None] = orm.mapped_column(sa.BigInteger)
    disk_total: orm.Mapped[int | None] = orm.mapped_column(sa.BigInteger)
    disk_processed: orm.Mapped[int | None] = orm.mapped_column(sa.BigInteger)
    disk_remaining: orm.Mapped[int | None] = orm.mapped_column(sa.BigInteger)
    user_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    project_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    deleted_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime)
    deleted: orm.Mapped[bool] = orm.mapped_column(default=False)


class InstanceGroup(TimestampMixin, Base):
    """A server group (``os-server-groups``); ``uuid`` is its public id.

    Nova keeps the policy in a table of its own (``instance_group_policy``),
    one row per group since 2.64 made the policy single; here it is two
    columns of the group: ``policy`` and ``rules`` (JSON, ``{}`` when none).
    """

    __tablename__ = 'instance_groups'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_instance_groups0uuid'),
        sa.Index('instance_groups_project_id_idx', 'project_id'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    uuid: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    name: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    project_id: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    user_id: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    policy: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    rules: orm.Mapped[str | None] = orm.mapped_column(sa.Text)


class InstanceGroupMember(TimestampMixin, Base):
    """A server in a group: written at boot, removed when the server or the group is deleted."""

    __tablename__ = 'instance_group_member'
    __table_args__ = (
        sa.UniqueConstraint('group_id', 'instance_uuid',
                            name='uniq_instance_group_member0group_id0instance_uuid'),
        sa.Index('instance_group_member_instance_idx', 'instance_uuid'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    group_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey('instance_groups.id', ondelete='CASCADE'))
    instance_uuid: orm.Mapped[str] = orm.mapped_column(sa.String(36))
