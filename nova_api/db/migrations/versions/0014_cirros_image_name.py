"""The seeded CirrOS image is named ``cirros``, so that ``--image cirros`` finds it.

``openstack server create --image cirros ...`` (issue 10) looks the image up
by name; the seed of 0002 named it ``cirros-0.6.3-x86_64-disk``. Only the
seeded record (its fixed id) is renamed, and only while it still carries
the seeded name: an operator who renamed it keeps their name. The image is
still CirrOS 0.6.3 (its properties are unchanged).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

CIRROS_ID = '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'
OLD_NAME = 'cirros-0.6.3-x86_64-disk'
NEW_NAME = 'cirros'

_images = sa.table('images', sa.column('id', sa.String), sa.column('name', sa.String))


def _rename(old: str, new: str) -> None:
    op.execute(_images.update()
               .where(_images.c.id == CIRROS_ID, _images.c.name == old)
               .values(name=new))


def upgrade() -> None:
    _rename(OLD_NAME, NEW_NAME)


def downgrade() -> None:
    _rename(NEW_NAME, OLD_NAME)
