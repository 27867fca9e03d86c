"""Neutron's error format: the type names of Neutron's errors and of the framework's."""

from __future__ import annotations

import json

from nova_api import exception
from nova_api.exception import network as net_exc
from nova_api.network import faults


def rendered(exc):
    response = faults.render({}, exc)
    return response.status_int, json.loads(response.body)


def test_a_neutron_error_keeps_its_class_name():
    assert rendered(net_exc.NetworkNotFound(net_id='n')) == (404, {'NeutronError': {
        'type': 'NetworkNotFound', 'message': 'Network n could not be found.', 'detail': ''}})


def test_framework_errors_take_webobs_names():
    assert rendered(exception.ValidationError(detail='bad'))[1]['NeutronError']['type'] == \
        'HTTPBadRequest'
    assert rendered(exception.RouteNotFound())[1]['NeutronError']['type'] == 'HTTPNotFound'
    code, body = rendered(ValueError('secret detail'))
    assert code == 500 and 'secret' not in body['NeutronError']['message']
    assert body['NeutronError']['type'] == 'HTTPInternalServerError'
