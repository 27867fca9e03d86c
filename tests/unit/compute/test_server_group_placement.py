"""Server groups at boot: membership, its quota, and where the runner places members, per policy."""

from __future__ import annotations

import pytest

from nova_api import exception
from nova_api.compute.servers import placement
from nova_api.compute.servers import states

HOSTS = ['cmp1', 'cmp2', 'cmp3']


# -- the choice, alone ----------------------------------------------------------------

def choose(policy: str, members: dict, load: dict | None = None, rules: dict | None = None,
           candidates=HOSTS):
    return placement.GroupHosts.of(policy, rules or {}, members).choose(candidates, load or {})


def test_affinity_follows_the_members_and_goes_anywhere_before_the_first():
    assert choose('affinity', {}, load={'cmp1': 3, 'cmp2': 1}) == 'cmp3'
    assert choose('affinity', {'cmp2': 1}, load={'cmp2': 9}) == 'cmp2'
    assert choose('affinity', {'cmp2': 1}, candidates=['cmp1', 'cmp3']) is None


def test_anti_affinity_avoids_hosts_holding_max_server_per_host_members():
    assert choose('anti-affinity', {'cmp1': 1, 'cmp2': 1}) == 'cmp3'
    assert choose('anti-affinity', {'cmp1': 1, 'cmp2': 1, 'cmp3': 1}) is None
    assert choose('anti-affinity', {'cmp1': 1, 'cmp2': 2}, rules={'max_server_per_host': 2},
                  candidates=['cmp1', 'cmp2']) == 'cmp1'
    assert choose('anti-affinity', {'cmp1': 2, 'cmp2': 2}, rules={'max_server_per_host': 2},
                  candidates=['cmp1', 'cmp2']) is None


def test_soft_policies_prefer_but_never_refuse():
    assert choose('soft-affinity', {'cmp3': 1}, load={'cmp3': 5}) == 'cmp3'
    assert choose('soft-affinity', {'cmp3': 1}, candidates=['cmp1']) == 'cmp1'
    assert choose('soft-anti-affinity', {'cmp1': 1, 'cmp2': 1}, load={'cmp3': 9}) == 'cmp3'
    assert choose('soft-anti-affinity', {'cmp1': 2, 'cmp2': 1, 'cmp3': 1}) == 'cmp2'


def test_a_placement_counts_for_the_next_member_at_once():
    group = placement.GroupHosts.of('anti-affinity', {}, {})
    chosen = []
    for _ in range(3):
        chosen.append(group.choose(HOSTS, {}))
        group.place(chosen[-1])
    assert sorted(chosen) == HOSTS
    assert group.choose(HOSTS, {}) is None


# -- through the runner ---------------------------------------------------------------

@pytest.fixture
def three_hosts(make_compute, clock_for):
    compute = make_compute({'DEFAULT': {'compute_hosts': HOSTS}})
    return compute, clock_for(compute)


def boot(compute, ctx, group, count=1, **fields):
    from nova_api.compute.servers import boot as boot_api
    fields.setdefault('image_ref', '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01')
    request = boot_api.BootRequest(name='member', flavor_ref='1', min_count=count,
                                   max_count=count, scheduler_hints={'group': group.uuid}, **fields)
    servers, _ = compute.servers.create(ctx, request)
    return servers


def hosts_of(compute, ctx, servers):
    return [compute.servers.get(ctx, server.uuid).host for server in servers]


def test_a_multiple_create_into_an_anti_affinity_group_lands_on_distinct_hosts(three_hosts, caller):
    compute, clock = three_hosts
    ctx = caller()
    group = compute.server_groups.create(ctx, 'apart', 'anti-affinity')
    servers = boot(compute, ctx, group, count=3)
    clock.advance(2)

    assert sorted(hosts_of(compute, ctx, servers)) == HOSTS
    assert compute.server_groups.get(ctx, group.uuid).members == [s.uuid for s in servers]


def test_affinity_members_share_the_host_of_the_first(three_hosts, caller):
    compute, clock = three_hosts
    ctx = caller()
    group = compute.server_groups.create(ctx, 'together', 'affinity')
    first = boot(compute, ctx, group, count=2)
    clock.advance(2)
    later = boot(compute, ctx, group)
    clock.advance(2)

    assert len(set(hosts_of(compute, ctx, first + later))) == 1


def test_an_impossible_anti_affinity_boot_goes_to_error_with_no_valid_host(three_hosts, caller):
    compute, clock = three_hosts
    ctx = caller()
    group = compute.server_groups.create(ctx, 'apart', 'anti-affinity')
    servers = boot(compute, ctx, group, count=4)
    clock.advance(2)

    shown = [compute.servers.get(ctx, server.uuid) for server in servers]
    assert sorted(s.vm_state for s in shown) == [states.ACTIVE] * 3 + [states.ERROR]
    failed, = [s for s in shown if s.vm_state == states.ERROR]
    assert failed.fault.message == ('No valid host was found. There are not enough hosts '
                                    'available.')
    assert failed.host is None


def test_max_server_per_host_lets_that_many_share_a_host(three_hosts, caller):
    compute, clock = three_hosts
    ctx = caller()
    group = compute.server_groups.create(ctx, 'pairs', 'anti-affinity', {'max_server_per_host': 2})
    servers = boot(compute, ctx, group, count=6)
    clock.advance(2)

    hosts = hosts_of(compute, ctx, servers)
    assert sorted(hosts) == sorted(HOSTS * 2)


def test_a_deleted_member_leaves_its_group_and_frees_its_host(three_hosts, caller):
    compute, clock = three_hosts
    ctx = caller()
    group = compute.server_groups.create(ctx, 'apart', 'anti-affinity')
    servers = boot(compute, ctx, group, count=3)
    clock.advance(2)
    gone = compute.servers.get(ctx, servers[0].uuid)
    compute.servers.delete(ctx, gone)
    clock.advance(2)

    assert compute.server_groups.get(ctx, group.uuid).members == [s.uuid for s in servers[1:]]
    replacement, = boot(compute, ctx, group)
    clock.advance(2)
    assert compute.servers.get(ctx, replacement.uuid).host == gone.host
    assert compute.server_groups.of_servers([replacement.uuid]) == {replacement.uuid: [group.uuid]}


def test_an_unknown_or_another_projects_group_is_nova_400(compute, boot_server, caller):
    other = compute.server_groups.create(caller('bob', 'elsewhere'), 'theirs', 'affinity')
    for group in ('4c8a7f4e-49a1-4c3c-9b3e-2b0c1c7d9a11', other.uuid):
        with pytest.raises(exception.InvalidServerRequest) as raised:
            boot_server(scheduler_hints={'group': group})
        assert raised.value.format_message() == 'Instance group %s could not be found.' % group


def test_a_boot_beyond_the_member_quota_is_refused_whole(make_compute, caller, boot_server):
    compute = make_compute({'quota': {'server_group_members': 2}})
    ctx = caller()
    group = compute.server_groups.create(ctx, 'small', 'affinity')
    boot(compute, ctx, group)
    with pytest.raises(exception.GroupMemberLimitExceeded) as raised:
        boot(compute, ctx, group, count=2)
    assert raised.value.code == 403
    assert raised.value.format_message() == 'Quota exceeded, too many servers in group'
    assert len(compute.server_groups.get(ctx, group.uuid).members) == 1
    boot(compute, ctx, group)
    assert len(compute.server_groups.get(ctx, group.uuid).members) == 2


def test_deleting_a_group_keeps_its_servers(compute, caller, boot_server):
    ctx = caller()
    group = compute.server_groups.create(ctx, 'short-lived', 'soft-affinity')
    server, = boot(compute, ctx, group)
    compute.server_groups.delete(ctx, group)

    assert compute.server_groups.of_servers([server.uuid]) == {}
    assert compute.servers.get(ctx, server.uuid).uuid == server.uuid
    with pytest.raises(exception.InstanceGroupNotFound):
        compute.server_groups.get(ctx, group.uuid)


def test_rules_need_anti_affinity_and_groups_count_against_the_quota(make_compute, caller):
    compute = make_compute({'quota': {'server_groups': 1}})
    ctx = caller()
    with pytest.raises(exception.ServerGroupRulesNotSupported):
        compute.server_groups.create(ctx, 'bad', 'affinity', {'max_server_per_host': 2})
    compute.server_groups.create(ctx, 'one', 'affinity')
    with pytest.raises(exception.ServerGroupLimitExceeded):
        compute.server_groups.create(ctx, 'two', 'affinity')
    assert compute.limits.absolute(ctx, ctx.project_id)['server_groups'].in_use == 1
