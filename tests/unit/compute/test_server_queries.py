"""The server list as SQL on each backend: filters, sort keys, marker pages, bounded regexes."""

from __future__ import annotations

import time

import pytest

from nova_api import exception
from nova_api.compute.servers.api import ListQuery
from nova_api.objects import server_changes


@pytest.fixture
def fleet(compute, boot_server, caller, clock):
    """Five servers of demo (two tagged, one stopped, one deleted) and one of another project."""
    made = {}
    for name, tags in (('alpha', ('red',)), ('bravo', ('red', 'blue')), ('charlie', ()),
                       ('delta', ()), ('echo', ())):
        made[name], = boot_server(name=name, tags=tags)
        clock.advance(0.01)
    made['other'], = boot_server(ctx=caller('bob', 'elsewhere'), name='other')
    # Their builds are due from the real time they were accepted at, which on a
    # slow machine is past the clock's: catch it up before letting them run.
    clock.now = max(clock.now, server_changes.utcnow())
    clock.advance(2)
    compute.servers.stop(caller(), compute.servers.get(caller(), made['charlie'].uuid))
    compute.servers.delete(caller(), compute.servers.get(caller(), made['echo'].uuid))
    clock.advance(2)
    return made


def names(compute, **query):
    query.setdefault('project_id', 'demo')
    return [server.name for server in compute.servers.list(None, ListQuery(**query))]


def test_the_default_list_is_the_project_live_servers_newest_first(compute, fleet):
    assert names(compute) == ['delta', 'charlie', 'bravo', 'alpha']
    assert names(compute, project_id=None) == ['other', 'delta', 'charlie', 'bravo', 'alpha']


def test_deleted_servers_are_listed_when_asked(compute, fleet):
    assert names(compute, deleted=True) == ['echo']
    assert names(compute, deleted=None)[0] == 'echo'


def test_exact_and_regex_filters(compute, fleet):
    assert names(compute, exact={'vm_state': ['stopped']}) == ['charlie']
    assert names(compute, regex={'display_name': 'a$'}) == ['delta', 'alpha']
    assert names(compute, regex={'display_name': 'RAV'}) == []
    assert names(compute, ip='10\\.0\\.0\\.2$') == ['alpha']


def test_tag_filters(compute, fleet):
    assert names(compute, tags=['red', 'blue']) == ['bravo']
    assert names(compute, tags_any=['red', 'blue']) == ['bravo', 'alpha']
    assert names(compute, not_tags=['red', 'blue']) == ['delta', 'charlie', 'alpha']
    assert names(compute, not_tags_any=['red']) == ['delta', 'charlie']


def test_sorting_and_marker_pages(compute, fleet):
    assert names(compute, sort=[('display_name', 'asc')]) == ['alpha', 'bravo', 'charlie', 'delta']
    first = names(compute, sort=[('display_name', 'asc')], limit=2)
    after = compute.servers.list(None, ListQuery(project_id='demo', sort=[('display_name', 'asc')],
                                                 limit=2, marker=fleet['bravo'].uuid))
    assert first == ['alpha', 'bravo'] and [s.name for s in after] == ['charlie', 'delta']
    # Keys with NULLs page through too: key_name is NULL everywhere.
    pages, marker = [], None
    while True:
        page = compute.servers.list(None, ListQuery(project_id='demo', sort=[('key_name', 'desc')],
                                                    limit=1, marker=marker))
        if not page:
            break
        pages.append(page[0].name)
        marker = page[0].uuid
    assert sorted(pages) == ['alpha', 'bravo', 'charlie', 'delta']


def test_an_unknown_marker_is_nova_400(compute, fleet):
    with pytest.raises(exception.ServerMarkerNotFound) as refused:
        compute.servers.list(None, ListQuery(marker='nope'))
    assert refused.value.format_message() == 'marker [nope] not found'


def test_changes_since_sees_state_changes(compute, fleet, clock):
    before_reboot = clock.now
    compute.servers.reboot(_admin(), compute.servers.get(_admin(), fleet['alpha'].uuid), hard=False)
    clock.advance(0.5)  # the runner writes the reboot's steps at the clock's time
    assert names(compute, changes_since=before_reboot, deleted=None) == ['alpha']
    assert 'alpha' not in names(compute, changes_before=before_reboot, deleted=None)


def test_a_catastrophic_regex_is_answered_in_linear_time(compute, boot_server):
    boot_server(name='a' * 250 + '!')  # names are at most 255 characters
    started = time.monotonic()
    assert names(compute, regex={'display_name': '^(a+)+$'}) == []
    assert time.monotonic() - started < 5  # Python's re would take longer than the universe's age


def test_an_invalid_regex_is_a_400(compute):
    with pytest.raises(exception.InvalidRegex):
        names(compute, regex={'display_name': '(a'})
    with pytest.raises(exception.InvalidRegex):
        names(compute, regex={'display_name': r'(a)\1'})  # backreferences: not in RE2


def _admin():
    from nova_api import context

    return context.RequestContext(user_id='admin', project_id='admin', roles=['admin'])
