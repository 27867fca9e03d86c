"""What projects are given: flavors (with extra specs and access), keypairs, quotas and quota classes."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db.models.base import Base
from nova_api.db.models.base import TimestampMixin


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
