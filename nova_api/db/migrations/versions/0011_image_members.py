"""Image members: the projects a ``shared`` image is shared with, and whether they accepted.

Revision ID: 0011
Revises: 0008
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'image_members',
        sa.Column('id', sa.Integer, nullable=False),
        sa.Column('image_id', sa.String(36), nullable=False),
        sa.Column('member', sa.String(255), nullable=False),
        sa.Column('status', sa.String(20), nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=False),
        sa.Column('updated_at', sa.DateTime, nullable=False),
        sa.ForeignKeyConstraint(['image_id'], ['images.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('image_id', 'member', name='uniq_image_members0image_id0member'),
    )
    op.create_index(op.f('ix_image_members_image_id'), 'image_members', ['image_id'], unique=False)
    op.create_index('image_members_member_idx', 'image_members', ['member'], unique=False)


def downgrade() -> None:
    op.drop_index('image_members_member_idx', table_name='image_members')
    op.drop_index(op.f('ix_image_members_image_id'), table_name='image_members')
    op.drop_table('image_members')
