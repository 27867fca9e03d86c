"""Tokens as the API sees them: issue, show (validate), revoke; a caller's projects and domains.

A token's document is rebuilt from the database when it is shown, as
Keystone does: the user, the project and the roles as they are now. A user
gone or disabled, a project gone or disabled, no role left: the token no
longer validates (404 for a subject token, 401 for the caller's own).
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import orm

from nova_api import exception
from nova_api.db import models
from nova_api.db.models.base import utcnow
from nova_api.identity import assignments
from nova_api.identity import revocations
from nova_api.identity import scoping
from nova_api.identity import tokens

LOG = logging.getLogger(__name__)


class TokensAPI:
    """The token calls of one :class:`~nova_api.identity.service.Identity`."""

    def __init__(self, identity: Any):
        self.identity = identity
        self.database = identity.database

    def issue(self, body: Any) -> tuple[str, scoping.Issued]:
        """``POST /v3/auth/tokens``: the new token's id and what it says."""
        issued = self.identity.authenticator.issue(body)
        return self.identity.token_format.seal(issued.token), issued

    def caller(self, token_id: str | None) -> tokens.Token:
        """The caller's own token (``X-Auth-Token``), valid; else Keystone's 401."""
        if not token_id:
            raise exception.IdentityUnauthorized(reason='no X-Auth-Token')
        try:
            return self.identity.validator.validate(token_id)
        except tokens.InvalidToken as exc:
            LOG.info('The caller\'s token does not validate: %s', exc)
            raise exception.IdentityUnauthorized(reason=str(exc)) from None

    def subject(self, token_id: str | None, allow_expired: bool = False) -> tokens.Token:
        """The token ``X-Subject-Token`` names, valid (or expired within the window); else 404."""
        if not token_id:
            raise exception.TokenNotFound('No token in the request')
        window = self.identity.allow_expired_window if allow_expired else None
        return self.identity.authenticator.validate(token_id, window=window)

    def show(self, token_id: str | None, allow_expired: bool = False) -> scoping.Issued:
        """``GET /v3/auth/tokens``: the subject token's document, as of now."""
        token = self.subject(token_id, allow_expired)
        issued = self.database.read(_current, token)
        if issued is None:
            raise exception.TokenNotFound('Failed to validate token')
        return issued

    def revoke(self, token_id: str | None) -> None:
        """``DELETE /v3/auth/tokens``: the subject token stops validating, on every worker."""
        token = self.subject(token_id)
        keep = self.identity.allow_expired_window

        def work(session: orm.Session) -> None:
            revocations.revoke(session, audit_id=token.audit_id, expires_at=token.expires_at + keep)
            # Events no valid token can match any more go, a few at each revocation.
            revocations.prune(session, older_than=utcnow() - self.identity.prune_after())
        self.database.write(work)
        self.identity.revocations.refresh(force=True)

    def projects(self, token: tokens.Token) -> list[models.Project]:
        """``GET /v3/auth/projects``: where the caller may scope a token to."""
        return self.database.read(assignments.projects_for_user, token.user_id)

    def domains(self, token: tokens.Token) -> list[models.Domain]:
        """``GET /v3/auth/domains``."""
        return self.database.read(assignments.domains_for_user, token.user_id)


def _current(session: orm.Session, token: tokens.Token) -> scoping.Issued | None:
    """What ``token`` means now, or None if it means nothing any more."""
    user = session.get(models.User, token.user_id)
    if user is None or not user.enabled:
        return None
    user_domain = session.get(models.Domain, user.domain_id)
    project = project_domain = domain = credential = None
    roles: list[models.Role] = []
    if token.application_credential_id:
        credential = session.get(models.ApplicationCredential, token.application_credential_id)
        if credential is None:
            return None
    if token.project_id:
        project = session.get(models.Project, token.project_id)
        if project is None or not project.enabled:
            return None
        project_domain = session.get(models.Domain, project.domain_id)
        if credential is not None:
            try:
                roles = scoping.credential_roles(session, user, project, credential)
            except exception.IdentityUnauthorized:
                return None
        else:
            roles = assignments.project_roles(session, user.id, project)
    elif token.domain_id:
        domain = session.get(models.Domain, token.domain_id)
        if domain is None or not domain.enabled:
            return None
        roles = assignments.domain_roles(session, user.id, domain.id)
    if token.scope != 'unscoped' and not roles:
        return None
    return scoping.Issued(token=token, user=user, user_domain=user_domain, roles=roles,
                          project=project, project_domain=project_domain, domain=domain,
                          application_credential=credential)
