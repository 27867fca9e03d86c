"""How the Image API words what every controller of it may raise (Glance's messages)."""

from __future__ import annotations

from nova_api import policy

#: Glance's ``Forbidden`` for a policy that refuses.
WORDING = {
    policy.PolicyNotAuthorized: 'You are not authorized to complete %(action)s action.',
}
