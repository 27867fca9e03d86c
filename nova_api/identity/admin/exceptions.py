"""The identity admin calls' errors, with Keystone's status codes and words (keystone/exception.py)."""

from __future__ import annotations

from nova_api import exception


class IdentityInvalid(exception.Invalid):
    """Keystone's ValidationError raised with its own message."""

    msg_fmt = '%(message)s'


class DomainNotFound(exception.NotFound):
    msg_fmt = 'Could not find domain: %(domain_id)s.'


class ProjectNotFound(exception.NotFound):
    msg_fmt = 'Could not find project: %(project_id)s.'


class UserNotFound(exception.NotFound):
    msg_fmt = 'Could not find user: %(user_id)s.'


class RoleNotFound(exception.NotFound):
    msg_fmt = 'Could not find role: %(role_id)s.'


class ImpliedRoleNotFound(exception.NotFound):
    msg_fmt = '%(prior_role_id)s does not imply %(implied_role_id)s.'


class RoleAssignmentNotFound(exception.NotFound):
    msg_fmt = ('Could not find role assignment with role: %(role_id)s, user or group: '
               '%(actor_id)s, project, domain, or system: %(target_id)s.')


class ApplicationCredentialNotFound(exception.NotFound):
    msg_fmt = 'Could not find Application Credential: %(application_credential_id)s.'


class IdentityConflict(exception.Conflict):
    msg_fmt = 'Conflict occurred attempting to store %(type)s - %(details)s.'


class ForbiddenNotSecurity(exception.Forbidden):
    """A 403 whose message is safe to show: a rule of the resource, not of policy."""

    msg_fmt = '%(message)s'


class InvalidImpliedRole(exception.Forbidden):
    msg_fmt = '%(role_id)s cannot be an implied roles.'


class ForbiddenAction(exception.Forbidden):
    msg_fmt = 'You are not authorized to perform the requested action: %(action)s.'


class ApplicationCredentialValidationError(exception.Invalid):
    msg_fmt = 'Invalid application credential: %(detail)s'


class PasswordChangeUnauthorized(exception.NotAuthorized):
    """A wrong original password (or no such user): Keystone's 401, the same either way."""

    msg_fmt = 'Error when changing user password: Invalid user / password'


def duplicate(kind: str, name: str, domain_id: str | None = None) -> IdentityConflict:
    """Keystone's 409 for a name taken in its namespace."""
    details = 'Duplicate entry found with name %s' % name
    if domain_id is not None:
        details += ' at domain ID %s' % domain_id
    return IdentityConflict(type=kind, details=details)
