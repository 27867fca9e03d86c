"""The compute rules of a server's metadata, tags, instance actions and password, on each backend."""

from __future__ import annotations

import datetime

import pytest
import sqlalchemy as sa

from nova_api import exception
from nova_api.compute.instance_actions import ActionQuery
from nova_api.compute.server_tags import MAX_TAGS
from nova_api.compute.servers import boot
from nova_api.db import models
from nova_api.objects import server_changes

CIRROS = '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'


@pytest.fixture
def active(caller, compute, boot_server, clock):
    """A server of alice's (project demo), ACTIVE."""
    server, = boot_server(metadata={'a': '1', 'b': '2'})
    clock.advance(2)
    return compute.servers.get(caller(), server.uuid)


def _set(compute, uuid: str, **values) -> None:
    compute.database.write(lambda session: server_changes.update_server(session, uuid, values))


def test_metadata_merges_replaces_deletes_and_bumps_updated_at(caller, compute, active):
    ctx = caller()
    before = compute.servers.get(ctx, active.uuid).updated_at

    assert compute.server_metadata.update(ctx, active.uuid, {'b': 'two', 'c': '3'}) == {
        'a': '1', 'b': 'two', 'c': '3'}
    assert compute.servers.get(ctx, active.uuid).metadata == {'a': '1', 'b': 'two', 'c': '3'}
    # (The runner's clock runs ahead of real time: changed is what counts.)
    assert compute.servers.get(ctx, active.uuid).updated_at != before
    assert compute.server_metadata.update(ctx, active.uuid, {'z': ''}, replace=True) == {'z': ''}
    compute.server_metadata.delete(ctx, active.uuid, 'z')
    assert compute.servers.get(ctx, active.uuid).metadata == {}
    with pytest.raises(exception.ServerMetadataNotFound):
        compute.server_metadata.delete(ctx, active.uuid, 'z')


def test_metadata_quota_counts_the_result(caller, make_compute, boot_server, clock_for):
    compute = make_compute({'quota': {'metadata_items': 2}})
    ctx = caller()
    server = compute.servers.create(ctx, boot.BootRequest(
        name='q', flavor_ref='1', image_ref=CIRROS, metadata={'a': '1'}))[0][0]
    clock_for(compute).advance(2)

    compute.server_metadata.update(ctx, server.uuid, {'b': '2'})
    with pytest.raises(exception.MetadataLimitExceeded,
                       match='Maximum number of metadata items exceeds 2'):
        compute.server_metadata.update(ctx, server.uuid, {'c': '3'})
    # Replacing with two is within the limit; a merge of a known key adds nothing.
    compute.server_metadata.update(ctx, server.uuid, {'x': '1', 'y': '2'}, replace=True)
    compute.server_metadata.update(ctx, server.uuid, {'x': 'again'})


def test_metadata_refuses_a_locked_server_to_non_admins_and_wrong_states(caller, compute, active):
    _set(compute, active.uuid, locked_by='owner')
    with pytest.raises(exception.InstanceIsLocked):
        compute.server_metadata.update(caller(), active.uuid, {'k': 'v'})
    with pytest.raises(exception.InstanceIsLocked):
        compute.server_metadata.delete(caller(), active.uuid, 'a')
    compute.server_metadata.update(caller('admin', 'admin', admin=True), active.uuid, {'k': 'v'})

    _set(compute, active.uuid, locked_by=None, task_state='rebooting')
    with pytest.raises(exception.InstanceInvalidState,
                       match="Cannot 'update metadata' instance .* while it is in task_state "
                             "rebooting"):
        compute.server_metadata.update(caller(), active.uuid, {'k': 'v'})
    _set(compute, active.uuid, task_state=None, vm_state='error')
    with pytest.raises(exception.InstanceInvalidState,
                       match="Cannot 'delete metadata' instance .* while it is in vm_state error"):
        compute.server_metadata.delete(caller(), active.uuid, 'a')
    for vm_state in ('paused', 'suspended', 'stopped'):
        _set(compute, active.uuid, vm_state=vm_state)
        compute.server_metadata.update(caller(), active.uuid, {'state': vm_state})


def test_tags_add_replace_delete_and_the_limit(caller, compute, active):
    ctx = caller()
    assert compute.server_tags.add(ctx, active.uuid, 'b') is True
    assert compute.server_tags.add(ctx, active.uuid, 'b') is False
    assert compute.server_tags.replace(ctx, active.uuid, ['z', 'a', 'z']) == ['a', 'z']
    assert compute.server_tags.list(ctx, active.uuid) == ['a', 'z']
    assert compute.servers.get(ctx, active.uuid).tags == ('a', 'z')
    compute.server_tags.has(ctx, active.uuid, 'a')
    with pytest.raises(exception.ServerTagNotFound, match="has no tag 'b'"):
        compute.server_tags.has(ctx, active.uuid, 'b')
    compute.server_tags.delete(ctx, active.uuid, 'a')
    with pytest.raises(exception.InstanceTagNotFound):
        compute.server_tags.delete(ctx, active.uuid, 'a')

    compute.server_tags.replace(ctx, active.uuid, ['t%d' % i for i in range(MAX_TAGS)])
    with pytest.raises(exception.TooManyServerTags, match='per-server limit 50'):
        compute.server_tags.add(ctx, active.uuid, 'one-more')
    with pytest.raises(exception.TooManyServerTags):
        compute.server_tags.add(ctx, active.uuid, 't0')  # Nova counts before it looks
    compute.server_tags.delete_all(ctx, active.uuid)
    assert compute.server_tags.list(ctx, active.uuid) == []


def test_tags_change_whatever_the_task_and_lock_but_not_in_other_vm_states(caller, compute,
                                                                          active):
    _set(compute, active.uuid, locked_by='owner', task_state='rebooting')
    compute.server_tags.add(caller(), active.uuid, 'busy')
    _set(compute, active.uuid, vm_state='building')
    with pytest.raises(exception.InstanceInvalidState,
                       match="Cannot 'update tags' instance .* while it is in vm_state building"):
        compute.server_tags.replace(caller(), active.uuid, [])
    with pytest.raises(exception.InstanceInvalidState, match="'update tag'"):
        compute.server_tags.check_state(caller(), active.uuid, 'update tag')


def test_instance_actions_newest_first_with_pages_and_changes_windows(caller, compute, active,
                                                                      clock):
    ctx = caller()
    compute.servers.stop(ctx, active)
    clock.advance(2)
    compute.servers.start(ctx, compute.servers.get(ctx, active.uuid))
    clock.advance(2)
    server = compute.instance_actions.server(ctx, active.uuid)

    actions = compute.instance_actions.list(server)
    assert [a.action for a in actions] == ['start', 'stop', 'create']
    assert all(a.updated_at is not None and a.updated_at >= a.start_time for a in actions)
    first, = compute.instance_actions.list(server, ActionQuery(limit=1))
    assert first.action == 'start'
    # Every action of one caller shares the request id here: the marker is the newest of them.
    rest = compute.instance_actions.list(server, ActionQuery(marker=first.request_id))
    assert [a.action for a in rest] == ['stop', 'create']
    with pytest.raises(exception.MarkerNotFound):
        compute.instance_actions.list(server, ActionQuery(marker='req-unknown'))
    assert compute.instance_actions.list(server, ActionQuery(limit=0)) == []
    late = actions[0].updated_at
    assert [a.action for a in compute.instance_actions.list(
        server, ActionQuery(changes_since=late))] == ['start']
    assert 'start' not in [a.action for a in compute.instance_actions.list(
        server, ActionQuery(changes_before=late - datetime.timedelta(microseconds=1)))]
    with pytest.raises(exception.InvalidChangesWindow):
        compute.instance_actions.list(server, ActionQuery(
            changes_since=late, changes_before=late - datetime.timedelta(seconds=1)))

    action, events = compute.instance_actions.get(server, first.request_id)
    assert action.action == 'start'
    assert [(e.event, e.result, e.host) for e in events] == [
        ('compute_start_instance', 'Success', server.host)]
    with pytest.raises(exception.InstanceActionNotFound):
        compute.instance_actions.get(server, 'req-unknown')


def test_instance_actions_of_a_deleted_server_are_read_when_asked(caller, compute, active, clock):
    ctx = caller()
    compute.servers.delete(ctx, active)
    clock.advance(2)
    with pytest.raises(exception.InstanceNotFound):
        compute.instance_actions.server(ctx, active.uuid)
    server = compute.instance_actions.server(ctx, active.uuid, read_deleted=True)
    assert [a.action for a in compute.instance_actions.list(server)] == ['delete', 'create']
    with pytest.raises(exception.InstanceNotFound):
        compute.instance_actions.server(caller('mallory', 'other'), active.uuid, read_deleted=True)


def test_a_failed_event_has_its_traceback_and_details(caller, compute, boot_server, clock):
    server, = boot_server(metadata={'nova_api:fail': 'spawn'})
    clock.advance(2)
    found = compute.instance_actions.server(caller(), server.uuid)
    create, = compute.instance_actions.list(found)
    assert create.message == 'Error'
    _action, (event,) = compute.instance_actions.get(found, create.request_id)
    assert event.result == 'Error' and 'Exceeded maximum number of retries' in event.details
    assert 'simulated driver failed spawn' in event.traceback


def test_the_password_is_kept_in_four_chunks_and_cleared(compute, active):
    assert compute.server_password.get(active.uuid) == ''
    posted = 'x' * 300 + 'y' * 400
    compute.server_password.store(active.uuid, posted)
    assert compute.server_password.get(active.uuid) == posted
    chunks = compute.database.read(lambda s: s.execute(sa.select(
        models.InstanceSystemMetadata.key, sa.func.length(models.InstanceSystemMetadata.value))
        .where(models.InstanceSystemMetadata.instance_uuid == active.uuid)
        .order_by(models.InstanceSystemMetadata.key)).all())
    assert [tuple(row) for row in chunks] == [('password_0', 255), ('password_1', 255),
                                              ('password_2', 190), ('password_3', 0)]
    with pytest.raises(exception.Conflict):
        compute.server_password.store(active.uuid, 'again')
    compute.server_password.clear(active.uuid)
    assert compute.server_password.get(active.uuid) == ''
    with pytest.raises(exception.Invalid):
        compute.server_password.store(active.uuid, 'z' * 1021)
