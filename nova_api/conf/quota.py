"""[quota] options: the default limits every project gets, and how they are enforced."""

import copy

from oslo_config import cfg

GROUP = 'quota'

quota_group = cfg.OptGroup(GROUP, title='Quota options', help="""
Default quota limits. An administrator overrides them per project, or per
user of a project, through ``PUT /os-quota-sets/{project_id}``; -1 means
unlimited.
""")

quota_opts = [
    cfg.IntOpt('instances', default=10, min=-1,
               help='Servers a project may have.'),
    cfg.IntOpt('cores', default=20, min=-1,
               help='vCPUs the servers of a project may have in all.'),
    cfg.IntOpt('ram', default=50 * 1024, min=-1,
               help='Megabytes of RAM the servers of a project may have in all.'),
    cfg.IntOpt('metadata_items', default=128, min=-1,
               help='Metadata items one server may have.'),
    cfg.IntOpt('injected_files', default=5, min=-1,
               help='Files one server create may inject (personality; before 2.57).'),
    cfg.IntOpt('injected_file_content_bytes', default=10 * 1024, min=-1,
               help='Bytes of one injected file.'),
    cfg.IntOpt('injected_file_path_length', default=255, min=-1,
               help='Characters of the path of one injected file.'),
    cfg.IntOpt('key_pairs', default=100, min=-1,
               help='Keypairs one user may have.'),
    cfg.IntOpt('server_groups', default=10, min=-1,
               help='Server groups a project may have.'),
    cfg.IntOpt('server_group_members', default=10, min=-1,
               help='Servers one server group may hold.'),
    cfg.BoolOpt('recheck_quota', default=True, help="""
Count again after a resource is created, in the same transaction, and undo
the create if a concurrent request used the room meanwhile. Nova's default;
turn it off only to trade exactness for speed.
"""),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_group(copy.deepcopy(quota_group))
    conf.register_opts(quota_opts, group=GROUP)


def list_opts():
    return [(quota_group, quota_opts)]
