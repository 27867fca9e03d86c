"""[identity] options: the built-in identity service (users, projects, roles, tokens)."""

import copy

from oslo_config import cfg

GROUP = 'identity'

identity_group = cfg.OptGroup(GROUP, title='Built-in identity', help="""
A Keystone v3 compatible subset served at /identity when
``[api] auth_strategy = keystone``: users, projects and roles kept in the
database, passwords checked, tokens encrypted and signed with keys from a key
repository, and the compute and image APIs validating those tokens in-process.
Turn it off to put the service behind a real Keystone.
""")

identity_opts = [
    cfg.BoolOpt('enabled', default=True, help="""
Whether the built-in identity is served (with ``[api] auth_strategy =
keystone``). When false, nothing of it is mounted and keystonemiddleware's
auth_token validates tokens against the Keystone configured in
``[keystone_authtoken]``. Under ``auth_strategy = noauth2`` the development
identity is served at /identity whatever this says.
"""),
    cfg.IntOpt('token_expiration', default=3600, min=60, help="""
How long a token is valid, in seconds (Keystone's ``[token] expiration``).
"""),
    cfg.IntOpt('allow_expired_window', default=48 * 3600, min=0, help="""
How long after its expiry a token may still be shown with
``?allow_expired=1`` (Keystone's ``[token] allow_expired_window``); also how
long revocation events are kept after the tokens they match expired.
"""),
    cfg.StrOpt('region_name', default='RegionOne', help="""
The region every endpoint of the service catalogue is in.
"""),
    cfg.URIOpt('public_endpoint', help="""
The base URL clients reach this service at (``https://cloud.example.com``),
for the service catalogue and the version documents. Unset: the URL of the
request (after ``[oslo_middleware] enable_proxy_headers_parsing``).
"""),
    cfg.URIOpt('internal_endpoint', help="""
The base URL of the ``internal`` endpoints of the catalogue; unset: the
public one.
"""),
    cfg.URIOpt('admin_endpoint', help="""
The base URL of the ``admin`` endpoints of the catalogue; unset: the public
one.
"""),
    cfg.IntOpt('lockout_failure_attempts', min=1, help="""
After this many failed password logins in a row, a user is locked out for
``lockout_duration`` seconds (Keystone's ``[security_compliance]``). Unset:
no lockout.
"""),
    cfg.IntOpt('lockout_duration', default=1800, min=1, help="""
How long, in seconds, a locked-out user cannot log in with a password.
"""),
    cfg.StrOpt('key_repository', help="""
The directory of the token keys (primary, secondary and staged, as
``keystone-manage fernet_setup`` lays them out). Unset: ``identity-keys``
under ``state_path``. Created with its first keys on first start; share it
between the nodes that share the database.
"""),
    cfg.IntOpt('max_active_keys', default=3, min=2, help="""
How many keys the repository keeps: one staged, one primary, the rest
secondary. Tokens signed with a key rotated out no longer validate, so keep
``max_active_keys - 2`` rotations longer than ``token_expiration``.
"""),
    cfg.StrOpt('bootstrap_admin_password', secret=True, help="""
The password of the ``admin`` user that the first start creates (with the
``admin`` role on the ``admin`` project). Unset: no password; set one later
with ``nova-api-manage identity bootstrap``.
"""),
    cfg.StrOpt('bootstrap_admin_username', default='admin',
               help='The name of the administrator the first start creates.'),
    cfg.StrOpt('bootstrap_project_name', default='admin',
               help="The administrator's project."),
    cfg.StrOpt('bootstrap_demo_project_name', default='demo', help="""
A project for everyday use, created on first start. Empty: none.
"""),
    cfg.StrOpt('bootstrap_demo_username', default='demo', help="""
A user with the ``member`` role on the demo project. Empty: none.
"""),
    cfg.StrOpt('bootstrap_demo_password', secret=True, help="""
The demo user's password. Unset: the demo user is not created.
"""),
]


def is_built_in(conf: cfg.ConfigOpts) -> bool:
    """Whether this configuration serves the built-in identity (and validates its tokens)."""
    return conf.api.auth_strategy == 'keystone' and conf.identity.enabled


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_group(copy.deepcopy(identity_group))
    conf.register_opts(identity_opts, group=GROUP)


def list_opts():
    return [(identity_group, identity_opts)]
