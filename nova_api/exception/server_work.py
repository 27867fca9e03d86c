"""The work around servers: moves and migrations, server groups, interfaces, volumes and events."""

from __future__ import annotations

from nova_api.exception.base import Conflict
from nova_api.exception.base import Invalid
from nova_api.exception.base import NotFound

# -- server moves (resize, migrations, evacuation) ----------------------------------

class ResizeFlavorNotFound(Invalid):
    """Resize names a flavor that is unknown, disabled or not shared: a 400 in Nova, not a 404."""

    msg_fmt = 'Flavor %(flavor_id)s could not be found.'


class CannotResizeToSameFlavor(Invalid):
    msg_fmt = 'When resizing, instances must change flavor!'


class CannotResizeDisk(Invalid):
    msg_fmt = 'Server disk was unable to be resized because: %(reason)s'


class InstanceNotResized(Invalid):
    """confirmResize/revertResize of a resized server without a finished migration."""

    msg_fmt = 'Instance has not been resized.'


class CannotMigrateToSameHost(Invalid):
    msg_fmt = 'Cannot migrate to the host where the server exists.'


class UnableToMigrateToSelf(Invalid):
    msg_fmt = 'Unable to migrate instance (%(instance_id)s) to current host (%(host)s).'


class NoValidHost(Invalid):
    msg_fmt = 'No valid host was found. %(reason)s'


class ForcedMoveWithoutHost(Invalid):
    msg_fmt = "Can't force to a non-provided destination"


class ComputeServiceInUse(Invalid):
    """Evacuate needs the server's host to be down (here: gone from compute_hosts, or forced down)."""

    msg_fmt = 'Compute service of %(host)s is still in use.'


class EvacuateHostNotFound(NotFound):
    msg_fmt = 'Compute host %(host)s not found.'


class EvacuateToSameHost(Invalid):
    msg_fmt = "The target host can't be the same one."


class AdminPasswordOnSharedStorage(Invalid):
    msg_fmt = "admin password can't be changed on existing disk"


class MigrationNotFoundForInstance(NotFound):
    msg_fmt = 'Migration %(migration_id)s not found for instance %(instance_id)s'


class InvalidMigrationState(Invalid):
    msg_fmt = ('Migration %(migration_id)s state of instance %(instance_uuid)s is %(state)s. '
               'Cannot %(method)s while the migration is in this state.')


class ServerMigrationNotFound(NotFound):
    """``GET /servers/{id}/migrations/{mid}`` of a migration that is not an in-progress live one."""

    msg_fmt = '%(reason)s'


# -- server groups ------------------------------------------------------------------

class InstanceGroupNotFound(NotFound):
    msg_fmt = 'Instance group %(group_uuid)s could not be found.'


class ServerGroupRulesNotSupported(Invalid):
    msg_fmt = 'Only anti-affinity policy supports rules.'


# -- a server's interfaces and volume attachments, external events ----------------
# os-interface words the network service's refusals with Nova's codes (a port or
# network that does not exist is a 404 here, where a boot says 400).

class InvalidInterfaceRequest(Invalid):
    msg_fmt = '%(reason)s'


class AttachPortNotFound(NotFound):
    msg_fmt = 'Port id %(port_id)s could not be found.'


class PortNotOnServer(NotFound):
    msg_fmt = 'Instance %(instance)s does not have a port with id %(port)s'


class AttachNetworkNotFound(NotFound):
    msg_fmt = 'Network %(network_id)s could not be found.'


class PortInUse(Conflict):
    msg_fmt = 'Port %(port_id)s is still in use.'


class AttachFixedIpInUse(Conflict):
    msg_fmt = 'Fixed IP %(address)s is already in use.'


class AttachNoMoreFixedIps(Invalid):
    msg_fmt = 'No fixed IP addresses available for network: %(net)s'


class InvalidIpForNetwork(Invalid):
    msg_fmt = ('Invalid input received: Fixed IP %(address)s is not a valid ip address for '
               'network %(network_id)s.')


class VolumeNotFound(NotFound):
    msg_fmt = 'Volume %(volume_id)s could not be found.'


class VolumeNotAttached(NotFound):
    msg_fmt = 'Instance %(instance)s is not attached to volume %(volume)s'


class VolumeBDMNotFound(NotFound):
    msg_fmt = 'No volume Block Device Mapping with id %(volume_id)s.'


class InvalidVolume(Invalid):
    msg_fmt = 'Invalid volume: %(reason)s'


class DevicePathInUse(Conflict):
    msg_fmt = 'The supplied device path (%(path)s) is in use.'


class VolumeTaggedAttachToShelvedNotSupported(Invalid):
    msg_fmt = 'Tagged volume attachment is not supported for shelved-offloaded instances.'


class RootVolumeDetach(Invalid):
    msg_fmt = 'Cannot detach a root device volume'


class AttachmentFieldImmutable(Invalid):
    msg_fmt = 'The %(field)s property is not mutable'


class VolumeNotMigrating(Conflict):
    """Nova lets only Cinder swap a volume, while it migrates it; no simulated volume migrates."""

    msg_fmt = 'volume %(volume_id)s is not migrating; this API should only be called by Cinder'
