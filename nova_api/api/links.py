"""Where the API is mounted, for building absolute links in responses."""

from __future__ import annotations

from collections.abc import Callable

ENV_ROOT_SCRIPT_NAME = 'nova.api.root_script_name'


def root_url(req) -> str:
    """The URL of the API's root (``GET /``), honouring proxies and mount points.

    The URL map records the script name it was mounted at before it shifts
    the path to the version app; without it, the request's own script name is
    the root.
    """
    script_name = req.environ.get(ENV_ROOT_SCRIPT_NAME)
    if script_name is None:
        script_name = req.script_name
    return req.host_url + script_name.rstrip('/')


def project_segment(req) -> str:
    """The caller's project id when the request's URL carries it, else ''.

    Like Nova, links keep the ``/{project_id}`` prefix only for callers who
    use it (it is optional from 2.18).
    """
    ctx = req.context
    project_id = getattr(ctx, 'project_id', None)
    return project_id if project_id and req.path_info.startswith('/%s/' % project_id) else ''


def join(*parts: str) -> str:
    """Join URL parts with single slashes, skipping empty ones."""
    return '/'.join(part.strip('/') for part in parts if part)


def resource_links(req, collection: str, identifier: str) -> list[dict]:
    """A resource's ``self`` (versioned) and ``bookmark`` (unversioned) links."""
    return links_maker(req, collection)(identifier)


def links_maker(req, collection: str) -> Callable[[str], list[dict]]:
    """:func:`resource_links` for many resources of one collection: the URLs worked out once.

    A page of flavors asks for the same two prefixes once a resource; webob
    rebuilds ``application_url`` (and quotes it) at every call.
    """
    project = project_segment(req)
    versioned = join(req.application_url, project, collection)
    unversioned = join(root_url(req), project, collection)

    def make(identifier: str) -> list[dict]:
        identifier = identifier.strip('/')
        return [{'rel': 'self', 'href': join(versioned, identifier)},
                {'rel': 'bookmark', 'href': join(unversioned, identifier)}]
    return make
