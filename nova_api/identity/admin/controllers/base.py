"""What every admin controller shares: who is calling, the policy check, the API's URL.

Keystone checks the policy before it says whether a thing exists: a caller
the rule refuses gets 403 for a missing thing as for a present one, and
only a caller the rule lets through learns it is missing (404). The
controllers do the same: look the thing up, check the rule against it (or
against the bare id), then raise the 404.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nova_api import policy
from nova_api.identity import caller as caller_module
from nova_api.identity import views as identity_views
from nova_api.identity.admin import application_credentials
from nova_api.identity.admin import assignments
from nova_api.identity.admin import resources
from nova_api.identity.admin import roles
from nova_api.identity.admin import users
from nova_api.identity.controllers import base


def first(req: Any, name: str) -> str | None:
    """The first value of query parameter ``name``, or None."""
    values = req.GET.getall(name)
    return values[0] if values else None


def key_only(req: Any, name: str) -> bool:
    """Keystone's key-only flag (``?effective``): present and not ``0`` means true."""
    values = req.GET.getall(name)
    return bool(values) and values[0] not in ('0', 'false', 'False')


class AdminController(base.IdentityController):
    """An admin controller: the areas' APIs over ``self.identity``, and the caller's checks."""

    wsgi_wording = {
        policy.PolicyNotAuthorized:
            'You are not authorized to perform the requested action: %(action)s.',
    }

    def __init__(self, services: Any = None) -> None:
        super().__init__(services)
        if self.identity is not None:
            self.domains = resources.DomainAPI(self.identity)
            self.projects = resources.ProjectAPI(self.identity)
            self.users = users.UserAPI(self.identity)
            self.roles = roles.RoleAPI(self.identity)
            self.assignments = assignments.AssignmentAPI(self.identity)
            self.credentials = application_credentials.ApplicationCredentialAPI(self.identity)

    def caller(self, req: Any) -> Any:
        """The request context of the caller's valid token; Keystone's 401 without one."""
        super().caller(req)
        return req.context

    @staticmethod
    def token(req: Any) -> Any:
        """The caller's token (:class:`nova_api.identity.tokens.Token`)."""
        return caller_module.token_of(req.environ)

    def authorize(self, req: Any, rule: str, target: Mapping[str, Any] | None = None) -> Any:
        """The caller, once ``rule`` allows it on ``target`` (403 otherwise)."""
        ctx = self.caller(req)
        self.policy.authorize(ctx, rule, dict(target or {}))
        return ctx

    def url(self, req: Any) -> str:
        """The identity API's URL, as this request reaches it (or as configured)."""
        return identity_views.identity_url(req, self.identity)

    @staticmethod
    def default_domain(ctx: Any) -> str:
        """Where a new project or user goes without a domain_id: the token's domain, or default."""
        return getattr(ctx, 'domain_id', None) or resources.DEFAULT_DOMAIN_ID
