"""[task_runner] options: how each worker picks up the work that accepted API calls left behind."""

import copy

from oslo_config import cfg

GROUP = 'task_runner'

task_runner_group = cfg.OptGroup(GROUP, title='Task runner', help="""
Accepting a server operation (a boot, a reboot, a delete) writes a task to
the database and returns; every worker runs a task runner that claims the
tasks that are due, under a lease, and carries them out with the compute
driver. A worker that dies leaves its leases to expire, and another worker,
on this node or another, takes the work over.
""")

task_runner_opts = [
    cfg.BoolOpt('enabled', default=True,
                help="""
Whether this node's workers run tasks. Turn it off on API-only nodes when
other nodes sharing the database run them.
"""),
    cfg.FloatOpt('lease_seconds', default=10.0, min=0.5,
                 help="""
How long a claimed task is reserved for the worker that claimed it. A task
whose worker died is taken over by another once its lease has expired.
Each step of a task takes milliseconds, so the lease only needs to cover a
stalled database.
"""),
    cfg.FloatOpt('poll_interval', default=0.1, min=0.01,
                 help='Seconds between two looks for due tasks when none is due sooner.'),
    cfg.IntOpt('batch_size', default=64, min=1,
               help='The most due tasks one worker claims, and commits, at once.'),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_group(copy.deepcopy(task_runner_group))
    conf.register_opts(task_runner_opts, group=GROUP)


def list_opts():
    return [(task_runner_group, task_runner_opts)]
