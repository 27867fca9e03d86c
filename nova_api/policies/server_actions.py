"""Nova's default rules of the server actions beyond reboot/stop/start (those are in ``servers``).

Members act on their project's servers; the actions that reach past the
guest (reset its state, offload it, unshelve it onto a host, unlock what an
admin locked) are for admins. Every rule is checked against the server's
own project (and user, where Nova names it).
"""

from oslo_policy import policy

from nova_api.policies import base

PAUSE = 'os_compute_api:os-pause-server:pause'
UNPAUSE = 'os_compute_api:os-pause-server:unpause'
SUSPEND = 'os_compute_api:os-suspend-server:suspend'
RESUME = 'os_compute_api:os-suspend-server:resume'
LOCK = 'os_compute_api:os-lock-server:lock'
UNLOCK = 'os_compute_api:os-lock-server:unlock'
UNLOCK_OVERRIDE = 'os_compute_api:os-lock-server:unlock:unlock_override'
RESCUE = 'os_compute_api:os-rescue'
UNRESCUE = 'os_compute_api:os-unrescue'
SHELVE = 'os_compute_api:os-shelve:shelve'
SHELVE_OFFLOAD = 'os_compute_api:os-shelve:shelve_offload'
UNSHELVE = 'os_compute_api:os-shelve:unshelve'
UNSHELVE_TO_HOST = 'os_compute_api:os-shelve:unshelve_to_host'
REBUILD = 'os_compute_api:servers:rebuild'
REBUILD_TRUSTED_CERTS = 'os_compute_api:servers:rebuild:trusted_certs'
CHANGE_PASSWORD = 'os_compute_api:os-admin-password'
TRIGGER_CRASH_DUMP = 'os_compute_api:servers:trigger_crash_dump'
RESET_STATE = 'os_compute_api:os-admin-actions:reset_state'
INJECT_NETWORK_INFO = 'os_compute_api:os-admin-actions:inject_network_info'
RESTORE = 'os_compute_api:os-deferred-delete:restore'
FORCE_DELETE = 'os_compute_api:os-deferred-delete:force'
ADD_SECURITY_GROUP = 'os_compute_api:os-security-groups:add'
REMOVE_SECURITY_GROUP = 'os_compute_api:os-security-groups:remove'
ADD_FIXED_IP = 'os_compute_api:os-multinic:add'
REMOVE_FIXED_IP = 'os_compute_api:os-multinic:remove'

_MEMBER = base.PROJECT_MEMBER_OR_ADMIN


def _action(name: str) -> list[dict[str, str]]:
    return [{'method': 'POST', 'path': '/servers/{server_id}/action (%s)' % name}]


#: (name, check string, description, the action it guards)
_RULES = (
    (PAUSE, _MEMBER, 'Pause a server', 'pause'),
    (UNPAUSE, _MEMBER, 'Unpause a paused server', 'unpause'),
    (SUSPEND, _MEMBER, 'Suspend a server', 'suspend'),
    (RESUME, _MEMBER, 'Resume a suspended server', 'resume'),
    (LOCK, _MEMBER, 'Lock a server (2.73: with a reason)', 'lock'),
    (UNLOCK, _MEMBER, 'Unlock a server', 'unlock'),
    (UNLOCK_OVERRIDE, base.ADMIN,
     'Unlock a server locked by someone else (an admin, for its owner)', 'unlock'),
    (RESCUE, _MEMBER, 'Rescue a server', 'rescue'),
    (UNRESCUE, _MEMBER, 'Unrescue a server', 'unrescue'),
    (SHELVE, _MEMBER, 'Shelve a server', 'shelve'),
    (SHELVE_OFFLOAD, base.ADMIN, 'Offload a shelved server from its host', 'shelveOffload'),
    (UNSHELVE, _MEMBER, 'Unshelve a shelved or offloaded server', 'unshelve'),
    (UNSHELVE_TO_HOST, base.ADMIN, 'Unshelve an offloaded server onto a given host (2.91)',
     'unshelve'),
    (REBUILD, _MEMBER, 'Rebuild a server', 'rebuild'),
    (REBUILD_TRUSTED_CERTS, _MEMBER,
     'Rebuild a server with trusted image certificate IDs (2.63)', 'rebuild'),
    (CHANGE_PASSWORD, _MEMBER, "Change a server's administrator password", 'changePassword'),
    (TRIGGER_CRASH_DUMP, _MEMBER, 'Trigger a crash dump in a server (2.17)',
     'trigger_crash_dump'),
    (RESET_STATE, base.ADMIN, "Reset a server's state to active or error", 'os-resetState'),
    (INJECT_NETWORK_INFO, base.ADMIN, 'Inject network information into a server',
     'injectNetworkInfo'),
    (RESTORE, _MEMBER, 'Restore a soft-deleted server', 'restore'),
    (FORCE_DELETE, _MEMBER, 'Delete a server at once, soft delete or not', 'forceDelete'),
    (ADD_SECURITY_GROUP, _MEMBER, 'Add a security group to a server', 'addSecurityGroup'),
    (REMOVE_SECURITY_GROUP, _MEMBER, 'Remove a security group from a server',
     'removeSecurityGroup'),
    (ADD_FIXED_IP, _MEMBER, 'Add a fixed address to a server (up to 2.43)', 'addFixedIp'),
    (REMOVE_FIXED_IP, _MEMBER, 'Remove a fixed address from a server (up to 2.43)',
     'removeFixedIp'),
)

rules = [policy.DocumentedRuleDefault(name=name, check_str=check, description=description,
                                      operations=_action(action), scope_types=['project'])
         for name, check, description, action in _RULES]


def list_rules():
    return rules
