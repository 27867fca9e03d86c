"""``POST /v3/auth/tokens``: check the methods, resolve the scope, issue the token.

Keystone's order and words (keystone/auth/): the request's shape is checked
first (400: a method without its data, two scopes, a project named without
its domain), then each method authenticates (401), then the scope is resolved
(401: no such project, disabled, no role on it). Unlike Keystone the scope is
looked up only after the caller proved who they are, so that an anonymous
caller cannot learn which projects exist.

A failed login costs what a successful one costs: an unknown user's password
is checked against a dummy hash, and a locked-out user's password is checked
too before the answer is given. Every 401 has the same body; the reason is
logged (never a password).
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api import exception
from nova_api.api import validation
from nova_api.db import models
from nova_api.db.models.base import utcnow
from nova_api.identity import passwords
from nova_api.identity import scoping
from nova_api.identity import tokens
from nova_api.identity.schemas import auth as schemas
from nova_api.identity.scoping import Authenticated
from nova_api.identity.scoping import Issued
from nova_api.identity.scoping import find_domain
from nova_api.identity.scoping import unauthorized as _unauthorized

LOG = logging.getLogger(__name__)

METHODS = ('password', 'token', 'application_credential')
SCOPES = ('project', 'domain', 'unscoped', 'system', 'OS-TRUST:trust')


def _missing(attribute: str, target: str) -> exception.IdentityValidationError:
    return exception.IdentityValidationError(attribute=attribute, target=target)


# -- the request's shape (400) -------------------------------------------------

_AUTH = validation.validator(schemas.token_issue_auth, error=schemas.keystone_error)


def parse(body: Any) -> tuple[dict, list[str], dict | str | None]:
    """``(identity, methods, scope)`` of a request body, or Keystone's 400, in Keystone's order.

    The schema first, with what it cannot say about ids and names
    (keystone/auth/schema.py), then each method's data and the scope
    (keystone/auth/core.py's AuthInfo).
    """
    auth = body.get('auth') if isinstance(body, dict) else None
    if auth is not None:
        _AUTH.validate(auth)
        _check_ids_or_names(auth)
    if not auth:
        raise _missing('auth', 'request body')
    identity = auth['identity']
    methods = list(dict.fromkeys(identity['methods']))
    for method in methods:
        if method not in identity:
            raise _missing(method, 'identity')
    for method in methods:
        if method not in METHODS:
            raise exception.AuthMethodNotSupported()
    if 'application_credential' in methods and 'scope' in auth:
        raise exception.ApplicationCredentialAuthError(
            detail='Application credentials cannot request a scope.')
    scope = auth.get('scope')
    if scope is not None:
        _check_scope(scope)
    return identity, methods, scope


def _check_ids_or_names(auth: dict) -> None:
    """An id or a name wherever a user, project or domain is named (Keystone's 400 words)."""
    user = (auth['identity'].get('password') or {}).get('user')
    scope = auth.get('scope')
    scope = scope if isinstance(scope, dict) else {}
    project = scope.get('project')
    named = [('identity/password/user', user),
             ('identity/password/user/domain', (user or {}).get('domain')),
             ('scope/project', project),
             ('scope/project/domain', (project or {}).get('domain')),
             ('scope/domain', scope.get('domain'))]
    for field, ref in named:
        if ref is not None and 'id' not in ref and 'name' not in ref:
            raise exception.IdentitySchemaError(
                detail='Invalid input for field %s: id or name must be present.' % field)


def _check_scope(scope: dict | str) -> None:
    if scope == 'unscoped':  # the schema allows a string; Keystone's rules read only this one
        return
    if not isinstance(scope, dict) or sum(key in scope for key in SCOPES) != 1:
        raise _missing('system, project, domain, OS-TRUST:trust or unscoped', 'scope')
    project = scope.get('project')
    if project is not None and project.get('name'):  # a name wins over an id, and needs its domain
        if 'domain' not in project:
            raise _missing('domain', 'project')
        _check_domain_ref(project['domain'])
    if scope.get('domain') is not None:
        _check_domain_ref(scope['domain'])


def _check_domain_ref(domain: dict) -> None:
    """Keystone's 400 for a domain named by neither id nor name: both empty (the schema lets "" by)."""
    if not domain.get('id') and not domain.get('name'):
        raise _missing('id or name', 'domain')


# -- the methods (401) ---------------------------------------------------------

class Authenticator:
    """The rules of ``POST /v3/auth/tokens`` over one Identity's database, keys and config."""

    def __init__(self, conf: Any, database: Any, token_format: tokens.TokenFormat,
                 validator: tokens.TokenValidator):
        self.conf = conf
        self.database = database
        self.format = token_format
        self.validator = validator

    def issue(self, body: Any) -> Issued:
        """A new token for the request ``body``; Keystone's 400/401/404 otherwise."""
        identity, methods, scope = parse(body)
        proved: list[Authenticated] = []
        for method in methods:
            data = identity[method]
            if method == 'password':
                proved.append(self._password(data))
            elif method == 'token':
                proved.append(self._token(data, scope))
            else:
                proved.append(self._application_credential(data))
        if not proved:
            raise _unauthorized('no method named')  # "methods": [], as Keystone answers it
        if len({p.user_id for p in proved}) != 1:
            raise _unauthorized('the methods name different users')
        merged = dataclasses.replace(
            proved[0], methods=list(dict.fromkeys(m for p in proved for m in p.methods)),
            expires_at=min((p.expires_at for p in proved if p.expires_at), default=None))
        for p in proved:
            merged.audit_chain_id = merged.audit_chain_id or p.audit_chain_id
            merged.application_credential_id = (merged.application_credential_id
                                                or p.application_credential_id)
            merged.project_id = merged.project_id or p.project_id
        return self.database.read(self._scoped, merged, scope)

    # password ------------------------------------------------------------

    def _password(self, data: dict) -> Authenticated:
        user_ref = data.get('user')
        if user_ref is None:
            raise _missing('user', 'password')
        if not user_ref.get('id') and not user_ref.get('name'):
            raise _missing('id or name', 'user')
        if not user_ref.get('id'):  # by name, in its domain
            if 'domain' not in user_ref:
                raise _missing('domain', 'user')
            _check_domain_ref(user_ref['domain'])
        password = user_ref.get('password')
        # The slow hash runs outside any transaction: a write transaction would hold
        # SQLite's lock for its whole length.
        user = self.database.read(_load_user, user_ref)
        valid = passwords.verify(password if isinstance(password, str) else None,
                                 user.password_hash if user is not None else None)
        if user is None:
            self.database.write(_nothing)  # what counting a failure costs, so that no one can tell
            raise _unauthorized('password for an unknown user')
        outcome = self._judge(user, valid, utcnow())
        if outcome != 'ok':
            raise _unauthorized('password for %s: %s', user.id, outcome)
        return Authenticated(user_id=user.id, methods=['password'])

    def _judge(self, user: models.User, valid: bool, now: datetime.datetime) -> str:
        """Whether a password check lets ``user`` in; counts the failures toward a lockout."""
        attempts = self.conf.identity.lockout_failure_attempts
        exempt = (user.extra or {}).get('options', {}).get('ignore_lockout_failure_attempts')
        counting = bool(attempts) and not exempt
        if counting and user.failed_auth_count >= attempts and user.failed_auth_at is not None:
            until = user.failed_auth_at + datetime.timedelta(
                seconds=self.conf.identity.lockout_duration)
            if now < until:
                self.database.write(_nothing)
                return 'locked out'
        if not valid:
            if counting:
                self.database.write(_count_failure, user.id, now, user.failed_auth_at,
                                    self.conf.identity.lockout_duration)
            else:
                self.database.write(_nothing)
            return 'wrong password'
        if user.failed_auth_count:
            self.database.write(_reset_failures, user.id)
        if not user.enabled:
            return 'disabled'
        if user.password_expires_at is not None and user.password_expires_at <= now:
            return 'password expired'
        if not user.domain_enabled:
            return 'domain disabled'
        return 'ok'

    # token ---------------------------------------------------------------

    def _token(self, data: dict, scope: Any) -> Authenticated:
        token_id = data.get('id')
        if not token_id:
            raise _missing('id', 'token')
        token = self.validate(token_id)
        if token.application_credential_id and scope:
            raise exception.IdentityForbiddenAction(
                action='Using an application credential token to create a scoped token is not '
                       'allowed.')
        return Authenticated(user_id=token.user_id, methods=['token', *token.methods],
                             expires_at=token.expires_at, audit_chain_id=token.audit_chain_id,
                             application_credential_id=token.application_credential_id,
                             project_id=token.project_id if token.application_credential_id
                             else None)

    def validate(self, token_id: str, window: datetime.timedelta | None = None) -> tokens.Token:
        """A valid token, or Keystone's 404 for a subject token (bad, expired, revoked)."""
        try:
            return self.validator.validate(token_id, window=window)
        except tokens.ExpiredToken:
            raise exception.TokenNotFound('Failed to validate token') from None
        except tokens.RevokedToken:
            raise exception.TokenNotFound('Failed to validate token') from None
        except tokens.InvalidToken:
            raise exception.TokenNotFound('Could not recognize Fernet token') from None

    # application credential ----------------------------------------------

    def _application_credential(self, data: dict) -> Authenticated:
        if not data.get('id') and not data.get('name'):
            raise _missing('name or ID', 'application credential')
        if not data.get('id'):
            user_ref = data.get('user')
            if not isinstance(user_ref, dict) or not (user_ref.get('id') or user_ref.get('name')):
                raise _missing('user', 'application credential')
            if not user_ref.get('id'):
                if 'domain' not in user_ref:
                    raise _missing('domain', 'user')
                _check_domain_ref(user_ref['domain'])
        credential = self.database.read(_load_credential, data)
        secret = data.get('secret')
        valid = passwords.verify(secret if isinstance(secret, str) else None,
                                 credential.secret_hash if credential is not None else None)
        if credential is None:
            raise _unauthorized('no such application credential')
        if not valid:
            raise _unauthorized('wrong secret for application credential %s', credential.id)
        if credential.expires_at is not None and credential.expires_at <= utcnow():
            raise _unauthorized('application credential %s expired', credential.id)
        if not credential.user_enabled:
            raise _unauthorized('the user of application credential %s is disabled',
                                credential.id)
        return Authenticated(user_id=credential.user_id, methods=['application_credential'],
                             application_credential_id=credential.id,
                             project_id=credential.project_id)

    # the scope -----------------------------------------------------------

    def _scoped(self, session: orm.Session, proved: Authenticated, scope: Any) -> Issued:
        return scoping.issue(session, self.conf, proved, scope)


def _nothing(session: orm.Session) -> None:
    """An empty write transaction."""


def _load_user(session: orm.Session, user_ref: dict) -> models.User | None:
    """The user a password request names, with ``domain_enabled`` set; detached."""
    user = _find_user(session, user_ref)
    if user is not None:
        domain = session.get(models.Domain, user.domain_id)
        user.domain_enabled = domain is not None and domain.enabled
        session.expunge(user)
    return user


def _count_failure(session: orm.Session, user_id: str, now: datetime.datetime,
                   last_failure: datetime.datetime | None, lockout_duration: int) -> None:
    """One more failed login, atomically (two workers failing at once both count)."""
    table = models.User
    stale = last_failure is not None and now - last_failure > datetime.timedelta(
        seconds=lockout_duration)
    count = sa.literal(1) if stale else table.failed_auth_count + 1
    session.execute(sa.update(table).where(table.id == user_id)
                    .values(failed_auth_count=count, failed_auth_at=now))


def _reset_failures(session: orm.Session, user_id: str) -> None:
    session.execute(sa.update(models.User).where(models.User.id == user_id)
                    .values(failed_auth_count=0, failed_auth_at=None))


def _load_credential(session: orm.Session, data: dict) -> models.ApplicationCredential | None:
    """The application credential a request names, with ``user_enabled`` set; detached."""
    table = models.ApplicationCredential
    if data.get('id'):
        credential = session.get(table, str(data['id']))
    else:
        user = _find_user(session, data['user'])
        credential = None if user is None else session.scalar(sa.select(table).where(
            table.user_id == user.id, table.name == str(data['name'])))
    if credential is not None:
        user = session.get(models.User, credential.user_id)
        credential.user_enabled = user is not None and user.enabled
        session.expunge(credential)
    return credential


def _find_user(session: orm.Session, user_ref: dict) -> models.User | None:
    """The user a request names by id, or by name in a domain named by id or name."""
    if user_ref.get('id'):
        return session.get(models.User, str(user_ref['id']))
    domain = find_domain(session, user_ref.get('domain') or {})
    if domain is None:
        return None
    return session.scalar(sa.select(models.User).where(
        models.User.domain_id == domain.id, models.User.name == str(user_ref['name'])))
