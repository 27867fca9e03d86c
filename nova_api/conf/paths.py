"""[DEFAULT] state_path: where the service keeps what it writes to disk."""

import os

from oslo_config import cfg

GROUP = 'DEFAULT'

path_opts = [
    cfg.StrOpt(
        'state_path',
        default=os.path.join('~', '.local', 'share', 'nova_api'),
        sample_default='~/.local/share/nova_api',
        help="""
Top-level directory for the service's state: the embedded SQLite database,
key repositories and the like. Created on first start; ``~`` is expanded.
"""),
]


def state_path(conf: cfg.ConfigOpts, *parts: str) -> str:
    """Return a path under ``state_path``, with ``~`` expanded."""
    return os.path.join(os.path.expanduser(conf.state_path), *parts)


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_opts(path_opts)


def list_opts():
    return [(GROUP, path_opts)]
