"""[oslo_middleware] options of the filters nova_api takes from oslo.middleware."""

from oslo_config import cfg
from oslo_middleware import http_proxy_to_wsgi
from oslo_middleware import sizelimit

GROUP = 'oslo_middleware'


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_opts(sizelimit.OPTS, group=GROUP)
    conf.register_opts(http_proxy_to_wsgi.OPTS, group=GROUP)


def list_opts():
    return [(GROUP, sizelimit.OPTS + http_proxy_to_wsgi.OPTS)]
