"""[api] options: how callers are authenticated and how the API presents itself."""

import copy

from oslo_config import cfg

GROUP = 'api'

api_group = cfg.OptGroup(GROUP, title='API options', help='Options of the Compute API itself.')

api_opts = [
    cfg.StrOpt(
        'auth_strategy',
        default='noauth2',
        choices=[
            ('noauth2', 'Development mode: the token "user:project" is trusted '
                        'as it stands; the user "admin" is an administrator. '
                        'Never use it where the API can be reached by others.'),
            ('keystone', 'Real tokens: with [identity] enabled (the default) those of '
                         'the built-in identity at /identity, validated in-process; '
                         'otherwise keystonemiddleware auth_token validates them '
                         'against the Keystone of [keystone_authtoken].'),
        ],
        help="""
How the Compute API authenticates its callers.

Nova defaults to keystone; nova_api's option defaults to noauth2, and the
shipped etc/nova.conf sets keystone with the built-in identity. Identity
headers sent by clients (X-Roles, X-User-Id, ...) are never trusted in
either mode.
"""),
    cfg.StrOpt(
        'project_id_regex',
        help=r"""
The regular expression a project id in the URL (``/v2.1/{project_id}/...``)
must match. Defaults to Nova's ``[0-9a-f\-]+`` (Keystone's ids are hex),
which keeps the optional prefix from shadowing other routes. Set it, e.g. to
``[0-9a-zA-Z_\-]+``, to put noauth2 project names like ``demo`` in URLs.
"""),
    cfg.IntOpt(
        'max_limit',
        default=1000,
        min=0,
        help="""
The most items a collection (flavors, ...) returns in one response, as in
Nova. A larger ``limit`` is cut down to this; a full page carries a
``next`` link for the rest.
"""),
    cfg.BoolOpt(
        'enable_instance_password',
        default=True,
        help="""
Whether ``POST /servers`` (and the actions that set one) return the server's
administrator password, ``adminPass``, as Nova does by default.
"""),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    # A fresh group each time: oslo.config copies a group only shallowly, so
    # sharing the module's object would share option state between confs.
    conf.register_group(copy.deepcopy(api_group))
    conf.register_opts(api_opts, group=GROUP)


def list_opts():
    return [(api_group, api_opts)]
