"""Query schemas of a server's network views (ips, os-security-groups) and of os-networks.

Their query strings carry nothing: anything is ignored until 2.102, which
refuses unknown parameters on these reads. os-networks (gone from 2.36)
ignores them always.
"""

import copy

from nova_api.api.schemas import SchemaWindows

query = {'type': 'object', 'properties': {}, 'additionalProperties': True}
query_v2_102 = copy.deepcopy(query)
query_v2_102['additionalProperties'] = False

SERVER_QUERY_SCHEMAS: SchemaWindows = ((query, '2.1', '2.101'), (query_v2_102, '2.102', None))
NETWORKS_QUERY_SCHEMAS: SchemaWindows = ((query, '2.1', None),)
#: os-networks' writes are gone (410 whatever the body): any body is let through to say so.
GONE_BODY_SCHEMAS: SchemaWindows = (({}, '2.1', None),)
