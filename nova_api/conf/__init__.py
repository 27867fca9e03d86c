"""Configuration options, one module per option group, registered explicitly.

Nothing registers options at import time: the console scripts and the WSGI
entry point build a ``cfg.ConfigOpts`` and call :func:`register_opts` on it,
then hand that object down to whatever needs it.
"""

from oslo_config import cfg
from oslo_log import log as logging

from nova_api.conf import api
from nova_api.conf import compute
from nova_api.conf import consoles
from nova_api.conf import database
from nova_api.conf import image
from nova_api.conf import middleware
from nova_api.conf import moves
from nova_api.conf import network
from nova_api.conf import paths
from nova_api.conf import quota
from nova_api.conf import service
from nova_api.conf import simulated_driver
from nova_api.conf import simulated_hosts
from nova_api.conf import task_runner
from nova_api.conf import wsgi

_MODULES = (api, compute, database, middleware, paths, quota, service, simulated_driver, task_runner,
            wsgi)
_MODULES += (consoles, moves)
_MODULES += (simulated_hosts,)
_MODULES += (image,)
_MODULES += (network,)


def register_opts(conf: cfg.ConfigOpts) -> None:
    """Register every nova_api option (and oslo.log's) on ``conf``."""
    for module in _MODULES:
        module.register_opts(conf)
    logging.register_options(conf)


def list_opts():
    """nova_api's own options, grouped, for oslo-config-generator.

    The options of oslo.log, oslo.middleware and keystonemiddleware come from
    their own namespaces (etc/nova-config-generator.conf).
    """
    grouped: dict = {}
    for module in _MODULES:
        if module is middleware:
            continue
        for group, opts in module.list_opts():
            grouped.setdefault(group, []).extend(opts)
    return sorted(grouped.items(), key=lambda item: str(item[0]))
