"""Servers: their boot, states and actions, snapshots and consoles, and their sub-resources."""

from __future__ import annotations

from nova_api.exception.base import Conflict
from nova_api.exception.base import Forbidden
from nova_api.exception.base import Invalid
from nova_api.exception.base import NotFound
from nova_api.exception.base import NovaAPIException
from nova_api.exception.resources import MarkerNotFound
from nova_api.exception.resources import OverQuota

# -- servers ---------------------------------------------------------------------

class InstanceNotFound(NotFound):
    msg_fmt = 'Instance %(instance_id)s could not be found.'


class InstanceInvalidState(Conflict):
    """The server is in a state the action cannot start from (Nova's API wording)."""

    msg_fmt = "Cannot '%(action)s' instance %(instance_uuid)s while it is in %(attr)s %(state)s"


class InstanceIsLocked(Conflict):
    msg_fmt = 'Instance %(instance_uuid)s is locked'


class InstanceNotReady(Conflict):
    msg_fmt = 'Instance %(instance_id)s is not ready'


class InvalidServerState(Conflict):
    """A change Nova refuses with a 409 and a message of its own."""


class UnshelveInstanceInvalidState(InstanceInvalidState):
    msg_fmt = ('Specifying an availability zone or a host when unshelving server '
               '"%(instance_uuid)s" with status "%(state)s" is not supported. The server status '
               'must be SHELVED_OFFLOADED.')


class UnshelveHostNotInAZ(Conflict):
    msg_fmt = 'Host "%(host)s" is not in the availability zone "%(availability_zone)s".'


class InstanceNotRescuable(Invalid):
    msg_fmt = 'Instance %(instance_id)s cannot be rescued: %(reason)s'


class UnsupportedRescueImage(Invalid):
    msg_fmt = "Requested rescue image '%(image)s' is not supported"


class SecurityGroupNotFound(NotFound):
    msg_fmt = 'Security group %(security_group_id)s not found.'


class FixedIpNotFoundForInstance(Invalid):
    """Nova's removeFixedIp answers 400 for an address the server does not have."""

    msg_fmt = "Instance %(instance_uuid)s does not have fixed IP '%(ip)s'."
class InvalidImageQuery(Invalid):
    """A list query Glance refuses: a bad filter, sort, limit or marker (Glance's words)."""

    msg_fmt = '%(reason)s'


class InvalidRequest(Invalid):
    msg_fmt = 'The request is invalid.'


class InvalidServerRequest(Invalid):
    """A create/update request that Nova refuses with a message of its own."""

    msg_fmt = '%(reason)s'


class ServerMarkerNotFound(Invalid):
    msg_fmt = 'marker [%(marker)s] not found'


class InvalidSortKey(Invalid):
    msg_fmt = 'Sort key supplied was not valid.'


class InvalidServerFilter(Invalid):
    msg_fmt = 'Invalid filter field: %(name)s.'


class InvalidBDM(Invalid):
    msg_fmt = 'Block Device Mapping is Invalid.'


class InvalidBDMFormat(InvalidBDM):
    msg_fmt = 'Block Device Mapping is Invalid: %(details)s'


class InvalidBDMBootSequence(InvalidBDM):
    msg_fmt = ('Block Device Mapping is Invalid: Boot sequence for the instance and image/block '
               'device mapping combination is not valid.')


class InvalidBDMImage(InvalidBDM):
    msg_fmt = 'Block Device Mapping is Invalid: failed to get image %(id)s.'


class FlavorMemoryTooSmall(Invalid):
    msg_fmt = "Flavor's memory is too small for requested image."


class FlavorDiskSmallerThanImage(Invalid):
    msg_fmt = ("Flavor's disk is too small for requested image. Flavor disk is %(flavor_size)i "
               "bytes, image is %(image_size)i bytes.")


class FlavorDiskSmallerThanMinDisk(Invalid):
    msg_fmt = ("Flavor's disk is smaller than the minimum size specified in image metadata. "
               "Flavor disk is %(flavor_size)i bytes, minimum size is %(image_min_disk)i bytes.")


class BootFromVolumeRequiredForZeroDiskFlavor(Forbidden):
    msg_fmt = 'Only volume-backed servers are allowed for flavors with zero disk.'


class ComputeHostNotFound(Invalid):
    """A requested host or node that is not one of ours: a 400 at create, as in Nova."""

    msg_fmt = 'Compute host %(host)s could not be found.'


class NetworkNotFound(Invalid):
    """An unknown network at create: Nova answers 400, not 404."""

    msg_fmt = 'Network %(network_id)s could not be found.'


class PortNotFound(Invalid):
    msg_fmt = 'Port id %(port_id)s could not be found.'


class FixedIpAlreadyInUse(Invalid):
    msg_fmt = 'Fixed IP address %(address)s is already in use on instance %(instance_uuid)s.'


class FixedIpInvalid(Invalid):
    msg_fmt = 'Fixed IP address %(address)s is not valid on network %(network_id)s.'


class InvalidFixedIpAndMaxCountRequest(Invalid):
    msg_fmt = 'Failed to launch instances: %(reason)s'


class AmbiguousHostnameForMultipleInstances(Invalid):
    msg_fmt = 'Unable to allocate a single hostname to multiple instances'


class NoMoreFixedIps(NovaAPIException):
    """Raised by the build, never by the API: the server goes to ERROR."""

    msg_fmt = 'No fixed IP addresses available for network: %(net)s'


class NetworkNotMember(NotFound):
    msg_fmt = 'Instance is not a member of specified network'


class ProxyNetworkNotFound(NotFound):
    msg_fmt = 'Network not found'


class InvalidRegex(Invalid):
    msg_fmt = 'Invalid regular expression for %(name)s: %(reason)s'
class ImageMarkerNotFound(MarkerNotFound):
    pass


class ImageNotAuthorized(Forbidden):
    """Only an image's owner (or an administrator) may change or delete it."""

    msg_fmt = 'Not authorized for image %(image_id)s.'


class ImageProtected(ImageNotAuthorized):
    msg_fmt = 'Image %(image_id)s is protected and cannot be deleted.'


class ImageAttributeReadOnly(ImageNotAuthorized):
    """A metadata key that names one of Glance's own attributes, not an additional property."""

    msg_fmt = "Attribute '%(key)s' is read-only."


class ImageMetadataLimitExceeded(OverQuota):
    msg_fmt = 'Image metadata limit exceeded'


class ImageMetadataNotFound(NotFound):
    msg_fmt = 'The resource could not be found.'


class ImageMetadataKeyNotFound(ImageMetadataNotFound):
    msg_fmt = 'Invalid metadata key'


class MetadataBodyMismatch(Invalid):
    msg_fmt = 'Request body and URI mismatch'


# -- server media: snapshots, console output, remote consoles ------------------------------

class UnsupportedRequest(Invalid):
    """A bare 400 with webob's wording: what Nova answers for removed console APIs (RDP)."""

    msg_fmt = ('The server could not comply with the request since it is either malformed or '
               'otherwise incapable of performing it.')


class ConsoleTypeUnavailable(Invalid):
    msg_fmt = 'Unavailable console type %(console_type)s.'


class ConsoleTypeInvalid(Invalid):
    msg_fmt = 'Invalid console type %(console_type)s'


class ConsoleNotAvailable(NotFound):
    msg_fmt = 'Guest does not have a console available.'


class InstanceStateRefusesMethod(Invalid):
    """Nova's compute-layer InstanceInvalidState, where its API lets it through as a 400."""

    msg_fmt = ('Instance %(instance_uuid)s in %(attr)s %(state)s. Cannot %(method)s while the '
               'instance is in this state.')


class ConsoleTokenNotFound(NotFound):
    msg_fmt = 'Token not found'


# -- server sub-resources: metadata, tags, instance actions ----------------------------

class ServerMetadataNotFound(NotFound):
    msg_fmt = 'Metadata item was not found'


class InvalidServerTag(Invalid):
    """A tag in the URL (``PUT /servers/{id}/tags/{tag}``), which no schema has checked."""

    msg_fmt = ("Tag '%(tag)s' is invalid. It must be a non empty string without characters '/' "
               "and ','. Validation error message: %(reason)s")


class TooManyServerTags(Invalid):
    msg_fmt = 'The number of tags exceeded the per-server limit %(limit)d'


class ServerTagNotFound(NotFound):
    """``GET /servers/{id}/tags/{tag}``: Nova's controller words it."""

    msg_fmt = "Server %(server_id)s has no tag '%(tag)s'"


class InstanceTagNotFound(NotFound):
    """``DELETE /servers/{id}/tags/{tag}``: Nova's database layer words it."""

    msg_fmt = "Instance %(instance_id)s has no tag '%(tag)s'"


class InstanceActionNotFound(NotFound):
    msg_fmt = 'Action %(request_id)s not found'


class InvalidChangesWindow(Invalid):
    msg_fmt = 'The value of changes-since must be less than or equal to changes-before.'
