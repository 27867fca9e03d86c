"""The server actions of ``POST /servers/{id}/action`` beyond the lifecycle: Nova's rules for each.

Most actions are operations of :mod:`.operations` (pause, rescue, shelve,
rebuild...): accepting one is :meth:`ServerAPI.accept`'s single transaction
(lock, states, compare-and-swap, instance action, task). The others change
the server at once, in one transaction with their instance action: lock and
unlock, os-resetState, the security groups and the fixed addresses
(addFixedIp/removeFixedIp, up to 2.43).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
from sqlalchemy import orm

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.compute import server_holds
from nova_api.compute.servers import operations as ops
from nova_api.compute.servers import rebuild as rebuild_rules
from nova_api.compute.servers import states
from nova_api.conf import compute as compute_conf
from nova_api.objects import images as image_objects
from nova_api.objects import server_changes as changes
from nova_api.objects.servers import Server

#: ``unshelve`` without an ``availability_zone`` key: the server's pin stays as it is.
UNCHANGED: Any = object()

#: What os-resetState may set: Nova's two.
RESET_STATES = {'active': states.ACTIVE, 'error': states.ERROR}

#: Image properties that let a volume-backed server be rescued (2.87, Nova's stable rescue).
_STABLE_RESCUE_PROPERTIES = ('hw_rescue_bus', 'hw_rescue_device')


class ServerActionsAPI(base.ResourceAPI):
    """Pause, suspend, rescue, shelve, rebuild, lock, reset... a server: Nova's rules for each."""

    def __init__(self, compute) -> None:
        super().__init__(compute)
        self.servers = compute.servers

    # -- operations without arguments --------------------------------------------------

    def pause(self, ctx: nova_context.RequestContext, server: Server) -> None:
        self.servers.accept(ctx, server, ops.PAUSE)

    def unpause(self, ctx: nova_context.RequestContext, server: Server) -> None:
        self.servers.accept(ctx, server, ops.UNPAUSE)

    def suspend(self, ctx: nova_context.RequestContext, server: Server) -> None:
        self.servers.accept(ctx, server, ops.SUSPEND)

    def resume(self, ctx: nova_context.RequestContext, server: Server) -> None:
        self.servers.accept(ctx, server, ops.RESUME)

    def unrescue(self, ctx: nova_context.RequestContext, server: Server) -> None:
        self.servers.accept(ctx, server, ops.UNRESCUE)

    def change_password(self, ctx: nova_context.RequestContext, server: Server) -> None:
        """The guest's password changes; nothing is kept of it (Nova keeps none either)."""
        self.servers.accept(ctx, server, ops.CHANGE_PASSWORD)

    def trigger_crash_dump(self, ctx: nova_context.RequestContext, server: Server) -> None:
        self.servers.accept(ctx, server, ops.TRIGGER_CRASH_DUMP)

    def shelve(self, ctx: nova_context.RequestContext, server: Server) -> None:
        self.servers.accept(ctx, server, ops.SHELVE)

    def shelve_offload(self, ctx: nova_context.RequestContext, server: Server) -> None:
        self.servers.accept(ctx, server, ops.SHELVE_OFFLOAD)

    def force_delete(self, ctx: nova_context.RequestContext, server: Server) -> None:
        self.servers.accept(ctx, server, ops.FORCE_DELETE)

    # -- operations with rules of their own ----------------------------------------------

    def rescue(self, ctx: nova_context.RequestContext, server: Server,
               rescue_image_ref: str | None, allow_volume_backed: bool) -> None:
        """Boot the rescue image (the server's own unless named); Nova's 400s for what cannot be.

        A volume-backed server can be rescued from 2.87 only, and only from
        an image with ``hw_rescue_bus`` and ``hw_rescue_device``.
        """
        def check(session: orm.Session, state: Mapping[str, Any]) -> None:
            image = None
            image_ref = rescue_image_ref or server.image_ref
            if image_ref:
                image = image_objects.get(session, image_ref, ctx.project_id, bool(ctx.is_admin))
            if rescue_image_ref and image is None:
                raise exception.UnsupportedRescueImage(image=rescue_image_ref)
            if not server.image_ref:
                properties = image.properties if image is not None else server.image_properties
                if not (allow_volume_backed and all(
                        key in properties for key in _STABLE_RESCUE_PROPERTIES)):
                    reason = ('Host unable to rescue a volume-backed instance'
                              if allow_volume_backed else 'Cannot rescue a volume-backed instance')
                    raise exception.InstanceNotRescuable(instance_id=server.uuid, reason=reason)
        self.servers.accept(ctx, server, ops.RESCUE, before=check)

    def unshelve(self, ctx: nova_context.RequestContext, server: Server,
                 zone: Any = UNCHANGED, host: str | None = None) -> None:
        """Unshelve, into ``zone`` (2.77; None unpins, 2.91) or onto ``host`` (2.91, admins).

        Nova's rules: a zone or host only for a SHELVED_OFFLOADED server
        (409 otherwise), a zone that exists and a host that is in it (400,
        409), and the server scheduled there when the task runs.
        """
        hosts = compute_conf.compute_hosts(self.conf)
        values: dict[str, Any] = {}
        if zone is not UNCHANGED:
            if zone and zone not in set(hosts.values()):
                raise exception.InvalidRequest('The requested availability zone is not available')
            values['pinned_availability_zone'] = zone
        if host is not None:
            if host not in hosts:
                raise exception.ComputeHostNotFound(host=host)
            expected = zone if zone is not UNCHANGED else server.pinned_availability_zone
            if expected is not None and hosts[host] != expected:
                raise exception.UnshelveHostNotInAZ(host=host, availability_zone=expected)
            values['requested_host'] = host

        def check(session: orm.Session, state: Mapping[str, Any]) -> None:
            if values and state['vm_state'] != states.SHELVED_OFFLOADED:
                raise exception.UnshelveInstanceInvalidState(
                    instance_uuid=server.uuid, state=states.status(state['vm_state'], None))
        self.servers.accept(ctx, server, ops.UNSHELVE, values=values, before=check)

    def restore(self, ctx: nova_context.RequestContext, server: Server) -> None:
        """Bring a soft-deleted server back, if the project's quota still has room for it (403)."""
        def check(session: orm.Session, state: Mapping[str, Any]) -> None:
            if state['vm_state'] == states.SOFT_DELETED:
                self.quota_engine.check_instances(
                    session, server.project_id, server.user_id, server.flavor.get('vcpus', 0),
                    server.flavor.get('memory_mb', 0), 1, 1)
        self.servers.accept(ctx, server, ops.RESTORE, before=check)

    def rebuild(self, ctx: nova_context.RequestContext, server: Server,
                request: rebuild_rules.RebuildRequest) -> Server:
        """Rebuild from ``request``'s image, with its changes; returns the server (REBUILD)."""
        def check_and_write(session: orm.Session, state: Mapping[str, Any]) -> dict[str, Any]:
            values = rebuild_rules.check(session, ctx, server, request, self.quota_engine)
            rebuild_rules.replace_metadata(session, server.uuid, request.metadata)
            return values
        self.servers.accept(ctx, server, ops.REBUILD, before=check_and_write)
        return self.servers.get(ctx, server.uuid)

    # -- changes made at once ----------------------------------------------------------

    @staticmethod
    def is_expected_locked_by(ctx: nova_context.RequestContext, server: Server) -> bool:
        """Whether the caller may unlock without the override: Nova's owner/admin rule."""
        expected = 'owner' if server.project_id == ctx.project_id else 'admin'
        return server.locked_by is None or server.locked_by == expected

    def lock(self, ctx: nova_context.RequestContext, server: Server, reason: str | None) -> None:
        """Lock it, as its owner or as an admin; the owner locking again changes nothing."""
        is_owner = server.project_id == ctx.project_id

        def work(session: orm.Session) -> None:
            state = _live_state(session, server.uuid)
            if state['locked_by'] is not None and is_owner:
                return
            changes.update_server(session, server.uuid, {
                'locked_by': 'owner' if is_owner else 'admin', 'locked_reason': reason})
            _record(session, ctx, server.uuid, 'lock', 'api_lock')
        self.database.write(work)

    def unlock(self, ctx: nova_context.RequestContext, server: Server) -> None:
        def work(session: orm.Session) -> None:
            _live_state(session, server.uuid)
            changes.update_server(session, server.uuid, {'locked_by': None, 'locked_reason': None})
            _record(session, ctx, server.uuid, 'unlock', 'api_unlock')
        self.database.write(work)

    def reset_state(self, ctx: nova_context.RequestContext, server: Server, state: str) -> None:
        """os-resetState: ``active`` or ``error``, no task; whatever was under way is dropped."""
        def work(session: orm.Session) -> None:
            _live_state(session, server.uuid)
            changes.update_server(session, server.uuid,
                                  {'vm_state': RESET_STATES[state], 'task_state': None})
            _record(session, ctx, server.uuid, 'resetState')
        self.database.write(work)

    def inject_network_info(self, ctx: nova_context.RequestContext, server: Server) -> None:
        """Nothing to inject into a simulated guest; Nova's lock rule still holds (409)."""
        def work(session: orm.Session) -> None:
            _unlocked_state(session, ctx, server.uuid)
        self.database.write(work)

    def add_security_group(self, ctx: nova_context.RequestContext, server: Server,
                           name: str) -> None:
        """Apply group ``name`` to the server's ports; already applied is not an error (Neutron's)."""
        net = self.servers.net

        def work(session: orm.Session) -> None:
            _unlocked_state(session, ctx, server.uuid)
            if net is not None:  # the network service's groups, on every port of the server
                net.compute_groups.add(session, server.uuid, server.project_id, name)
                _record_groups(session, net, server.uuid)
                return
            _require_ports(server)
            if name not in server.security_groups:
                changes.update_server(session, server.uuid, {
                    'security_groups': orjson.dumps(sorted({*server.security_groups, name})).decode()})
        self.database.write(work)

    def remove_security_group(self, ctx: nova_context.RequestContext, server: Server,
                              name: str) -> None:
        net = self.servers.net

        def work(session: orm.Session) -> None:
            _unlocked_state(session, ctx, server.uuid)
            if net is not None:
                net.compute_groups.remove(session, server.uuid, server.project_id, name)
                _record_groups(session, net, server.uuid)
                return
            _require_ports(server)
            if name not in server.security_groups:
                raise exception.SecurityGroupNotFound(
                    'Security group %s not associated with the instance %s' % (name, server.uuid))
            changes.update_server(session, server.uuid, {
                'security_groups': orjson.dumps(sorted(set(server.security_groups) - {name})).decode()})
        self.database.write(work)

    def add_fixed_ip(self, ctx: nova_context.RequestContext, server: Server,
                     network_id: str) -> None:
        """Another address for the server on ``network_id`` (up to 2.43)."""
        net = self.servers.net
        if net is not None:
            def on_port(session: orm.Session) -> None:
                _unlocked_state(session, ctx, server.uuid)
                rows = net.server_ports.add_fixed_ip(session, server.uuid, network_id)
                self.servers.networks.insert(session, rows)
                changes.update_server(session, server.uuid, {})
            self.database.write(on_port)
            return
        network = self.servers.networks.get(network_id)

        def work(session: orm.Session) -> None:
            _unlocked_state(session, ctx, server.uuid)
            row = self.servers.networks.allocator(session, network).take(server.uuid)
            self.servers.networks.insert(session, [row])
            changes.update_server(session, server.uuid, {})
        self.database.write(work)

    def remove_fixed_ip(self, ctx: nova_context.RequestContext, server: Server,
                        address: str) -> None:
        net = self.servers.net
        release = self.servers.networks.release_address if net is None \
            else net.server_ports.remove_fixed_ip

        def work(session: orm.Session) -> None:
            _unlocked_state(session, ctx, server.uuid)
            if not release(session, server.uuid, address):
                raise exception.FixedIpNotFoundForInstance(instance_uuid=server.uuid, ip=address)
            changes.update_server(session, server.uuid, {})
        self.database.write(work)


def _live_state(session: orm.Session, server_uuid: str) -> Mapping[str, Any]:
    state = changes.state_of(session, server_uuid)
    if state is None or state['deleted']:
        raise exception.InstanceNotFound(instance_id=server_uuid)
    return state


def _unlocked_state(session: orm.Session, ctx: nova_context.RequestContext,
                    server_uuid: str) -> Mapping[str, Any]:
    """The server's state; Nova's ``check_instance_lock`` (409 unless an admin) first."""
    state = _live_state(session, server_uuid)
    if state['locked_by'] is not None and not ctx.is_admin:
        raise exception.InstanceIsLocked(instance_uuid=server_uuid)
    return state


def _record_groups(session: orm.Session, net: Any, server_uuid: str) -> None:
    """The server's ``security_groups`` (what its body shows): its ports' groups now."""
    names = net.compute_groups.names_of(session, [server_uuid]).get(server_uuid, [])
    changes.update_server(session, server_uuid, {'security_groups': orjson.dumps(names).decode()})


def _require_ports(server: Server) -> None:
    """Security groups apply to ports: a server with no address has none (Nova's 404)."""
    if not server.addresses:
        raise exception.SecurityGroupNotFound(
            'instance_id %s could not be found as device id on any ports' % server.uuid)


def _record(session: orm.Session, ctx: nova_context.RequestContext, server_uuid: str,
            action: str, event: str | None = None) -> None:
    """The instance action of a change made at once: finished, with its API event if it has one."""
    server_holds.record(session, ctx, server_uuid, action, event, host=None, finished=True)
