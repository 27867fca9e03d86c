"""Access rules: oslo.policy with Nova's defaults (``nova_api/policies/``), overridable by a file.

    policy.authorize(ctx, keypairs_policies.SHOW, target={'user_id': user_id})

A denial is a 403 ``forbidden`` saying which rule refused. Where a resource
of another project must look like it does not exist, the compute layer
answers 404 before any rule is asked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from oslo_config import cfg
from oslo_policy import policy as oslo_policy

from nova_api import context as nova_context
from nova_api import exception
from nova_api import policies


class PolicyNotAuthorized(exception.Forbidden):
    msg_fmt = "Policy doesn't allow %(action)s to be performed."


class Enforcer:
    """One oslo.policy enforcer with every default rule registered."""

    def __init__(self, conf: cfg.ConfigOpts):
        self._enforcer = oslo_policy.Enforcer(conf)
        self._enforcer.register_defaults(policies.list_rules())

    @property
    def oslo_enforcer(self) -> oslo_policy.Enforcer:
        return self._enforcer

    def authorize(self, ctx: nova_context.RequestContext, action: str,
                  target: Mapping[str, Any] | None = None) -> None:
        """Raise :class:`PolicyNotAuthorized` (403) unless ``ctx`` may do ``action``.

        ``target`` defaults to the caller's own project and user, as in Nova.
        """
        if target is None:
            target = {'project_id': ctx.project_id, 'user_id': ctx.user_id}
        try:
            self._enforcer.authorize(action, target, ctx, do_raise=True,
                                     exc=PolicyNotAuthorized, action=action)
        except oslo_policy.InvalidScope:
            raise PolicyNotAuthorized(action=action) from None

    def check(self, ctx: nova_context.RequestContext, action: str,
              target: Mapping[str, Any] | None = None) -> bool:
        """True when ``ctx`` may do ``action``; for choices, not for refusals."""
        try:
            self.authorize(ctx, action, target)
        except PolicyNotAuthorized:
            return False
        return True


def get_enforcer() -> oslo_policy.Enforcer:
    """For oslo.policy's tools (``oslopolicy-policy-generator`` and friends)."""
    import sys

    from nova_api import conf as nova_conf

    conf = cfg.ConfigOpts()
    nova_conf.register_opts(conf)
    conf(sys.argv[1:], project='nova')
    return Enforcer(conf).oslo_enforcer
