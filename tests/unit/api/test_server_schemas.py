"""The servers request schemas: create, update and the list/show query strings, window by window.

Every body is validated as the Resource validates it (a method carrying the
window table) and every refusal is compared with the message Nova gives for
the same body at the same microversion. Length messages ("should be
non-empty", "is too long") are jsonschema's own wording, as in Nova.
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
from schema_check import version
from schema_check import window_problems

from nova_api.api.schemas import servers

CREATE = carrying(servers.CREATE_SCHEMAS)
UPDATE = carrying(servers.UPDATE_SCHEMAS)
INDEX = carrying(servers.INDEX_QUERY_SCHEMAS, query=True)
SHOW = carrying(servers.SHOW_QUERY_SCHEMAS, query=True)

IMAGE = '70a599e0-31e7-49b7-b260-868f441e862b'
NETWORK = '3cb9bc59-5699-4588-a4b1-b87f96708bc6'
OTHER = 'c5e5a2a4-0b2e-4b0a-9b4d-6d7b7c1d2e3f'
ABSENT = object()
#: Stands for the "server" object in a message: Nova prints the whole of it.
SERVER = '<server>'


def boot(at: str, fields: dict) -> dict:
    """The smallest body create accepts at ``at``, with ``fields`` changed (ABSENT drops one)."""
    server = {'name': 'vm', 'imageRef': IMAGE, 'flavorRef': '1'}
    if version(at) >= version('2.37'):
        server['networks'] = 'none'
    server.update(fields)
    return {'server': {key: value for key, value in server.items() if value is not ABSENT}}


def expected(message: str, body: dict) -> str:
    return message.replace(SERVER, str(body['server']))


# -- the tables ---------------------------------------------------------------------

TABLES = {
    'CREATE_SCHEMAS': (servers.CREATE_SCHEMAS, 13),
    'UPDATE_SCHEMAS': (servers.UPDATE_SCHEMAS, 5),
    'INDEX_QUERY_SCHEMAS': (servers.INDEX_QUERY_SCHEMAS, 5),
    'SHOW_QUERY_SCHEMAS': (servers.SHOW_QUERY_SCHEMAS, 2),
}


@pytest.mark.parametrize('name', sorted(TABLES))
def test_each_table_covers_2_1_onwards_in_contiguous_windows(name):
    table, count = TABLES[name]
    assert len(table) == count
    assert table[0][1] == '2.1' and table[-1][2] is None
    assert window_problems(table) == []
    assert len({id(schema) for schema, _, _ in table}) == count


@pytest.mark.parametrize('name', sorted(TABLES))
def test_every_object_schema_says_what_it_does_with_other_properties(name):
    for schema, low, _ in TABLES[name][0]:
        assert list(objects_missing_additional_properties(schema)) == [], low


def test_create_windows_are_nova_s():
    assert [(low, high) for _, low, high in servers.CREATE_SCHEMAS] == [
        ('2.1', '2.18'), ('2.19', '2.31'), ('2.32', '2.32'), ('2.33', '2.36'), ('2.37', '2.41'),
        ('2.42', '2.51'), ('2.52', '2.56'), ('2.57', '2.62'), ('2.63', '2.66'), ('2.67', '2.73'),
        ('2.74', '2.89'), ('2.90', '2.93'), ('2.94', None)]
    assert [(low, high) for _, low, high in servers.UPDATE_SCHEMAS] == [
        ('2.1', '2.18'), ('2.19', '2.89'), ('2.90', '2.93'), ('2.94', '2.103'), ('2.104', None)]
    assert [(low, high) for _, low, high in servers.INDEX_QUERY_SCHEMAS] == [
        ('2.1', '2.25'), ('2.26', '2.65'), ('2.66', '2.72'), ('2.73', '2.74'), ('2.75', None)]
    assert [(low, high) for _, low, high in servers.SHOW_QUERY_SCHEMAS] == [
        ('2.1', '2.101'), ('2.102', None)]


def test_the_controller_s_lists_are_nova_s():
    assert servers.JOINED_TABLE_QUERY_PARAMS == {
        'block_device_mapping', 'services', 'metadata', 'system_metadata', 'info_cache',
        'security_groups', 'pci_devices'}
    assert servers.TAG_SEARCH_FILTERS == ('tags', 'tags-any', 'not-tags', 'not-tags-any')
    assert len(servers.SERVER_LIST_IGNORE_SORT_KEY) == 22
    assert set(servers.SERVER_LIST_IGNORE_SORT_KEY) - set(servers.SERVER_LIST_IGNORE_SORT_KEY_V273) == {
        'locked'}
    assert set(servers.SORT_KEYS_V273) == set(servers.SORT_KEYS)
    ignored_v273 = set(servers.SERVER_LIST_IGNORE_SORT_KEY_V273)
    assert set(servers.SORT_KEYS_V275) == set(servers.SORT_KEYS) - ignored_v273
    assert len(set(servers.SORT_KEYS)) == len(servers.SORT_KEYS) == 51


# -- Nova's samples -----------------------------------------------------------------

#: Nova's documentation shows these two, but Nova's own API refuses them: they
#: omit networks, required since 2.37 (and still carry personality, gone in 2.57).
#: Nova's tests send other templates at those versions.
REFUSED_DOC_SAMPLES = {
    'v2.90/server-create-req.json': "'networks' is a required property",
    'v2.94/server-create-req.json': "'networks' is a required property",
}


def _server_samples(nova_samples, pattern):
    found = [(path, body) for path, body in request_samples(nova_samples / 'servers', pattern)]
    found += [(path, body) for path, body in request_samples(nova_samples / 'os-multiple-create', pattern)]
    assert found, 'no %s samples' % pattern
    return found


def test_every_nova_sample_create_body_validates_at_its_microversion(nova_samples):
    checked = set()
    for path, body in _server_samples(nova_samples, '*create-req*.json'):
        if path.parent.name == 'v2.71' and 'server-groups' in path.name:
            continue
        at = sample_version(path)
        name = path.relative_to(path.parents[1]).as_posix()
        message = refusal(CREATE, at, body)
        if name in REFUSED_DOC_SAMPLES:
            assert message.startswith(FIELD + 'server. Value: ')
            assert message.endswith(REFUSED_DOC_SAMPLES[name])
        else:
            assert message is None, (path, at, message)
        checked.add(at)
    # The common samples (2.1, 2.37, 2.57) and every folder with a create request.
    assert {'2.1', '2.19', '2.32', '2.37', '2.42', '2.52', '2.57', '2.63', '2.67', '2.74',
            '2.90', '2.94', '2.100'} <= checked


def test_every_nova_sample_update_body_validates_at_its_microversion(nova_samples):
    found = _server_samples(nova_samples, 'server-*-req.json')
    updates = [(path, body) for path, body in found if 'update' in path.name or 'put' in path.name]
    assert len(updates) >= 10
    for path, body in updates:
        assert refusal(UPDATE, sample_version(path), body) is None, path


#: (sample, an earlier microversion, the field Nova blames, the end of its message)
EARLIER = [
    ('v2.19/server-create-req.json', '2.18', 'server', "('description' was unexpected)"),
    ('v2.32/server-create-req.json', '2.31', '0', "('tag' was unexpected)"),
    # 2.33 dropped block device tags again (Nova meant 2.32 and later, shipped 2.32 only).
    ('v2.32/server-create-req.json', '2.33', '0', "('tag' was unexpected)"),
    ('v2.37/server-create-req.json', '2.36', 'networks', "'auto' is not of type 'array'"),
    ('server-create-req-v237.json', '2.36', 'networks', "'auto' is not of type 'array'"),
    ('v2.42/server-create-req.json', '2.41', 'networks', 'is not valid under any of the given schemas'),
    ('v2.52/server-create-req.json', '2.51', 'server', "('tags' was unexpected)"),
    ('v2.63/server-create-req.json', '2.62', 'server', "('trusted_image_certificates' was unexpected)"),
    ('v2.67/server-create-req.json', '2.66', '0', "('volume_type' was unexpected)"),
    ('v2.74/server-create-req-with-only-host.json', '2.73', 'server', "('host' was unexpected)"),
    ('v2.74/server-create-req-with-only-node.json', '2.73', 'server',
     "('hypervisor_hostname' was unexpected)"),
    ('server-create-req.json', '2.37', 'server', "'networks' is a required property"),
    ('server-create-req-v237.json', '2.57', 'server', "('personality' was unexpected)"),
]


@pytest.mark.parametrize('sample, earlier, field, ending', EARLIER, ids=[e[0] + '@' + e[1] for e in EARLIER])
def test_a_sample_using_a_later_field_is_refused_at_an_earlier_version(nova_samples, sample, earlier,
                                                                        field, ending):
    body = json.loads((nova_samples / 'servers' / sample).read_text())
    message = refusal(CREATE, earlier, body)
    assert message is not None and message.startswith(FIELD + field + '. Value: '), message
    assert message.endswith(ending)


@pytest.mark.parametrize('sample, earlier, ending', [
    ('v2.19/server-put-req.json', '2.18', "('description' was unexpected)"),
    ('v2.90/server-update-req.json', '2.89', "('hostname' was unexpected)"),
    ('v2.104/server-update-req.json', '2.103', "('pinned_availability_zone' was unexpected)"),
])
def test_an_update_sample_using_a_later_field_is_refused_at_an_earlier_version(nova_samples, sample,
                                                                                earlier, ending):
    body = json.loads((nova_samples / 'servers' / sample).read_text())
    assert refusal(UPDATE, earlier, body) == (
        FIELD + 'server. Value: %s. Additional properties are not allowed %s' % (body['server'], ending))


def test_an_fqdn_hostname_sample_is_refused_before_2_94(nova_samples):
    body = json.loads((nova_samples / 'servers/v2.94/server-update-req.json').read_text())
    assert refusal(UPDATE, '2.93', body) == (
        FIELD + "hostname. Value: new-server-hostname.example.com. 'new-server-hostname.example.com' "
        "does not match '^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$'")


# -- create: what Nova refuses, in its words ----------------------------------------

ONE_OF = 'is not valid under any of the given schemas'
TAGS_51 = ['t%d' % i for i in range(51)]
HOSTNAME = "'^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$'"


def unexpected(field: str, value, key: str) -> str:
    return FIELD + "%s. Value: %s. Additional properties are not allowed ('%s' was unexpected)" % (
        field, value, key)


def shown(value) -> str:
    # nova_api cuts a value past 256 characters in a message; Nova prints it whole.
    text = str(value)
    return text if len(text) <= 256 else text[:253] + '...'

BAD_CREATE = [
    # names (tempest's negative cases)
    ('2.1', {'name': ''}, FIELD + "name. Value: . '' should be non-empty"),
    ('2.1', {'name': '   '}, NAME_RULE),
    ('2.1', {'name': ' vm'}, NAME_RULE),
    ('2.1', {'name': 'tab\there'}, NAME_RULE),
    ('2.1', {'name': 'a' * 256}, FIELD + 'name. Value: %s. %r is too long' % ('a' * 256, 'a' * 256)),
    ('2.1', {'name': 1}, FIELD + "name. Value: 1. 1 is not of type 'string'"),
    ('2.1', {'name': ABSENT}, FIELD + "server. Value: %s. 'name' is a required property" % SERVER),
    # flavor and image
    ('2.1', {'flavorRef': ABSENT}, FIELD + "server. Value: %s. 'flavorRef' is a required property" % SERVER),
    ('2.1', {'flavorRef': ''}, FIELD + "flavorRef. Value: . '' should be non-empty"),
    ('2.1', {'flavorRef': None}, FIELD + "flavorRef. Value: None. None is not of type 'string', 'integer'"),
    ('2.1', {'flavorRef': 1.5}, FIELD + "flavorRef. Value: 1.5. 1.5 is not of type 'string', 'integer'"),
    ('2.1', {'imageRef': 'not-a-uuid'}, FIELD + "imageRef. Value: not-a-uuid. 'not-a-uuid' " + ONE_OF),
    ('2.1', {'imageRef': 1}, FIELD + 'imageRef. Value: 1. 1 %s' % ONE_OF),
    # networks: 'auto'/'none' and UUIDs from 2.37
    ('2.36', {'networks': 'auto'}, FIELD + "networks. Value: auto. 'auto' is not of type 'array'"),
    ('2.37', {'networks': ABSENT}, FIELD + "server. Value: %s. 'networks' is a required property" % SERVER),
    ('2.37', {'networks': [{'uuid': 'bad'}]},
     FIELD + "networks. Value: [{'uuid': 'bad'}]. [{'uuid': 'bad'}] " + ONE_OF),
    ('2.37', {'networks': ['auto']}, FIELD + "networks. Value: ['auto']. ['auto'] " + ONE_OF),
    ('2.37', {'networks': [{'uuid': NETWORK}, 'auto']},
     FIELD + "networks. Value: [{'uuid': '%s'}, 'auto']. [{'uuid': '%s'}, 'auto'] %s"
     % (NETWORK, NETWORK, ONE_OF)),
    ('2.37', {'networks': 'some'}, FIELD + "networks. Value: some. 'some' " + ONE_OF),
    ('2.37', {'networks': [{'uuid': NETWORK, 'tag': 'nic'}]},
     FIELD + "networks. Value: [{'uuid': '%s', 'tag': 'nic'}]. [{'uuid': '%s', 'tag': 'nic'}] %s"
     % (NETWORK, NETWORK, ONE_OF)),
    ('2.1', {'networks': [{'uuid': NETWORK, 'fixed_ip': '10.0.0'}]},
     FIELD + "fixed_ip. Value: 10.0.0. '10.0.0' " + ONE_OF),
    ('2.1', {'networks': [{'port': 'bad'}]}, FIELD + "port. Value: bad. 'bad' is not a 'uuid'"),
    ('2.1', {'networks': [{'uuid': NETWORK, 'foo': 1}]},
     unexpected('0', {'uuid': NETWORK, 'foo': 1}, 'foo')),
    # access addresses
    ('2.1', {'accessIPv4': '1.1.1.1.1'}, FIELD + "accessIPv4. Value: 1.1.1.1.1. '1.1.1.1.1' is not a 'ipv4'"),
    ('2.1', {'accessIPv4': '::1'}, FIELD + "accessIPv4. Value: ::1. '::1' is not a 'ipv4'"),
    ('2.1', {'accessIPv6': '2001:::1'}, FIELD + "accessIPv6. Value: 2001:::1. '2001:::1' is not a 'ipv6'"),
    ('2.1', {'accessIPv6': '1.2.3.4'}, FIELD + "accessIPv6. Value: 1.2.3.4. '1.2.3.4' is not a 'ipv6'"),
    # counts: an integer or a string of digits, at least 1 (min <= max is the controller's)
    ('2.1', {'min_count': 0}, FIELD + 'min_count. Value: 0. 0 is less than the minimum of 1'),
    ('2.1', {'min_count': -1}, FIELD + 'min_count. Value: -1. -1 is less than the minimum of 1'),
    ('2.1', {'min_count': 'abc'}, FIELD + "min_count. Value: abc. 'abc' does not match '^[0-9]*$'"),
    ('2.1', {'max_count': ''}, FIELD + "max_count. Value: . '' should be non-empty"),
    ('2.1', {'max_count': 1.5}, FIELD + "max_count. Value: 1.5. 1.5 is not of type 'integer', 'string'"),
    # user data
    ('2.1', {'user_data': 'abc'}, FIELD + "user_data. Value: abc. 'abc' is not a 'base64'"),
    ('2.1', {'user_data': None}, FIELD + "user_data. Value: None. None is not of type 'string'"),
    # unknown keys
    ('2.1', {'foo': 1}, unexpected('server', SERVER, 'foo')),
    ('2.18', {'description': 'x'}, unexpected('server', SERVER, 'description')),
    ('2.57', {'personality': []}, unexpected('server', SERVER, 'personality')),
    # metadata: keys of letters, digits and -_:. and space, up to 255; string values up to 255
    ('2.1', {'metadata': {'a/b': 'x'}},
     FIELD + "metadata. Value: {'a/b': 'x'}. 'a/b' does not match any of the regexes: "
     "'^[a-zA-Z0-9-_:. ]{1,255}$'"),
    ('2.1', {'metadata': {'k': 1}}, FIELD + "k. Value: 1. 1 is not of type 'string'"),
    ('2.1', {'metadata': {'k': 'v' * 256}}, FIELD + 'k. Value: %s. %r is too long' % ('v' * 256, 'v' * 256)),
    ('2.1', {'metadata': 'k=v'}, FIELD + "metadata. Value: k=v. 'k=v' is not of type 'object'"),
    # security groups, key pair, zone
    ('2.1', {'security_groups': [{'name': ''}]}, FIELD + "name. Value: . '' should be non-empty"),
    ('2.1', {'security_groups': [{'id': 'x'}]}, unexpected('0', {'id': 'x'}, 'id')),
    ('2.1', {'security_groups': 'default'},
     FIELD + "security_groups. Value: default. 'default' is not of type 'array'"),
    ('2.1', {'key_name': ''}, FIELD + "key_name. Value: . '' should be non-empty"),
    ('2.1', {'key_name': 'key '}, NAME_RULE),
    ('2.1', {'availability_zone': ' zone'}, NAME_RULE),
    # booleans and enums
    ('2.1', {'config_drive': 'maybe'}, FIELD + "config_drive. Value: maybe. 'maybe' is not one of %r"
     % ([True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', False, 'False',
         'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no'],)),
    ('2.1', {'OS-DCF:diskConfig': 'auto'},
     FIELD + "OS-DCF:diskConfig. Value: auto. 'auto' is not one of ['AUTO', 'MANUAL']"),
    # personality files, before 2.57
    ('2.1', {'personality': [{'path': '/etc/motd', 'contents': 'abc'}]},
     FIELD + "contents. Value: abc. 'abc' is not a 'base64'"),
    # block devices
    ('2.1', {'block_device_mapping_v2': [{'source_type': 'disk'}]},
     FIELD + "source_type. Value: disk. 'disk' is not one of ['volume', 'image', 'snapshot', 'blank']"),
    ('2.1', {'block_device_mapping_v2': [{'boot_index': 'first'}]},
     FIELD + "boot_index. Value: first. 'first' does not match '^-?[0-9]+$'"),
    ('2.1', {'block_device_mapping_v2': [{'volume_size': 0}]},
     FIELD + 'volume_size. Value: 0. 0 is less than the minimum of 1'),
    ('2.1', {'block_device_mapping_v2': [{'device_name': 'vd a'}]},
     FIELD + "device_name. Value: vd a. 'vd a' does not match '^[a-zA-Z0-9._/-]*$'"),
    ('2.1', {'block_device_mapping_v2': [{'destination_type': 'remote'}]},
     FIELD + "destination_type. Value: remote. 'remote' is not one of ['local', 'volume']"),
    ('2.1', {'block_device_mapping': [{'volume_id': 'bad'}]},
     FIELD + "volume_id. Value: bad. 'bad' is not a 'uuid'"),
    ('2.1', {'block_device_mapping': [{'source_type': 'image'}]},
     unexpected('0', {'source_type': 'image'}, 'source_type')),
    ('2.42', {'block_device_mapping_v2': [{'tag': 'a/b'}]},
     FIELD + "tag. Value: a/b. 'a/b' does not match '^[^,/]*$'"),
    # server tags (2.52), trusted certificates (2.63)
    ('2.52', {'tags': ['a,b']}, FIELD + "0. Value: a,b. 'a,b' does not match '^[^,/]*$'"),
    ('2.52', {'tags': ['t' * 61]}, FIELD + '0. Value: %s. %r is too long' % ('t' * 61, 't' * 61)),
    ('2.52', {'tags': TAGS_51},
     FIELD + 'tags. Value: %s. %s is too long' % (shown(TAGS_51), TAGS_51)),
    ('2.63', {'trusted_image_certificates': []},
     FIELD + 'trusted_image_certificates. Value: []. [] should be non-empty'),
    ('2.63', {'trusted_image_certificates': ['a', 'a']},
     FIELD + "trusted_image_certificates. Value: ['a', 'a']. ['a', 'a'] has non-unique elements"),
    # description (2.19): 255 printable characters
    ('2.19', {'description': 'd' * 256},
     FIELD + 'description. Value: %s. %r is too long' % ('d' * 256, 'd' * 256)),
    # host and node (2.74), hostname (2.90; an FQDN from 2.94)
    ('2.74', {'host': 'bad host'},
     FIELD + "host. Value: bad host. 'bad host' does not match '^[a-zA-Z0-9-._]*$'"),
    ('2.74', {'hypervisor_hostname': ''}, FIELD + "hypervisor_hostname. Value: . '' should be non-empty"),
    ('2.90', {'hostname': 'a'}, FIELD + "hostname. Value: a. 'a' does not match " + HOSTNAME),
    ('2.90', {'hostname': 'h' * 64}, FIELD + 'hostname. Value: %s. %r is too long' % ('h' * 64, 'h' * 64)),
    ('2.90', {'hostname': 'vm.example.com'},
     FIELD + "hostname. Value: vm.example.com. 'vm.example.com' does not match " + HOSTNAME),
    ('2.94', {'hostname': 'vm example'}, FIELD + "hostname. Value: vm example. 'vm example' "
     "does not match '^[a-zA-Z0-9-._]*$'"),
]


@pytest.mark.parametrize('at, fields, message', BAD_CREATE)
def test_create_refuses_what_nova_refuses_with_nova_s_message(at, fields, message):
    body = boot(at, fields)
    assert refusal(CREATE, at, body) == expected(message, body)


GOOD_CREATE = [
    # imageRef may be empty (boot from volume; the controller then wants a block device)
    ('2.1', {'imageRef': ''}),
    ('2.1', {'imageRef': ABSENT}),
    ('2.1', {'flavorRef': 1}),
    ('2.1', {'flavorRef': 'http://openstack.example.com/flavors/1'}),
    # before 2.37 a network uuid is not checked here (the controller refuses it)
    ('2.36', {'networks': [{'uuid': 'bad'}]}),
    ('2.1', {'networks': [{'port': None}]}),
    ('2.37', {'networks': 'auto'}),
    ('2.37', {'networks': []}),
    ('2.37', {'networks': [{'uuid': NETWORK, 'fixed_ip': '10.0.0.2'}, {'port': OTHER}]}),
    ('2.42', {'networks': [{'uuid': NETWORK, 'tag': 'nic1'}]}),
    ('2.32', {'networks': [{'uuid': NETWORK, 'tag': 'nic1'}], 'block_device_mapping_v2': [{'tag': 'disk1'}]}),
    ('2.33', {'networks': [{'uuid': NETWORK, 'tag': 'nic1'}]}),
    # counts as numeric strings; min above max is for the controller to refuse
    ('2.1', {'min_count': '2', 'max_count': '3'}),
    ('2.1', {'min_count': 3, 'max_count': 2}),
    ('2.1', {'return_reservation_id': 'True', 'config_drive': True}),
    # base64 with spaces and line breaks decodes (Nova drops the extra characters)
    ('2.1', {'user_data': 'IyEvYmlu\nL2Jhc2gK'}),
    ('2.1', {'user_data': ''}),
    ('2.1', {'metadata': {'My Server Name': 'Apache1', 'a:b.c_d-e': ''}}),
    ('2.1', {'availability_zone': 'nova:host1:node1'}),
    ('2.1', {'security_groups': [{'name': 'default'}, {}]}),
    ('2.1', {'block_device_mapping_v2': [{
        'boot_index': None, 'volume_size': '1', 'delete_on_termination': 'yes', 'no_device': 'anything',
        'uuid': IMAGE, 'source_type': 'image'}]}),
    ('2.19', {'description': None}),
    ('2.19', {'description': 'A web server, ünïcode and all'}),
    ('2.52', {'tags': []}),
    ('2.63', {'trusted_image_certificates': None}),
    ('2.67', {'block_device_mapping_v2': [{'volume_type': None}]}),
    ('2.74', {'host': 'compute-1', 'hypervisor_hostname': 'node_1.example.com'}),
    ('2.90', {'hostname': 'web-1'}),
    ('2.94', {'hostname': 'web-1.example.com'}),
]


@pytest.mark.parametrize('at, fields', GOOD_CREATE)
def test_create_accepts_what_nova_accepts(at, fields):
    assert refusal(CREATE, at, boot(at, fields)) is None


def test_user_data_is_at_most_65535_characters():
    body = boot('2.1', {'user_data': 'A' * 65536})
    message = refusal(CREATE, '2.1', body)
    assert message.startswith(FIELD + 'user_data. Value: ' + 'A' * 253 + '...')
    assert message.endswith("' is too long")
    assert refusal(CREATE, '2.1', boot('2.1', {'user_data': 'A' * 65532})) is None


@pytest.mark.parametrize('key', ['os:scheduler_hints', 'OS-SCH-HNT:scheduler_hints'])
@pytest.mark.parametrize('hints, message', [
    ({'group': OTHER, 'same_host': [OTHER], 'different_host': OTHER, 'query': '[">=", "$free_ram_mb", 1024]',
      'build_near_host_ip': '10.0.0.1', 'cidr': '/24', 'target_cell': 'cell1', 'different_cell': 'cell2',
      'my_filter_hint': {'any': 'thing'}}, None),
    ({'group': [OTHER], 'different_host': [OTHER], 'different_cell': ['cell2'], 'query': {}}, None),
    ({'group': 'bad'}, FIELD + "group. Value: bad. 'bad' " + ONE_OF),
    ({'different_host': ['bad']}, FIELD + "different_host. Value: ['bad']. ['bad'] " + ONE_OF),
    ({'same_host': ['bad']}, FIELD + "0. Value: bad. 'bad' is not a 'uuid'"),
    ({'build_near_host_ip': 'near'}, FIELD + "build_near_host_ip. Value: near. 'near' " + ONE_OF),
    ({'cidr': '24'}, FIELD + "cidr. Value: 24. '24' does not match '^/[0-9a-f.:]+$'"),
    ({'query': 1}, FIELD + "query. Value: 1. 1 is not of type 'string', 'object'"),
    ({'target_cell': ''}, FIELD + "target_cell. Value: . '' should be non-empty"),
    ('group=x', FIELD + "%s. Value: group=x. 'group=x' is not of type 'object'"),
])
def test_scheduler_hints_are_checked_under_either_key(key, hints, message):
    body = dict(boot('2.1', {}), **{key: hints})
    assert refusal(CREATE, '2.1', body) == (message % key if message and '%s' in message else message)


def test_unknown_top_level_keys_are_refused():
    body = dict(boot('2.1', {}), scheduler_hints={})
    assert refusal(CREATE, '2.1', body) == (
        "Additional properties are not allowed ('scheduler_hints' was unexpected)")
    assert refusal(CREATE, '2.1', {}) == "'server' is a required property"
    assert refusal(CREATE, '2.1', {'server': 'vm'}) == (
        FIELD + "server. Value: vm. 'vm' is not of type 'object'")


@pytest.mark.parametrize('fields, message', [
    ({'min_count': '0'}, FIELD + 'min_count. Value: 0. 0 is less than the minimum of 1'),
    ({'max_count': '0'}, FIELD + 'max_count. Value: 0. 0 is less than the minimum of 1'),
    ({'block_device_mapping_v2': [{'volume_size': '0'}]},
     FIELD + 'volume_size. Value: 0. 0 is less than the minimum of 1'),
    ({'block_device_mapping_v2': [{'volume_size': '2147483648'}]},
     FIELD + 'volume_size. Value: 2147483648. 2147483648 is greater than the maximum of 2147483647'),
])
def test_numeric_strings_are_bounded_as_numbers(fields, message):
    assert refusal(CREATE, '2.1', boot('2.1', fields)) == message


def test_description_must_be_printable_in_our_words():
    # Nova spells "printable" as a pattern of every printable character and quotes it whole.
    assert refusal(CREATE, '2.19', boot('2.19', {'description': 'bell\x07'})) == (
        FIELD + "description. Value: bell\x07. 'bell\\x07' is not a 'printable'")


# -- update -------------------------------------------------------------------------

BAD_UPDATE = [
    ('2.1', {'name': ''}, FIELD + "name. Value: . '' should be non-empty"),
    ('2.1', {'name': ' vm'}, NAME_RULE),
    ('2.1', {'accessIPv4': 'bad'}, FIELD + "accessIPv4. Value: bad. 'bad' is not a 'ipv4'"),
    ('2.1', {'OS-DCF:diskConfig': 'auto'},
     FIELD + "OS-DCF:diskConfig. Value: auto. 'auto' is not one of ['AUTO', 'MANUAL']"),
    ('2.18', {'description': 'd'}, unexpected('server', {'description': 'd'}, 'description')),
    ('2.19', {'description': 'd' * 256},
     FIELD + 'description. Value: %s. %r is too long' % ('d' * 256, 'd' * 256)),
    ('2.89', {'hostname': 'web'}, unexpected('server', {'hostname': 'web'}, 'hostname')),
    ('2.90', {'hostname': 'web.example.com'},
     FIELD + "hostname. Value: web.example.com. 'web.example.com' does not match " + HOSTNAME),
    ('2.103', {'pinned_availability_zone': 'nova'},
     unexpected('server', {'pinned_availability_zone': 'nova'}, 'pinned_availability_zone')),
    ('2.104', {'pinned_availability_zone': ''}, FIELD + "pinned_availability_zone. Value: . '' " + ONE_OF),
    ('2.104', {'pinned_availability_zone': 1}, FIELD + 'pinned_availability_zone. Value: 1. 1 ' + ONE_OF),
]


@pytest.mark.parametrize('at, server, message', BAD_UPDATE)
def test_update_refuses_what_nova_refuses_with_nova_s_message(at, server, message):
    assert refusal(UPDATE, at, {'server': server}) == message


GOOD_UPDATE = [
    ('2.1', {}),
    ('2.1', {'name': 'new', 'accessIPv4': '1.2.3.4', 'accessIPv6': '80fe::', 'OS-DCF:diskConfig': 'MANUAL'}),
    ('2.19', {'description': None}),
    ('2.90', {'hostname': 'web-1'}),
    ('2.94', {'hostname': 'web-1.example.com'}),
    ('2.104', {'pinned_availability_zone': None}),
    ('2.104', {'pinned_availability_zone': 'us-west'}),
]


@pytest.mark.parametrize('at, server', GOOD_UPDATE)
def test_update_accepts_what_nova_accepts(at, server):
    assert refusal(UPDATE, at, {'server': server}) is None


def test_update_needs_the_server_object_and_nothing_else():
    assert refusal(UPDATE, '2.1', {}) == "'server' is a required property"
    assert refusal(UPDATE, '2.1', {'server': {}, 'name': 'x'}) == (
        "Additional properties are not allowed ('name' was unexpected)")
