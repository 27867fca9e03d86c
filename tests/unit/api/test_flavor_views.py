"""Flavor bodies per microversion, and their shape against Nova's samples."""

from __future__ import annotations

import dataclasses
import json

import pytest
from sample_shape import assert_same_shape

from nova_api import context as nova_context
from nova_api.api import links
from nova_api.api import microversion
from nova_api.api.request import Request
from nova_api.api.views import flavors as views
from nova_api.objects.flavors import Flavor

PROJECT = '6f70656e737461636b20342065766572'

FLAVOR = Flavor(id=7, flavorid='7', name='m1.small.description', memory_mb=2048, vcpus=1,
                root_gb=20, ephemeral_gb=0, swap=0, rxtx_factor=1.0, vcpu_weight=None,
                disabled=False, is_public=True, description='test description',
                extra_specs={'hw:cpu_policy': 'shared', 'hw:numa_nodes': '1'}, projects=())


def request(version: str, path: str = '/flavors', query: str = '') -> Request:
    req = Request.blank('/v2.1/%s%s' % (PROJECT, path) + ('?' + query if query else ''))
    req.script_name, req.path_info = '/v2.1', '/%s%s' % (PROJECT, path)
    req.environ[links.ENV_ROOT_SCRIPT_NAME] = ''  # what the URL map records
    req.environ[nova_context.ENV_API_VERSION] = microversion.APIVersion.parse(version)
    nova_context.set_in_environ(req.environ, nova_context.RequestContext(
        user_id='u', project_id=PROJECT))
    return req


def test_swap_is_an_empty_string_before_2_75_and_a_number_after():
    assert views.show(request('2.74'), FLAVOR)['flavor']['swap'] == ''
    assert views.show(request('2.75'), FLAVOR)['flavor']['swap'] == 0


def test_2_102_drops_rxtx_factor_and_disabled():
    old = views.show(request('2.101'), FLAVOR)['flavor']
    new = views.show(request('2.102'), FLAVOR)['flavor']
    assert set(old) - set(new) == {'rxtx_factor', 'OS-FLV-DISABLED:disabled'}


def test_extra_specs_only_when_asked():
    assert 'extra_specs' not in views.show(request('2.61'), FLAVOR)['flavor']
    assert views.show(request('2.61'), FLAVOR, True)['flavor']['extra_specs'] == \
        dict(FLAVOR.extra_specs)


def test_links_are_versioned_self_and_unversioned_bookmark():
    links = views.show(request('2.1'), FLAVOR)['flavor']['links']
    assert links == [
        {'rel': 'self', 'href': 'http://localhost/v2.1/%s/flavors/7' % PROJECT},
        {'rel': 'bookmark', 'href': 'http://localhost/%s/flavors/7' % PROJECT},
    ]


def test_a_full_page_links_to_the_next_one():
    req = request('2.1', '/flavors/detail', 'limit=1&minRam=5')
    body = views.detail(req, [FLAVOR], page_size=1)
    assert body['flavors_links'] == [{
        'rel': 'next',
        'href': 'http://localhost/v2.1/%s/flavors/detail?limit=1&marker=7&minRam=5' % PROJECT,
    }]
    assert 'flavors_links' not in views.index(req, [FLAVOR], page_size=2)


SAMPLES = [
    ('flavors', 'flavor-get-resp.json', 'show'),
    ('flavors', 'flavors-detail-resp.json', 'detail'),
    ('flavors', 'flavors-list-resp.json', 'index'),
    ('flavor-manage', 'flavor-create-post-resp.json', 'show'),
    ('flavor-manage', 'flavor-update-resp.json', 'show'),
]


SAMPLE_VERSIONS = ['2.1', '2.55', '2.61', '2.75', '2.102']
#: Every sample at every version, but the update at 2.1: PUT /flavors/{id} came in 2.55.
CASES = [(version, *sample) for version in SAMPLE_VERSIONS for sample in SAMPLES
         if not (version == '2.1' and sample[1] == 'flavor-update-resp.json')]


@pytest.mark.parametrize('version, folder, name, kind', CASES)
def test_bodies_have_the_shape_of_novas_samples(nova_samples, version, folder, name, kind):
    path = nova_samples / folder / ('' if version == '2.1' else 'v' + version) / name
    sample = json.loads(path.read_text())
    nova = sample['flavor'] if kind == 'show' else sample['flavors'][0]
    # Values differ from flavor to flavor; their JSON types must not.
    flavor = dataclasses.replace(FLAVOR, description=nova.get('description'))
    req = request(version)
    with_specs = microversion.exposes_flavor_extra_specs(req)
    if kind == 'show':
        ours = views.show(req, flavor, with_specs)['flavor']
    elif kind == 'index':
        ours = views.index(req, [flavor], None)['flavors'][0]
    else:
        ours = views.detail(req, [flavor], None, with_specs)['flavors'][0]
    if 'extra_specs' in nova:  # which specs a sample flavor has is its own business
        ours['extra_specs'] = nova['extra_specs'] = {}
    assert_same_shape(ours, nova)
