"""[network] options: the built-in Network API (Neutron's subset at /network) and what it seeds."""

import copy

from oslo_config import cfg

GROUP = 'network'

network_group = cfg.OptGroup(GROUP, title='Network API options', help="""
The Network API v2.0 (a subset of Neutron's) served at ``/network`` and
listed in the identity catalogue as ``network``. On first use it seeds a
shared ``private`` network (its subnet is ``[DEFAULT] fixed_range``) and an
external ``public`` network whose subnet gives floating IPs.
""")

network_opts = [
    cfg.BoolOpt('enabled', default=True, help="""
Serve the Network API at ``/network`` and list it in the catalogue. When
false, ``/network`` is not found and the catalogue has no ``network`` entry.
"""),
    cfg.StrOpt('owner_project', default='admin', help="""
The project that owns the seeded ``private`` and ``public`` networks, their
subnets and ``router1``: a project id, or under the built-in identity the
name of a project of the default domain (the default, ``admin``, is the
bootstrap's project).
"""),
    cfg.StrOpt('public_range', default='172.24.4.0/24', help="""
The subnet of the seeded external ``public`` network: floating IPs and router
gateways get their addresses from it (devstack's default range).
"""),
    cfg.IntOpt('mtu', default=1450, min=68, help='The MTU networks are created with.'),
    cfg.IntOpt('max_dns_nameservers', default=5, min=0,
               help='DNS nameservers one subnet may have (Neutron\'s default).'),
    cfg.IntOpt('max_subnet_host_routes', default=20, min=0,
               help='Host routes one subnet may have (Neutron\'s default).'),
    cfg.IntOpt('max_allowed_address_pair', default=10, min=-1,
               help='Allowed address pairs one port may have; -1 for no limit.'),
]

quota_opts = [
    cfg.IntOpt('quota_network', default=100, min=-1, help='Networks a project may have.'),
    cfg.IntOpt('quota_subnet', default=100, min=-1, help='Subnets a project may have.'),
    cfg.IntOpt('quota_port', default=500, min=-1, help='Ports a project may have.'),
    cfg.IntOpt('quota_router', default=10, min=-1, help='Routers a project may have.'),
    cfg.IntOpt('quota_floatingip', default=50, min=-1, help='Floating IPs a project may have.'),
    cfg.IntOpt('quota_security_group', default=10, min=-1,
               help='Security groups a project may have (its default group counts).'),
    cfg.IntOpt('quota_security_group_rule', default=100, min=-1,
               help='Security group rules a project may have.'),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_group(copy.deepcopy(network_group))
    conf.register_opts(network_opts + quota_opts, group=GROUP)


def list_opts():
    return [(network_group, network_opts + quota_opts)]
