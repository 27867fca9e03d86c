"""A server's consoles: its console log, and remote consoles (VNC, SPICE, serial, MKS) with their tokens.

Nova's rules, from its compute API, manager and libvirt driver:

- both need the server on a host (``InstanceNotReady``, 409) and a guest
  there: one that never spawned is not found (404), or not ready (409)
  while it is still building;
- a remote console is refused while the server is being deleted or
  migrated (Nova's compute-layer ``InstanceInvalidState``), for a console
  type that is not enabled (``ConsoleTypeUnavailable``, 400) or that does
  not go with its protocol (``ConsoleTypeInvalid``, 400). A stopped server
  has a console (libvirt's domain is still defined): its VNC and SPICE
  ports are -1 until it runs again, as libvirt reports them.

A remote console is authorized by a token valid for ``[consoleauth]
token_ttl`` seconds, which ``os-console-auth-tokens`` resolves.
"""

from __future__ import annotations

import dataclasses
import hashlib
import ipaddress
import time
import urllib.parse
import uuid

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.compute import console_log
from nova_api.compute.servers import states as s
from nova_api.conf import consoles as console_conf
from nova_api.objects import console_auth_tokens as tokens
from nova_api.objects.console_auth_tokens import ConnectInfo
from nova_api.objects.servers import Server

__all__ = ['ConnectInfo', 'ConsoleKind', 'ConsolesAPI', 'KINDS']


@dataclasses.dataclass(frozen=True)
class ConsoleKind:
    """A remote console protocol: its config group, the types it serves, its compute method."""

    group: str
    types: frozenset[str] | None  # None: Nova's serial console checks no type
    method: str
    base_port: int
    has_tls_port: bool = False
    #: libvirt assigns the port when the domain starts (autoport); -1 while it is off.
    autoport: bool = True


KINDS = {
    'vnc': ConsoleKind('vnc', frozenset({'novnc'}), 'get_vnc_console', 5900),
    'spice': ConsoleKind('spice', frozenset({'spice-html5', 'spice-direct'}), 'get_spice_console',
                         5900, has_tls_port=True),
    'serial': ConsoleKind('serial_console', None, 'get_serial_console', 10000, autoport=False),
    'mks': ConsoleKind('mks', frozenset({'webmks'}), 'get_mks_console', 902, autoport=False),
}

#: The proxy URL option of each console type.
_URL_OPTIONS = {
    'novnc': ('vnc', 'novncproxy_base_url'),
    'spice-html5': ('spice', 'html5proxy_base_url'),
    'spice-direct': ('spice', 'spice_direct_proxy_base_url'),
    'webmks': ('mks', 'mksproxy_base_url'),
}
_SERIAL_URL = ('serial_console', 'base_url')
#: Nova's compute API refuses consoles in these task states.
_REFUSED_TASK_STATES = frozenset((s.DELETING, s.MIGRATING))


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def access_url(base_url: str, console_type: str, token: str) -> str:
    """Nova's ``ConsoleAuthToken.access_url``: noVNC takes the token inside its ``path``."""
    if console_type != 'novnc':
        return '%s?token=%s' % (base_url, token)
    parsed = urllib.parse.urlparse(base_url)
    query = urllib.parse.parse_qs(parsed.query)
    query['path'] = ['%s?token=%s' % (query.get('path', [''])[0], token)]
    return parsed._replace(query=urllib.parse.urlencode(query, doseq=True)).geturl()


def on_host(url: str, api_host: str | None) -> str:
    """Nova's default ``url`` with its 127.0.0.1 replaced by the host the API was reached at."""
    if not api_host:
        return url
    hostname = urllib.parse.urlsplit('//' + api_host).hostname or api_host
    if ':' in hostname:
        hostname = '[%s]' % hostname  # an IPv6 address
    return url.replace('127.0.0.1', hostname, 1)


def _has_guest(server: Server) -> bool:
    """The simulated hypervisor defines a guest when it spawns the server."""
    return server.launched_at is not None


class ConsolesAPI(base.ResourceAPI):
    """Console output and remote consoles of a server the caller may see; their tokens."""

    # -- console output ----------------------------------------------------------------

    def output(self, ctx: nova_context.RequestContext, server: Server,
               length: int | str | None) -> str:
        """The server's console log (its last ``length`` lines, as Nova cuts them)."""
        if server.host is None:
            raise exception.InstanceNotReady(instance_id=server.uuid)
        if not _has_guest(server):
            raise exception.InstanceNotFound(instance_id=server.uuid)
        prefix = ipaddress.ip_network(self.conf.fixed_range, strict=False).prefixlen
        return console_log.tail(console_log.boot_log(server, prefix), length)

    # -- remote consoles -----------------------------------------------------------------

    def remote_console(self, ctx: nova_context.RequestContext, server: Server, protocol: str,
                       console_type: str, api_host: str | None = None) -> str:
        """Authorize a console of ``protocol`` and ``console_type``; returns its URL with the token."""
        kind = KINDS[protocol]
        if server.host is None:
            raise exception.InstanceNotReady(instance_id=server.uuid)
        if server.task_state in _REFUSED_TASK_STATES:
            raise exception.InstanceStateRefusesMethod(
                instance_uuid=server.uuid, attr='task_state', state=server.task_state,
                method=kind.method)
        if not getattr(self.conf, kind.group).enabled:
            raise exception.ConsoleTypeUnavailable(console_type=console_type)
        if kind.types is not None and console_type not in kind.types:
            raise exception.ConsoleTypeInvalid(console_type=console_type)
        if not _has_guest(server):
            if server.vm_state == s.BUILDING:
                raise exception.InstanceNotReady(instance_id=server.uuid)
            raise exception.InstanceNotFound(instance_id=server.uuid)
        token = str(uuid.uuid4())
        base_url = self._base_url(console_type if protocol != 'serial' else None, api_host)
        values = dict(self._connection(server, kind, console_type), token_hash=hash_token(token),
                      instance_uuid=server.uuid, access_url_base=base_url)
        now = int(time.time())
        values['expires'] = now + self.conf.consoleauth.token_ttl
        self.database.write(tokens.add, values, now)
        return access_url(base_url, console_type, token)

    def _base_url(self, console_type: str | None, api_host: str | None) -> str:
        group, option = _URL_OPTIONS[console_type] if console_type else _SERIAL_URL
        configured = getattr(getattr(self.conf, group), option)
        if configured:
            return configured
        return on_host(console_conf.DEFAULT_URLS[(group, option)], api_host)

    @staticmethod
    def _connection(server: Server, kind: ConsoleKind, console_type: str) -> dict:
        """Where the proxy would connect: the server's host and its console's port."""
        running = server.power_state in (s.RUNNING, s.PAUSED_POWER)
        slot = server.id % 1000
        port = kind.base_port + (2 * slot if kind.has_tls_port else slot)
        if kind.autoport and not running:
            port = -1
        tls_port = (port + 1 if port != -1 else -1) if kind.has_tls_port else None
        return {'console_type': console_type, 'host': server.host, 'port': port,
                'tls_port': tls_port, 'internal_access_path': None}

    def connection(self, ctx: nova_context.RequestContext, token: str) -> ConnectInfo:
        """The connection a valid token authorizes; ``ConsoleTokenNotFound`` (404) otherwise."""
        found = self.database.read(tokens.find, hash_token(token), int(time.time()))
        if found is None:
            raise exception.ConsoleTokenNotFound()
        return found
