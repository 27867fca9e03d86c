"""Where the API is mounted, for building absolute links in responses."""

from __future__ import annotations

ENV_ROOT_SCRIPT_NAME = 'nova.api.root_script_name'


def root_url(req) -> str:
    """The URL of the API's root (``GET /``), honouring proxies and mount points.

    The URL map records the script name it was mounted at before it shifts
    the path to the version app; without it, the request's own script name is
    the root.
    """
    script_name = req.environ.get(ENV_ROOT_SCRIPT_NAME, req.script_name)
    return req.host_url + script_name.rstrip('/')
