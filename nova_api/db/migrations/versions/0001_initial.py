"""Flavors (seeded with devstack's defaults), keypairs and quotas.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

import datetime

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

#: devstack's flavors: (name, flavorid, memory_mb, root_gb, vcpus). Seeded
#: once, with the schema, so that a fresh service can boot servers at once
#: and a deleted default stays deleted.
DEFAULT_FLAVORS = (
    ('m1.tiny', '1', 512, 1, 1),
    ('m1.small', '2', 2048, 20, 1),
    ('m1.medium', '3', 4096, 40, 2),
    ('m1.large', '4', 8192, 80, 4),
    ('m1.xlarge', '5', 16384, 160, 8),
    ('cirros256', 'c1', 256, 1, 1),
    ('ds512M', 'd1', 512, 5, 1),
    ('ds1G', 'd2', 1024, 10, 1),
    ('ds2G', 'd3', 2048, 10, 2),
    ('ds4G', 'd4', 4096, 20, 4),
)


def _timestamps():
    return [sa.Column('created_at', sa.DateTime, nullable=True),
            sa.Column('updated_at', sa.DateTime, nullable=True)]


def upgrade() -> None:
    flavors = op.create_table(
        'flavors',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('flavorid', sa.String(255), nullable=False),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('memory_mb', sa.Integer, nullable=False),
        sa.Column('vcpus', sa.Integer, nullable=False),
        sa.Column('root_gb', sa.Integer, nullable=False),
        sa.Column('ephemeral_gb', sa.Integer, nullable=False),
        sa.Column('swap', sa.Integer, nullable=False),
        sa.Column('rxtx_factor', sa.Float, nullable=False),
        sa.Column('vcpu_weight', sa.Integer, nullable=True),
        sa.Column('disabled', sa.Boolean, nullable=False),
        sa.Column('is_public', sa.Boolean, nullable=False),
        sa.Column('description', sa.Text, nullable=True),
        *_timestamps(),
        sa.UniqueConstraint('flavorid', name='uniq_flavors0flavorid'),
        sa.UniqueConstraint('name', name='uniq_flavors0name'),
    )
    op.create_table(
        'flavor_extra_specs',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('flavor_id', sa.Integer, sa.ForeignKey('flavors.id', ondelete='CASCADE'),
                  nullable=False, index=True),
        sa.Column('key', sa.String(255), nullable=False),
        sa.Column('value', sa.String(255), nullable=True),
        *_timestamps(),
        sa.UniqueConstraint('flavor_id', 'key', name='uniq_flavor_extra_specs0flavor_id0key'),
    )
    op.create_table(
        'flavor_projects',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('flavor_id', sa.Integer, sa.ForeignKey('flavors.id', ondelete='CASCADE'),
                  nullable=False, index=True),
        sa.Column('project_id', sa.String(255), nullable=False),
        *_timestamps(),
        sa.UniqueConstraint('flavor_id', 'project_id',
                            name='uniq_flavor_projects0flavor_id0project_id'),
    )
    op.create_table(
        'key_pairs',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('user_id', sa.String(255), nullable=False, index=True),
        sa.Column('fingerprint', sa.String(255), nullable=False),
        sa.Column('public_key', sa.Text, nullable=False),
        sa.Column('type', sa.String(16), nullable=False),
        *_timestamps(),
        sa.UniqueConstraint('user_id', 'name', name='uniq_key_pairs0user_id0name'),
    )
    op.create_table(
        'quotas',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('project_id', sa.String(255), nullable=False, index=True),
        sa.Column('resource', sa.String(255), nullable=False),
        sa.Column('hard_limit', sa.Integer, nullable=False),
        *_timestamps(),
        sa.UniqueConstraint('project_id', 'resource', name='uniq_quotas0project_id0resource'),
    )
    op.create_table(
        'project_user_quotas',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('project_id', sa.String(255), nullable=False),
        sa.Column('user_id', sa.String(255), nullable=False),
        sa.Column('resource', sa.String(255), nullable=False),
        sa.Column('hard_limit', sa.Integer, nullable=False),
        *_timestamps(),
        sa.UniqueConstraint('user_id', 'project_id', 'resource',
                            name='uniq_project_user_quotas0user_id0project_id0resource'),
        sa.Index('project_user_quotas_user_id_idx', 'user_id'),
        sa.Index('project_user_quotas_project_id_idx', 'project_id'),
    )

    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    op.bulk_insert(flavors, [
        {'name': name, 'flavorid': flavorid, 'memory_mb': memory_mb, 'root_gb': root_gb,
         'vcpus': vcpus, 'ephemeral_gb': 0, 'swap': 0, 'rxtx_factor': 1.0, 'disabled': False,
         'is_public': True, 'created_at': now}
        for name, flavorid, memory_mb, root_gb, vcpus in DEFAULT_FLAVORS
    ])
