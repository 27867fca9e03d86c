"""Pure rules of the server sub-resources: a URL's tag, and what an instance action's body shows."""

from __future__ import annotations

import datetime
import types

import pytest

from nova_api import exception
from nova_api.api import microversion
from nova_api.api.schemas import server_tags as tag_schemas
from nova_api.api.views import instance_actions as views
from nova_api.compute.instance_actions import Action
from nova_api.compute.instance_actions import Event

AT = datetime.datetime(2026, 12, 2, 6, 0, 0)
ACTION = Action(1, 'stop', 'uuid-1', 'req-1', 'alice', 'demo', AT, None, None, AT, AT)
EVENT = Event('compute_stop_instance', AT, AT, 'Success', None, 'cmp1', None)


def _req(version: str):
    return types.SimpleNamespace(api_version=microversion.APIVersion.parse(version))


@pytest.mark.parametrize('tag', ['a', 'x' * 60, 'with space', 'ünïcode'])
def test_a_good_tag_passes(tag):
    tag_schemas.check_tag(tag)


@pytest.mark.parametrize(('tag', 'reason'), [
    ('a,b', "'a,b' does not match '^[^,/]*$'"),
    ('x' * 61, 'is too long'),
    ('', 'should be non-empty'),  # this jsonschema's wording of minLength 1
])
def test_a_bad_tag_is_novas_400(tag, reason):
    with pytest.raises(exception.InvalidServerTag) as raised:
        tag_schemas.check_tag(tag)
    assert raised.value.code == 400
    assert raised.value.format_message().startswith("Tag '%s' is invalid." % tag)
    assert reason in raised.value.format_message()


def test_an_action_shows_updated_at_from_2_58():
    assert 'updated_at' not in views.action(_req('2.57'), ACTION)
    body = views.action(_req('2.58'), ACTION)
    assert body['updated_at'] == body['start_time'] == '2026-12-02T06:00:00.000000'


def test_an_event_shows_what_the_options_allow():
    assert set(views.event(EVENT, 'demo', views.EventOptions())) == {
        'event', 'start_time', 'finish_time', 'result'}
    everything = views.event(EVENT, 'demo', views.EventOptions(True, True, True, True))
    assert everything['host'] == 'cmp1' and everything['traceback'] is None
    assert len(everything['hostId']) == 56 and everything['details'] is None


def test_the_show_has_events_only_when_given():
    assert 'events' not in views.show(_req('2.1'), ACTION, None, 'demo',
                                      views.EventOptions())['instanceAction']
    shown = views.show(_req('2.51'), ACTION, [EVENT], 'demo', views.EventOptions())
    assert [e['event'] for e in shown['instanceAction']['events']] == ['compute_stop_instance']
