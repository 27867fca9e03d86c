"""What Nova's security group proxies (``os-security-groups``, ``os-security-group-rules``)
answer, in Nova's wording (nova/exception.py and nova/network/security_group_api.py).

Imported from here (not re-exported from :mod:`nova_api.exception`): they are raised only by
:mod:`nova_api.compute.security_group_proxies`.
"""

from __future__ import annotations

from nova_api.exception.base import Forbidden
from nova_api.exception.base import Invalid
from nova_api.exception.base import NotFound


class InvalidGroupId(Invalid):
    msg_fmt = 'Security group id should be uuid'


class InvalidCidr(Invalid):
    msg_fmt = '%(cidr)s is not a valid IP network.'


class BadCidrPrefix(Invalid):
    msg_fmt = 'Bad prefix for network in cidr %(cidr)s'


class InvalidIpProtocol(Invalid):
    msg_fmt = 'Invalid IP protocol %(protocol)s.'


class InvalidPortRange(Invalid):
    msg_fmt = 'Invalid port range %(from_port)s:%(to_port)s. %(msg)s'


class PortsNotIntegers(Invalid):
    msg_fmt = 'Invalid input received: %(reason)s'


class NotEnoughRuleParameters(Invalid):
    msg_fmt = 'Not enough parameters to build a valid rule.'


class RuleExists(Invalid):
    msg_fmt = 'This rule already exists in group %(group_id)s'


class GroupInUse(Invalid):
    """Neutron's 409 on deleting a group a port uses, as Nova passes it on (400)."""

    msg_fmt = 'Security group is still in use: %(reason)s'


class GroupRefused(Invalid):
    """Another refusal of the network service Nova passes on as a 400 with its message."""

    msg_fmt = '%(reason)s'


class GroupLimitExceeded(Forbidden):
    """Neutron's 409 on a create (over quota, or a second ``default``): Nova's 403."""

    msg_fmt = '%(reason)s'


class GroupNotFound(NotFound):
    msg_fmt = 'Security group %(id)s does not exist'


class RuleNotFound(NotFound):
    msg_fmt = 'Security group rule %(id)s does not exist'
