"""The bodies of POST /servers/{id}/action and of POST /servers/{id}/remote-consoles, per window.

Each action's table is attached to a dummy method as its handler would
attach it; Nova's samples validate at their microversion, and each refusal
carries Nova's message for the same body at the same microversion.
"""

from __future__ import annotations

import json

import pytest
from schema_check import FIELD
from schema_check import NAME_RULE
from schema_check import carrying
from schema_check import objects_missing_additional_properties
from schema_check import refusal
from schema_check import request_samples
from schema_check import sample_version
from schema_check import window_problems

from nova_api.api.schemas import remote_consoles
from nova_api.api.schemas.server_actions import ACTION_SCHEMAS

ACTIONS = {name: carrying(table) for name, table in ACTION_SCHEMAS.items()}
CONSOLES = carrying(remote_consoles.CREATE_SCHEMAS)
IMAGE = '70a599e0-31e7-49b7-b260-868f441e862b'
ONE_OF = 'is not valid under any of the given schemas'
BOOLEANS = [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', False, 'False',
            'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no']


def act(at: str, body: dict) -> str | None:
    """The 400 message of ``body`` at ``at``, validated as its action's handler would."""
    (name,) = body
    return refusal(ACTIONS[name], at, body)


def unexpected(field: str, value, key: str) -> str:
    return FIELD + "%s. Value: %s. Additional properties are not allowed ('%s' was unexpected)" % (
        field, value, key)


# -- the tables ---------------------------------------------------------------------

#: Every window of the versioned actions, as Nova's decorators give them.
VERSIONED = {
    'lock': [('2.1', '2.72'), ('2.73', None)],
    'unlock': [('2.1', '2.72')],
    'rebuild': [('2.1', '2.18'), ('2.19', '2.53'), ('2.54', '2.56'), ('2.57', '2.62'), ('2.63', '2.89'),
                ('2.90', '2.93'), ('2.94', None)],
    'unshelve': [('2.1', '2.76'), ('2.77', '2.90'), ('2.91', None)],
    'migrate': [('2.56', None)],
    'os-migrateLive': [('2.1', '2.24'), ('2.25', '2.29'), ('2.30', '2.67'), ('2.68', None)],
    'evacuate': [('2.1', '2.13'), ('2.14', '2.28'), ('2.29', '2.67'), ('2.68', '2.94'), ('2.95', None)],
}


@pytest.mark.parametrize('name', sorted(ACTION_SCHEMAS))
def test_each_action_s_windows_are_nova_s(name):
    table = ACTION_SCHEMAS[name]
    assert [(low, high) for _, low, high in table] == VERSIONED.get(name, [('2.1', None)])
    assert window_problems(table) == []
    for schema, low, _ in table:
        assert list(objects_missing_additional_properties(schema)) == [], low
        # The body names its action, and the action table is keyed by it.
        assert schema == {} or schema['required'] == [name]


def test_the_action_table_is_read_only_and_complete():
    with pytest.raises(TypeError):
        ACTION_SCHEMAS['reboot'] = ()  # type: ignore[index]
    assert len(ACTION_SCHEMAS) == 41


def test_remote_console_windows_are_nova_s():
    assert [(low, high) for _, low, high in remote_consoles.CREATE_SCHEMAS] == [
        ('2.6', '2.7'), ('2.8', '2.98'), ('2.99', None)]
    assert window_problems(remote_consoles.CREATE_SCHEMAS) == []


# -- Nova's samples -----------------------------------------------------------------

def _action_samples(nova_samples):
    for path, body in request_samples(nova_samples):
        if isinstance(body, dict) and len(body) == 1 and next(iter(body)) in ACTION_SCHEMAS:
            yield path, body


def test_every_nova_sample_action_body_validates_at_its_microversion(nova_samples):
    seen = set()
    for path, body in _action_samples(nova_samples):
        assert act(sample_version(path), body) is None, path
        seen.add(next(iter(body)))
    # Nova documents every one of them.
    assert seen == set(ACTION_SCHEMAS)


def test_every_nova_sample_remote_console_body_validates_at_its_microversion(nova_samples):
    samples = list(request_samples(nova_samples / 'os-remote-consoles', 'v2.*/create-*-req.json'))
    assert len(samples) == 4
    for path, body in samples:
        assert refusal(CONSOLES, sample_version(path), body) is None, path


#: (sample, an earlier microversion, the end of Nova's message; None: accepted and ignored)
EARLIER = [
    ('servers/v2.19/server-action-rebuild.json', '2.18', "('description' was unexpected)"),
    ('servers/v2.54/server-action-rebuild.json', '2.53', "('key_name' was unexpected)"),
    ('servers/v2.57/server-action-rebuild.json', '2.56', "('user_data' was unexpected)"),
    ('servers/server-action-rebuild.json', '2.57', "('personality' was unexpected)"),
    ('servers/v2.63/server-action-rebuild.json', '2.62', "('trusted_image_certificates' was unexpected)"),
    ('servers/v2.90/server-action-rebuild.json', '2.89', "('hostname' was unexpected)"),
    ('servers/v2.94/server-action-rebuild.json', '2.93',
     "does not match '^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$'"),
    ('os-shelve/v2.91/os-unshelve-host.json', '2.90', "'availability_zone' is a required property"),
    ('os-shelve/v2.91/os-unshelve-unpin-az.json', '2.90', "None is not of type 'string'"),
    ('os-migrate-server/v2.25/live-migrate-server.json', '2.24', "'auto' is not one of %r" % (BOOLEANS,)),
    ('os-migrate-server/v2.30/live-migrate-server.json', '2.29', "('force' was unexpected)"),
    ('os-migrate-server/v2.30/live-migrate-server.json', '2.68', "('force' was unexpected)"),
    ('os-migrate-server/live-migrate-server.json', '2.25', "('disk_over_commit' was unexpected)"),
    ('os-evacuate/v2.14/server-evacuate-req.json', '2.13', "'onSharedStorage' is a required property"),
    ('os-evacuate/server-evacuate-req.json', '2.14', "('onSharedStorage' was unexpected)"),
    ('os-evacuate/v2.29/server-evacuate-req.json', '2.28', "('force' was unexpected)"),
    ('os-evacuate/v2.29/server-evacuate-req.json', '2.68', "('force' was unexpected)"),
    # Before their window Nova does not look inside these values at all.
    ('os-lock-server/v2.73/lock-server-with-reason.json', '2.72', None),
    ('os-shelve/v2.77/os-unshelve-az.json', '2.76', None),
]


@pytest.mark.parametrize('sample, earlier, ending', EARLIER, ids=[e[0] + '@' + e[1] for e in EARLIER])
def test_an_action_sample_using_a_later_field_is_refused_at_an_earlier_version(nova_samples, sample,
                                                                               earlier, ending):
    message = act(earlier, json.loads((nova_samples / sample).read_text()))
    if ending is None:
        assert message is None
    else:
        assert message is not None and message.startswith(FIELD), message
        assert message.endswith(ending), message


# -- what Nova refuses, in its words ------------------------------------------------

BAD_ACTIONS = [
    # power and state
    ('2.1', {'reboot': {'type': 'WARM'}},
     FIELD + "type. Value: WARM. 'WARM' is not one of ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']"),
    ('2.1', {'reboot': {}}, FIELD + "reboot. Value: {}. 'type' is a required property"),
    ('2.1', {'reboot': None}, FIELD + "reboot. Value: None. None is not of type 'object'"),
    ('2.1', {'reboot': {'type': 'HARD', 'force': True}},
     unexpected('reboot', {'type': 'HARD', 'force': True}, 'force')),
    ('2.17', {'trigger_crash_dump': {}}, FIELD + "trigger_crash_dump. Value: {}. {} is not of type 'null'"),
    ('2.73', {'lock': {'locked_reason': ''}}, FIELD + "locked_reason. Value: . '' should be non-empty"),
    ('2.73', {'lock': {'locked_reason': 'r' * 256}},
     FIELD + 'locked_reason. Value: %s. %r is too long' % ('r' * 256, 'r' * 256)),
    ('2.73', {'lock': {'reason': 'x'}}, unexpected('lock', {'reason': 'x'}, 'reason')),
    ('2.73', {'lock': 'because'}, FIELD + "lock. Value: because. 'because' is not of type 'object', 'null'"),
    # rebuild and resize
    ('2.1', {'rebuild': {}}, FIELD + "rebuild. Value: {}. 'imageRef' is a required property"),
    ('2.1', {'rebuild': {'imageRef': 'bad'}}, FIELD + "imageRef. Value: bad. 'bad' is not a 'uuid'"),
    ('2.1', {'rebuild': {'imageRef': IMAGE, 'name': ''}}, FIELD + "name. Value: . '' should be non-empty"),
    ('2.1', {'rebuild': {'imageRef': IMAGE, 'name': 'vm '}}, NAME_RULE),
    ('2.1', {'rebuild': {'imageRef': IMAGE, 'preserve_ephemeral': 'maybe'}},
     FIELD + "preserve_ephemeral. Value: maybe. 'maybe' is not one of %r" % (BOOLEANS,)),
    ('2.1', {'rebuild': {'imageRef': IMAGE, 'personality': [{'path': '/x', 'contents': 'abc'}]}},
     FIELD + "contents. Value: abc. 'abc' is not a 'base64'"),
    ('2.53', {'rebuild': {'imageRef': IMAGE, 'key_name': None}},
     unexpected('rebuild', {'imageRef': IMAGE, 'key_name': None}, 'key_name')),
    ('2.54', {'rebuild': {'imageRef': IMAGE, 'key_name': ''}}, FIELD + "key_name. Value: . '' " + ONE_OF),
    ('2.57', {'rebuild': {'imageRef': IMAGE, 'user_data': 'abc'}},
     FIELD + "user_data. Value: abc. 'abc' is not a 'base64'"),
    ('2.63', {'rebuild': {'imageRef': IMAGE, 'trusted_image_certificates': []}},
     FIELD + 'trusted_image_certificates. Value: []. [] should be non-empty'),
    ('2.1', {'resize': {}}, FIELD + "resize. Value: {}. 'flavorRef' is a required property"),
    ('2.1', {'resize': {'flavorRef': ''}}, FIELD + "flavorRef. Value: . '' should be non-empty"),
    ('2.1', {'resize': {'flavorRef': '2', 'OS-DCF:diskConfig': 'auto'}},
     FIELD + "OS-DCF:diskConfig. Value: auto. 'auto' is not one of ['AUTO', 'MANUAL']"),
    ('2.1', {'changePassword': {}}, FIELD + "changePassword. Value: {}. 'adminPass' is a required property"),
    ('2.1', {'changePassword': {'adminPass': 1}}, FIELD + "adminPass. Value: 1. 1 is not of type 'string'"),
    # images
    ('2.1', {'createImage': {}}, FIELD + "createImage. Value: {}. 'name' is a required property"),
    ('2.1', {'createImage': {'name': 'snap', 'metadata': {'k': 1}}},
     FIELD + "k. Value: 1. 1 is not of type 'string'"),
    ('2.1', {'createBackup': {'name': 'b', 'backup_type': 'daily'}},
     FIELD + "createBackup. Value: {'name': 'b', 'backup_type': 'daily'}. 'rotation' is a required property"),
    ('2.1', {'createBackup': {'name': 'b', 'backup_type': 'daily', 'rotation': '-1'}},
     FIELD + "rotation. Value: -1. '-1' does not match '^[0-9]*$'"),
    ('2.1', {'createBackup': {'name': 'b', 'backup_type': 'daily', 'rotation': -1}},
     FIELD + 'rotation. Value: -1. -1 is less than the minimum of 0'),
    # rescue and shelve
    ('2.1', {'rescue': {'rescue_image_ref': 'bad'}},
     FIELD + "rescue_image_ref. Value: bad. 'bad' is not a 'uuid'"),
    ('2.1', {'rescue': {'password': 'x'}}, unexpected('rescue', {'password': 'x'}, 'password')),
    ('2.77', {'unshelve': {}}, FIELD + "unshelve. Value: {}. 'availability_zone' is a required property"),
    ('2.77', {'unshelve': {'availability_zone': ''}},
     FIELD + "availability_zone. Value: . '' should be non-empty"),
    ('2.91', {'unshelve': {'host': None}}, FIELD + "host. Value: None. None is not of type 'string'"),
    ('2.91', {'unshelve': {'az': 'nova'}}, unexpected('unshelve', {'az': 'nova'}, 'az')),
    # administrators'
    ('2.1', {'os-resetState': {'state': 'stopped'}},
     FIELD + "state. Value: stopped. 'stopped' is not one of ['active', 'error']"),
    ('2.56', {'migrate': {'host': 'bad host'}},
     FIELD + "host. Value: bad host. 'bad host' does not match '^[a-zA-Z0-9-._]*$'"),
    ('2.56', {'migrate': {'host': ''}}, FIELD + "host. Value: . '' should be non-empty"),
    ('2.1', {'os-migrateLive': {'host': None, 'block_migration': False}},
     FIELD + "os-migrateLive. Value: {'host': None, 'block_migration': False}. "
     "'disk_over_commit' is a required property"),
    ('2.25', {'os-migrateLive': {'block_migration': 'auto'}},
     FIELD + "os-migrateLive. Value: {'block_migration': 'auto'}. 'host' is a required property"),
    ('2.30', {'os-migrateLive': {'host': None, 'block_migration': 'auto', 'force': 'maybe'}},
     FIELD + "force. Value: maybe. 'maybe' is not one of %r" % (BOOLEANS,)),
    ('2.13', {'evacuate': {'host': 'b'}},
     FIELD + "evacuate. Value: {'host': 'b'}. 'onSharedStorage' is a required property"),
    ('2.14', {'evacuate': {'host': 'bad host'}},
     FIELD + "host. Value: bad host. 'bad host' does not match '^[a-zA-Z0-9-._]*$'"),
    ('2.95', {'evacuate': None}, FIELD + "evacuate. Value: None. None is not of type 'object'"),
    # consoles
    ('2.1', {'os-getConsoleOutput': {'length': 'all'}},
     FIELD + "length. Value: all. 'all' does not match '^-?[0-9]+$'"),
    ('2.1', {'os-getConsoleOutput': {'length': -2}},
     FIELD + 'length. Value: -2. -2 is less than the minimum of -1'),
    ('2.1', {'os-getConsoleOutput': None},
     FIELD + "os-getConsoleOutput. Value: None. None is not of type 'object'"),
    ('2.1', {'os-getVNCConsole': {'type': 'spice-html5'}},
     FIELD + "type. Value: spice-html5. 'spice-html5' is not one of ['novnc', 'xvpvnc']"),
    ('2.1', {'os-getSerialConsole': {}},
     FIELD + "os-getSerialConsole. Value: {}. 'type' is a required property"),
    # security groups
    ('2.1', {'addSecurityGroup': {'name': ''}}, FIELD + "name. Value: . '' should be non-empty"),
    ('2.1', {'removeSecurityGroup': {}},
     FIELD + "removeSecurityGroup. Value: {}. 'name' is a required property"),
]


@pytest.mark.parametrize('at, body, message', BAD_ACTIONS, ids=[
    '%s@%s-%d' % (next(iter(body)), at, n) for n, (at, body, _) in enumerate(BAD_ACTIONS)])
def test_actions_refuse_what_nova_refuses_with_nova_s_message(at, body, message):
    assert act(at, body) == message


GOOD_ACTIONS = [
    # Argument-less actions take any value under their key.
    ('2.1', {'os-start': None}), ('2.1', {'os-stop': {}}), ('2.1', {'pause': {'any': 'thing'}}),
    ('2.1', {'confirmResize': 1}), ('2.1', {'forceDelete': None}), ('2.1', {'unshelve': {'anything': 1}}),
    ('2.1', {'reboot': {'type': 'soft'}}),
    ('2.17', {'trigger_crash_dump': None}),
    ('2.72', {'lock': {'locked_reason': 'ignored before 2.73'}}),
    ('2.73', {'lock': None}), ('2.73', {'lock': {}}), ('2.73', {'lock': {'locked_reason': 'maintenance'}}),
    # Nova checks no unlock body from 2.73.
    ('2.73', {'unlock': {'locked_reason': 'x'}}),
    ('2.1', {'rebuild': {'imageRef': IMAGE, 'name': 'new', 'adminPass': 'x', 'metadata': {'k': 'v'},
                         'preserve_ephemeral': True, 'OS-DCF:diskConfig': 'AUTO', 'accessIPv4': '1.2.3.4'}}),
    ('2.19', {'rebuild': {'imageRef': IMAGE, 'description': None}}),
    ('2.54', {'rebuild': {'imageRef': IMAGE, 'key_name': None}}),
    ('2.57', {'rebuild': {'imageRef': IMAGE, 'user_data': None}}),
    ('2.63', {'rebuild': {'imageRef': IMAGE, 'trusted_image_certificates': None}}),
    ('2.94', {'rebuild': {'imageRef': IMAGE, 'hostname': 'web-1.example.com'}}),
    ('2.1', {'resize': {'flavorRef': 2}}),
    ('2.1', {'createImage': {'name': 'snap', 'metadata': {}}}),
    ('2.1', {'createBackup': {'name': 'b', 'backup_type': 'weekly', 'rotation': '0'}}),
    ('2.1', {'rescue': None}), ('2.1', {'rescue': {}}),
    ('2.77', {'unshelve': None}),
    ('2.91', {'unshelve': {}}), ('2.91', {'unshelve': {'availability_zone': None, 'host': 'compute-1'}}),
    # Before 2.56 Nova checks no migrate body.
    ('2.55', {'migrate': {'host': 'bad host'}}),
    ('2.56', {'migrate': None}), ('2.56', {'migrate': {'host': None}}),
    ('2.25', {'os-migrateLive': {'host': None, 'block_migration': 'auto'}}),
    ('2.68', {'os-migrateLive': {'host': 'compute-2', 'block_migration': 'false'}}),
    ('2.14', {'evacuate': {}}), ('2.29', {'evacuate': {'force': 'True', 'host': 'compute-2'}}),
    ('2.1', {'os-getConsoleOutput': {}}), ('2.1', {'os-getConsoleOutput': {'length': None}}),
    ('2.1', {'os-getConsoleOutput': {'length': '-1'}}),
    ('2.1', {'os-getRDPConsole': {'type': 'rdp-html5'}}),
    ('2.1', {'os-getVNCConsole': {'type': 'xvpvnc'}}),
    ('2.1', {'addSecurityGroup': {'name': ' '}}),
]


@pytest.mark.parametrize('at, body', GOOD_ACTIONS, ids=[
    '%s@%s-%d' % (next(iter(body)), at, n) for n, (at, body) in enumerate(GOOD_ACTIONS)])
def test_actions_accept_what_nova_accepts(at, body):
    assert act(at, body) is None


#: A value each action accepts at the latest microversion (None for the others).
SMALLEST = {
    'reboot': {'type': 'HARD'}, 'rebuild': {'imageRef': IMAGE}, 'resize': {'flavorRef': '1'},
    'changePassword': {'adminPass': 'x'}, 'createImage': {'name': 'snap'},
    'createBackup': {'name': 'b', 'backup_type': 'daily', 'rotation': 1},
    'os-resetState': {'state': 'active'},
    'os-migrateLive': {'host': None, 'block_migration': 'auto'}, 'evacuate': {}, 'os-getConsoleOutput': {},
    'os-getVNCConsole': {'type': 'novnc'}, 'os-getSPICEConsole': {'type': 'spice-html5'},
    'os-getSerialConsole': {'type': 'serial'},
    'addFixedIp': {'networkId': 'private'}, 'removeFixedIp': {'address': '10.0.0.3'},
    'addFloatingIp': {'address': '172.24.4.3'}, 'removeFloatingIp': {'address': '172.24.4.3'},
}


# resetNetwork is gone (410 for any body), so Nova's schema for it is empty.
@pytest.mark.parametrize('name', sorted(set(ACTION_SCHEMAS) - {
    'unlock', 'migrate', 'os-getRDPConsole', 'addSecurityGroup', 'removeSecurityGroup',
    'resetNetwork'}))
def test_nothing_may_stand_beside_an_action(name):
    body = {name: SMALLEST.get(name), 'extra': 1}
    assert refusal(ACTIONS[name], '2.104', body) == (
        "Additional properties are not allowed ('extra' was unexpected)")


def test_security_group_actions_alone_ignore_keys_beside_them():
    # Nova's own exception; the controller reads only the action's value.
    assert act('2.1', {'addSecurityGroup': {'name': 'web'}}) is None
    assert refusal(ACTIONS['addSecurityGroup'], '2.1', {'addSecurityGroup': {'name': 'web'}, 'x': 1}) is None


def test_console_output_length_as_a_string_is_bounded_too():
    assert act('2.1', {'os-getConsoleOutput': {'length': '-2'}}) == (
        FIELD + 'length. Value: -2. -2 is less than the minimum of -1')


# -- remote consoles ----------------------------------------------------------------

@pytest.mark.parametrize('at, console, message', [
    ('2.6', {'protocol': 'vnc', 'type': 'novnc'}, None),
    # rdp is listed (documented) and refused by the controller.
    ('2.6', {'protocol': 'rdp', 'type': 'rdp-html5'}, None),
    # Which type goes with which protocol is the controller's question.
    ('2.6', {'protocol': 'vnc', 'type': 'serial'}, None),
    ('2.7', {'protocol': 'mks', 'type': 'webmks'},
     FIELD + "protocol. Value: mks. 'mks' is not one of ['vnc', 'spice', 'serial', 'rdp']"),
    ('2.8', {'protocol': 'mks', 'type': 'webmks'}, None),
    ('2.98', {'protocol': 'spice', 'type': 'spice-direct'},
     FIELD + "type. Value: spice-direct. 'spice-direct' is not one of "
     "['novnc', 'xvpvnc', 'spice-html5', 'serial', 'rdp-html5', 'webmks']"),
    ('2.99', {'protocol': 'spice', 'type': 'spice-direct'}, None),
    ('2.6', {'protocol': 'vnc'},
     FIELD + "remote_console. Value: {'protocol': 'vnc'}. 'type' is a required property"),
    ('2.6', {'protocol': 'vnc', 'type': 'novnc', 'port': 1},
     unexpected('remote_console', {'protocol': 'vnc', 'type': 'novnc', 'port': 1}, 'port')),
])
def test_remote_console_bodies_per_window(at, console, message):
    assert refusal(CONSOLES, at, {'remote_console': console}) == message


def test_remote_consoles_take_nothing_before_2_6():
    # The method itself exists from 2.6 (the controller's gate); before it no window applies.
    assert refusal(CONSOLES, '2.5', {'anything': 1}) is None
    assert refusal(CONSOLES, '2.6', {'anything': 1}) == "'remote_console' is a required property"
