"""[wsgi] options: the paste pipeline and the eventlet WSGI server of each worker."""

import copy

from oslo_config import cfg

GROUP = 'wsgi'

wsgi_group = cfg.OptGroup(
    GROUP, title='WSGI server options',
    help='Options of the WSGI server each worker runs, and of its pipeline.')

wsgi_opts = [
    cfg.StrOpt(
        'api_paste_config',
        default='api-paste.ini',
        help="""
The paste.deploy file that defines the WSGI pipeline.

A relative path is looked up next to the configuration files first, then in
the working directory, then among the files shipped with nova_api.
"""),
    cfg.StrOpt(
        'wsgi_log_format',
        default='%(client_ip)s "%(request_line)s" status: %(status_code)s '
                'len: %(body_length)s time: %(wall_seconds).7f',
        help="""
The format of eventlet's own per-connection log line, logged at DEBUG.

The service logs its own access line for every request (method, path, status,
microversion, request id, elapsed time) at INFO; this one is eventlet's view.
Keys available: client_ip, date_time, request_line, status_code, body_length,
wall_seconds.
"""),
    cfg.IntOpt(
        'default_pool_size',
        default=1000,
        min=1,
        help='Size of the green thread pool of each worker: the number of '
             'connections one worker serves at once.'),
    cfg.IntOpt(
        'max_header_line',
        default=16384,
        min=1,
        help="""
Maximum line size of message headers to be accepted (longer: 400).

A request head as a whole may have at most 100 header lines and at most
twice this size (64 KiB at least).

May need raising when large tokens (Keystone PKI-style or with many roles)
are sent in headers.
"""),
    cfg.BoolOpt(
        'keep_alive',
        default=True,
        help='Keep client connections open between requests (HTTP keep-alive). '
             'When false every response closes its connection.'),
    cfg.IntOpt(
        'client_socket_timeout',
        default=900,
        min=0,
        help='Seconds a read or write on a client connection may wait (an idle '
             'keep-alive connection, a client that stops sending or reading) before '
             'the connection is closed. Waits are checked a tenth of this apart (at '
             'most every 5 s), so closing may come up to two checks later; time spent '
             'in the application does not count. 0 means wait forever.'),
    cfg.FloatOpt(
        'header_timeout',
        default=20.0,
        min=0.1,
        help="""
Seconds a client has to send a whole request head (request line and header
lines), from its first byte on.

A client that sends its headers slowly (one line a second: "slowloris") gets
408 and its connection is closed. An idle keep-alive connection waiting for
its next request is timed by client_socket_timeout instead.
"""),
    cfg.FloatOpt(
        'body_timeout',
        default=20.0,
        min=0.1,
        help="""
Seconds of grace a request body gets from the application's first read,
extended by one second for every min_body_rate bytes that arrive.

A body that comes slower than that is cut off: the request gets 408 and the
connection is closed.
"""),
    cfg.IntOpt(
        'min_body_rate',
        default=500,
        min=1,
        help="""
Bytes per second a request body must arrive at, on average, after the grace
of body_timeout (see there).
"""),
    cfg.IntOpt(
        'tcp_keepidle',
        default=600,
        min=1,
        help='TCP_KEEPIDLE of client sockets: idle seconds before the kernel '
             'starts TCP keepalive probes (where the platform supports it).'),
    cfg.IntOpt(
        'backlog',
        default=4096,
        min=1,
        help="""
Accept backlog of each worker's listening socket.

Connections wait in this queue while a worker is busy or being restarted; the
parent keeps the sockets open across worker restarts, so queued connections
are served by the replacement worker instead of being reset.
"""),
    cfg.StrOpt(
        'ssl_cert_file',
        help='Serve HTTPS with this certificate (PEM). Needs ssl_key_file.'),
    cfg.StrOpt(
        'ssl_key_file',
        help='Private key (PEM) of ssl_cert_file.'),
    cfg.StrOpt(
        'ssl_ca_file',
        help='If set, clients must present a certificate signed by this CA.'),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    # A fresh group each time: oslo.config copies a group only shallowly, so
    # sharing the module's object would share option state between confs.
    conf.register_group(copy.deepcopy(wsgi_group))
    conf.register_opts(wsgi_opts, group=GROUP)


def list_opts():
    return [(wsgi_group, wsgi_opts)]
