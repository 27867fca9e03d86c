"""Every body of POST /servers/{id}/action, by action name: the one table of action schemas.

The schemas live in one module per action family (``server_power_actions``,
``server_rebuild_actions``, ``server_image_actions``, ``server_rescue_actions``,
``server_admin_actions``, ``server_console_actions``,
``server_security_group_actions``); each action's windows are a
``(schema, min_version, max_version)`` table, exactly Nova's decorators.
An action handler attaches its row::

    for body_schema, low, high in server_actions.ACTION_SCHEMAS['reboot']:
        _reboot = validation.schema(body_schema, low, high)(_reboot)

Windows say which body an action takes at a version, not whether the action
exists there: trigger_crash_dump (from 2.17) and the os-get*Console actions
(up to 2.5) are gated by their handlers, as in Nova.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from nova_api.api.schemas import SchemaWindows
from nova_api.api.schemas import floating_ips
from nova_api.api.schemas import server_admin_actions as admin
from nova_api.api.schemas import server_console_actions as consoles
from nova_api.api.schemas import server_image_actions as images
from nova_api.api.schemas import server_multinic_actions as multinic
from nova_api.api.schemas import server_power_actions as power
from nova_api.api.schemas import server_rebuild_actions as rebuild
from nova_api.api.schemas import server_rescue_actions as rescue
from nova_api.api.schemas import server_security_group_actions as security_groups

ACTION_SCHEMAS: Mapping[str, SchemaWindows] = MappingProxyType({
    # power and state
    'reboot': power.REBOOT_SCHEMAS,
    'os-start': power.START_SCHEMAS,
    'os-stop': power.STOP_SCHEMAS,
    'trigger_crash_dump': power.TRIGGER_CRASH_DUMP_SCHEMAS,
    'pause': power.PAUSE_SCHEMAS,
    'unpause': power.UNPAUSE_SCHEMAS,
    'suspend': power.SUSPEND_SCHEMAS,
    'resume': power.RESUME_SCHEMAS,
    'lock': power.LOCK_SCHEMAS,
    'unlock': power.UNLOCK_SCHEMAS,
    'restore': power.RESTORE_SCHEMAS,
    'forceDelete': power.FORCE_DELETE_SCHEMAS,
    # rebuild and resize
    'rebuild': rebuild.REBUILD_SCHEMAS,
    'resize': rebuild.RESIZE_SCHEMAS,
    'confirmResize': rebuild.CONFIRM_RESIZE_SCHEMAS,
    'revertResize': rebuild.REVERT_RESIZE_SCHEMAS,
    'changePassword': rebuild.CHANGE_PASSWORD_SCHEMAS,
    # images
    'createImage': images.CREATE_IMAGE_SCHEMAS,
    'createBackup': images.CREATE_BACKUP_SCHEMAS,
    # rescue and shelve
    'rescue': rescue.RESCUE_SCHEMAS,
    'unrescue': rescue.UNRESCUE_SCHEMAS,
    'shelve': rescue.SHELVE_SCHEMAS,
    'shelveOffload': rescue.SHELVE_OFFLOAD_SCHEMAS,
    'unshelve': rescue.UNSHELVE_SCHEMAS,
    # administrators'
    'os-resetState': admin.RESET_STATE_SCHEMAS,
    'injectNetworkInfo': admin.INJECT_NETWORK_INFO_SCHEMAS,
    'resetNetwork': admin.RESET_NETWORK_SCHEMAS,
    'migrate': admin.MIGRATE_SCHEMAS,
    'os-migrateLive': admin.MIGRATE_LIVE_SCHEMAS,
    'evacuate': admin.EVACUATE_SCHEMAS,
    # consoles
    'os-getConsoleOutput': consoles.GET_CONSOLE_OUTPUT_SCHEMAS,
    'os-getVNCConsole': consoles.GET_VNC_CONSOLE_SCHEMAS,
    'os-getSPICEConsole': consoles.GET_SPICE_CONSOLE_SCHEMAS,
    'os-getSerialConsole': consoles.GET_SERIAL_CONSOLE_SCHEMAS,
    'os-getRDPConsole': consoles.GET_RDP_CONSOLE_SCHEMAS,
    # security groups
    'addSecurityGroup': security_groups.ADD_SECURITY_GROUP_SCHEMAS,
    'removeSecurityGroup': security_groups.REMOVE_SECURITY_GROUP_SCHEMAS,
    # fixed addresses (up to 2.43)
    'addFixedIp': multinic.ADD_FIXED_IP_SCHEMAS,
    'removeFixedIp': multinic.REMOVE_FIXED_IP_SCHEMAS,
    # floating IPs (up to 2.43)
    'addFloatingIp': floating_ips.ADD_FLOATING_IP_SCHEMAS,
    'removeFloatingIp': floating_ips.REMOVE_FLOATING_IP_SCHEMAS,
})
