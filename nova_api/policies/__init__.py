"""Nova's default access rules, one module per resource (the same stem as its controller).

``list_rules()`` feeds the enforcer and ``tox -e genpolicy``
(etc/policy.yaml.sample). Add a resource's module to :data:`MODULES`.
"""

import itertools

from nova_api.policies import availability_zones
from nova_api.policies import base
from nova_api.policies import flavor_access
from nova_api.policies import flavor_extra_specs
from nova_api.policies import flavor_manage
from nova_api.policies import instance_actions
from nova_api.policies import keypairs
from nova_api.policies import limits
from nova_api.policies import quota_sets
from nova_api.policies import server_actions
from nova_api.policies import server_metadata
from nova_api.policies import server_networks
from nova_api.policies import server_password
from nova_api.policies import server_tags
from nova_api.policies import servers

MODULES = (base, availability_zones, flavor_access, flavor_extra_specs, flavor_manage, keypairs,
           limits, quota_sets, server_actions, server_networks, servers)
MODULES += (server_metadata, server_tags, instance_actions, server_password)


def list_rules():
    return list(itertools.chain.from_iterable(module.list_rules() for module in MODULES))
