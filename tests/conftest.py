"""Fixtures every test folder shares: the Nova API samples used as oracles.

pytest puts this folder on sys.path (it has no __init__.py), so tests import
the shared helpers beside it: ``from sample_shape import assert_same_shape``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

#: ../shared/reference beside the repository; CI always has it, a clone may not.
REFERENCE_DIR = Path(__file__).resolve().parents[2] / 'shared' / 'reference'


@pytest.fixture
def nova_samples() -> Path:
    """Nova's API samples (``nova-api-samples/``) from the shared reference folder."""
    samples = (REFERENCE_DIR / 'nova-api-samples').resolve()
    if not samples.is_dir():
        pytest.skip('Nova API samples not available: %s is missing (they live in the shared '
                    'reference folder beside the repository)' % samples)
    return samples
