"""The 2.86 extra spec registry: Nova's rules as data, and what falls outside them."""

from __future__ import annotations

import pytest

from nova_api import exception
from nova_api.compute import extra_specs
from nova_api.compute.extra_specs.base import Spec


@pytest.mark.parametrize('name, value', [
    ('hw:cpu_policy', 'mixed'),
    ('hw:cpu_realtime', 'yes'),
    ('hw:cpu_realtime_mask', '^0-1'),
    ('hw:numa_nodes', '2'),
    ('hw:numa_cpus.0', '0-3,^2'),
    ('hw:numa_mem.1', '1024'),
    ('hw:mem_page_size', '2MiB'),
    ('hw:mem_page_size', 'large'),
    ('hw:serial_port_count', '0'),
    ('hw_rng:allowed', 'True'),
    ('hw_video:ram_max_mb', '64'),
    ('os:secure_boot', 'required'),
    ('quota:cpu_shares', '1024'),
    ('quota:disk_read_iops_sec', '100'),
    ('quota:cpu_limit', '0'),
    # Nova's newer hw.py: CPU topology maxima are named hw:cpu_max_*, and later specs.
    ('hw:cpu_max_sockets', '2'),
    ('hw:cpu_max_cores', '8'),
    ('hw:cpu_max_threads', '1'),
    ('hw:mem_encryption_model', 'amd-sev-es'),
    ('hw:tpm_secret_security', 'deployment'),
    ('hw:sound_model', 'ich9'),
    ('hw:usb_model', 'qemu-xhci'),
    ('hw:redirected_usb_ports', '0'),
    ('hw:redirected_usb_ports', '15'),
    ('hw:ephemeral_encryption_format', 'plain'),
    ('hw:ephemeral_encryption_format', 'luksv2'),
    # Nova's newer quota.py: a negative libvirt CPU quota means unlimited,
    # VMware shares levels are an enum.
    ('quota:cpu_quota', '-1'),
    ('quota:cpu_shares_level', 'custom'),
    ('quota:disk_io_shares_level', 'low'),
    ('resources:VCPU', '2'),
    ('resources_gpu:CUSTOM_MAGIC', '1'),
    ('trait:HW_CPU_X86_AVX2', 'required'),
    ('trait1:CUSTOM_FOO', 'forbidden'),
    ('aggregate_instance_extra_specs:ssd', 'true'),
    ('capabilities:hypervisor_type', 's== QEMU'),
    ('capabilities:cpu_info:arch', 'x86_64'),
    ('pci_passthrough:alias', 'a1:2, a2:1'),
    ('accel:device_profile', 'gpu'),
    ('group_policy', 'isolate'),
    ('vmware:hw_version', 'vmx-13'),
    # Outside Nova's namespaces nothing is checked.
    ('acme:anything', 'goes'),
    ('no_namespace', 'at all'),
])
def test_valid_specs_pass(name, value):
    extra_specs.validate(name, value)


@pytest.mark.parametrize('name, value, message', [
    ('hw:cpu_policy', 'private', "'private' is not one of: dedicated, shared, mixed."),
    ('hw:cpu_realtime', 'maybe', "'maybe' is not a valid boolean-like value."),
    ('hw:numa_nodes', 'two', "'two' is not a valid integer value."),
    ('hw:numa_nodes', '0', "'0' is less than the min value of '1'."),
    ('hw:numa_cpus.x', '0', "extra spec 'hw:numa_cpus.x' does not appear to be a valid"),
    ('hw:mem_page_size', 'huge', "'huge' is not of the format"),
    ('quota:cpu_period', '-1', "'-1' is less than the min value of '0'."),
    ('quota:unknown', '1', "extra spec 'quota:unknown' does not appear to be a valid"),
    ('quota:cpu_limit', '-1', "'-1' is less than the min value of '0'."),
    ('quota:vif_shares_level', 'medium', "'medium' is not one of: custom, high, normal, low."),
    ('quota:memory_shares_share', '-5', "'-5' is less than the min value of '0'."),
    ('hw:max_cpu_sockets', '2', "extra spec 'hw:max_cpu_sockets' does not appear to be a valid"),
    ('hw:cpu_max_cores', '0', "'0' is less than the min value of '1'."),
    ('hw:mem_encryption_model', 'intel-tdx', "'intel-tdx' is not one of: amd-sev, amd-sev-es."),
    ('hw:tpm_secret_security', 'nobody', "'nobody' is not one of: user, host, deployment."),
    ('hw:sound_model', 'hda',
     "'hda' is not one of: sb16, es1370, pcspk, ac97, ich6, ich9, usb, virtio."),
    ('hw:usb_model', 'piix3-uhci', "'piix3-uhci' is not one of: none, nec-xhci, qemu-xhci."),
    ('hw:redirected_usb_ports', '16', "'16' is greater than the max value of '15'."),
    ('hw:redirected_usb_ports', '-1', "'-1' is less than the min value of '0'."),
    ('hw:ephemeral_encryption_format', 'luks3', "'luks3' is not one of: plain, luks, luksv2."),
    # A spec's literal name is found but refused, as Nova's validator does;
    # the parameter is called {num} in Nova, so '{id}' is simply unknown.
    ('hw:numa_cpus.{num}', '0',
     "expected a name of format 'hw:numa_cpus.{num}' but got 'hw:numa_cpus.{num}'."),
    ('hw:numa_mem.{id}', '1024', "extra spec 'hw:numa_mem.{id}' does not appear to be a valid"),
    ('resources:VCPU', 'x', "'x' is not a valid integer value."),
    ('resources:lowercase', '1', "does not appear to be a valid extra spec"),
    ('trait:HW_CPU_X86_AVX2', 'yes', "'yes' is not one of: required, forbidden."),
    ('pci_passthrough:alias', 'a1', "'a1' is not of the format"),
    ('group_policy', 'maybe', "'maybe' is not one of: isolate, none."),
    ('hide_hypervisor_id', 'perhaps', 'boolean-like'),
])
def test_invalid_specs_are_rejected_with_novas_message(name, value, message):
    with pytest.raises(exception.ValidationError) as caught:
        extra_specs.validate(name, value)
    assert caught.value.code == 400
    assert caught.value.format_message().startswith('Validation failed; ')
    assert message in caught.value.format_message()


def test_a_spec_turns_parameters_into_named_groups():
    spec = Spec('x:{a}.{b}', int, parameters={'a': '[a-z]+', 'b': r'\d+'})
    assert spec.name_regex == r'x:(?P<a>[a-z]+).(?P<b>\d+)'
    assert spec.namespace_regex == 'x'
    assert Spec('plain').namespace_regex is None


def test_a_spec_refuses_a_name_it_does_not_match():
    with pytest.raises(exception.ValidationError,
                       match="expected a name of format 'x:{n}' but got 'x:y'"):
        Spec('x:{n}', int, parameters={'n': r'\d+'}).validate('x:y', '1')


def test_a_spec_checks_max():
    with pytest.raises(exception.ValidationError, match="greater than the max value of '3'"):
        Spec('x:y', int, max=3).validate('x:y', '4')


def test_every_name_in_the_registry_is_unique():
    names = [spec.name for spec in extra_specs.SPECS]
    assert len(names) == len(set(names))
