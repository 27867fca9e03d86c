"""Access rules: oslo.policy with Nova's defaults (``nova_api/policies/``), overridable by a file.

    policy.authorize(ctx, keypairs_policies.SHOW, target={'user_id': user_id})

A denial is a 403 ``forbidden`` saying which rule refused. Where a resource
of another project must look like it does not exist, the compute layer
answers 404 before any rule is asked.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from typing import Any

from oslo_config import cfg
from oslo_policy import policy as oslo_policy

from nova_api import context as nova_context
from nova_api import exception
from nova_api import policies


class PolicyNotAuthorized(exception.Forbidden):
    msg_fmt = "Policy doesn't allow %(action)s to be performed."


#: How often the policy files are looked at for changes; decisions are cached in between.
RELOAD_INTERVAL = 1.0
#: Distinct cached decisions kept before the cache starts afresh.
MAX_DECISIONS = 10000


class Enforcer:
    """One oslo.policy enforcer with every default rule registered, and its decisions cached.

    oslo.policy costs 100-200 us a check (it looks at the policy file and
    inspects every check's signature each time), and a server show asks
    five rules. A decision depends only on the rule, the caller's policy
    values and the target, so it is kept per worker, keyed on exactly
    those; the cache is dropped when a policy file changes (looked at once
    a second), which is also when oslo.policy reloads its rules.
    """

    def __init__(self, conf: cfg.ConfigOpts):
        self._enforcer = oslo_policy.Enforcer(conf)
        self._enforcer.register_defaults(policies.list_rules())
        self._decisions: dict[tuple, bool] = {}
        self._checked_at = float('-inf')
        self._files: tuple = ()

    @property
    def oslo_enforcer(self) -> oslo_policy.Enforcer:
        return self._enforcer

    def authorize(self, ctx: nova_context.RequestContext, action: str,
                  target: Mapping[str, Any] | None = None) -> None:
        """Raise :class:`PolicyNotAuthorized` (403) unless ``ctx`` may do ``action``.

        ``target`` defaults to the caller's own project and user, as in Nova.
        """
        if not self.check(ctx, action, target):
            raise PolicyNotAuthorized(action=action)

    def check(self, ctx: nova_context.RequestContext, action: str,
              target: Mapping[str, Any] | None = None) -> bool:
        """True when ``ctx`` may do ``action``; for choices, not for refusals."""
        if target is None:
            target = {'project_id': ctx.project_id, 'user_id': ctx.user_id}
        self._refresh()
        key = (action, _policy_key(ctx), _frozen(target))
        allowed = self._decisions.get(key)
        if allowed is None:
            allowed = self._decide(ctx, action, target)
            if len(self._decisions) >= MAX_DECISIONS:
                self._decisions = {}
            self._decisions[key] = allowed
        return allowed

    def _decide(self, ctx: nova_context.RequestContext, action: str,
                target: Mapping[str, Any]) -> bool:
        try:
            return bool(self._enforcer.authorize(action, dict(target), ctx, do_raise=False))
        except oslo_policy.InvalidScope:
            return False

    def _refresh(self) -> None:
        """Drop the cached decisions when a policy file changed (looked at once a second)."""
        now = time.monotonic()
        if now - self._checked_at < RELOAD_INTERVAL:
            return
        self._checked_at = now
        self._enforcer.load_rules()
        files = _fingerprint(self._enforcer)
        if files != self._files:
            self._files = files
            self._decisions = {}


def _policy_key(ctx: Any) -> tuple:
    key = getattr(ctx, 'policy_key', None)
    return key() if key is not None else _frozen(ctx.to_policy_values())


def _frozen(values: Mapping[str, Any]) -> tuple:
    """A hashable form of policy values or a target (lists become tuples)."""
    if len(values) == 1:  # most targets: {'project_id': ...}
        ((key, value),) = values.items()
        return ((key, tuple(value) if isinstance(value, (list, set, tuple)) else value),)
    return tuple(sorted((key, tuple(value) if isinstance(value, (list, set, tuple)) else value)
                        for key, value in values.items()))


def _fingerprint(enforcer: oslo_policy.Enforcer) -> tuple:
    """(path, mtime, size) of the policy file and of the files of the policy directories."""
    paths = [enforcer.policy_path] if enforcer.policy_path else []
    for folder in enforcer.conf.oslo_policy.policy_dirs:
        try:
            folder = enforcer.conf.find_file(folder)
        except cfg.ConfigFilesNotFoundError:
            continue
        if folder and os.path.isdir(folder):
            paths += sorted(os.path.join(folder, name) for name in os.listdir(folder))
    found = []
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError:
            continue
        found.append((path, stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def get_enforcer() -> oslo_policy.Enforcer:
    """For oslo.policy's tools (``oslopolicy-policy-generator`` and friends)."""
    import sys

    from nova_api import conf as nova_conf

    conf = cfg.ConfigOpts()
    nova_conf.register_opts(conf)
    conf(sys.argv[1:], project='nova')
    return Enforcer(conf).oslo_enforcer
