"""Server moves: Nova's migrations table (resize, cold and live migration, evacuation).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('migrations',
        sa.Column('id', sa.Integer, nullable=False),
        sa.Column('uuid', sa.String(36), nullable=False),
        sa.Column('source_compute', sa.String(255), nullable=True),
        sa.Column('dest_compute', sa.String(255), nullable=True),
        sa.Column('source_node', sa.String(255), nullable=True),
        sa.Column('dest_node', sa.String(255), nullable=True),
        sa.Column('dest_host', sa.String(255), nullable=True),
        sa.Column('old_instance_type_id', sa.Integer, nullable=True),
        sa.Column('new_instance_type_id', sa.Integer, nullable=True),
        sa.Column('old_flavor', sa.Text, nullable=True),
        sa.Column('new_flavor', sa.Text, nullable=True),
        sa.Column('instance_uuid', sa.String(36), nullable=False),
        sa.Column('status', sa.String(255), nullable=False),
        sa.Column('migration_type', sa.String(255), nullable=False),
        sa.Column('hidden', sa.Boolean, nullable=False),
        sa.Column('memory_total', sa.BigInteger, nullable=True),
        sa.Column('memory_processed', sa.BigInteger, nullable=True),
        sa.Column('memory_remaining', sa.BigInteger, nullable=True),
        sa.Column('disk_total', sa.BigInteger, nullable=True),
        sa.Column('disk_processed', sa.BigInteger, nullable=True),
        sa.Column('disk_remaining', sa.BigInteger, nullable=True),
        sa.Column('user_id', sa.String(255), nullable=True),
        sa.Column('project_id', sa.String(255), nullable=True),
        sa.Column('created_at', sa.DateTime, nullable=True),
        sa.Column('updated_at', sa.DateTime, nullable=True),
        sa.Column('deleted_at', sa.DateTime, nullable=True),
        sa.Column('deleted', sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid', name='uniq_migrations0uuid'),
    )
    op.create_index('migrations_instance_uuid_and_status_idx', 'migrations',
                    ['deleted', 'instance_uuid', 'status'], unique=False)
    op.create_index('migrations_by_host_nodes_and_status_idx', 'migrations',
                    ['deleted', 'source_compute', 'dest_compute', 'source_node', 'dest_node',
                     'status'], unique=False)
    op.create_index('migrations_updated_at_idx', 'migrations', ['updated_at'], unique=False)


def downgrade() -> None:
    op.drop_table('migrations')
