"""Pieces of a server body as Nova prints them: timestamps, host id, image, flavor, fault, volumes."""

from __future__ import annotations

import datetime
import hashlib
import urllib.parse
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

# The records are nova_api.objects.servers' (Server, Address, Fault, Volume), as the compute
# layer hands them over; the API layer names them without importing the data layer.
ServerRecord = Any
AddressRecord = Any
FaultRecord = Any
VolumeRecord = Any

#: The image properties Nova shows from 2.98: the fields of its ImageMetaProps
#: (nova/objects/image_meta.py) and the legacy names it still maps onto them.
STANDARD_IMAGE_PROPERTIES = frozenset('''
    hw_architecture hw_auto_disk_config hw_boot_menu hw_cdrom_bus hw_cpu_cores hw_cpu_max_cores
    hw_cpu_max_sockets hw_cpu_max_threads hw_cpu_policy hw_cpu_realtime_mask hw_cpu_sockets
    hw_cpu_thread_policy hw_cpu_threads hw_device_id hw_disk_bus hw_disk_type
    hw_emulation_architecture hw_ephemeral_encryption hw_ephemeral_encryption_format
    hw_ephemeral_encryption_secret_uuid hw_firmware_stateless hw_firmware_type hw_floppy_bus
    hw_input_bus hw_ipxe_boot hw_locked_memory hw_machine_type hw_maxphysaddr_bits
    hw_maxphysaddr_mode hw_mem_encryption hw_mem_encryption_model hw_mem_page_size hw_numa_cpus
    hw_numa_mem hw_numa_nodes hw_pci_numa_affinity_policy hw_pmu hw_pointer_model
    hw_qemu_guest_agent hw_redirected_usb_ports hw_rescue_bus hw_rescue_device hw_rng_model
    hw_scsi_model hw_serial_port_count hw_sound_model hw_time_hpet hw_tpm_model hw_tpm_version
    hw_usb_model hw_video_model hw_video_ram hw_vif_model hw_vif_multiqueue_enabled
    hw_viommu_model hw_virtio_packed_ring hw_vm_mode hw_watchdog_action
    img_bdm_v2 img_bittorrent img_cache_in_nova img_compression_level img_config_drive
    img_hide_hypervisor_id img_hv_requested_version img_hv_type img_linked_clone img_owner_id
    img_root_device_name img_signature img_signature_certificate_uuid img_signature_hash_method
    img_signature_key_type img_use_agent img_version
    os_admin_user os_command_line os_distro os_require_quiesce os_secure_boot
    os_skip_agent_inject_files_at_boot os_skip_agent_inject_ssh os_type traits_required
    architecture auto_disk_config bdm_v2 bittorrent cache_in_nova hypervisor_type
    hypervisor_version_requires ipxe_boot owner_id root_device_name vm_mode vmware_disktype
    vmware_image_version vmware_linked_clone vmware_ostype xenapi_device_id
    xenapi_image_compression_level xenapi_skip_agent_inject_files_at_boot
    xenapi_skip_agent_inject_ssh xenapi_use_agent
'''.split())
# Left out although ImageMetaProps has them: the block device mappings
# (mappings, block_device_mapping and their img_ names), which Nova never
# copies from the image into the server (utils.SM_SKIP_KEYS), so never shows.


def isotime(at: datetime.datetime | None) -> str:
    """Nova's ``utils.isotime``: seconds, ``Z`` for UTC (and for naive times, which are UTC).

    A missing time prints as the current one, as Nova's does (a server's
    ``updated`` before anything has changed it).
    """
    if at is None:
        at = datetime.datetime.now(datetime.timezone.utc)
    tzinfo = at.tzinfo
    if tzinfo is None:
        return at.isoformat(timespec='seconds') + 'Z'
    name = tzinfo.tzname(None)
    suffix = 'Z' if name in ('UTC', 'UTC+00:00') else name
    return at.replace(tzinfo=None).isoformat(timespec='seconds') + suffix


def usage_time(at: datetime.datetime | None) -> str | None:
    """``OS-SRV-USG:launched_at``/``terminated_at``: a naive time to the microsecond, or None.

    Nova strips the time zone and lets oslo.serialization print the datetime
    (``%Y-%m-%dT%H:%M:%S.%f``): no zone suffix, always six digits.
    """
    if at is None:
        return None
    if at.tzinfo is not None:
        at = at.replace(tzinfo=None)
    return at.isoformat(timespec='microseconds')


def host_id(project_id: str, host: str | None) -> str:
    """Nova's ``generate_hostid``: the sha224 of project and host, '' without a host.

    Hashed with the project so that two projects cannot tell they share a host.
    """
    if not host:
        return ''
    return hashlib.sha224((project_id + host).encode('utf-8')).hexdigest()


def image_id(image_ref: str) -> str:
    """The id of an image reference, which may be a URL (Nova's ``get_id_from_href``)."""
    if '/' not in image_ref and '?' not in image_ref:
        return image_ref
    return urllib.parse.urlsplit(image_ref).path.split('/')[-1]


def image_properties(properties: Mapping[str, Any]) -> dict:
    """The 2.98 ``image.properties``: the standard ones among the image's, unset ones left out."""
    return {key: value for key, value in properties.items()
            if key in STANDARD_IMAGE_PROPERTIES and value is not None}


def flavor_link(flavor: Mapping[str, Any], bookmark_prefix: str) -> dict:
    """The flavor before 2.47: its id and bookmark link; ``{}`` when the snapshot is missing."""
    if not flavor:
        return {}
    flavor_id = str(flavor['flavorid'])
    return {'id': flavor_id, 'links': [{'rel': 'bookmark', 'href': bookmark_prefix + flavor_id}]}


def flavor_embedded(flavor: Mapping[str, Any], extra_specs: bool) -> dict:
    """The flavor from 2.47: what the server was built with; ``extra_specs`` when allowed."""
    if not flavor:
        return {}
    body = {
        'vcpus': flavor['vcpus'],
        'ram': flavor['memory_mb'],
        'disk': flavor['root_gb'],
        'ephemeral': flavor['ephemeral_gb'],
        'swap': flavor['swap'],
        'original_name': flavor['name'],
    }
    if extra_specs:
        body['extra_specs'] = dict(flavor.get('extra_specs') or {})
    return body


def fault(record: FaultRecord, is_admin: bool) -> dict:
    """A server's fault; its details only to admins when it is a 500 (they are a stack trace)."""
    body = {'code': record.code, 'created': isotime(record.created_at), 'message': record.message}
    if record.details and (is_admin or record.code != 500):
        body['details'] = record.details
    return body


def volumes(attached: Sequence[VolumeRecord], delete_on_termination: bool) -> list[dict]:
    """``os-extended-volumes:volumes_attached``; ``delete_on_termination`` from 2.3."""
    if delete_on_termination:
        return [{'id': volume.id, 'delete_on_termination': volume.delete_on_termination}
                for volume in attached]
    return [{'id': volume.id} for volume in attached]
