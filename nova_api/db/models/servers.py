"""Servers and what they are made of: metadata, tags, faults, block devices, addresses, system
metadata; the task queue behind them, and their instance actions with events."""

from __future__ import annotations

import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db.models.base import Base
from nova_api.db.models.base import TimestampMixin
from nova_api.db.models.base import instance_uuid_column
from nova_api.db.models.base import utcnow


class Instance(TimestampMixin, Base):
    """A server. Rows are kept after deletion (``deleted``), as Nova keeps them until archived.

    The flavor is copied in at boot (``flavor``, JSON, and the four counted
    columns), so that a server shows what it was built with after its
    flavor changes or is deleted. ``requested_networks``, ``scheduler_hints``
    and ``pinned_availability_zone`` are what Nova keeps in the request spec.
    """

    __tablename__ = 'instances'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_instances0uuid'),
        sa.Index('instances_project_id_deleted_created_at_idx', 'project_id', 'deleted', 'created_at',
                 'id'),
        sa.Index('instances_created_at_idx', 'created_at'),
        sa.Index('instances_updated_at_idx', 'updated_at'),
        sa.Index('instances_reservation_id_idx', 'reservation_id'),
        sa.Index('instances_host_idx', 'host'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    uuid: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    project_id: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    user_id: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    display_name: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    display_description: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    hostname: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    reservation_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    launch_index: orm.Mapped[int | None] = orm.mapped_column()
    image_ref: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    image_properties: orm.Mapped[str | None] = orm.mapped_column(sa.Text)  # JSON, at boot
    flavor_id: orm.Mapped[str] = orm.mapped_column(sa.String(255))  # the flavor's public id
    flavor: orm.Mapped[str] = orm.mapped_column(sa.Text)  # JSON snapshot
    vcpus: orm.Mapped[int] = orm.mapped_column()
    memory_mb: orm.Mapped[int] = orm.mapped_column()
    root_gb: orm.Mapped[int] = orm.mapped_column()
    ephemeral_gb: orm.Mapped[int] = orm.mapped_column()
    vm_state: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    task_state: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    power_state: orm.Mapped[int] = orm.mapped_column(default=0)
    host: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    node: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    availability_zone: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    pinned_availability_zone: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    scheduler_hints: orm.Mapped[str | None] = orm.mapped_column(sa.Text)  # JSON
    requested_networks: orm.Mapped[str | None] = orm.mapped_column(sa.Text)  # JSON
    requested_host: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    requested_node: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    key_name: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    key_data: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    user_data: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    config_drive: orm.Mapped[str] = orm.mapped_column(sa.String(255), default='')
    access_ip_v4: orm.Mapped[str | None] = orm.mapped_column(sa.String(39))
    access_ip_v6: orm.Mapped[str | None] = orm.mapped_column(sa.String(39))
    auto_disk_config: orm.Mapped[bool] = orm.mapped_column(default=False)
    progress: orm.Mapped[int] = orm.mapped_column(default=0)
    locked_by: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    locked_reason: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    security_groups: orm.Mapped[str] = orm.mapped_column(sa.Text, default='[]')  # JSON names
    trusted_certs: orm.Mapped[str | None] = orm.mapped_column(sa.Text)  # JSON ids
    root_device_name: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    kernel_id: orm.Mapped[str] = orm.mapped_column(sa.String(255), default='')
    ramdisk_id: orm.Mapped[str] = orm.mapped_column(sa.String(255), default='')
    launched_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime)
    terminated_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime)
    deleted_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime)
    deleted: orm.Mapped[bool] = orm.mapped_column(default=False)
    # Never NULL: the list is sorted on it, and PostgreSQL reads the order from the index
    # only for a column that needs no NULLS FIRST/LAST.
    created_at: orm.Mapped[datetime.datetime] = orm.mapped_column(  # type: ignore[assignment]
        sa.DateTime, default=utcnow, nullable=False)


class InstanceMetadata(Base):
    """A server's metadata, key by key (``/servers/{id}/metadata``)."""

    __tablename__ = 'instance_metadata'
    __table_args__ = (
        sa.UniqueConstraint('instance_uuid', 'key', name='uniq_instance_metadata0instance_uuid0key'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    instance_uuid: orm.Mapped[str] = instance_uuid_column(index=True)
    key: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    value: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))


class Tag(Base):
    """A server's tag (2.26), Nova's ``tags`` table."""

    __tablename__ = 'tags'
    __table_args__ = (sa.Index('tags_tag_idx', 'tag'),)

    resource_id: orm.Mapped[str] = orm.mapped_column(
        sa.String(36), sa.ForeignKey('instances.uuid', ondelete='CASCADE'), primary_key=True)
    tag: orm.Mapped[str] = orm.mapped_column(sa.String(80), primary_key=True)


class InstanceFault(Base):
    """What went wrong with a server; the newest one is shown while it is in ERROR."""

    __tablename__ = 'instance_faults'

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    instance_uuid: orm.Mapped[str] = instance_uuid_column(index=True)
    code: orm.Mapped[int] = orm.mapped_column()
    message: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    details: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    host: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    created_at: orm.Mapped[datetime.datetime] = orm.mapped_column(sa.DateTime, default=utcnow)


class BlockDeviceMapping(TimestampMixin, Base):
    """One block device of a server, as ``block_device_mapping_v2`` asked for it."""

    __tablename__ = 'block_device_mapping'

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    uuid: orm.Mapped[str] = orm.mapped_column(sa.String(36), unique=True)
    instance_uuid: orm.Mapped[str] = instance_uuid_column(index=True)
    source_type: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    destination_type: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    device_type: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    disk_bus: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    device_name: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    boot_index: orm.Mapped[int | None] = orm.mapped_column()
    guest_format: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    image_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))
    snapshot_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))
    volume_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))
    volume_size: orm.Mapped[int | None] = orm.mapped_column()
    volume_type: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    delete_on_termination: orm.Mapped[bool] = orm.mapped_column(default=False)
    no_device: orm.Mapped[bool] = orm.mapped_column(default=False)
    tag: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    # The volume attachment's id (Cinder's, simulated): shown from 2.89.
    attachment_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))


class FixedIP(Base):
    """An address of a live server on a network: unique per network, freed when the server goes."""

    __tablename__ = 'fixed_ips'
    __table_args__ = (
        sa.UniqueConstraint('network_id', 'address', name='uniq_fixed_ips0network_id0address'),
        sa.Index('fixed_ips_network_id_host_index_idx', 'network_id', 'host_index'),
        sa.Index('fixed_ips_port_id_idx', 'port_id'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    instance_uuid: orm.Mapped[str] = instance_uuid_column(index=True)
    network_id: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    network_name: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    address: orm.Mapped[str] = orm.mapped_column(sa.String(39))
    host_index: orm.Mapped[int] = orm.mapped_column()  # the address's offset in its network
    version: orm.Mapped[int] = orm.mapped_column(default=4)
    mac_address: orm.Mapped[str] = orm.mapped_column(sa.String(17))
    created_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime, default=utcnow)
    # The port (os-interface) the address is on, and its device tag (2.49): the
    # addresses of one port share its id and MAC.
    port_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))
    tag: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))


class Task(Base):
    """Work a server operation left for the task runner: one step of it, due at ``due_at``.

    A runner claims due tasks by setting ``lease_owner`` and
    ``lease_expires_at`` in one atomic update; it completes a step only
    while its lease still holds, so work is never done twice to completion,
    and a lease that expires (its worker died) is claimed again.
    """

    __tablename__ = 'tasks'
    __table_args__ = (sa.Index('tasks_due_at_idx', 'due_at'),)

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    instance_uuid: orm.Mapped[str] = orm.mapped_column(sa.String(36), index=True)
    operation: orm.Mapped[str] = orm.mapped_column(sa.String(64))
    step: orm.Mapped[int] = orm.mapped_column(default=0)
    due_at: orm.Mapped[datetime.datetime] = orm.mapped_column(sa.DateTime)
    lease_owner: orm.Mapped[str | None] = orm.mapped_column(sa.String(64))
    lease_expires_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime)
    attempts: orm.Mapped[int] = orm.mapped_column(default=0)
    action_id: orm.Mapped[int | None] = orm.mapped_column()  # the instance action it serves
    created_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime, default=utcnow)


class InstanceAction(TimestampMixin, Base):
    """A user's request on a server (create, reboot, stop...), as ``os-instance-actions`` lists it."""

    __tablename__ = 'instance_actions'
    __table_args__ = (
        sa.Index('instance_actions_instance_uuid_request_id_idx', 'instance_uuid', 'request_id'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    action: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    instance_uuid: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    request_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    user_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    project_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    start_time: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime)
    finish_time: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime)
    message: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))


class InstanceActionEvent(TimestampMixin, Base):
    """One step the compute side took for an action, with its result."""

    __tablename__ = 'instance_actions_events'

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    action_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey('instance_actions.id', ondelete='CASCADE'), index=True)
    event: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    start_time: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime)
    finish_time: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime)
    result: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    traceback: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    host: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    details: orm.Mapped[str | None] = orm.mapped_column(sa.Text)


class InstanceSystemMetadata(Base):
    """What Nova keeps about a server for itself, key by key; the API never lists it.

    ``os-server-password`` keeps the encrypted password here, in Nova's
    four chunks (``password_0`` .. ``password_3``, 255 characters each).
    """

    __tablename__ = 'instance_system_metadata'
    __table_args__ = (
        sa.UniqueConstraint('instance_uuid', 'key',
                            name='uniq_instance_system_metadata0instance_uuid0key'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    instance_uuid: orm.Mapped[str] = instance_uuid_column(index=True)
    key: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    value: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
