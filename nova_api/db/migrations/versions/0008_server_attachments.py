"""A server's interfaces and volume attachments: each address is a port, each volume an attachment.

``fixed_ips.port_id`` groups a server's addresses into ports (one address
each today: a port's MAC is the address's), which ``os-interface`` lists,
attaches and detaches; ``fixed_ips.tag`` is the port's device tag (2.49).
``block_device_mapping.attachment_id`` is the volume attachment's id
(Cinder's, simulated), shown from 2.89. Existing rows get their ids here.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('fixed_ips', sa.Column('port_id', sa.String(36), nullable=True))
    op.add_column('fixed_ips', sa.Column('tag', sa.String(255), nullable=True))
    op.create_index('fixed_ips_port_id_idx', 'fixed_ips', ['port_id'], unique=False)
    op.add_column('block_device_mapping',
                  sa.Column('attachment_id', sa.String(36), nullable=True))
    bind = op.get_bind()
    fixed_ips = sa.table('fixed_ips', sa.column('id', sa.Integer),
                         sa.column('port_id', sa.String))
    for (row_id,) in bind.execute(sa.select(fixed_ips.c.id)).all():
        bind.execute(sa.update(fixed_ips).where(fixed_ips.c.id == row_id)
                     .values(port_id=str(uuid.uuid4())))
    bdms = sa.table('block_device_mapping', sa.column('id', sa.Integer),
                    sa.column('attachment_id', sa.String), sa.column('destination_type', sa.String),
                    sa.column('volume_id', sa.String))
    for (row_id,) in bind.execute(sa.select(bdms.c.id).where(
            bdms.c.destination_type == 'volume', bdms.c.volume_id.is_not(None))).all():
        bind.execute(sa.update(bdms).where(bdms.c.id == row_id)
                     .values(attachment_id=str(uuid.uuid4())))


def downgrade() -> None:
    op.drop_column('block_device_mapping', 'attachment_id')
    op.drop_index('fixed_ips_port_id_idx', table_name='fixed_ips')
    op.drop_column('fixed_ips', 'tag')
    op.drop_column('fixed_ips', 'port_id')
