"""The compute hosts the simulated driver runs, and their availability zones."""

import socket

from oslo_config import cfg

GROUP = 'DEFAULT'

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
        help="""
The simulated compute hosts, as ``name`` or ``name:zone``. A host without a
zone is in ``default_availability_zone``. Each runs a nova-compute service
in ``GET /os-availability-zone/detail``.
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
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_opts(compute_opts)


def list_opts():
    return [(GROUP, compute_opts)]
