"""The compute hosts the simulated driver runs, their availability zones, and what servers get from them."""

from __future__ import annotations

import socket

from oslo_config import cfg
from oslo_config import types

GROUP = 'DEFAULT'

#: ``name`` or ``name:zone``: a host name without blanks, one colon at most
#: (zone names may not contain one, as Nova's aggregates API requires).
_COMPUTE_HOST = types.String(regex=r'^[^:\s]+(:[^:\s]([^:]*[^:\s])?)?$')

compute_opts = [
    cfg.StrOpt(
        'host',
        default=socket.gethostname(),
        sample_default='<current_hostname>',
        help="""
The name of this node: where its control services (nova-scheduler,
nova-conductor) are reported, in the internal availability zone.
"""),
    cfg.ListOpt(
        'compute_hosts',
        default=['compute1'],
        item_type=_COMPUTE_HOST,
        help="""
The simulated compute hosts, as ``name`` or ``name:zone``, separated by
commas. Each runs a nova-compute service, registered the first time the
host is seen. A configured zone seeds the host's availability zone: the
host joins the host aggregate named after it (created with that
``availability_zone``); after that the aggregates decide
(``/os-aggregates``), as in Nova. A host in no zoned aggregate is in
``default_availability_zone``.

Example: ``compute_hosts = cmp1, cmp2:az1, cmp3:az2``.
"""),
    cfg.StrOpt(
        'default_availability_zone',
        default='nova',
        help="The availability zone of compute hosts that name none."),
    cfg.StrOpt(
        'internal_service_availability_zone',
        default='internal',
        help="""
The availability zone of the control services. Only administrators see it
(``/os-availability-zone/detail``); servers cannot be placed in it.
"""),
    cfg.IntOpt(
        'reclaim_instance_interval',
        default=0,
        min=0,
        help="""
Seconds a deleted server is kept before it is reclaimed, as in Nova. With 0
(the default) ``DELETE /servers/{id}`` deletes at once; otherwise the server
is ``SOFT_DELETED`` first (it can be restored with the ``restore`` action, or
deleted at once with ``forceDelete``) and reclaimed after this many seconds.
"""),
    cfg.IntOpt(
        'shelved_offload_time',
        default=0,
        min=-1,
        help="""
Seconds a shelved server stays on its host before it is offloaded
(``SHELVED`` then ``SHELVED_OFFLOADED``), as in Nova: 0 offloads at once,
-1 never (an administrator can still ``shelveOffload`` it).
"""),
    cfg.StrOpt(
        'fixed_range',
        default='10.0.0.0/16',
        help="""
The address range of the ``private`` network from which servers booted with
``networks: auto`` (or no ``networks`` before 2.37) get a fixed IPv4
address, one per live server. These addresses are only data: nothing is
reachable at them.
"""),
]


def compute_hosts(conf: cfg.ConfigOpts) -> dict[str, str]:
    """The configured compute hosts and their zones, ``{host: zone}``; a repeated host keeps its first."""
    hosts: dict[str, str] = {}
    for entry in conf.compute_hosts:
        name, _, zone = entry.partition(':')
        hosts.setdefault(name, zone or conf.default_availability_zone)
    return hosts


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_opts(compute_opts)


def list_opts():
    return [(GROUP, compute_opts)]
