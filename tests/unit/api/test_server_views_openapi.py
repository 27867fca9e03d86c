"""Server bodies at every microversion from 2.1 to 2.104, against Nova's response schemas (OpenAPI).

The samples show the versions where Nova's sample tests changed; the
response schemas cover every version, and they are strict: no key Nova
would not send, none missing that it always sends, and the JSON types (and
enums) of each.
"""

from __future__ import annotations

import jsonschema
import pytest
from server_records import ADMIN
from server_records import MEMBER
from server_records import make_fault
from server_records import make_server
from server_records import replace
from server_records import request

from nova_api.api import microversion
from nova_api.api.views import servers as views

VERSIONS = [version for version, _ in microversion.HISTORY]

UNKNOWN_ONLY = views.ShowOptions(host_status=views.HOST_STATUS_UNKNOWN_ONLY,
                                 host_statuses={'compute': 'UNKNOWN'})
CALLERS = {'admin': ADMIN, 'member': MEMBER, 'unknown-only': UNKNOWN_ONLY}

#: Servers that take each branch: faults, hidden addresses, no image, no host, nothing set.
SERVERS = {
    'active': make_server(),
    'error': make_server(vm_state='error', fault=make_fault(500)),
    'building': make_server(vm_state='building', task_state='scheduling', host=None, node=None,
                            launched_at=None, updated_at=None, availability_zone=None),
    'volume-backed': make_server(image_ref=None, image_properties={}, key_name='mykey',
                                 security_groups=(), volumes=()),
    'deleted': make_server(deleted=True, vm_state='deleted', fault=make_fault(404),
                           terminated_at=make_server().launched_at),
    'bare': make_server(access_ip_v4=None, access_ip_v6=None, description='d', hostname='bare',
                        reservation_id=None, launch_index=0, root_device_name=None,
                        user_data=None, metadata={}, addresses=(), pinned_availability_zone=None,
                        scheduler_hints={}, trusted_certs=('a', 'b'), locked_by='me',
                        locked_reason='why', tags=('t',), power_state=4, vm_state='stopped'),
}

REBUILDABLE = ('active', 'stopped', 'error')


@pytest.mark.parametrize('caller', sorted(CALLERS))
@pytest.mark.parametrize('version', VERSIONS)
def test_one_server_bodies_follow_novas_schemas(compute_openapi, version, caller):
    options = CALLERS[caller]
    req = request(version)
    for name, server in SERVERS.items():
        where = '%s server' % name
        _valid(compute_openapi, 'ServerShowResponse', version, views.show(req, server, options), where)
        _valid(compute_openapi, 'ServerUpdateResponse', version,
               views.updated(req, server, options), where)
        if server.vm_state in REBUILDABLE and not server.deleted:
            # The controller shows a rebuild once accepted: status REBUILD, so with progress.
            rebuilding = replace(server, task_state='rebuilding')
            _valid(compute_openapi, 'ServersAction_RebuildResponse', version,
                   views.rebuilt(req, rebuilding, options, 'password'), where)
        _valid(compute_openapi, 'ServersCreateResponse', version,
               views.created(req, server, 'password', None), where)


@pytest.mark.parametrize('caller', sorted(CALLERS))
@pytest.mark.parametrize('version', VERSIONS)
def test_list_bodies_follow_novas_schemas(compute_openapi, version, caller):
    servers = list(SERVERS.values())
    limit = len(servers)  # a full page: the next link is there too
    detail = views.detail(request(version, '/servers/detail', 'limit=%d' % limit), servers, limit,
                          CALLERS[caller])
    assert 'servers_links' in detail
    _valid(compute_openapi, 'ServersDetailDetailResponse', version, detail, 'detail')
    _valid(compute_openapi, 'ServersIndexResponse', version,
           views.index(request(version, '/servers', 'limit=%d' % limit), servers, limit), 'index')


def test_reservation_and_created_bodies_follow_novas_schema(compute_openapi):
    _valid(compute_openapi, 'ServersCreateResponse', '2.1', views.reservation('r-1'), 'reservation')
    _valid(compute_openapi, 'ServersCreateResponse', '2.1',
           views.created(request('2.1'), make_server(), None, [{'name': 'web'}]), 'no password')


def test_a_body_with_a_key_nova_does_not_send_is_caught(compute_openapi):
    """The schemas are strict enough to catch a key too many (the tests above mean something)."""
    body = views.show(request('2.46'), make_server(), ADMIN)
    body['server']['server_groups'] = []
    with pytest.raises(AssertionError):
        _valid(compute_openapi, 'ServerShowResponse', '2.46', body, 'server_groups at 2.46')


def _valid(openapi, prefix: str, version: str, body: dict, where: str) -> None:
    try:
        openapi.validate(prefix, version, body)
    except jsonschema.ValidationError as error:  # say which body failed, and where in it
        while error.context:  # into the oneOf alternatives: the one that came closest
            error = jsonschema.exceptions.best_match(error.context)
        raise AssertionError('%s of the %s at %s: %s at %s' % (
            prefix, where, version, error.message[:300], error.json_path)) from None
