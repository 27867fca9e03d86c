"""Where the API is mounted, for building absolute links in responses."""

from __future__ import annotations

import urllib.parse

ENV_ROOT_SCRIPT_NAME = 'nova.api.root_script_name'


def root_url(req) -> str:
    """The URL of the API's root (``GET /``), honouring proxies and mount points.

    The URL map records the script name it was mounted at before it shifts
    the path to the version app; without it, the request's own script name is
    the root.
    """
    script_name = req.environ.get(ENV_ROOT_SCRIPT_NAME, req.script_name)
    return req.host_url + script_name.rstrip('/')


def project_segment(req) -> str:
    """The caller's project id when the request's URL carries it, else ''.

    Like Nova, links keep the ``/{project_id}`` prefix only for callers who
    use it (it is optional from 2.18).
    """
    ctx = req.context
    project_id = getattr(ctx, 'project_id', None)
    return project_id if project_id and project_id in req.path_info else ''


def _join(*parts: str) -> str:
    return '/'.join(part.strip('/') for part in parts if part)


def resource_links(req, collection: str, identifier: str) -> list[dict]:
    """A resource's ``self`` (versioned) and ``bookmark`` (unversioned) links."""
    project = project_segment(req)
    return [
        {'rel': 'self', 'href': _join(req.application_url, project, collection, identifier)},
        {'rel': 'bookmark', 'href': _join(root_url(req), project, collection, identifier)},
    ]


def next_link(req, collection: str, marker: str) -> dict:
    """The ``next`` link of a full page: the same query, continuing after ``marker``."""
    params = dict(sorted(req.params.items()))
    params['marker'] = marker
    url = _join(req.application_url, project_segment(req), collection)
    return {'rel': 'next', 'href': '%s?%s' % (url, urllib.parse.urlencode(params))}
