"""The seeded networks and router: whose they are under each identity, on both backends."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from nova_api import compute as compute_layer
from nova_api.db import models
from nova_api.identity import bootstrap
from nova_api.networking import seed


def _owners(database) -> set[tuple[str, str]]:
    def read(session):
        rows = [(row.name, row.project_id) for row in session.execute(sa.select(
            models.Network.name, models.Network.project_id))]
        rows += [(row.name, row.project_id) for row in session.execute(sa.select(
            models.Router.name, models.Router.project_id))]
        return set(rows)
    return database.read(read)


@pytest.mark.parametrize('identity', [True, False])
def test_under_the_built_in_identity_the_admin_project_owns_what_is_seeded(
        make_conf, database, identity):
    conf = make_conf(overrides={'api': {'auth_strategy': 'keystone'},
                                'identity': {'enabled': identity}})
    admin_project = bootstrap.run(database, conf)['admin_project']
    compute_layer.Compute(conf, database).network.ensure_seeded()

    # Keystone's projects have generated ids: the name is looked up (devstack gives its
    # networks to the admin project's id). With another Keystone the option is the id.
    owner = admin_project if identity else 'admin'
    assert _owners(database) == {(seed.PRIVATE, owner), (seed.PUBLIC, owner),
                                 (seed.ROUTER, owner)}


def test_under_noauth2_a_project_name_is_its_id(make_conf, database):
    conf = make_conf(overrides={'api': {'auth_strategy': 'noauth2'}})
    bootstrap.run(database, conf)
    compute_layer.Compute(conf, database).network.ensure_seeded()
    assert {owner for _, owner in _owners(database)} == {'admin'}


def test_an_owner_that_names_no_project_is_taken_as_an_id(make_conf, database):
    conf = make_conf(overrides={'api': {'auth_strategy': 'keystone'},
                                'network': {'owner_project': 'f00df00d'}})
    bootstrap.run(database, conf)
    compute_layer.Compute(conf, database).network.ensure_seeded()
    assert {owner for _, owner in _owners(database)} == {'f00df00d'}
