"""Server media: the snapshots and backups in progress, and remote console tokens.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('snapshot_requests',
        sa.Column('instance_uuid', sa.String(36), nullable=False),
        sa.Column('image_id', sa.String(36), nullable=False),
        sa.Column('backup_type', sa.String(255), nullable=True),
        sa.Column('rotation', sa.Integer, nullable=True),
        sa.Column('created_at', sa.DateTime, nullable=True),
        sa.ForeignKeyConstraint(['instance_uuid'], ['instances.uuid'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('instance_uuid')
    )
    op.create_table('console_auth_tokens',
        sa.Column('id', sa.Integer, nullable=False),
        sa.Column('token_hash', sa.String(255), nullable=False),
        sa.Column('console_type', sa.String(255), nullable=False),
        sa.Column('host', sa.String(255), nullable=False),
        sa.Column('port', sa.Integer, nullable=False),
        sa.Column('tls_port', sa.Integer, nullable=True),
        sa.Column('internal_access_path', sa.String(255), nullable=True),
        sa.Column('instance_uuid', sa.String(36), nullable=False),
        sa.Column('access_url_base', sa.String(255), nullable=True),
        sa.Column('expires', sa.Integer, nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=True),
        sa.ForeignKeyConstraint(['instance_uuid'], ['instances.uuid'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('token_hash', name='uniq_console_auth_tokens0token_hash')
    )
    op.create_index('console_auth_tokens_expires_idx', 'console_auth_tokens', ['expires'],
                    unique=False)
    op.create_index(op.f('ix_console_auth_tokens_instance_uuid'), 'console_auth_tokens',
                    ['instance_uuid'], unique=False)


def downgrade() -> None:
    op.drop_table('console_auth_tokens')
    op.drop_table('snapshot_requests')
