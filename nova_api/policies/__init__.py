"""Nova's default access rules, one module per resource (the same stem as its controller).

``list_rules()`` feeds the enforcer and ``tox -e genpolicy``
(etc/policy.yaml.sample). Add a resource's module to :data:`MODULES`.
"""

import itertools

from nova_api.policies import aggregates
from nova_api.policies import attach_interfaces
from nova_api.policies import availability_zones
from nova_api.policies import base
from nova_api.policies import console_auth_tokens
from nova_api.policies import console_output
from nova_api.policies import create_backup
from nova_api.policies import evacuate
from nova_api.policies import extensions
from nova_api.policies import flavor_access
from nova_api.policies import flavor_extra_specs
from nova_api.policies import flavor_manage
from nova_api.policies import floating_ips
from nova_api.policies import hosts
from nova_api.policies import hypervisors
from nova_api.policies import identity
from nova_api.policies import identity_auth
from nova_api.policies import image
from nova_api.policies import instance_actions
from nova_api.policies import instance_usage_audit_log
from nova_api.policies import keypairs
from nova_api.policies import limits
from nova_api.policies import migrate_server
from nova_api.policies import migrations
from nova_api.policies import network
from nova_api.policies import quota_class_sets
from nova_api.policies import quota_sets
from nova_api.policies import remote_consoles
from nova_api.policies import security_groups
from nova_api.policies import server_actions
from nova_api.policies import server_diagnostics
from nova_api.policies import server_external_events
from nova_api.policies import server_groups
from nova_api.policies import server_metadata
from nova_api.policies import server_migrations
from nova_api.policies import server_networks
from nova_api.policies import server_password
from nova_api.policies import server_tags
from nova_api.policies import server_topology
from nova_api.policies import servers
from nova_api.policies import services
from nova_api.policies import simple_tenant_usage
from nova_api.policies import volume_attachments

MODULES = (base, availability_zones, flavor_access, flavor_extra_specs, flavor_manage, keypairs,
           limits, quota_sets, server_actions, server_networks, servers)
MODULES += (console_auth_tokens, console_output, create_backup, remote_consoles)
MODULES += (migrate_server, migrations, server_migrations, evacuate)
MODULES += (server_groups,)
MODULES += (floating_ips, security_groups)
# host admin
MODULES += (aggregates, extensions, hosts, hypervisors, instance_usage_audit_log, quota_class_sets,
            services, simple_tenant_usage)
# A server's interfaces and volume attachments, and the external events.
MODULES += (attach_interfaces, volume_attachments, server_external_events)
MODULES += (server_metadata, server_tags, instance_actions, server_password)
MODULES += (server_diagnostics, server_topology)
# The Image API's (Glance's names).
MODULES += (image,)
# The built-in identity's token calls, and its admin calls (Keystone's names and defaults).
MODULES += (identity_auth, identity)
# The Network API (Neutron's rule names).
MODULES += (network,)


def list_rules():
    return list(itertools.chain.from_iterable(module.list_rules() for module in MODULES))
