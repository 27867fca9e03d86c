"""The remote console options, in Nova's groups: [vnc], [spice], [serial_console], [mks], [consoleauth].

Which console types are enabled (Nova's defaults: VNC only), the proxy URLs
the console URLs are built on, and how long a console's token is valid.
A proxy URL left unset is Nova's default, on the host the API was reached
at rather than 127.0.0.1, so that the URL a client gets names a host it
can reach (no proxy answers there: the consoles are simulated).
"""

from __future__ import annotations

import copy

from oslo_config import cfg

vnc_group = cfg.OptGroup('vnc', title='VNC consoles', help='noVNC consoles (``novnc``).')
spice_group = cfg.OptGroup('spice', title='SPICE consoles',
                           help='SPICE consoles (``spice-html5``, ``spice-direct`` from 2.99).')
serial_group = cfg.OptGroup('serial_console', title='Serial consoles',
                            help='Serial consoles over a websocket proxy (``serial``).')
mks_group = cfg.OptGroup('mks', title='MKS consoles', help='VMware WebMKS consoles (2.8).')
consoleauth_group = cfg.OptGroup('consoleauth', title='Console authorization',
                                 help='The tokens of remote consoles.')

_URL_HELP = """
The base URL of the %s proxy: a console's URL is this URL with the
console's token. Unset: Nova's default (``%s``) with the host name the
request reached the API at in place of 127.0.0.1.
"""

vnc_opts = [
    cfg.BoolOpt('enabled', default=True, help='Serve VNC consoles (Nova: on).'),
    cfg.URIOpt('novncproxy_base_url', schemes=['http', 'https'],
               help=_URL_HELP % ('noVNC', 'http://127.0.0.1:6080/vnc_auto.html')),
]
spice_opts = [
    cfg.BoolOpt('enabled', default=False, help='Serve SPICE consoles (Nova: off).'),
    cfg.URIOpt('html5proxy_base_url', schemes=['http', 'https'],
               help=_URL_HELP % ('SPICE HTML5', 'http://127.0.0.1:6082/spice_auto.html')),
    cfg.URIOpt('spice_direct_proxy_base_url', schemes=['http', 'https'],
               help=_URL_HELP % ('native SPICE', 'http://127.0.0.1:13002/nova')),
]
serial_opts = [
    cfg.BoolOpt('enabled', default=False, help='Serve serial consoles (Nova: off).'),
    cfg.URIOpt('base_url', schemes=['ws', 'wss'],
               help=_URL_HELP % ('serial console', 'ws://127.0.0.1:6083/')),
]
mks_opts = [
    cfg.BoolOpt('enabled', default=False, help='Serve WebMKS consoles (Nova: off).'),
    cfg.URIOpt('mksproxy_base_url', schemes=['http', 'https'],
               help=_URL_HELP % ('MKS', 'http://127.0.0.1:6090/')),
]
consoleauth_opts = [
    cfg.IntOpt('token_ttl', default=600, min=0, help="""
Seconds a console's token stays valid: ``GET /os-console-auth-tokens/{token}``
answers 404 once it has expired. Expired tokens are swept as new ones are made.
"""),
]

#: Nova's defaults of the proxy URLs: (group, option) -> URL.
DEFAULT_URLS = {
    ('vnc', 'novncproxy_base_url'): 'http://127.0.0.1:6080/vnc_auto.html',
    ('spice', 'html5proxy_base_url'): 'http://127.0.0.1:6082/spice_auto.html',
    ('spice', 'spice_direct_proxy_base_url'): 'http://127.0.0.1:13002/nova',
    ('serial_console', 'base_url'): 'ws://127.0.0.1:6083/',
    ('mks', 'mksproxy_base_url'): 'http://127.0.0.1:6090/',
}

_GROUPS = ((vnc_group, vnc_opts), (spice_group, spice_opts), (serial_group, serial_opts),
           (mks_group, mks_opts), (consoleauth_group, consoleauth_opts))


def register_opts(conf: cfg.ConfigOpts) -> None:
    for group, opts in _GROUPS:
        conf.register_group(copy.deepcopy(group))
        conf.register_opts(opts, group=group.name)


def list_opts():
    return list(_GROUPS)
