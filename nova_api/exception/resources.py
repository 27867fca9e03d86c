"""Quotas, keypairs, flavors, quota sets and images: their errors, in Nova's words."""

from __future__ import annotations

from nova_api.exception.base import Conflict
from nova_api.exception.base import Forbidden
from nova_api.exception.base import Invalid
from nova_api.exception.base import NotFound

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
