"""Server groups: Nova's rules for creating, listing, showing and deleting them, and booting into one.

A group belongs to a project: another project's group is not found (an
admin finds every group). Creating one counts against the project's
``server_groups`` quota (and the user's, when the user has limits of
their own) in the transaction that inserts it. Booting into a group
(``os:scheduler_hints: {"group": ...}``) records the servers as members
within the group's ``server_group_members`` quota; the runner's schedule
step then places them as the policy says (:mod:`.servers.placement`).
"""

from __future__ import annotations

import uuid as uuid_lib
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from oslo_context import context as oslo_context
from sqlalchemy import orm

from nova_api import exception
from nova_api.compute import base
from nova_api.compute.servers import placement
from nova_api.objects import server_groups as objects
from nova_api.objects.server_groups import ServerGroup

__all__ = ['ServerGroup', 'ServerGroupAPI', 'requested_group']


def _project_filter(ctx: oslo_context.RequestContext) -> str | None:
    return None if ctx.is_admin else ctx.project_id


def requested_group(hints: Mapping[str, Any]) -> str | None:
    """The group a boot's scheduler hints name (the first, when a list), as Nova reads ``group``."""
    group = hints.get('group')
    if isinstance(group, list):
        group = group[0] if group else None
    return group or None


def find(session: orm.Session, ctx: oslo_context.RequestContext, group_uuid: str) -> ServerGroup:
    """The group ``ctx`` may see; ``InstanceGroupNotFound`` (404) otherwise."""
    group = objects.get(session, group_uuid, _project_filter(ctx))
    if group is None:
        raise exception.InstanceGroupNotFound(group_uuid=group_uuid)
    return group


def join(session: orm.Session, ctx: oslo_context.RequestContext, quota_engine,
         group: ServerGroup, server_uuids: Sequence[str], now) -> None:
    """Record booted servers as members of ``group``, within its member quota (403).

    In the boot's write transaction, under the group's lock, so that
    concurrent boots into one group cannot both take its last place. A group
    deleted since the boot's checks is Nova's 400 for an unknown group.
    """
    objects.lock(session, [group.uuid])
    if objects.get(session, group.uuid) is None:
        raise exception.InvalidServerRequest(
            reason=exception.InstanceGroupNotFound(group_uuid=group.uuid).format_message())
    quota_engine.check_group_members(session, ctx.project_id, ctx.user_id, group.id,
                                     len(server_uuids))
    objects.add_members(session, group.id, server_uuids, now)
    if quota_engine.recheck:
        quota_engine.check_group_members(session, ctx.project_id, ctx.user_id, group.id, 0)


class ServerGroupAPI(base.ResourceAPI):
    """The server group operations, each one short transaction."""

    def create(self, ctx: oslo_context.RequestContext, name: str, policy: str,
               rules: Mapping[str, Any] | None = None) -> ServerGroup:
        """A new group of the caller's project. ``ServerGroupRulesNotSupported`` (400) for
        rules with another policy than anti-affinity, ``ServerGroupLimitExceeded`` (403)."""
        rules = {key: int(value) for key, value in (rules or {}).items()}
        if rules and policy != placement.ANTI_AFFINITY:
            raise exception.ServerGroupRulesNotSupported()
        return self.database.write(self._insert, ctx, name, policy, rules)

    def _insert(self, session: orm.Session, ctx: oslo_context.RequestContext, name: str,
                policy: str, rules: Mapping[str, Any]) -> ServerGroup:
        self._check_quota(session, ctx, 1)
        group = objects.create(session, str(uuid_lib.uuid4()), name, ctx.project_id, ctx.user_id,
                               policy, rules)
        if self.quota_engine.recheck:
            self._check_quota(session, ctx, 0)
        return group

    def _check_quota(self, session: orm.Session, ctx: oslo_context.RequestContext,
                     delta: int) -> None:
        # The project's count against its limit, then the user's share against the user's.
        self.quota_engine.check(session, ctx.project_id, None, {'server_groups': delta})
        self.quota_engine.check(session, ctx.project_id, ctx.user_id, {'server_groups': delta})

    def get(self, ctx: oslo_context.RequestContext, group_uuid: str) -> ServerGroup:
        """The group with its live members; another project's is ``InstanceGroupNotFound`` (404)."""
        return self.database.read(find, ctx, group_uuid)

    def list(self, ctx: oslo_context.RequestContext, all_projects: bool = False,
             limit: int | None = None, offset: int = 0) -> list[ServerGroup]:
        """The project's groups (every project's with ``all_projects``), in creation order."""
        project_id = None if all_projects else ctx.project_id
        return self.database.read(objects.list_groups, project_id, limit, offset)

    def delete(self, ctx: oslo_context.RequestContext, group: ServerGroup) -> None:
        """Delete the group; its servers stay, no longer members. 404 if it is gone already."""
        def work(session: orm.Session) -> bool:
            objects.lock(session, [group.uuid])
            return objects.destroy(session, group.id)
        if not self.database.write(work):
            raise exception.InstanceGroupNotFound(group_uuid=group.uuid)

    def of_servers(self, server_uuids: Sequence[str]) -> dict[str, list[str]]:
        """server uuid -> the uuids of its groups (2.71's ``server_groups``)."""
        return self.database.read_prepared(objects.groups_of_servers, server_uuids)
