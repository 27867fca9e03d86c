"""Microversions: parsing, negotiation, the history and the named helpers."""

from __future__ import annotations

import pytest
import webob

from nova_api import context
from nova_api import exception
from nova_api.api import microversion
from nova_api.api.microversion import APIVersion


def headers(**values: str):
    """Request headers as the Resource sees them (case-insensitive webob headers)."""
    req = webob.Request.blank('/')
    for name, value in values.items():
        req.headers[name.replace('_', '-')] = value
    return req.headers


class FakeRequest:
    def __init__(self, version: str):
        self.api_version = APIVersion.parse(version)


# -- APIVersion ------------------------------------------------------------------

def test_parse_reads_major_and_minor():
    assert APIVersion.parse('2.104') == APIVersion(2, 104)
    assert str(APIVersion.parse(' 2.50 ')) == '2.50'


def test_versions_order_numerically_not_as_text():
    assert APIVersion.parse('2.10') > APIVersion.parse('2.9')
    assert APIVersion.parse('3.0') > APIVersion.parse('2.104')
    assert sorted(map(APIVersion.parse, ['2.10', '2.2', '2.1'])) == [
        APIVersion(2, 1), APIVersion(2, 2), APIVersion(2, 10)]


@pytest.mark.parametrize('text', ['', '2', '2.', '.1', 'a.b', '2.01', '02.1', '2.1.1', '2,1', 'v2.1'])
def test_parse_rejects_malformed_strings(text):
    with pytest.raises(exception.InvalidAPIVersionString) as caught:
        APIVersion.parse(text)
    assert caught.value.code == 400


# -- negotiation -----------------------------------------------------------------

def test_no_header_negotiates_the_minimum():
    assert microversion.negotiate(headers()) == APIVersion(2, 1)


def test_openstack_api_version_header_is_honoured():
    assert microversion.negotiate(headers(OpenStack_API_Version='compute 2.50')) == APIVersion(2, 50)


def test_legacy_nova_header_is_honoured():
    assert microversion.negotiate(headers(X_OpenStack_Nova_API_Version='2.19')) == APIVersion(2, 19)


@pytest.mark.parametrize('values', [
    {'OpenStack_API_Version': 'compute latest'},
    {'OpenStack_API_Version': 'compute LATEST'},
    {'X_OpenStack_Nova_API_Version': 'latest'},
])
def test_latest_means_the_maximum(values):
    assert microversion.negotiate(headers(**values)) == APIVersion(2, 104)


def test_new_header_wins_over_legacy_header():
    version = microversion.negotiate(headers(
        OpenStack_API_Version='compute 2.60', X_OpenStack_Nova_API_Version='2.10'))
    assert version == APIVersion(2, 60)


def test_header_for_another_service_is_ignored():
    assert microversion.negotiate(headers(OpenStack_API_Version='volume 3.0')) == APIVersion(2, 1)


def test_compute_entry_among_other_services_is_found():
    version = microversion.negotiate(headers(OpenStack_API_Version='volume 3.0, compute 2.33'))
    assert version == APIVersion(2, 33)


@pytest.mark.parametrize('values', [
    {'OpenStack_API_Version': 'compute 2.x'},
    {'OpenStack_API_Version': 'compute two'},
    {'X_OpenStack_Nova_API_Version': '2.1.1'},
])
def test_malformed_version_is_a_400(values):
    with pytest.raises(exception.InvalidAPIVersionString) as caught:
        microversion.negotiate(headers(**values))
    assert caught.value.code == 400
    assert 'is of invalid format. Must be of format MajorNum.MinorNum.' in caught.value.message


@pytest.mark.parametrize('requested', ['2.0', '2.105', '3.0', '1.1'])
def test_version_out_of_range_is_a_406(requested):
    with pytest.raises(exception.InvalidGlobalAPIVersion) as caught:
        microversion.negotiate(headers(OpenStack_API_Version='compute %s' % requested))
    assert caught.value.code == 406
    assert caught.value.message == (
        'Version %s is not supported by the API. Minimum is 2.1 and maximum is 2.104.' % requested)


def test_response_headers_echo_the_version_in_both_forms_and_vary_on_them():
    assert microversion.response_headers(APIVersion(2, 42)) == {
        'OpenStack-API-Version': 'compute 2.42',
        'X-OpenStack-Nova-API-Version': '2.42',
        'Vary': 'OpenStack-API-Version, X-OpenStack-Nova-API-Version',
    }


def test_version_or_default_prefers_the_negotiated_version():
    environ = webob.Request.blank('/', headers={'OpenStack-API-Version': 'compute 2.9'}).environ
    environ[context.ENV_API_VERSION] = APIVersion(2, 77)
    assert microversion.version_or_default(environ) == APIVersion(2, 77)


def test_version_or_default_negotiates_when_nothing_was_negotiated_yet():
    environ = webob.Request.blank('/', headers={'OpenStack-API-Version': 'compute 2.9'}).environ
    assert microversion.version_or_default(environ) == APIVersion(2, 9)


@pytest.mark.parametrize('value', ['compute 2.x', 'compute 9.0'])
def test_version_or_default_falls_back_to_the_default_when_negotiation_fails(value):
    environ = webob.Request.blank('/', headers={'OpenStack-API-Version': value}).environ
    assert microversion.version_or_default(environ) == microversion.DEFAULT_VERSION


# -- the history -----------------------------------------------------------------

def test_history_is_contiguous_from_2_1_to_2_104():
    versions = [version for version, _ in microversion.HISTORY]
    assert versions == ['2.%d' % minor for minor in range(1, 105)]


def test_history_entries_each_say_what_changed():
    assert all(description.strip() for _, description in microversion.HISTORY)


def test_min_and_max_come_from_the_history():
    assert microversion.MIN_VERSION == APIVersion(2, 1)
    assert microversion.MAX_VERSION == APIVersion(2, 104)
    assert microversion.DEFAULT_VERSION == microversion.MIN_VERSION


# -- named helpers ---------------------------------------------------------------

@pytest.mark.parametrize('helper, first', [
    (microversion.allows_keypair_type, '2.2'),
    (microversion.allows_keypair_user_id, '2.10'),
    (microversion.allows_server_description, '2.19'),
    (microversion.allows_keypair_pagination, '2.35'),
    (microversion.returns_request_id_header, '2.46'),
    (microversion.allows_flavor_description, '2.55'),
    (microversion.exposes_flavor_extra_specs, '2.61'),
    (microversion.rejects_unknown_query_params, '2.75'),
    (microversion.validates_flavor_extra_specs, '2.86'),
    (microversion.imports_keypairs_only, '2.92'),
    (microversion.shows_more_extended_server_attributes, '2.3'),
    (microversion.shows_volume_delete_on_termination, '2.3'),
    (microversion.shows_server_locked, '2.9'),
    (microversion.shows_server_host_status, '2.16'),
    (microversion.shows_server_tags, '2.26'),
    (microversion.embeds_server_flavor, '2.47'),
    (microversion.shows_rebuilt_server_key_name, '2.54'),
    (microversion.shows_rebuilt_server_user_data, '2.57'),
    (microversion.shows_trusted_image_certificates, '2.63'),
    (microversion.shows_server_groups, '2.71'),
    (microversion.shows_server_locked_reason, '2.73'),
    (microversion.shows_all_server_attributes_on_update, '2.75'),
    (microversion.shows_server_hostname_to_all, '2.90'),
    (microversion.shows_pinned_availability_zone, '2.96'),
    (microversion.shows_server_image_properties, '2.98'),
    (microversion.shows_server_scheduler_hints, '2.100'),
    (microversion.hides_image_proxy, '2.36'),
    (microversion.allows_ip6_filter, '2.5'),
    (microversion.allows_server_tags, '2.26'),
    (microversion.rejects_invalid_status, '2.38'),
    (microversion.allows_server_create_tags, '2.52'),
    (microversion.allows_trusted_certs, '2.63'),
    (microversion.allows_changes_before, '2.66'),
    (microversion.allows_locked_filter, '2.73'),
    (microversion.allows_host_at_create, '2.74'),
    (microversion.allows_more_server_filters, '2.83'),
    (microversion.allows_server_hostname, '2.90'),
    (microversion.allows_pinned_az_update, '2.104'),
    (microversion.hides_image_metadata_proxy, '2.39'),
    (microversion.shows_server_group_owner, '2.13'),
    (microversion.uses_single_server_group_policy, '2.64'),
])
def test_named_helper_turns_true_at_its_version_and_stays_true(helper, first):
    before = APIVersion.parse(first)._replace(minor=APIVersion.parse(first).minor - 1)
    assert not helper(FakeRequest(str(before)))
    assert helper(FakeRequest(first))
    assert helper(FakeRequest('2.104'))


def test_the_image_proxies_last_versions_are_just_before_their_removal():
    assert not microversion.hides_image_proxy(FakeRequest(microversion.LAST_IMAGE_PROXY))
    assert not microversion.hides_image_metadata_proxy(
        FakeRequest(microversion.LAST_IMAGE_METADATA_PROXY))
    assert microversion.LAST_IMAGE_PROXY == '2.35'
    assert microversion.LAST_IMAGE_METADATA_PROXY == '2.38'


def test_is_supported_checks_both_ends_of_the_window():
    assert microversion.is_supported(FakeRequest('2.19'), min_version='2.19')
    assert not microversion.is_supported(FakeRequest('2.18'), min_version='2.19')
    assert microversion.is_supported(FakeRequest('2.50'), max_version='2.50')
    assert not microversion.is_supported(FakeRequest('2.51'), max_version='2.50')
    assert microversion.is_supported(FakeRequest('2.1'))


# -- versioned -------------------------------------------------------------------

class Tags:
    @microversion.versioned('2.26', '2.50')
    def index(self, req):
        """Tags of a server."""
        return {'tags': []}

    @microversion.versioned(min_version='2.90')
    def hostname(self, req):
        return {'hostname': 'web'}


@pytest.mark.parametrize('version', ['2.26', '2.30', '2.50'])
def test_versioned_method_runs_inside_its_window(version):
    assert Tags().index(FakeRequest(version)) == {'tags': []}


@pytest.mark.parametrize('version', ['2.1', '2.25', '2.51', '2.104'])
def test_versioned_method_is_a_404_outside_its_window(version):
    with pytest.raises(exception.VersionNotFoundForAPIMethod) as caught:
        Tags().index(FakeRequest(version))
    assert caught.value.code == 404
    assert caught.value.message == 'API version %s is not supported on this method.' % version


def test_versioned_without_maximum_is_open_ended():
    assert Tags().hostname(FakeRequest('2.104')) == {'hostname': 'web'}
    with pytest.raises(exception.VersionNotFoundForAPIMethod):
        Tags().hostname(FakeRequest('2.89'))


def test_versioned_keeps_the_method_name_doc_and_records_its_window():
    assert Tags.index.__name__ == 'index'
    assert Tags.index.__doc__ == 'Tags of a server.'
    assert (Tags.index.min_version, Tags.index.max_version) == (APIVersion(2, 26), APIVersion(2, 50))
