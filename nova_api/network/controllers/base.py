"""What every Network API controller shares: the business layer, Neutron's policy checks
(403 PolicyNotAuthorized; a resource its reader may not get is a 404) and the list query."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

from nova_api.api import controller
from nova_api.exception import network as net_exc
from nova_api.networking.query import ListQuery
from nova_api.policies import network as network_policies


class NetworkController(controller.Controller):
    """A controller of the Network API: ``self.net`` is the business layer."""

    #: The URL's collection (``networks``), naming the body's keys.
    collection = ''

    @property
    def net(self) -> Any:
        return self.compute.network

    def authorize(self, ctx: Any, rule: str, target: Mapping[str, Any]) -> None:
        if not self.policy.check(ctx, rule, dict(target)):
            raise net_exc.PolicyNotAuthorized(action=rule)

    def authorize_attributes(self, ctx: Any, action: str, resource: str,
                             values: Mapping[str, Any], target: Mapping[str, Any],
                             attributes: Iterable[str]) -> None:
        """The rule ``<action>_<resource>:<attribute>`` of each restricted attribute given."""
        for attribute in attributes:
            if _given(values, attribute):
                self.authorize(ctx, '%s_%s:%s' % (action, resource, attribute), target)

    def can_get(self, ctx: Any, rule: str, target: Mapping[str, Any],
                not_found: Exception) -> None:
        """Neutron hides what a rule does not let its caller get: a 404, not a 403."""
        if not self.policy.check(ctx, rule, dict(target)):
            raise not_found

    @staticmethod
    def query(req) -> ListQuery:
        return ListQuery.parse(req.GET.items())

    @staticmethod
    def fields(req) -> list[str]:
        return [field for value in req.GET.getall('fields') for field in value.split(',') if field]

    def hidden_port_attributes(self, ctx: Any) -> list[str]:
        target = {'project_id': ctx.project_id}
        return [attribute for attribute in network_policies.ADMIN_PORT_ATTRIBUTES
                if not self.policy.check(ctx, 'get_port:%s' % attribute, target)]


def _given(values: Mapping[str, Any], attribute: str) -> bool:
    """Whether a (possibly nested, ``a:b``) attribute is in ``values``."""
    if attribute in values:
        return True
    head, _, rest = attribute.partition(':')
    if not rest or head not in values:
        return False
    inner = values[head]
    if isinstance(inner, list):
        return any(isinstance(item, dict) and _given(item, rest) for item in inner)
    return isinstance(inner, dict) and _given(inner, rest)


def body_of(body: Mapping[str, Any], key: str) -> dict[str, Any]:
    return dict(body[key])
