"""Bodies and schemas of os-interface, os-volume_attachments and os-server-external-events."""

from __future__ import annotations

import json

import pytest
from sample_shape import assert_same_shape
from server_records import request

from nova_api import exception
from nova_api.api import validation
from nova_api.api.schemas import server_external_events as event_schemas
from nova_api.api.schemas import volume_attachments as volume_schemas
from nova_api.api.views import attach_interfaces
from nova_api.api.views import server_external_events
from nova_api.api.views import volume_attachments
from nova_api.compute.attach_interfaces import Interface
from nova_api.compute.server_external_events import Outcome
from nova_api.objects.volume_attachments import BlockDevice

PORT = Interface('ce531f90-199f-48c0-816c-13e38010b442', '3cb9bc59-5699-4588-a4b1-b87f96708bc6',
                 'fa:16:3e:4c:2c:30', 'ACTIVE',
                 (('192.168.1.3', 'f8a6e8f8-c2ec-497c-9f23-da9616de54ef'),), 'public')
VOLUME = BlockDevice('c088db45-92b8-49e8-81e2-a1b77a144b3b',
                     '7ebed2ce-85b3-40b5-84ae-8cc725c37ed2',
                     'a07f71dc-8151-4e7d-a0cc-cd24a3f11113', '/dev/sdb', None, 'foo', True,
                     '721a5c82-5ebc-4c6a-8339-3d33d8d027ed')


def _sample(nova_samples, folder, version, name):
    return json.loads((nova_samples / folder / (('v' + version) if version else '') / name)
                      .read_text())


@pytest.mark.parametrize('version, folder', [('2.1', None), ('2.70', '2.70')])
def test_interfaces_have_novas_shape(nova_samples, version, folder):
    req = request(version)
    assert_same_shape(attach_interfaces.show(req, PORT), _sample(
        nova_samples, 'os-attach-interfaces', folder, 'attach-interfaces-show-resp.json'))
    assert_same_shape(attach_interfaces.index(req, [PORT]), _sample(
        nova_samples, 'os-attach-interfaces', folder, 'attach-interfaces-list-resp.json'))


@pytest.mark.parametrize('version, folder', [('2.1', None), ('2.49', '2.49'), ('2.70', '2.70'),
                                             ('2.79', '2.79'), ('2.85', '2.85'),
                                             ('2.89', '2.89'), ('2.101', '2.101')])
def test_volume_attachments_have_novas_shape_at_every_sample_version(nova_samples, version,
                                                                     folder):
    req = request(version)
    assert_same_shape(volume_attachments.show(req, VOLUME), _sample(
        nova_samples, 'os-volume_attachments', folder, 'volume-attachment-detail-resp.json'))


@pytest.mark.parametrize('version, folder', [('2.1', None), ('2.70', '2.70'), ('2.79', '2.79'),
                                             ('2.89', '2.89')])
def test_the_attach_answer_has_novas_shape_and_never_the_2_89_fields(nova_samples, version,
                                                                     folder):
    assert_same_shape(volume_attachments.created(request(version), VOLUME), _sample(
        nova_samples, 'os-volume_attachments', folder, 'attach-volume-to-server-resp.json'))


def test_from_2_89_an_attachment_without_an_attachment_id_is_not_listed():
    old = BlockDevice('b', 's', 'v', None, None, None, False, None)
    assert volume_attachments.index(request('2.88'), [old])['volumeAttachments'] == [
        {'id': 'v', 'volumeId': 'v', 'serverId': 's', 'tag': None,
         'delete_on_termination': False}]
    assert volume_attachments.index(request('2.89'), [old]) == {'volumeAttachments': []}


def test_events_come_back_with_their_code_and_status(nova_samples):
    event = {'name': 'network-changed', 'server_uuid': 'ff1df7b2-6772-45fd-9326-c0a3b05591c2',
             'tag': 'foo'}
    assert_same_shape(server_external_events.created([Outcome(event, 200, 'completed')]),
                      _sample(nova_samples, 'os-server-external-events', None,
                              'event-create-resp.json'))


def _valid(windows, version, body) -> bool:
    schema = next(document for document, low, high in windows
                  if request(version).api_version >= request(low).api_version
                  and (high is None or request(version).api_version <= request(high).api_version))
    try:
        validation._Validator(schema, is_body=True).validate(body)
    except exception.ValidationError:
        return False
    return True


@pytest.mark.parametrize('name, since', [('network-changed', '2.1'), ('volume-extended', '2.51'),
                                         ('power-update', '2.76'),
                                         ('accelerator-request-bound', '2.82'),
                                         ('volume-reimaged', '2.93')])
def test_event_names_arrive_with_their_microversion(name, since):
    body = {'events': [{'name': name, 'server_uuid': 'ff1df7b2-6772-45fd-9326-c0a3b05591c2'}]}
    before = '2.%d' % (int(since.split('.')[1]) - 1)
    assert _valid(event_schemas.CREATE_SCHEMAS, since, body)
    assert _valid(event_schemas.CREATE_SCHEMAS, '2.104', body)
    if since != '2.1':
        assert not _valid(event_schemas.CREATE_SCHEMAS, before, body)


def test_volume_attach_fields_arrive_with_their_microversion():
    volume = 'a07f71dc-8151-4e7d-a0cc-cd24a3f11113'
    tagged = {'volumeAttachment': {'volumeId': volume, 'tag': 'foo'}}
    flagged = {'volumeAttachment': {'volumeId': volume, 'delete_on_termination': True}}
    assert not _valid(volume_schemas.CREATE_SCHEMAS, '2.48', tagged)
    assert _valid(volume_schemas.CREATE_SCHEMAS, '2.49', tagged)
    assert not _valid(volume_schemas.CREATE_SCHEMAS, '2.78', flagged)
    assert _valid(volume_schemas.CREATE_SCHEMAS, '2.79', flagged)
    assert not _valid(volume_schemas.UPDATE_SCHEMAS, '2.84', flagged)
    assert _valid(volume_schemas.UPDATE_SCHEMAS, '2.85', flagged)
