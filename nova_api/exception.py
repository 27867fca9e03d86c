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
