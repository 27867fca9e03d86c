"""Sharing images in-process: members between projects, their statuses, who sees what."""

from __future__ import annotations

import pytest

from .test_image_writes import ADMIN
from .test_image_writes import ALICE
from .test_image_writes import BOB
from .test_image_writes import create
from .test_image_writes import glance_error

CAROL = 'carol:carols'


@pytest.fixture
def app(load_pipeline, sqlite_conf):
    return load_pipeline(sqlite_conf(overrides={'image': {'image_member_quota': 2}}))


@pytest.fixture
def call(app, api_request):
    def send(path, method='GET', token=ALICE, **kwargs):
        return api_request(app, '/image' + path, method=method, token=token,
                           headers={'Accept': 'application/json'}, **kwargs)
    return send


def listed(call, token, query=''):
    return {image['id'] for image in call('/v2/images' + query, token=token).json['images']}


def test_a_shared_image_is_seen_by_its_member_and_listed_once_accepted(call):
    image = create(call)['id']
    glance_error(call('/v2/images/' + image, token=BOB), 404)

    added = call('/v2/images/%s/members' % image, 'POST', body={'member': 'bobs'})
    assert added.status_int == 200
    assert (added.json['member_id'], added.json['status'], added.json['schema']) == (
        'bobs', 'pending', '/v2/schemas/member')
    assert call('/v2/images/' + image, token=BOB).status_int == 200
    assert image not in listed(call, BOB)
    assert image in listed(call, BOB, '?member_status=pending')

    accepted = call('/v2/images/%s/members/bobs' % image, 'PUT', BOB, body={'status': 'accepted'})
    assert accepted.json['status'] == 'accepted'
    assert image in listed(call, BOB)
    assert image in listed(call, BOB, '?visibility=shared')
    assert image not in listed(call, CAROL, '?member_status=all')

    assert call('/v2/images/%s/members/bobs' % image, 'DELETE').status_int == 204
    glance_error(call('/v2/images/' + image, token=BOB), 404)


def test_the_owner_sees_every_member_and_a_member_only_itself(call):
    image = create(call)['id']
    for project in ('bobs', 'carols'):
        call('/v2/images/%s/members' % image, 'POST', body={'member': project})

    owner_view = call('/v2/images/%s/members' % image).json
    assert [m['member_id'] for m in owner_view['members']] == ['bobs', 'carols']
    assert owner_view['schema'] == '/v2/schemas/members'
    assert [m['member_id'] for m in call('/v2/images/%s/members' % image, token=BOB)
            .json['members']] == ['bobs']
    glance_error(call('/v2/images/%s/members/carols' % image, token=BOB), 404,
                 'carols not found in the member list of the image %s.' % image)
    assert call('/v2/images/%s/members/bobs' % image, token=BOB).json['status'] == 'pending'


def test_member_rules_of_glance(call):
    image = create(call)['id']
    private = create(call, visibility='private')['id']
    glance_error(call('/v2/images/%s/members' % private, 'POST', body={'member': 'bobs'}), 403,
                 'Not allowed to create members for image %s.' % private)
    glance_error(call('/v2/images/%s/members' % private), 403)
    glance_error(call('/v2/images/%s/members/bobs' % private), 404)

    glance_error(call('/v2/images/%s/members' % image, 'POST', body={}), 400,
                 'Member to be added not specified')
    glance_error(call('/v2/images/%s/members' % image, 'POST', body={'member': ''}), 400,
                 "Member can't be empty")
    call('/v2/images/%s/members' % image, 'POST', body={'member': 'bobs'})
    glance_error(call('/v2/images/%s/members' % image, 'POST', body={'member': 'bobs'}), 409,
                 'Member bobs is duplicated for image %s' % image)
    call('/v2/images/%s/members' % image, 'POST', body={'member': 'carols'})
    glance_error(call('/v2/images/%s/members' % image, 'POST', body={'member': 'dave'}), 413)

    # The owner does not answer for its members; a member does not remove itself.
    glance_error(call('/v2/images/%s/members/bobs' % image, 'PUT', body={'status': 'accepted'}),
                 403, 'Not allowed to update members for image %s.' % image)
    glance_error(call('/v2/images/%s/members/bobs' % image, 'DELETE', BOB), 403,
                 'Not allowed to delete members for image %s.' % image)
    glance_error(call('/v2/images/%s/members/bobs' % image, 'PUT', BOB, body={'status': 'maybe'}),
                 400, 'Incorrect request: Status must be "pending", "accepted" or "rejected".')
    glance_error(call('/v2/images/%s/members/bobs' % image, 'PUT', BOB, body={}), 400,
                 'Status not specified')
    glance_error(call('/v2/images/%s/members' % image, 'POST', BOB, body={'member': 'eve'}), 403)
    assert call('/v2/images/%s/members/bobs' % image, 'PUT', ADMIN,
                body={'status': 'rejected'}).json['status'] == 'rejected'
    glance_error(call('/v2/images/nothing/members', token=BOB), 404)
