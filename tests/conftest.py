"""Fixtures every test folder shares: the Nova API samples used as oracles, and the databases.

pytest puts this folder on sys.path (it has no __init__.py), so tests import
the shared helpers beside it: ``from sample_shape import assert_same_shape``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pg_server
import pytest
from openapi_schema import ComputeOpenAPI

#: ../shared/reference beside the repository; CI always has it, a clone may not.
#: A checkout elsewhere (a git worktree) names it with NOVA_API_REFERENCE_DIR.
REFERENCE_DIR = Path(os.environ.get('NOVA_API_REFERENCE_DIR')
                     or Path(__file__).resolve().parents[2] / 'shared' / 'reference')


@pytest.fixture
def nova_samples() -> Path:
    """Nova's API samples (``nova-api-samples/``) from the shared reference folder."""
    samples = (REFERENCE_DIR / 'nova-api-samples').resolve()
    if not samples.is_dir():
        pytest.skip('Nova API samples not available: %s is missing (they live in the shared '
                    'reference folder beside the repository)' % samples)
    return samples


@pytest.fixture(scope='session')
def compute_openapi() -> ComputeOpenAPI:
    """The OpenAPI description of the Compute API (``openapi/compute-v2.104.yaml``), read once."""
    path = (REFERENCE_DIR / 'openapi' / 'compute-v2.104.yaml').resolve()
    if not path.is_file():
        pytest.skip('The Compute API OpenAPI description is not available: %s is missing (it lives '
                    'in the shared reference folder beside the repository)' % path)
    return ComputeOpenAPI(path)


@pytest.fixture(scope='session')
def image_openapi() -> dict:
    """The component schemas of the Image API's OpenAPI description (``openapi/image-v2.yaml``)."""
    import yaml
    path = (REFERENCE_DIR / 'openapi' / 'image-v2.yaml').resolve()
    if not path.is_file():
        pytest.skip('The Image API OpenAPI description is not available: %s is missing (it lives '
                    'in the shared reference folder beside the repository)' % path)
    return yaml.safe_load(path.read_text())['components']['schemas']


# -- databases ---------------------------------------------------------------------

@pytest.fixture(scope='session')
def postgresql_server():
    """A real PostgreSQL server (tests/pg_server.py) for this test session.

    Skipped, saying why, where the server binaries are missing; under CI
    (``CI`` set, as ``.ci/run`` runs) that is a failure instead, so a
    missing install step cannot hide behind skips.
    """
    reason = pg_server.unavailable_reason()
    if reason is not None:
        if os.environ.get('CI'):
            pytest.fail('PostgreSQL is required under CI: %s' % reason)
        pytest.skip(reason)
    server = pg_server.PostgreSQLServer.start()
    yield server
    server.stop()


@pytest.fixture(params=pg_server.DATABASE_BACKENDS)
def database_url(request) -> str | None:
    """Each backend in turn: None for the embedded SQLite default, else a new PostgreSQL database's URL."""
    if request.param == 'sqlite':
        return None
    return request.getfixturevalue('postgresql_server').create_database()
