"""A server's system metadata (``os-server-password`` keeps its encrypted password there).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('instance_system_metadata',
        sa.Column('id', sa.Integer, nullable=False),
        sa.Column('instance_uuid', sa.String(36), nullable=False),
        sa.Column('key', sa.String(255), nullable=False),
        sa.Column('value', sa.String(255), nullable=True),
        sa.ForeignKeyConstraint(['instance_uuid'], ['instances.uuid'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('instance_uuid', 'key',
                            name='uniq_instance_system_metadata0instance_uuid0key')
    )
    op.create_index(op.f('ix_instance_system_metadata_instance_uuid'),
                    'instance_system_metadata', ['instance_uuid'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_instance_system_metadata_instance_uuid'),
                  table_name='instance_system_metadata')
    op.drop_table('instance_system_metadata')
