"""[simulated_driver] options: how long the simulated hypervisor takes, and what it fails on purpose."""

import copy

from oslo_config import cfg

GROUP = 'simulated_driver'

simulated_driver_group = cfg.OptGroup(GROUP, title='Simulated compute driver', help="""
The simulated hypervisor behind every compute host of ``compute_hosts``. It
moves servers through Nova's real vm_state, task_state and power_state
sequences, taking the time configured here, and fails the operations named
in ``fail_operations`` so that tooling can be tested against errors.
""")

#: The driver operations that can be delayed and made to fail.
OPERATIONS = ('spawn', 'reboot', 'power_off', 'power_on', 'destroy', 'pause', 'unpause',
              'suspend', 'resume', 'rescue', 'unrescue', 'rebuild', 'shelve', 'shelve_offload',
              'unshelve', 'set_admin_password', 'trigger_crash_dump', 'restore')
OPERATIONS += ('snapshot',)
#: The moves' driver operations (resize and cold migration, their confirm and revert,
#: live migration, evacuation).
MOVE_OPERATIONS = ('resize', 'migrate', 'confirm_resize', 'revert_resize', 'live_migration',
                   'evacuate')

simulated_driver_opts = [
    cfg.FloatOpt('build_seconds', default=1.0, min=0,
                 help="""
Seconds from an accepted ``POST /servers`` to ACTIVE, spread over Nova's
build steps (scheduling, networking, block_device_mapping, spawning). A
server's metadata ``nova_api:build_seconds`` overrides it for that server.
"""),
    cfg.FloatOpt('reboot_seconds', default=1.0, min=0,
                 help='Seconds a reboot (soft or hard) takes, over its pending and started steps.'),
    cfg.FloatOpt('power_off_seconds', default=0.5, min=0,
                 help='Seconds a stop (``os-stop``) takes.'),
    cfg.FloatOpt('power_on_seconds', default=0.5, min=0,
                 help='Seconds a start (``os-start``) takes.'),
    cfg.FloatOpt('delete_seconds', default=0.2, min=0,
                 help='Seconds a delete takes, from ``deleting`` to gone.'),
    cfg.FloatOpt('action_seconds', default=0.5, min=0,
                 help="""
Seconds each of the quick operations takes: pause, unpause, suspend, resume,
rescue, unrescue, changePassword, trigger_crash_dump, shelveOffload and
restore.
"""),
    cfg.FloatOpt('rebuild_seconds', default=1.0, min=0,
                 help='Seconds a rebuild takes, over its block device mapping and spawning steps.'),
    cfg.FloatOpt('shelve_seconds', default=1.0, min=0,
                 help='Seconds a shelve takes, over its image upload steps, until SHELVED.'),
    cfg.FloatOpt('unshelve_seconds', default=1.0, min=0,
                 help='Seconds an unshelve takes (scheduling an offloaded server again included).'),
    cfg.FloatOpt('snapshot_seconds', default=1.0, min=0,
                 help="""
Seconds a ``createImage`` or ``createBackup`` takes, from the accepted request
to the image ``active`` and the server's task state cleared, over Nova's
steps (image_snapshot, image_pending_upload, image_uploading).
"""),
    cfg.FloatOpt('resize_seconds', default=1.0, min=0,
                 help='Seconds a resize or a cold migration takes, from resize_prep to '
                      'VERIFY_RESIZE.'),
    cfg.FloatOpt('confirm_resize_seconds', default=0.3, min=0,
                 help='Seconds a confirmResize takes, from VERIFY_RESIZE to ACTIVE or SHUTOFF.'),
    cfg.FloatOpt('revert_resize_seconds', default=0.6, min=0,
                 help='Seconds a revertResize takes, over resize_reverting.'),
    cfg.FloatOpt('live_migration_seconds', default=1.0, min=0,
                 help='Seconds a live migration takes, its migration queued, preparing, running, '
                      'post-migrating and completed.'),
    cfg.FloatOpt('evacuate_seconds', default=1.0, min=0,
                 help='Seconds an evacuation takes, over rebuilding, '
                      'rebuild_block_device_mapping and rebuild_spawning.'),
    cfg.ListOpt('fail_operations', default=[],
                item_type=cfg.types.String(choices=OPERATIONS + MOVE_OPERATIONS),
                help="""
Driver operations that always fail, for testing how tools handle errors:
any of %s. A failed spawn or reboot puts the server in ERROR with a fault,
as in Nova; a failed power change leaves the server as it was. A server's
metadata ``nova_api:fail`` (for example ``nova_api:fail=spawn``) does the
same for that server alone.
""" % ', '.join(OPERATIONS + MOVE_OPERATIONS)),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_group(copy.deepcopy(simulated_driver_group))
    conf.register_opts(simulated_driver_opts, group=GROUP)


def list_opts():
    return [(simulated_driver_group, simulated_driver_opts)]
