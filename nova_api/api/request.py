"""The API's request object: webob's, plus what negotiation decided, cached once."""

from __future__ import annotations

import urllib.parse

import webob

from nova_api import context as nova_context
from nova_api import exception
from nova_api.api import microversion

#: Content types accepted for request bodies. No Content-Type, or text/plain
#: (what some clients send by accident), is read as JSON, like Nova does.
SUPPORTED_CONTENT_TYPES = frozenset((
    'application/json',
    'application/vnd.openstack.compute+json',
))
JSON_CONTENT_TYPE = 'application/json'


def check_query_string(query: str) -> None:
    """Invalid (400) unless the query string decodes to UTF-8 text without NUL.

    webob decodes it strictly when ``req.GET`` is first read and raises
    UnicodeDecodeError, which would be a 500. ``query`` is the WSGI string:
    the bytes received, as latin-1.
    """
    raw = urllib.parse.unquote_to_bytes(query.replace('+', ' '))
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError:
        raise exception.Invalid('Invalid query string: it is not UTF-8 text.') from None
    if '\x00' in text:
        raise exception.Invalid('Invalid query string: it contains a NUL character.')


class Request(webob.Request):
    """A compute API request."""

    @property
    def api_version(self) -> microversion.APIVersion:
        """The negotiated microversion (negotiated on first use, then cached)."""
        version = self.environ.get(nova_context.ENV_API_VERSION)
        if version is None:
            version = microversion.negotiate_environ(self.environ)
            self.environ[nova_context.ENV_API_VERSION] = version
        return version

    @property
    def context(self) -> nova_context.RequestContext | None:
        return nova_context.from_environ(self.environ)

    @property
    def request_id(self) -> str | None:
        return nova_context.request_id(self.environ)

    def body_content_type(self) -> str | None:
        """The media type of the body, None when it is to be read as JSON by default.

        Raises ``InvalidContentType`` (415) for anything that is not JSON.
        """
        if 'CONTENT_TYPE' not in self.environ:
            return None
        content_type = self.content_type
        if not content_type or content_type == 'text/plain':
            return None
        if content_type not in SUPPORTED_CONTENT_TYPES:
            raise exception.InvalidContentType(content_type=content_type)
        return content_type
