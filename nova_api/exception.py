"""Domain exceptions. Each carries its HTTP meaning; the API translates them in one place.

An exception's ``code`` is the HTTP status it becomes and ``msg_fmt`` its
message, formatted with the keyword arguments it was raised with. Anything
raised that is not a :class:`NovaAPIException` becomes a logged 500 with a
generic message: internal details never reach the client.
"""

from __future__ import annotations

import logging

LOG = logging.getLogger(__name__)


class NovaAPIException(Exception):
    """Base of every exception whose message is safe to show to the client."""

    code = 500
    msg_fmt = 'An unknown exception occurred.'
    headers: dict[str, str] = {}

    def __init__(self, message: str | None = None, **kwargs):
        self.kwargs = kwargs
        # Each exception its own copy: adding a header to one must not add it
        # to every later exception of the class (and every later response).
        self.headers = dict(type(self).headers)
        if message is None:
            try:
                message = self.msg_fmt % kwargs
            except (KeyError, TypeError):
                # A wrong kwarg is a programming error; log it but still
                # tell the client something sensible.
                LOG.exception('Exception %s formatted with %r', type(self).__name__, kwargs)
                message = self.msg_fmt
        self.message = message
        super().__init__(message)

    def format_message(self) -> str:
        return self.message


class Invalid(NovaAPIException):
    code = 400
    msg_fmt = 'Bad request.'


class NotAuthorized(NovaAPIException):
    code = 401
    msg_fmt = 'Authentication required.'


class Forbidden(NovaAPIException):
    code = 403
    msg_fmt = 'Policy does not allow this action to be performed.'


class NotFound(NovaAPIException):
    code = 404
    msg_fmt = 'Resource could not be found.'


class MethodNotAllowed(NovaAPIException):
    code = 405
    msg_fmt = 'The method %(method)s is not allowed for this resource.'


class NotAcceptable(NovaAPIException):
    code = 406
    msg_fmt = 'Not acceptable.'


class Conflict(NovaAPIException):
    code = 409
    msg_fmt = 'Conflict.'


class Gone(NovaAPIException):
    """An API Nova removed (webob's HTTPGone wording)."""

    code = 410
    msg_fmt = 'This resource is no longer available. No forwarding address is given.'


class RequestTooLarge(NovaAPIException):
    code = 413
    msg_fmt = 'Request is too large.'


class InvalidContentType(NovaAPIException):
    code = 415
    msg_fmt = 'Unsupported Content-Type'


# -- request parsing and negotiation ----------------------------------------

class MalformedRequestBody(Invalid):
    msg_fmt = 'Malformed request body'


class ValidationError(Invalid):
    msg_fmt = '%(detail)s'


class InvalidAPIVersionString(Invalid):
    msg_fmt = ('API Version String %(version)s is of invalid format. Must '
               'be of format MajorNum.MinorNum.')


class InvalidGlobalAPIVersion(NotAcceptable):
    msg_fmt = ('Version %(req_ver)s is not supported by the API. Minimum '
               'is %(min_ver)s and maximum is %(max_ver)s.')


class VersionNotFoundForAPIMethod(NotFound):
    msg_fmt = 'API version %(version)s is not supported on this method.'


class RouteNotFound(NotFound):
    msg_fmt = 'The resource could not be found.'


class ActionNotFound(Invalid):
    msg_fmt = 'There is no such action: %(action)s'


class ProjectIdMismatch(Invalid):
    msg_fmt = ("Malformed request URL: URL's project_id '%(project_id)s' "
               "doesn't match Context's project_id '%(context_project_id)s'")


# -- quotas ------------------------------------------------------------------

class OverQuota(Forbidden):
    msg_fmt = 'Quota exceeded for resources: %(overs)s'


class KeypairLimitExceeded(OverQuota):
    msg_fmt = 'Quota exceeded, too many key pairs.'


class TooManyInstances(OverQuota):
    msg_fmt = ('Quota exceeded for %(overs)s: Requested %(req)s, but already used '
               '%(used)s of %(allowed)s %(overs)s')


class ServerGroupLimitExceeded(OverQuota):
    msg_fmt = 'Quota exceeded, too many server groups.'


class GroupMemberLimitExceeded(OverQuota):
    msg_fmt = 'Quota exceeded, too many servers in group'


class MetadataLimitExceeded(OverQuota):
    msg_fmt = 'Maximum number of metadata items exceeds %(allowed)d'


class OnsetFileLimitExceeded(OverQuota):
    msg_fmt = 'Personality file limit exceeded'


class OnsetFilePathLimitExceeded(OverQuota):
    msg_fmt = 'Personality file path exceeds maximum %(allowed)s'


class OnsetFileContentLimitExceeded(OverQuota):
    msg_fmt = 'Personality file content exceeds maximum %(allowed)s'


# -- input shared by several resources ------------------------------------------

class InvalidInput(Invalid):
    msg_fmt = 'Invalid input received: %(reason)s'


class InvalidName(Invalid):
    msg_fmt = "An invalid 'name' value was provided. The name must be: %(reason)s"


class MarkerNotFound(Invalid):
    msg_fmt = 'Marker %(marker)s could not be found.'


# -- keypairs ---------------------------------------------------------------------

class InvalidKeypair(Invalid):
    msg_fmt = 'Keypair data is invalid: %(reason)s'


class KeypairNotFound(NotFound):
    msg_fmt = 'Keypair %(name)s not found for user %(user_id)s'


class KeyPairExists(Conflict):
    msg_fmt = "Key pair '%(key_name)s' already exists."


# -- flavors ----------------------------------------------------------------------

class FlavorNotFound(NotFound):
    msg_fmt = 'Flavor %(flavor_id)s could not be found.'


class FlavorExists(Conflict):
    msg_fmt = 'Flavor with name %(name)s already exists.'


class FlavorIdExists(Conflict):
    msg_fmt = 'Flavor with ID %(flavor_id)s already exists.'


class FlavorMarkerNotFound(Invalid):
    msg_fmt = 'marker [%(marker)s] not found'


class InvalidFlavorFilter(Invalid):
    msg_fmt = 'Invalid %(name)s filter [%(value)s]'


class FlavorExtraSpecsNotFound(NotFound):
    msg_fmt = 'Flavor %(flavor_id)s has no extra specs with key %(extra_specs_key)s.'


class ExtraSpecsBodyMismatch(Invalid):
    msg_fmt = 'Request body and URI mismatch'


class FlavorAccessExists(Conflict):
    msg_fmt = ('Flavor access already exists for flavor %(flavor_id)s and project '
               '%(project_id)s combination.')


class FlavorAccessNotFound(NotFound):
    msg_fmt = 'Flavor access not found for %(flavor_id)s / %(project_id)s combination.'


class PublicFlavorAccessList(NotFound):
    msg_fmt = 'Access list not available for public flavors.'


class PublicFlavorAccess(Conflict):
    msg_fmt = 'Can not add access to a public flavor.'


# -- quota sets ----------------------------------------------------------------

class QuotaLimitBelowUsage(Invalid):
    msg_fmt = ('Quota limit %(limit)s for %(resource)s must be greater than or equal to '
               'already used and reserved %(minimum)s.')


class QuotaLimitAboveMaximum(Invalid):
    msg_fmt = 'Quota limit %(limit)s for %(resource)s must be less than or equal to %(maximum)s.'


class QuotaLimitBelowUnlimited(Invalid):
    msg_fmt = 'Quota limit %(limit)s for %(resource)s must be -1 or greater.'


class NetworksQuotaRemoved(Invalid):
    msg_fmt = 'The networks quota has been removed'


class InvalidProjectId(Invalid):
    msg_fmt = 'Project ID %(project_id)s is not a valid project.'


class InvalidUserId(Invalid):
    msg_fmt = 'User ID %(user_id)s is not a valid user.'


# -- images ----------------------------------------------------------------------

class ImageNotFound(NotFound):
    msg_fmt = 'Image %(image_id)s could not be found.'


class ImageNotActive(Invalid):
    msg_fmt = 'Image %(image_id)s is not active.'


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
# -- host admin: services, hypervisors, aggregates, hosts, usage -----------------------

class ServiceNotFound(NotFound):
    msg_fmt = 'Service %(service_id)s could not be found.'


class ServiceActionNotFound(NotFound):
    """``PUT /os-services/{action}`` (before 2.53) with an action that is not one."""

    msg_fmt = 'Unknown action'


class InvalidServiceId(Invalid):
    msg_fmt = 'Invalid uuid %(service_id)s'


class ServiceUpdateNotSupported(Invalid):
    msg_fmt = ('Updating a %(binary)s service is not supported. Only nova-compute services can be '
               'updated.')


class HostBinaryNotFound(NotFound):
    msg_fmt = 'Could not find binary %(binary)s on host %(host)s.'


class ServiceHostsInstances(Conflict):
    msg_fmt = ('Unable to delete compute service that is hosting instances. Migrate or delete the '
               'instances first.')


class HypervisorNotFound(NotFound):
    msg_fmt = "Hypervisor with ID '%(hypervisor_id)s' could not be found."


class InvalidHypervisorId(Invalid):
    msg_fmt = 'Invalid uuid %(hypervisor_id)s'


class HypervisorNotMatched(NotFound):
    msg_fmt = "No hypervisor matching '%(pattern)s' could be found."


class HypervisorPatternPaging(Invalid):
    msg_fmt = ('Paging over hypervisors with the hypervisor_hostname_pattern query parameter is '
               'not supported.')


class HostNotFound(NotFound):
    msg_fmt = 'Host %(host)s could not be found.'


class AdminComputeHostNotFound(HostNotFound):
    """A compute host an admin API names that is not one of ours: a 404 (at boot it is a 400)."""

    msg_fmt = 'Compute host %(host)s could not be found.'


class ComputeServiceUnavailable(Invalid):
    msg_fmt = 'Compute service of %(host)s is unavailable at this time.'


class FeatureNotSupported(NovaAPIException):
    """What the simulated driver does not do, as a driver without it answers in Nova: 501."""

    code = 501
    msg_fmt = 'The requested functionality is not supported.'


class AggregateNotFound(NotFound):
    msg_fmt = 'Aggregate %(aggregate_id)s could not be found.'


class AggregateNameExists(Conflict):
    msg_fmt = 'Aggregate %(aggregate_name)s already exists.'


class AggregateHostExists(Conflict):
    msg_fmt = 'Aggregate %(aggregate_id)s already has host %(host)s.'


class AggregateHostNotRemovable(NotFound):
    """remove_host of a host the aggregate does not have (or that does not exist), worded as Nova."""

    msg_fmt = 'Cannot remove host %(host)s in aggregate %(aggregate_id)s'


class InvalidAggregateAction(Invalid):
    msg_fmt = 'Unacceptable parameters.'


class InvalidAggregateActionAdd(InvalidAggregateAction):
    msg_fmt = 'Cannot add host to aggregate %(aggregate_id)s. Reason: %(reason)s.'


class InvalidAggregateActionAddConflict(Conflict):
    """add_host refused for the zone (Nova maps InvalidAggregateAction to 409 there)."""

    msg_fmt = 'Cannot add host to aggregate %(aggregate_id)s. Reason: %(reason)s.'


class InvalidAggregateActionRemoveConflict(Conflict):
    msg_fmt = 'Cannot remove host from aggregate %(aggregate_id)s. Reason: %(reason)s.'


class InvalidAggregateActionDelete(InvalidAggregateAction):
    msg_fmt = 'Cannot remove host from aggregate %(aggregate_id)s. Reason: %(reason)s.'


class InvalidAggregateActionUpdate(InvalidAggregateAction):
    msg_fmt = 'Cannot update aggregate %(aggregate_id)s. Reason: %(reason)s.'


class InvalidAggregateActionUpdateMeta(InvalidAggregateAction):
    msg_fmt = 'Cannot update metadata of aggregate %(aggregate_id)s. Reason: %(reason)s.'


class InvalidStrTime(Invalid):
    msg_fmt = 'Invalid datetime string: %(reason)s'


class InvalidUsagePeriod(Invalid):
    msg_fmt = 'Invalid start time. The start time cannot occur after the end time.'


class InvalidAuditTimestamp(Invalid):
    msg_fmt = 'Invalid timestamp for date %(timestamp)s'


class InvalidQuotaClassName(Invalid):
    msg_fmt = 'Invalid input received: quota_class_name has %(problem)s.'


class ExtensionNotFound(NotFound):
    msg_fmt = 'Resource could not be found.'


class HypervisorMarkerNotFound(Invalid):
    msg_fmt = 'marker [%(marker)s] not found'
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
