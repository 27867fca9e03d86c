"""The Network API's bodies against Neutron's OpenAPI description (network-v2.yaml): every
attribute we send is one Neutron documents (project_id, which it documents as tenant_id's twin,
aside), with the documented type."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml
from network_client import NetworkClient
from network_client import new_project

REFERENCE = Path(__file__).resolve().parents[2] / '..' / 'shared' / 'reference' / 'openapi' / \
    'network-v2.yaml'
#: Not in network-v2.yaml's response schemas, but in Neutron's bodies (the project-id extension).
UNDOCUMENTED = {'project_id'}


@pytest.fixture(scope='module')
def schemas():
    if not REFERENCE.exists():
        pytest.skip('no OpenAPI reference at %s' % REFERENCE)
    document = yaml.load(REFERENCE.read_text(), Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))
    return document['components']['schemas']


def check(schemas, name: str, body: dict) -> None:
    schema = schemas[name]
    (member,) = schema['properties']
    documented = set(schema['properties'][member]['properties'])
    assert set(body[member]) - documented - UNDOCUMENTED == set()
    # The document types some attributes as strings that its own descriptions say are null
    # when unset (ipv6_address_scope, gateway_ip...): nulls are not judged.
    jsonschema.validate(_without_nulls(body), schema)


def _without_nulls(value):
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def test_bodies_match_neutrons_openapi(nova_api_service, schemas):
    admin = NetworkClient(nova_api_service, 'admin', 'admin')
    alice = NetworkClient(nova_api_service, 'alice', new_project())
    network, subnet = alice.network_with_subnet('192.168.230.0/24')
    port = admin.create('ports', network_id=network['id'], project_id=alice.project,
                        **{'binding:host_id': 'compute-1'})
    group = alice.create('security-groups', name='openapi')
    public = alice.list('networks', name='public')[0]['id']
    router = alice.create('routers', external_gateway_info={'network_id': public})
    fip = alice.create('floatingips', floating_network_id=public)

    for collection, member, resource_id, schema, client in (
            ('networks', 'network', network['id'], 'NetworkShowResponse', alice),
            ('subnets', 'subnet', subnet['id'], 'SubnetShowResponse', alice),
            ('ports', 'port', port['id'], 'PortShowResponse', admin),
            ('security-groups', 'security_group', group['id'], 'Security_GroupShowResponse',
             alice),
            ('security-group-rules', 'security_group_rule', group['security_group_rules'][0]['id'],
             'Security_Group_RuleShowResponse', alice),
            ('routers', 'router', router['id'], 'RouterShowResponse', alice),
            ('floatingips', 'floatingip', fip['id'], 'FloatingipShowResponse', alice)):
        check(schemas, schema, {member: client.show(collection, resource_id)})
    check(schemas, 'QuotaShowResponse', alice('GET', '/quotas/' + alice.project).json())
