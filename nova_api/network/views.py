"""Bodies of the Network API: the versions, the resources of v2.0, extensions, one resource or a
page of them (``fields`` picks attributes, ``<collection>_links`` the next and previous pages)."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from nova_api.api import links

VERSION = 'v2.0'
#: URL collection -> the key of one of its resources in a body.
MEMBERS = {
    'networks': 'network', 'subnets': 'subnet', 'ports': 'port',
    'security-groups': 'security_group', 'security-group-rules': 'security_group_rule',
    'routers': 'router', 'floatingips': 'floatingip', 'quotas': 'quota',
}

#: The extensions served: (alias, name, description). Only what is implemented.
EXTENSIONS = (
    ('security-group', 'security-group', 'The security groups extension.'),
    ('router', 'Neutron L3 Router', 'Router abstraction for basic L3 forwarding between L2 '
     'Neutron networks and access to external networks via a NAT gateway.'),
    ('external-net', 'Neutron external network', 'Adds external network attribute to network '
     'resource.'),
    ('ext-gw-mode', 'Neutron L3 Configurable external gateway mode', 'Extension of the router '
     'abstraction for specifying whether SNAT should occur on the external gateway'),
    ('port-security', 'Port Security', 'Provides port security'),
    ('allowed-address-pairs', 'Allowed Address Pairs', 'Provides allowed address pairs'),
    ('binding', 'Port Binding', 'Expose port bindings of a virtual port to external '
     'application'),
    ('net-mtu', 'Network MTU', 'Provides MTU attribute for a network resource.'),
    ('quotas', 'Quota management support', 'Expose functions for quotas management per '
     'project'),
    ('quota_details', 'Quota details management support', 'Expose functions for quotas usage '
     'statistics per project'),
    ('quota-check-limit', 'Quota engine limit check', 'Support for checking the resource '
     'usage before applying a new quota limit'),
    ('quota-check-limit-default', 'Quota engine limit check by default', 'By default, the '
     'Neutron quota engine checks the resource usage before applying a new quota limit'),
    ('project-id', 'project_id field enabled', 'Extension that indicates that project_id field '
     'is enabled.'),
    ('standard-attr-description', 'standard-attr-description', 'Extension to add descriptions '
     'to standard attributes'),
    ('standard-attr-timestamp', 'Resource timestamps', 'Adds created_at and updated_at fields '
     'to all Neutron resources that have Neutron standard attributes.'),
    ('standard-attr-revisions', 'Resource revision numbers', 'This extension will display the '
     'revision number of neutron resources.'),
    ('standard-attr-tag', 'Tag support for resources with standard attribute: subnet, '
     'trunk, network_segment_range, router, network, policy, subnetpool, port, '
     'security_group, floatingip', 'Enables to set tag on resources with standard attribute.'),
    ('filter-validation', 'Filter parameters validation', 'Provides validation on filter '
     'parameters.'),
    ('pagination', 'Pagination support', 'Extension that indicates that pagination is '
     'enabled.'),
    ('sorting', 'Sorting support', 'Extension that indicates that sorting is enabled.'),
)
_UPDATED = '2013-01-01T10:00:00-00:00'


def versions(api_url: str) -> dict:
    """``GET /network/``: the one version, v2.0."""
    return {'versions': [{'id': VERSION, 'status': 'CURRENT',
                          'links': [{'rel': 'self', 'href': links.join(api_url, VERSION) + '/'}]}]}


def resources(api_url: str) -> dict:
    """``GET /network/v2.0/``: the collections, each with its link."""
    return {'resources': [
        {'name': member, 'collection': collection,
         'links': [{'rel': 'self', 'href': '%s/%s' % (api_url.rstrip('/'), collection)}]}
        for collection, member in MEMBERS.items()]}


def extension(alias: str, name: str, description: str) -> dict:
    return {'alias': alias, 'name': name, 'description': description, 'updated': _UPDATED,
            'links': []}


def one_extension(alias: str, name: str, description: str) -> dict:
    return {'extension': extension(alias, name, description)}


def extensions() -> dict:
    return {'extensions': [extension(*entry) for entry in EXTENSIONS]}


def _select(record: Mapping[str, Any], fields: Sequence[str], hidden: Iterable[str]) -> dict:
    hidden = set(hidden)
    body = {name: value for name, value in record.items() if name not in hidden}
    if fields:
        body = {name: value for name, value in body.items() if name in fields}
    return body


def one(collection: str, record: Mapping[str, Any], fields: Sequence[str] = (),
        hidden: Iterable[str] = ()) -> dict:
    """``{"network": {...}}`` with the attributes asked for (all by default) and allowed."""
    return {MEMBERS[collection]: _select(record, fields, hidden)}


def _href(req, params: list[tuple[str, str]]) -> str:
    return req.path_url + '?' + urllib.parse.urlencode(params)


def page(req, collection: str, records: Sequence[Mapping[str, Any]], more: bool, query: Any,
         hidden: Iterable[str] = ()) -> dict:
    """A page, and with a ``limit`` its links: ``next`` while there is more, ``previous``
    from a ``marker`` on (as Neutron's native pagination gives them)."""
    key = collection.replace('-', '_')
    hidden = tuple(hidden)
    body: dict[str, Any] = {key: [_select(r, query.fields, hidden) for r in records]}
    if query.limit is None:
        return body
    params = [(name, value) for name, value in req.GET.items()
              if name not in ('marker', 'page_reverse')]
    found = []
    forward_more = more if not query.page_reverse else query.marker is not None
    backward_more = query.marker is not None if not query.page_reverse else more
    if records and forward_more:
        found.append({'rel': 'next', 'href': _href(req, params + [('marker', records[-1]['id'])])})
    if records and backward_more:
        found.append({'rel': 'previous', 'href': _href(
            req, params + [('marker', records[0]['id']), ('page_reverse', 'True')])})
    body[key + '_links'] = found
    return body


def tags(values: Sequence[str]) -> dict:
    return {'tags': list(values)}


def quota(limits: Mapping[str, int]) -> dict:
    return {'quota': dict(limits)}


def quotas(projects: Sequence[tuple[str, Mapping[str, int]]]) -> dict:
    return {'quotas': [dict(limits, project_id=project, tenant_id=project)
                       for project, limits in projects]}


def router_interface(info: Mapping[str, Any]) -> dict:
    return dict(info)
