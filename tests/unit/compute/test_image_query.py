"""Glance's list query language, read into a ListQuery: filters, operators, sorting, paging, refusals."""

from __future__ import annotations

import datetime

import pytest

from nova_api import exception
from nova_api.compute import image_query
from nova_api.objects.images import Condition

HIDDEN_DEFAULT = Condition('os_hidden', 'eq', False)


def parse(query: str, **kwargs):
    pairs = [tuple(item.split('=', 1)) for item in query.split('&') if item]
    return image_query.parse(pairs, **kwargs)


def test_no_query_is_glances_default_page():
    query = parse('')

    assert query.limit == 25
    assert query.marker is None
    assert query.sort == (('created_at', 'desc'), ('id', 'desc'))
    assert query.conditions == (HIDDEN_DEFAULT,)
    assert (query.properties, query.tags, query.visibility) == ((), (), None)


@pytest.mark.parametrize('text, condition', [
    ('name=cirros', Condition('name', 'eq', 'cirros')),
    ('name=eq:cirros', Condition('name', 'eq', 'cirros')),
    ('status=in:saving,queued', Condition('status', 'in', ('saving', 'queued'))),
    ('name=in:"glass, darkly",share me', Condition('name', 'in', ('glass, darkly', 'share me'))),
    ('id=in:a,b', Condition('id', 'in', ('a', 'b'))),
    ('size_min=1048576', Condition('size', 'gte', 1048576)),
    ('size_max=4194304', Condition('size', 'lte', 4194304)),
    ('min_ram=512', Condition('min_ram', 'eq', 512)),
    ('min_ram=lots', Condition('id', 'in', ())),  # an integer is never "lots"
    ('owner=demo', Condition('owner', 'eq', 'demo')),
    ('protected=true', Condition('protected', 'eq', True)),
    ('created_at=gte:2016-01-01T00:00:00Z',
     Condition('created_at', 'gte', datetime.datetime(2016, 1, 1))),
    ('updated_at=2016-01-01T01:00:00+01:00',
     Condition('updated_at', 'eq', datetime.datetime(2016, 1, 1))),
])
def test_filters_become_conditions(text, condition):
    assert parse(text).conditions == (HIDDEN_DEFAULT, condition)


def test_hidden_images_are_asked_for_with_os_hidden():
    assert parse('os_hidden=True').conditions == (Condition('os_hidden', 'eq', True),)


def test_other_names_filter_on_properties_and_tags_all_apply():
    query = parse('os_distro=ubuntu&tag=a&tag=%20b&foo=bar&deleted=true')

    assert query.properties == (('os_distro', 'ubuntu'), ('foo', 'bar'))
    assert query.tags == ('a', '%20b')


def test_visibility_and_member_status_are_read():
    assert parse('visibility=community&member_status=all').visibility == 'community'
    assert parse('visibility=all').visibility == 'all'


@pytest.mark.parametrize('text, sort', [
    ('sort=name:asc', (('name', 'asc'), ('created_at', 'asc'), ('id', 'asc'))),
    ('sort=name:asc,size', (('name', 'asc'), ('size', 'desc'), ('created_at', 'desc'),
                            ('id', 'desc'))),
    ('sort_key=size&sort_key=name&sort_dir=asc',
     (('size', 'asc'), ('name', 'asc'), ('created_at', 'asc'), ('id', 'asc'))),
    ('sort_key=id&sort_dir=asc&sort_key=created_at&sort_dir=desc',
     (('id', 'asc'), ('created_at', 'desc'))),
    ('sort_dir=asc', (('created_at', 'asc'), ('id', 'asc'))),
])
def test_sorting_in_either_syntax_ends_with_created_at_and_id(text, sort):
    assert parse(text).sort == sort


@pytest.mark.parametrize('text, limit', [('limit=3', 3), ('limit=0', 0), ('limit=5000', 1000)])
def test_limit_is_capped(text, limit):
    assert parse(text).limit == limit


def test_the_caller_chooses_the_default_and_the_cap():
    assert parse('', default_limit=1000, max_limit=1000).limit == 1000
    assert parse('limit=7', default_limit=1000, max_limit=5).limit == 5


@pytest.mark.parametrize('text, message', [
    ('limit=ten', 'limit param must be an integer'),
    ('limit=-1', 'limit param must be positive'),
    ('sort_key=owner', 'Invalid sort key: owner. It must be one of the following: name, status, '
                       'container_format, disk_format, size, id, created_at, updated_at.'),
    ('sort=name:up', 'Invalid sort direction: up'),
    ('sort=name&sort_key=size', 'Old and new sorting syntax cannot be combined'),
    ('sort_key=name&sort_dir=asc&sort_dir=desc&sort_key=size&sort_key=id',
     'Number of sort dirs does not match the number of sort keys'),
    ('member_status=maybe', 'Invalid status: maybe'),
    ('visibility=everyone', 'Invalid visibility value: everyone'),
    ('os_hidden=yes', "Invalid value 'yes' for 'os_hidden' filter. Valid values are 'true' or "
                      "'false'."),
    ('protected=1', "Invalid value '1' for 'protected' filter. Valid values are 'true' or 'false'."),
    ('changes-since=2016-01-01', 'The "changes-since" filter is no longer available on v2.'),
    ('size_min=big', 'Unable to filter on a range with a non-numeric value.'),
    ('name=like:cirros', "Unable to filter by unknown operator 'like'."),
    ('created_at=around:2016-01-01T00:00:00Z', 'Unable to filter on a unknown operator.'),
    ('created_at=yesterday', 'Bad "created_at" query filter format. Use ISO 8601 DateTime '
                             'notation.'),
    ('name=in:"a,b', 'Invalid filter value "a,b. The quote is not closed.'),
    ('name=in:a"b"', 'Invalid filter value a"b". There is no comma before opening quotation mark.'),
    ('name=in:"a"b', 'Invalid filter value "a"b. There is no comma after closing quotation mark.'),
])
def test_what_glance_refuses_is_a_400_in_its_words(text, message):
    with pytest.raises(exception.InvalidImageQuery) as error:
        parse(text)
    assert error.value.code == 400
    assert error.value.format_message() == message
