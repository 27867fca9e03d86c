"""[simulated_hosts] options: the size of each simulated compute host, as its hypervisor reports it."""

import dataclasses

from oslo_config import cfg
from oslo_config import types

GROUP = 'simulated_hosts'

simulated_hosts_group = cfg.OptGroup(GROUP, title='Simulated compute hosts', help="""
What each compute host of ``[DEFAULT] compute_hosts`` has to offer, as
``GET /os-hypervisors/detail`` and ``GET /os-hosts/{host}`` show it (until
2.88). Its usage is what the servers on it use, from their flavors.
""")

#: ``host:vcpus:memory_mb:local_gb``
_SIZE = types.String(regex=r'^[^:\s]+:[0-9]+:[0-9]+:[0-9]+$')

simulated_hosts_opts = [
    cfg.IntOpt('vcpus', default=8, min=1, help='Virtual CPUs of each compute host.'),
    cfg.IntOpt('memory_mb', default=16384, min=1, help='Memory of each compute host, in MiB.'),
    cfg.IntOpt('local_gb', default=200, min=1, help='Local disk of each compute host, in GiB.'),
    cfg.IntOpt('reserved_host_memory_mb', default=512, min=0, help="""
Memory each host keeps for itself, counted as used (Nova's
``reserved_host_memory_mb``)."""),
    cfg.ListOpt('sizes', default=[], item_type=_SIZE, help="""
Hosts of another size than ``vcpus``, ``memory_mb`` and ``local_gb``, as
``host:vcpus:memory_mb:local_gb``, separated by commas.

Example: ``sizes = cmp2:32:131072:2000``.
"""),
]


@dataclasses.dataclass(frozen=True)
class HostSize:
    """What one host offers."""

    vcpus: int
    memory_mb: int
    local_gb: int


def host_size(conf: cfg.ConfigOpts, host: str) -> HostSize:
    """The configured size of ``host``."""
    options = conf[GROUP]
    for entry in options.sizes:
        name, vcpus, memory_mb, local_gb = entry.split(':')
        if name == host:
            return HostSize(int(vcpus), int(memory_mb), int(local_gb))
    return HostSize(options.vcpus, options.memory_mb, options.local_gb)


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_group(simulated_hosts_group)
    conf.register_opts(simulated_hosts_opts, group=simulated_hosts_group)


def list_opts():
    return [(simulated_hosts_group, simulated_hosts_opts)]
