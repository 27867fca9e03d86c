"""Prepared reads on each backend: values in and out as SQLAlchemy converts them, lists expanded."""

from __future__ import annotations

import datetime

import sqlalchemy as sa

from nova_api.db import models
from nova_api.db import prepared

_flavors = models.Flavor.__table__.c

BY_IDS = prepared.Prepared(
    sa.select(_flavors.flavorid, _flavors.is_public, _flavors.created_at, _flavors.memory_mb)
    .where(_flavors.flavorid.in_(sa.bindparam('ids', expanding=True)),
           _flavors.disabled.is_(False), _flavors.memory_mb >= sa.bindparam('ram'))
    .order_by(_flavors.flavorid))
PUBLIC_TINY = prepared.Prepared(sa.select(_flavors.name).where(_flavors.flavorid == '1'))


def test_values_come_back_converted_and_lists_expand(database):
    rows = database.read_prepared(lambda read: read(BY_IDS, ids=['1', '2', 'c1', 'nope'], ram=500))

    assert [(row[0], row[1], row[3]) for row in rows] == [('1', True, 512), ('2', True, 2048)]
    assert all(isinstance(row[2], datetime.datetime) for row in rows)


def test_an_empty_list_matches_nothing_and_literals_need_no_parameter(database):
    def work(read):
        assert read(BY_IDS, ids=[], ram=0) == []
        assert [tuple(row) for row in read(PUBLIC_TINY)] == [('m1.tiny',)]
    database.read_prepared(work)


def test_reads_inside_a_session_see_its_writes(database):
    def work(session):
        session.execute(sa.update(models.Flavor.__table__).where(_flavors.flavorid == '1')
                        .values(name='renamed'))
        return [tuple(row) for row in prepared.on_session(session)(PUBLIC_TINY)]

    assert database.write(work) == [('renamed',)]
