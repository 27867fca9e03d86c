"""The tables, as SQLAlchemy models. Alembic migrations (``migrations/``) create them.

Names follow Nova's API database, so that someone who knows Nova's schema
finds their way: ``flavors.flavorid`` is the public id, ``flavors.id`` the
internal key. A change here needs a migration; a test compares the two.
"""

from __future__ import annotations

import datetime

import sqlalchemy as sa
from sqlalchemy import orm


def _utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class Base(orm.DeclarativeBase):
    pass


class TimestampMixin:
    created_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime, default=_utcnow)
    updated_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(
        sa.DateTime, onupdate=_utcnow)


class Flavor(TimestampMixin, Base):
    __tablename__ = 'flavors'
    __table_args__ = (
        sa.UniqueConstraint('flavorid', name='uniq_flavors0flavorid'),
        sa.UniqueConstraint('name', name='uniq_flavors0name'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    flavorid: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    memory_mb: orm.Mapped[int] = orm.mapped_column()
    vcpus: orm.Mapped[int] = orm.mapped_column()
    root_gb: orm.Mapped[int] = orm.mapped_column(default=0)
    ephemeral_gb: orm.Mapped[int] = orm.mapped_column(default=0)
    swap: orm.Mapped[int] = orm.mapped_column(default=0)
    rxtx_factor: orm.Mapped[float] = orm.mapped_column(sa.Float, default=1.0)
    vcpu_weight: orm.Mapped[int | None] = orm.mapped_column()
    disabled: orm.Mapped[bool] = orm.mapped_column(default=False)
    is_public: orm.Mapped[bool] = orm.mapped_column(default=True)
    description: orm.Mapped[str | None] = orm.mapped_column(sa.Text)

    extra_specs: orm.Mapped[list[FlavorExtraSpec]] = orm.relationship(
        back_populates='flavor', cascade='all, delete-orphan', lazy='selectin')
    projects: orm.Mapped[list[FlavorProject]] = orm.relationship(
        back_populates='flavor', cascade='all, delete-orphan', lazy='selectin')


class FlavorExtraSpec(TimestampMixin, Base):
    __tablename__ = 'flavor_extra_specs'
    __table_args__ = (
        sa.UniqueConstraint('flavor_id', 'key', name='uniq_flavor_extra_specs0flavor_id0key'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    flavor_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey('flavors.id', ondelete='CASCADE'), index=True)
    key: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    value: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))

    flavor: orm.Mapped[Flavor] = orm.relationship(back_populates='extra_specs')


class FlavorProject(TimestampMixin, Base):
    """A project that may use a private flavor (flavor access)."""

    __tablename__ = 'flavor_projects'
    __table_args__ = (
        sa.UniqueConstraint('flavor_id', 'project_id', name='uniq_flavor_projects0flavor_id0project_id'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    flavor_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey('flavors.id', ondelete='CASCADE'), index=True)
    project_id: orm.Mapped[str] = orm.mapped_column(sa.String(255))

    flavor: orm.Mapped[Flavor] = orm.relationship(back_populates='projects')


class KeyPair(TimestampMixin, Base):
    __tablename__ = 'key_pairs'
    __table_args__ = (
        sa.UniqueConstraint('user_id', 'name', name='uniq_key_pairs0user_id0name'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    user_id: orm.Mapped[str] = orm.mapped_column(sa.String(255), index=True)
    fingerprint: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    public_key: orm.Mapped[str] = orm.mapped_column(sa.Text)
    type: orm.Mapped[str] = orm.mapped_column(sa.String(16), default='ssh')


class Quota(TimestampMixin, Base):
    """A project's limit for one resource, overriding the configured default."""

    __tablename__ = 'quotas'
    __table_args__ = (
        sa.UniqueConstraint('project_id', 'resource', name='uniq_quotas0project_id0resource'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    project_id: orm.Mapped[str] = orm.mapped_column(sa.String(255), index=True)
    resource: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    hard_limit: orm.Mapped[int] = orm.mapped_column()


class ProjectUserQuota(TimestampMixin, Base):
    """A limit for one user of a project, within the project's limit."""

    __tablename__ = 'project_user_quotas'
    __table_args__ = (
        sa.UniqueConstraint('user_id', 'project_id', 'resource',
                            name='uniq_project_user_quotas0user_id0project_id0resource'),
        sa.Index('project_user_quotas_user_id_idx', 'user_id'),
        sa.Index('project_user_quotas_project_id_idx', 'project_id'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    project_id: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    user_id: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    resource: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    hard_limit: orm.Mapped[int] = orm.mapped_column()


# -- servers -----------------------------------------------------------------------

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
        sa.DateTime, default=_utcnow, nullable=False)


def _instance_uuid(**kwargs) -> orm.Mapped[str]:
    return orm.mapped_column(sa.String(36), sa.ForeignKey('instances.uuid', ondelete='CASCADE'),
                             **kwargs)


class InstanceMetadata(Base):
    """A server's metadata, key by key (``/servers/{id}/metadata``)."""

    __tablename__ = 'instance_metadata'
    __table_args__ = (
        sa.UniqueConstraint('instance_uuid', 'key', name='uniq_instance_metadata0instance_uuid0key'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    instance_uuid: orm.Mapped[str] = _instance_uuid(index=True)
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
    instance_uuid: orm.Mapped[str] = _instance_uuid(index=True)
    code: orm.Mapped[int] = orm.mapped_column()
    message: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    details: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    host: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    created_at: orm.Mapped[datetime.datetime] = orm.mapped_column(sa.DateTime, default=_utcnow)


class BlockDeviceMapping(TimestampMixin, Base):
    """One block device of a server, as ``block_device_mapping_v2`` asked for it."""

    __tablename__ = 'block_device_mapping'

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    uuid: orm.Mapped[str] = orm.mapped_column(sa.String(36), unique=True)
    instance_uuid: orm.Mapped[str] = _instance_uuid(index=True)
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
    instance_uuid: orm.Mapped[str] = _instance_uuid(index=True)
    network_id: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    network_name: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    address: orm.Mapped[str] = orm.mapped_column(sa.String(39))
    host_index: orm.Mapped[int] = orm.mapped_column()  # the address's offset in its network
    version: orm.Mapped[int] = orm.mapped_column(default=4)
    mac_address: orm.Mapped[str] = orm.mapped_column(sa.String(17))
    created_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime, default=_utcnow)
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
    created_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime, default=_utcnow)


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


# -- images ------------------------------------------------------------------------

class Image(Base):
    """An image of the catalogue, with Glance's fields (the Image API and Nova's image proxy)."""

    __tablename__ = 'images'
    __table_args__ = (sa.Index('images_name_idx', 'name'),)

    id: orm.Mapped[str] = orm.mapped_column(sa.String(36), primary_key=True)
    name: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    status: orm.Mapped[str] = orm.mapped_column(sa.String(30))
    visibility: orm.Mapped[str] = orm.mapped_column(sa.String(20), default='shared')
    disk_format: orm.Mapped[str | None] = orm.mapped_column(sa.String(20))
    container_format: orm.Mapped[str | None] = orm.mapped_column(sa.String(20))
    size: orm.Mapped[int | None] = orm.mapped_column(sa.BigInteger)
    virtual_size: orm.Mapped[int | None] = orm.mapped_column(sa.BigInteger)
    min_disk: orm.Mapped[int] = orm.mapped_column(default=0)
    min_ram: orm.Mapped[int] = orm.mapped_column(default=0)
    checksum: orm.Mapped[str | None] = orm.mapped_column(sa.String(32))
    os_hash_algo: orm.Mapped[str | None] = orm.mapped_column(sa.String(64))
    os_hash_value: orm.Mapped[str | None] = orm.mapped_column(sa.String(128))
    owner: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    protected: orm.Mapped[bool] = orm.mapped_column(default=False)
    os_hidden: orm.Mapped[bool] = orm.mapped_column(default=False)
    created_at: orm.Mapped[datetime.datetime] = orm.mapped_column(sa.DateTime, default=_utcnow)
    updated_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime, onupdate=_utcnow)
    deleted_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime)
    deleted: orm.Mapped[bool] = orm.mapped_column(default=False)


class ImageProperty(Base):
    """An image's additional property (``os_distro``, ``hw_architecture``...)."""

    __tablename__ = 'image_properties'
    __table_args__ = (
        sa.UniqueConstraint('image_id', 'name', name='uniq_image_properties0image_id0name'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    image_id: orm.Mapped[str] = orm.mapped_column(
        sa.String(36), sa.ForeignKey('images.id', ondelete='CASCADE'), index=True)
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    value: orm.Mapped[str | None] = orm.mapped_column(sa.Text)


class ImageTag(Base):
    """An image's tag."""

    __tablename__ = 'image_tags'

    image_id: orm.Mapped[str] = orm.mapped_column(
        sa.String(36), sa.ForeignKey('images.id', ondelete='CASCADE'), primary_key=True)
    value: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)


# -- server media: snapshots and backups in progress, console tokens -----------------------

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
    created_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime, default=_utcnow)


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
    instance_uuid: orm.Mapped[str] = _instance_uuid(index=True)
    access_url_base: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    expires: orm.Mapped[int] = orm.mapped_column()
    created_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime, default=_utcnow)
# -- migrations (server moves) ------------------------------------------------------

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


# -- server groups ---------------------------------------------------------------------

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


# -- host admin: services, aggregates, quota classes -------------------------------

class Service(TimestampMixin, Base):
    """A service on a host: ``nova-compute`` per simulated compute host, the control services.

    Seeded from the configuration (``[DEFAULT] compute_hosts``, ``host``) the
    first time a host is seen; an administrator's changes (disabled,
    forced down, deleted) then stay. ``node_uuid`` is the id of the compute
    node (hypervisor) of a ``nova-compute`` service.
    """

    __tablename__ = 'services'
    __table_args__ = (
        sa.UniqueConstraint('host', 'binary', name='uniq_services0host0binary'),
        sa.UniqueConstraint('uuid', name='uniq_services0uuid'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    uuid: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    host: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    binary: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    topic: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    disabled: orm.Mapped[bool] = orm.mapped_column(default=False)
    disabled_reason: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    forced_down: orm.Mapped[bool] = orm.mapped_column(default=False)
    node_uuid: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))
    deleted: orm.Mapped[bool] = orm.mapped_column(default=False)
    deleted_at: orm.Mapped[datetime.datetime | None] = orm.mapped_column(sa.DateTime)


class Aggregate(TimestampMixin, Base):
    """A host aggregate; its ``availability_zone`` metadata sets its hosts' zone."""

    __tablename__ = 'aggregates'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_aggregates0uuid'),
        sa.UniqueConstraint('name', name='uniq_aggregates0name'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    uuid: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255))


class AggregateHost(TimestampMixin, Base):
    """A host's membership of an aggregate."""

    __tablename__ = 'aggregate_hosts'
    __table_args__ = (
        sa.UniqueConstraint('host', 'aggregate_id', name='uniq_aggregate_hosts0host0aggregate_id'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    host: orm.Mapped[str] = orm.mapped_column(sa.String(255), index=True)
    aggregate_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey('aggregates.id', ondelete='CASCADE'), index=True)


class AggregateMetadata(TimestampMixin, Base):
    """One key of an aggregate's metadata."""

    __tablename__ = 'aggregate_metadata'
    __table_args__ = (
        sa.UniqueConstraint('aggregate_id', 'key', name='uniq_aggregate_metadata0aggregate_id0key'),
        sa.Index('aggregate_metadata_key_idx', 'key'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    aggregate_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey('aggregates.id', ondelete='CASCADE'))
    key: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    value: orm.Mapped[str] = orm.mapped_column(sa.String(255))


class QuotaClass(TimestampMixin, Base):
    """A quota class's limit for one resource; the ``default`` class overrides ``[quota]``."""

    __tablename__ = 'quota_classes'
    __table_args__ = (
        sa.UniqueConstraint('class_name', 'resource', name='uniq_quota_classes0class_name0resource'),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    class_name: orm.Mapped[str] = orm.mapped_column(sa.String(255), index=True)
    resource: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    hard_limit: orm.Mapped[int] = orm.mapped_column()


# -- server sub-resources ------------------------------------------------------------

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
    instance_uuid: orm.Mapped[str] = _instance_uuid(index=True)
    key: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    value: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
