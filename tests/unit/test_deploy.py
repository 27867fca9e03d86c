"""Building the app from etc/api-paste.ini: finding the file, the URL map, passing conf in."""

from __future__ import annotations

import shutil

import pytest
import webob
from oslo_config import cfg

from nova_api import conf as nova_conf
from nova_api import deploy
from nova_api.api import links
from nova_api.api import router


def parsed_conf(*args: str) -> cfg.ConfigOpts:
    conf = cfg.ConfigOpts()
    nova_conf.register_opts(conf)
    conf(list(args), project='nova', default_config_files=[])
    return conf


# -- find_paste_config ----------------------------------------------------------------

def test_relative_paste_file_is_found_next_to_the_config_file(tmp_path, monkeypatch, paste_ini):
    monkeypatch.chdir(tmp_path)  # nothing to find in the working directory
    etc = tmp_path / 'deployment'
    etc.mkdir()
    (etc / 'nova.conf').write_text('[wsgi]\napi_paste_config = my-paste.ini\n')
    shutil.copy(paste_ini, etc / 'my-paste.ini')
    conf = parsed_conf('--config-file', str(etc / 'nova.conf'))
    assert deploy.find_paste_config(conf) == str(etc / 'my-paste.ini')


def test_config_dir_is_searched_too(tmp_path, monkeypatch, paste_ini):
    monkeypatch.chdir(tmp_path)
    conf_dir = tmp_path / 'nova.conf.d'
    conf_dir.mkdir()
    (conf_dir / '10-wsgi.conf').write_text('[wsgi]\napi_paste_config = my-paste.ini\n')
    shutil.copy(paste_ini, conf_dir / 'my-paste.ini')
    conf = parsed_conf('--config-dir', str(conf_dir))
    assert deploy.find_paste_config(conf) == str(conf_dir / 'my-paste.ini')


def test_relative_paste_file_falls_back_to_the_working_directory(tmp_path, monkeypatch, paste_ini):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'etc').mkdir()
    shutil.copy(paste_ini, tmp_path / 'etc' / 'api-paste.ini')
    assert deploy.find_paste_config(parsed_conf()) == str(tmp_path / 'etc' / 'api-paste.ini')


def test_absolute_paste_file_is_used_as_it_stands(conf, paste_ini):
    assert deploy.find_paste_config(conf) == str(paste_ini)


def test_missing_absolute_paste_file_names_it(conf, tmp_path):
    missing = str(tmp_path / 'nowhere.ini')
    conf.set_override('api_paste_config', missing, group='wsgi')
    with pytest.raises(deploy.PasteConfigNotFound) as caught:
        deploy.find_paste_config(conf)
    assert missing in str(caught.value)


def test_missing_relative_paste_file_lists_every_place_looked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'nova.conf').write_text('[wsgi]\napi_paste_config = absent.ini\n')
    conf = parsed_conf('--config-file', str(tmp_path / 'nova.conf'))
    with pytest.raises(deploy.PasteConfigNotFound) as caught:
        deploy.find_paste_config(conf)
    message = str(caught.value)
    assert "'absent.ini'" in message
    for candidate in (tmp_path / 'absent.ini', tmp_path / 'etc' / 'absent.ini',
                      '/etc/nova/absent.ini'):
        assert str(candidate) in message


def test_load_app_fails_clearly_without_a_paste_file(conf, tmp_path):
    conf.set_override('api_paste_config', str(tmp_path / 'nowhere.ini'), group='wsgi')
    with pytest.raises(deploy.PasteConfigNotFound):
        deploy.load_app(conf)


# -- handing conf to the factories ------------------------------------------------------

def test_conf_from_outside_load_app_is_an_error():
    with pytest.raises(RuntimeError, match='load_app'):
        deploy.conf_from({})
    with pytest.raises(RuntimeError, match='load_app'):
        deploy.conf_from({'nova_api_conf_key': 'stale'})


def test_factories_see_the_conf_being_loaded_and_nothing_outlives_the_load(conf, monkeypatch):
    seen = {}

    def factory(cls, global_conf, **local_conf):
        seen['global_conf'] = dict(global_conf)
        seen['conf'] = deploy.conf_from(global_conf)
        return router.APIRouter()

    monkeypatch.setattr(router.APIRouter, 'factory', classmethod(factory))
    deploy.load_app(conf)
    assert seen['conf'] is conf
    with pytest.raises(RuntimeError):
        deploy.conf_from(seen['global_conf'])


def test_a_failed_load_leaves_nothing_behind(conf, monkeypatch):
    seen = {}

    def factory(cls, global_conf, **local_conf):
        seen['global_conf'] = dict(global_conf)
        raise ValueError('broken factory')

    monkeypatch.setattr(router.APIRouter, 'factory', classmethod(factory))
    with pytest.raises(ValueError, match='broken factory'):
        deploy.load_app(conf)
    with pytest.raises(RuntimeError):
        deploy.conf_from(seen['global_conf'])


def test_an_override_on_one_conf_leaves_other_confs_alone(make_conf):
    keystone = make_conf(overrides={'api': {'auth_strategy': 'keystone'}})
    other = make_conf()
    assert keystone.api.auth_strategy == 'keystone'
    assert other.api.auth_strategy == 'noauth2'


def test_two_confs_load_two_independent_apps(make_conf, api_request):
    small = make_conf(overrides={'oslo_middleware': {'max_request_body_size': 10}})
    default = make_conf()
    small_app, default_app = deploy.load_app(small), deploy.load_app(default)
    body = {'x': 'y' * 20}
    assert api_request(small_app, '/v2.1/x', method='POST', body=body, token='a').status_int == 413
    assert api_request(default_app, '/v2.1/x', method='POST', body=body, token='a').status_int == 404


# -- URLMap ----------------------------------------------------------------------------------

def app_named(name):
    def app(environ, start_response):
        start_response('200 OK', [('Content-Type', 'application/json')])
        return [('{"app": "%s", "script_name": "%s", "path_info": "%s", "root": "%s"}' % (
            name, environ['SCRIPT_NAME'], environ['PATH_INFO'],
            environ.get(links.ENV_ROOT_SCRIPT_NAME))).encode()]
    return app


@pytest.fixture
def urlmap():
    return deploy.URLMap(exact={'/v2.1': app_named('doc'), '/v2': app_named('v2')},
                         prefixes=[('/v2.1', app_named('api')), ('/v2.1/os', app_named('os'))],
                         default=app_named('versions'))


@pytest.mark.parametrize('path, app, script_name, path_info', [
    ('/v2.1', 'doc', '/v2.1', ''),
    ('/v2.1/', 'doc', '/v2.1', '/'),
    ('/v2', 'v2', '/v2', ''),
    ('/v2.1/servers', 'api', '/v2.1', '/servers'),
    ('/v2.1/servers/detail', 'api', '/v2.1', '/servers/detail'),
    ('/v2.1/os/hosts', 'os', '/v2.1/os', '/hosts'),
    ('/v2.10/servers', 'versions', '', '/v2.10/servers'),
    ('/v2.1x', 'versions', '', '/v2.1x'),
    ('/', 'versions', '', '/'),
    ('/anything', 'versions', '', '/anything'),
])
def test_urlmap_exact_then_longest_prefix_then_default(urlmap, path, app, script_name, path_info):
    body = webob.Request.blank(path).get_response(urlmap).json_body
    assert (body['app'], body['script_name'], body['path_info']) == (app, script_name, path_info)


def test_urlmap_remembers_the_root_script_name(urlmap):
    req = webob.Request.blank('/v2.1/servers', base_url='http://localhost/compute')
    body = req.get_response(urlmap).json_body
    assert (body['script_name'], body['root']) == ('/compute/v2.1', '/compute')


def test_urlmap_without_default_is_a_404_fault():
    urlmap = deploy.URLMap(exact={'/v2.1': app_named('doc')}, prefixes=[], default=None)
    response = webob.Request.blank('/elsewhere').get_response(urlmap)
    assert response.status_int == 404
    assert list(response.json_body) == ['itemNotFound']


def test_urlmap_factory_reads_exact_prefix_and_default_keys():
    class Loader:
        def get_app(self, name, global_conf=None):
            return app_named(name)

    urlmap = deploy.urlmap_factory(Loader(), {}, **{'/': 'versions', '/v2.1': 'doc',
                                                    '/v2.1/+': 'api'})
    for path, expected in (('/v2.1/', 'doc'), ('/v2.1/servers', 'api'), ('/x', 'versions')):
        assert webob.Request.blank(path).get_response(urlmap).json_body['app'] == expected
