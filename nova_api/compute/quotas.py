"""The quota engine: what each resource's limit is, how much is used, and whether a change fits.

Limits resolve like Nova's database quota driver: the ``[quota]`` default,
overridden by the project's limit, overridden for one user by that user's
limit. -1 is unlimited. Usage is *counted* from the resources themselves
(there are no usage records to drift), and :meth:`QuotaEngine.check` runs
inside the write transaction that creates the resource, under a lock on the
owner, so that two concurrent creates cannot both take the last unit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from collections.abc import Mapping

from oslo_config import cfg
from sqlalchemy import orm

from nova_api import exception
from nova_api.db import database as db
from nova_api.objects import quota_classes as quota_class_objects
from nova_api.objects import quotas as quota_objects
from nova_api.objects import server_groups as group_objects

PROJECT = 'project'
USER = 'user'

Counter = Callable[[orm.Session, str, 'str | None'], int]


@dataclasses.dataclass(frozen=True)
class Resource:
    """One quota resource.

    ``option`` names its default in ``[quota]``; ``None`` (the network
    quotas of the proxy APIs) means a default of -1, unlimited.
    ``counter`` counts usage in the database; ``None`` marks a per-request
    limit (metadata items, injected files) that is checked against the
    request itself and has no usage. ``scope`` says whose usage is counted:
    a project's, or (keypairs) a user's.
    """

    name: str
    option: str | None
    counter: Counter | None = None
    scope: str = PROJECT
    over_quota: type[exception.OverQuota] = exception.OverQuota


RESOURCES: tuple[Resource, ...] = (
    Resource('instances', 'instances', quota_objects.count_instances,
             over_quota=exception.TooManyInstances),
    Resource('cores', 'cores', quota_objects.count_cores, over_quota=exception.TooManyInstances),
    Resource('ram', 'ram', quota_objects.count_ram, over_quota=exception.TooManyInstances),
    Resource('metadata_items', 'metadata_items', over_quota=exception.MetadataLimitExceeded),
    Resource('injected_files', 'injected_files'),
    Resource('injected_file_content_bytes', 'injected_file_content_bytes'),
    Resource('injected_file_path_bytes', 'injected_file_path_length'),
    Resource('key_pairs', 'key_pairs', quota_objects.count_key_pairs, scope=USER,
             over_quota=exception.KeypairLimitExceeded),
    Resource('server_groups', 'server_groups', group_objects.count_server_groups,
             over_quota=exception.ServerGroupLimitExceeded),
    # Counted per group, at boot (QuotaEngine.check_group_members): like Nova,
    # quota sets and limits show no usage of it.
    Resource('server_group_members', 'server_group_members',
             over_quota=exception.GroupMemberLimitExceeded),
    # nova-network's quotas: no longer enforced, still shown and settable
    # before 2.36 (unlimited unless set), as Nova keeps them.
    Resource('fixed_ips', None),
    Resource('floating_ips', None),
    Resource('security_groups', None),
    Resource('security_group_rules', None),
)
BY_NAME: Mapping[str, Resource] = {resource.name: resource for resource in RESOURCES}
#: The resources the API stops showing at 2.36 (network proxies) and 2.57 (personality).
NETWORK_RESOURCES = ('fixed_ips', 'floating_ips', 'security_groups', 'security_group_rules')
PERSONALITY_RESOURCES = ('injected_files', 'injected_file_content_bytes', 'injected_file_path_bytes')
UNLIMITED = -1
#: The quota class whose limits are everyone's defaults (the only one that affects anything).
DEFAULT_CLASS = 'default'


@dataclasses.dataclass(frozen=True)
class Usage:
    """One resource's limit and what is in use of it."""

    limit: int
    in_use: int


class QuotaEngine:
    """Limits and usage for one configuration; its methods run inside a caller's transaction."""

    def __init__(self, conf: cfg.ConfigOpts):
        self._options = conf.quota
        # Read once: every /limits and every quota check starts from these, and a
        # configuration change (SIGHUP) builds new workers with a new engine.
        self._configured = {resource.name: UNLIMITED if resource.option is None
                            else getattr(self._options, resource.option) for resource in RESOURCES}

    @property
    def recheck(self) -> bool:
        return self._options.recheck_quota

    def defaults(self, session: orm.Session | None = None,
                 default_class: Mapping[str, int] | None = None) -> dict[str, int]:
        """The default of every resource: ``[quota]``'s, overridden by the ``default`` quota class.

        The class is read from the database (given a session) at every call,
        so that a change is seen by every worker at once, unless the caller
        gives it (``default_class``: a copy it knows to be current).
        """
        limits = dict(self._configured)
        if default_class is None and session is not None:
            default_class = quota_class_objects.class_limits(session, DEFAULT_CLASS)
        if default_class:
            limits.update((name, value) for name, value in default_class.items() if name in BY_NAME)
        return limits

    def project_limits(self, session: orm.Session, project_id: str,
                       default_class: Mapping[str, int] | None = None,
                       own: Mapping[str, int] | None = None) -> dict[str, int]:
        """Every resource's limit for the project: defaults, then its own limits.

        ``own``: the project's limits when the caller has read them already.
        """
        limits = self.defaults(session, default_class)
        if own is None:
            own = quota_objects.project_limits(session, project_id)
        limits.update((name, value) for name, value in own.items() if name in BY_NAME)
        return limits

    def user_limits(self, session: orm.Session, project_id: str, user_id: str) -> dict[str, int]:
        """Every resource's limit for one user of the project: the project's, then the user's own."""
        limits = self.project_limits(session, project_id)
        limits.update((name, value) for name, value
                      in quota_objects.user_limits(session, project_id, user_id).items() if name in BY_NAME)
        return limits

    def usage(self, session: orm.Session, project_id: str, user_id: str | None = None) -> dict[str, int]:
        """What is in use of every counted resource; for the user's share when ``user_id`` is given.

        Keypairs are always counted for the user (``user_id``), as they belong to users.
        """
        counted = quota_objects.usage(session, project_id, user_id)
        return {resource.name: counted[resource.name]
                for resource in RESOURCES if resource.counter is not None}

    def limits(self, session: orm.Session, project_id: str, user_id: str | None = None) -> dict[str, int]:
        """The effective limits: the user's when ``user_id`` is given, else the project's."""
        if user_id:
            return self.user_limits(session, project_id, user_id)
        return self.project_limits(session, project_id)

    def report(self, session: orm.Session, project_id: str, user_id: str | None = None) -> dict[str, Usage]:
        """Every resource's effective limit and usage (0 for uncounted resources)."""
        return usage_report(self.limits(session, project_id, user_id),
                            quota_objects.usage(session, project_id, user_id))

    def check(self, session: orm.Session, project_id: str, user_id: str | None,
              deltas: Mapping[str, int]) -> None:
        """Raise the resource's :class:`~nova_api.exception.OverQuota` unless ``deltas`` fit.

        ``deltas`` are amounts about to be added. Called before the rows are
        written (with the amounts) and, when ``[quota] recheck_quota`` is on,
        again after they are flushed (with zeros): both inside the same
        transaction, which holds the owner's quota lock until it ends.
        """
        user_scoped = any(BY_NAME[name].scope == USER for name in deltas)
        db.lock(session, 'quota:user:%s' % user_id if user_scoped else 'quota:project:%s' % project_id)
        limits = self.limits(session, project_id, user_id)
        for name, delta in deltas.items():
            resource = BY_NAME[name]
            limit = limits[name]
            if limit < 0:
                continue
            used = resource.counter(session, project_id, user_id) if resource.counter else 0
            if used + delta > limit:
                raise resource.over_quota(overs=name, req=delta, used=used, allowed=limit)

    def check_instances(self, session: orm.Session, project_id: str, user_id: str,
                        vcpus: int, memory_mb: int, min_count: int, max_count: int) -> int:
        """How many of ``max_count`` servers of this size fit, at least ``min_count``: Nova's rule.

        Nova's ``check_num_instances_quota``: the project's usage against its
        limits and, when the user has limits of their own, the user's usage
        against those. If ``max_count`` does not fit but ``min_count`` does,
        as many as fit are built. Raises ``TooManyInstances`` (403) with
        Nova's message otherwise. Called inside the creating transaction,
        under the project's quota lock.
        """
        db.lock(session, 'quota:project:%s' % project_id)
        per_server = {'instances': 1, 'cores': vcpus, 'ram': memory_mb}
        project_limits = self.project_limits(session, project_id)
        own = quota_objects.user_limits(session, project_id, user_id)
        user_limited = any(name in own for name in per_server)
        limits = [project_limits] + ([self.user_limits(session, project_id, user_id)]
                                     if user_limited else [])
        if all(scope[name] < 0 for scope in limits for name in per_server):
            # Unlimited: nothing to count. Otherwise the count is bounded by the limits.
            return max_count
        scopes = [(project_limits, quota_objects.instance_usage(session, project_id, None))]
        if user_limited:
            scopes.append((limits[1], quota_objects.instance_usage(session, project_id, user_id)))
        allowed = max_count
        overs: dict[str, tuple[int, int]] = {}  # resource -> (limit, used) where max_count is over
        for limits, used in scopes:
            for name, size in per_server.items():
                limit = limits[name]
                if limit < 0 or not size:
                    continue
                fits = (limit - used[name]) // size
                # max_count 0 is the recheck after the insert: usage itself must fit.
                if fits < max_count or fits < 0:
                    overs.setdefault(name, (limit, used[name]))
                allowed = min(allowed, max(0, fits))
        if allowed >= min_count and not (max_count == 0 and overs):
            return allowed
        requested = {'instances': str(min_count) if min_count == max_count
                     else '%d-%d' % (min_count, max_count),
                     'cores': str(vcpus * max_count), 'ram': str(memory_mb * max_count)}
        names = sorted(overs)
        raise exception.TooManyInstances(
            overs=', '.join(names), req=', '.join(requested[name] for name in names),
            used=', '.join(str(overs[name][1]) for name in names),
            allowed=', '.join(str(overs[name][0]) for name in names))

    def check_group_members(self, session: orm.Session, project_id: str, user_id: str,
                            group_id: int, count: int) -> None:
        """Raise ``GroupMemberLimitExceeded`` (403) unless ``count`` more servers fit in the group.

        Nova's rule: the group's live members that the user booted, against
        the user's ``server_group_members`` limit. The caller holds the
        group's lock (objects/server_groups.lock) until its transaction ends.
        """
        limit = self.user_limits(session, project_id, user_id)['server_group_members']
        if limit >= 0 and group_objects.count_members(session, group_id, user_id) + count > limit:
            raise exception.GroupMemberLimitExceeded()


def usage_report(limits: Mapping[str, int], counted: Mapping[str, int]) -> dict[str, Usage]:
    """Every resource's effective limit with its usage, from what was read (0 where none is counted)."""
    return {name: Usage(limit, counted[name] if BY_NAME[name].counter is not None else 0)
            for name, limit in limits.items()}
