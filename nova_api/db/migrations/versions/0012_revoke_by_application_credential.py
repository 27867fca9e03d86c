"""Revocation events that match the tokens made from one application credential.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('identity_revocation_events') as table:
        table.add_column(sa.Column('application_credential_id', sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('identity_revocation_events') as table:
        table.drop_column('application_credential_id')
