"""The built-in identity declares keystonemiddleware's www_authenticate_uri rather than importing it."""

from keystonemiddleware import auth_token
from oslo_config import cfg

from nova_api.middleware import builtin_auth


def _keystonemiddleware_opt() -> cfg.Opt:
    for group, opts in auth_token.list_opts():
        if group == builtin_auth.AUTHTOKEN_GROUP:
            return next(o for o in opts if o.dest == 'www_authenticate_uri')
    raise AssertionError('keystonemiddleware has no [keystone_authtoken] www_authenticate_uri')


def test_the_declared_option_reads_as_keystonemiddlewares_does():
    theirs, ours = _keystonemiddleware_opt(), builtin_auth.WWW_AUTHENTICATE_URI_OPT
    assert (type(ours), ours.dest, ours.default, ours.deprecated_opts) == (
        type(theirs), theirs.dest, theirs.default, theirs.deprecated_opts)


def test_the_advertised_uri_is_read_from_the_configuration():
    conf = cfg.ConfigOpts()
    conf([])
    assert builtin_auth._advertised_uri(conf) is None
    conf.set_override('www_authenticate_uri', 'http://keystone.example/v3', builtin_auth.AUTHTOKEN_GROUP)
    assert builtin_auth._advertised_uri(conf) == 'http://keystone.example/v3'


def test_keystonemiddlewares_option_is_used_when_already_registered():
    conf = cfg.ConfigOpts()
    conf.register_opts([_keystonemiddleware_opt()], group=builtin_auth.AUTHTOKEN_GROUP)
    conf([])
    conf.set_override('www_authenticate_uri', 'http://k/v3', builtin_auth.AUTHTOKEN_GROUP)
    assert builtin_auth._advertised_uri(conf) == 'http://k/v3'
