"""The fuzzer of test_fuzz.py over the built-in identity's routes, with a real admin token.

The built-in identity is served only with ``auth_strategy = keystone``, so it
gets a daemon of its own; the hostile inputs and the verdict (no 5xx) are the
same as for the other APIs.
"""

from __future__ import annotations

import random

import identity_client
from test_fuzz import SEED
from test_fuzz import Fuzzer
from test_fuzz import route_methods

from nova_api.identity import router as identity_router

NOVA_API_OPTIONS = identity_client.OPTIONS


def test_no_identity_route_answers_hostile_input_with_a_5xx(nova_api_service):
    token = identity_client.Identity(nova_api_service).token()
    fuzzer = Fuzzer(nova_api_service, {}, random.Random(SEED), token=token)
    for template, method, target, actions in route_methods(identity_router.ROUTES,
                                                           identity_router.CONTROLLERS):
        fuzzer.route('/identity', template, method, target, actions)

    assert fuzzer.sent > 300
    assert not fuzzer.failures, '%d of %d requests failed (seed %d):\n%s' % (
        len(fuzzer.failures), fuzzer.sent, SEED, '\n'.join(fuzzer.failures[:40]))
