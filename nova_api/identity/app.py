"""``/identity``: which identity service this process serves, by configuration.

- ``[api] auth_strategy = noauth2``: the development identity
  (:mod:`nova_api.identity.development`), exactly as before;
- ``keystone`` with ``[identity] enabled``: the built-in identity
  (:mod:`nova_api.identity.router`);
- ``keystone`` without: nothing (a 404 in Keystone's format) - the real
  Keystone is elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable

from nova_api import deploy
from nova_api.api import json_codec
from nova_api.identity import development
from nova_api.identity import faults
from nova_api.identity import views


class _NotServed:
    """``/identity`` behind a real Keystone."""

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        body = json_codec.dumps(faults.body(404, 'The built-in identity is not served: '
                                                 '[identity] enabled is false.'))
        start_response('404 Not Found', [('Content-Type', 'application/json'),
                                         ('Content-Length', str(len(body)))])
        return [body]


def app_factory(global_conf: dict, **local_conf: str) -> Callable:
    """paste.deploy app factory for ``/identity``."""
    conf = deploy.conf_from(global_conf)
    if conf.api.auth_strategy == 'noauth2':
        return development.IdentityApp(views.served(conf))
    if conf.identity.enabled:
        from nova_api.identity import router  # its layer (and database) only when served

        return router.app_factory(global_conf, **local_conf)
    return _NotServed()
