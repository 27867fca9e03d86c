"""A server reads the same through a show and through the list, on each backend: on PostgreSQL
both read rows as JSON and a show reads its related rows in the same statement."""

from __future__ import annotations

import datetime
import uuid

from nova_api.compute.servers.api import ListQuery
from nova_api.db import models
from nova_api.objects import servers as server_objects


def test_a_show_and_the_list_read_the_same_record_with_its_related_rows(
        compute, boot_server, caller, database, clock):
    server, = boot_server(name='web', metadata={'role': 'db', 'quote"and\\slash': 'x'},
                          tags=['red', 'blue'])
    clock.advance(2)

    def attach(session):
        session.add(models.BlockDeviceMapping(
            uuid=str(uuid.uuid4()), instance_uuid=server.uuid, volume_id='vol-1',
            delete_on_termination=True, source_type='volume', destination_type='volume'))
    database.write(attach)

    shown = compute.servers.get(caller(), server.uuid)
    listed, = compute.servers.list(None, ListQuery(project_id='demo'))

    assert shown == listed
    assert shown.metadata == {'role': 'db', 'quote"and\\slash': 'x'}
    assert shown.tags == ('blue', 'red')
    assert shown.volumes == (server_objects.Volume('vol-1', True),)
    assert shown.addresses and all(address.type == 'fixed' for address in shown.addresses)
    assert isinstance(shown.created_at, datetime.datetime)
    assert isinstance(shown.launched_at, datetime.datetime)
    assert shown.deleted is False and shown.auto_disk_config in (True, False)


def test_a_page_reads_the_related_rows_of_every_server_on_it(compute, boot_server, caller, clock):
    made = {server.name: server for server in (
        boot_server(name=name, metadata={'n': name}, tags=[name])[0]
        for name in ('a', 'b', 'c'))}
    clock.advance(2)

    page = compute.servers.list(None, ListQuery(project_id='demo', limit=2))

    assert len(page) == 2
    for server in page:
        assert server.metadata == {'n': server.name} and server.tags == (server.name,)
        assert server.uuid == made[server.name].uuid


def test_a_list_of_strings_is_sent_to_postgresql_as_an_array_s_text():
    literal = server_objects._ArrayLiteral().process_bind_param(['a', 'b"c', 'd\\e'], None)

    assert literal == '{"a","b\\"c","d\\\\e"}'
