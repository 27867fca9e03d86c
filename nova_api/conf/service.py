"""[DEFAULT] options of the API service process: where it listens, how many workers."""

from oslo_config import cfg

GROUP = 'DEFAULT'

service_opts = [
    cfg.HostAddressOpt(
        'osapi_compute_listen',
        default='0.0.0.0',
        help="""
The IP address on which the Compute API listens.

The shipped etc/nova.conf sets 127.0.0.1 so that a development service is not
reachable from other hosts; use 0.0.0.0 (or ::) to listen on every interface.
"""),
    cfg.PortOpt(
        'osapi_compute_listen_port',
        default=8774,
        help='The port on which the Compute API listens.'),
    cfg.IntOpt(
        'osapi_compute_workers',
        min=1,
        help="""
Number of worker processes for the Compute API.

Each worker is a separate process running an eventlet WSGI server with its own
green thread pool (see [wsgi] default_pool_size) and its own listening socket.
Defaults to the number of CPUs available.
"""),
    cfg.IntOpt(
        'graceful_shutdown_timeout',
        default=60,
        min=0,
        help="""
Seconds to let in-flight requests finish after SIGTERM.

On SIGTERM the service stops accepting connections at once, then waits up to
this many seconds for running requests to complete before the remaining
workers are killed. 0 means wait without limit.
"""),
    cfg.StrOpt(
        'pid_file',
        help='If set, the parent process writes its pid to this file.'),
    cfg.BoolOpt(
        'daemon',
        default=False,
        help="""
Detach from the terminal and run in the background.

Not needed under systemd (the shipped unit runs the service in the
foreground with Type=notify); useful on hosts without a service manager.
Combine with pid_file and log_file.
"""),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_opts(service_opts)
    conf.register_cli_opts([o for o in service_opts if o.name == 'daemon'])


def list_opts():
    return [(GROUP, service_opts)]
