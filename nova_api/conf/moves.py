"""[DEFAULT] options of server moves: resizes confirmed on their own, resizes on the same host."""

from __future__ import annotations

from oslo_config import cfg

GROUP = 'DEFAULT'

moves_opts = [
    cfg.IntOpt(
        'resize_confirm_window',
        default=0,
        min=0,
        help="""
Seconds after which a resized (or cold-migrated) server waiting in
VERIFY_RESIZE is confirmed automatically, as Nova's periodic task
``_poll_unconfirmed_resizes`` does. 0 (the default, as in Nova) never
confirms: the user confirms or reverts.
"""),
    cfg.BoolOpt(
        'allow_resize_to_same_host',
        default=True,
        help="""
Whether a resize may land on the host the server is on. Nova's default is
False; here it is True because the default ``compute_hosts`` is a single
host, on which a resize would otherwise find no valid host. A cold migration
(``migrate``) always goes to another host, as in Nova.
"""),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_opts(moves_opts)


def list_opts():
    return [(GROUP, moves_opts)]
