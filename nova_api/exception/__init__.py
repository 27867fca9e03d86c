"""Domain exceptions. Each carries its HTTP meaning; the API translates them in one place.

An exception's ``code`` is the HTTP status it becomes and ``msg_fmt`` its
message, formatted with the keyword arguments it was raised with. Anything
raised that is not a :class:`NovaAPIException` becomes a logged 500 with a
generic message: internal details never reach the client.

One module per area (``base``, ``resources``, ``images``, ``servers``, ``server_work``,
``hosts``); every exception is importable from here (``exception.InstanceNotFound``).
"""

from nova_api.exception.base import ActionNotFound as ActionNotFound
from nova_api.exception.base import BodyMediaTypeNotAllowed as BodyMediaTypeNotAllowed
from nova_api.exception.base import Conflict as Conflict
from nova_api.exception.base import Forbidden as Forbidden
from nova_api.exception.base import Gone as Gone
from nova_api.exception.base import Invalid as Invalid
from nova_api.exception.base import InvalidAPIVersionString as InvalidAPIVersionString
from nova_api.exception.base import InvalidContentType as InvalidContentType
from nova_api.exception.base import InvalidGlobalAPIVersion as InvalidGlobalAPIVersion
from nova_api.exception.base import InvalidRequestBody as InvalidRequestBody
from nova_api.exception.base import MalformedRequestBody as MalformedRequestBody
from nova_api.exception.base import MethodNotAllowed as MethodNotAllowed
from nova_api.exception.base import NotAcceptable as NotAcceptable
from nova_api.exception.base import NotAuthorized as NotAuthorized
from nova_api.exception.base import NotFound as NotFound
from nova_api.exception.base import NovaAPIException as NovaAPIException
from nova_api.exception.base import ProjectIdMismatch as ProjectIdMismatch
from nova_api.exception.base import RequestBodyTimeout as RequestBodyTimeout
from nova_api.exception.base import RequestTooLarge as RequestTooLarge
from nova_api.exception.base import RouteNotFound as RouteNotFound
from nova_api.exception.base import ValidationError as ValidationError
from nova_api.exception.base import VersionNotFoundForAPIMethod as VersionNotFoundForAPIMethod
from nova_api.exception.hosts import AdminComputeHostNotFound as AdminComputeHostNotFound
from nova_api.exception.hosts import AggregateHostExists as AggregateHostExists
from nova_api.exception.hosts import AggregateHostNotRemovable as AggregateHostNotRemovable
from nova_api.exception.hosts import AggregateNameExists as AggregateNameExists
from nova_api.exception.hosts import AggregateNotFound as AggregateNotFound
from nova_api.exception.hosts import ComputeServiceUnavailable as ComputeServiceUnavailable
from nova_api.exception.hosts import ExtensionNotFound as ExtensionNotFound
from nova_api.exception.hosts import FeatureNotSupported as FeatureNotSupported
from nova_api.exception.hosts import HostBinaryNotFound as HostBinaryNotFound
from nova_api.exception.hosts import HostNotFound as HostNotFound
from nova_api.exception.hosts import HypervisorMarkerNotFound as HypervisorMarkerNotFound
from nova_api.exception.hosts import HypervisorNotFound as HypervisorNotFound
from nova_api.exception.hosts import HypervisorNotMatched as HypervisorNotMatched
from nova_api.exception.hosts import HypervisorPatternPaging as HypervisorPatternPaging
from nova_api.exception.hosts import InvalidAggregateAction as InvalidAggregateAction
from nova_api.exception.hosts import InvalidAggregateActionAdd as InvalidAggregateActionAdd
from nova_api.exception.hosts import InvalidAggregateActionAddConflict as InvalidAggregateActionAddConflict
from nova_api.exception.hosts import InvalidAggregateActionDelete as InvalidAggregateActionDelete
from nova_api.exception.hosts import (
    InvalidAggregateActionRemoveConflict as InvalidAggregateActionRemoveConflict,
)
from nova_api.exception.hosts import InvalidAggregateActionUpdate as InvalidAggregateActionUpdate
from nova_api.exception.hosts import InvalidAggregateActionUpdateMeta as InvalidAggregateActionUpdateMeta
from nova_api.exception.hosts import InvalidAuditTimestamp as InvalidAuditTimestamp
from nova_api.exception.hosts import InvalidHypervisorId as InvalidHypervisorId
from nova_api.exception.hosts import InvalidQuotaClassName as InvalidQuotaClassName
from nova_api.exception.hosts import InvalidServiceId as InvalidServiceId
from nova_api.exception.hosts import InvalidStrTime as InvalidStrTime
from nova_api.exception.hosts import InvalidUsagePeriod as InvalidUsagePeriod
from nova_api.exception.hosts import ServiceActionNotFound as ServiceActionNotFound
from nova_api.exception.hosts import ServiceHostsInstances as ServiceHostsInstances
from nova_api.exception.hosts import ServiceNotFound as ServiceNotFound
from nova_api.exception.hosts import ServiceUpdateNotSupported as ServiceUpdateNotSupported
from nova_api.exception.images import ImageActionNotAllowed as ImageActionNotAllowed
from nova_api.exception.images import ImageAttributeNotWritable as ImageAttributeNotWritable
from nova_api.exception.images import ImageAttributeReserved as ImageAttributeReserved
from nova_api.exception.images import ImageDeactivated as ImageDeactivated
from nova_api.exception.images import ImageFormatsMissing as ImageFormatsMissing
from nova_api.exception.images import ImageGoneDuringUpload as ImageGoneDuringUpload
from nova_api.exception.images import ImageIdExists as ImageIdExists
from nova_api.exception.images import ImageLimitExceeded as ImageLimitExceeded
from nova_api.exception.images import ImageMemberExists as ImageMemberExists
from nova_api.exception.images import ImageMemberForbidden as ImageMemberForbidden
from nova_api.exception.images import ImageMemberNotFound as ImageMemberNotFound
from nova_api.exception.images import ImageMemberStatusInvalid as ImageMemberStatusInvalid
from nova_api.exception.images import ImageNotShared as ImageNotShared
from nova_api.exception.images import ImageOwnerNotPermitted as ImageOwnerNotPermitted
from nova_api.exception.images import ImageStatusTransition as ImageStatusTransition
from nova_api.exception.images import ImageTagNotFound as ImageTagNotFound
from nova_api.exception.images import ImageTooLarge as ImageTooLarge
from nova_api.exception.images import ImageUploadIncomplete as ImageUploadIncomplete
from nova_api.exception.images import RangeNotSatisfiable as RangeNotSatisfiable
from nova_api.exception.resources import ExtraSpecsBodyMismatch as ExtraSpecsBodyMismatch
from nova_api.exception.resources import FlavorAccessExists as FlavorAccessExists
from nova_api.exception.resources import FlavorAccessNotFound as FlavorAccessNotFound
from nova_api.exception.resources import FlavorExists as FlavorExists
from nova_api.exception.resources import FlavorExtraSpecsNotFound as FlavorExtraSpecsNotFound
from nova_api.exception.resources import FlavorIdExists as FlavorIdExists
from nova_api.exception.resources import FlavorMarkerNotFound as FlavorMarkerNotFound
from nova_api.exception.resources import FlavorNotFound as FlavorNotFound
from nova_api.exception.resources import GroupMemberLimitExceeded as GroupMemberLimitExceeded
from nova_api.exception.resources import ImageNotActive as ImageNotActive
from nova_api.exception.resources import ImageNotFound as ImageNotFound
from nova_api.exception.resources import InvalidFlavorFilter as InvalidFlavorFilter
from nova_api.exception.resources import InvalidInput as InvalidInput
from nova_api.exception.resources import InvalidKeypair as InvalidKeypair
from nova_api.exception.resources import InvalidName as InvalidName
from nova_api.exception.resources import InvalidProjectId as InvalidProjectId
from nova_api.exception.resources import InvalidUserId as InvalidUserId
from nova_api.exception.resources import KeyPairExists as KeyPairExists
from nova_api.exception.resources import KeypairLimitExceeded as KeypairLimitExceeded
from nova_api.exception.resources import KeypairNotFound as KeypairNotFound
from nova_api.exception.resources import MarkerNotFound as MarkerNotFound
from nova_api.exception.resources import MetadataLimitExceeded as MetadataLimitExceeded
from nova_api.exception.resources import NetworksQuotaRemoved as NetworksQuotaRemoved
from nova_api.exception.resources import OnsetFileContentLimitExceeded as OnsetFileContentLimitExceeded
from nova_api.exception.resources import OnsetFileLimitExceeded as OnsetFileLimitExceeded
from nova_api.exception.resources import OnsetFilePathLimitExceeded as OnsetFilePathLimitExceeded
from nova_api.exception.resources import OverQuota as OverQuota
from nova_api.exception.resources import PublicFlavorAccess as PublicFlavorAccess
from nova_api.exception.resources import PublicFlavorAccessList as PublicFlavorAccessList
from nova_api.exception.resources import QuotaLimitAboveMaximum as QuotaLimitAboveMaximum
from nova_api.exception.resources import QuotaLimitBelowUnlimited as QuotaLimitBelowUnlimited
from nova_api.exception.resources import QuotaLimitBelowUsage as QuotaLimitBelowUsage
from nova_api.exception.resources import ServerGroupLimitExceeded as ServerGroupLimitExceeded
from nova_api.exception.resources import TooManyInstances as TooManyInstances
from nova_api.exception.server_work import AdminPasswordOnSharedStorage as AdminPasswordOnSharedStorage
from nova_api.exception.server_work import AttachFixedIpInUse as AttachFixedIpInUse
from nova_api.exception.server_work import AttachmentFieldImmutable as AttachmentFieldImmutable
from nova_api.exception.server_work import AttachNetworkNotFound as AttachNetworkNotFound
from nova_api.exception.server_work import AttachNoMoreFixedIps as AttachNoMoreFixedIps
from nova_api.exception.server_work import AttachPortNotFound as AttachPortNotFound
from nova_api.exception.server_work import CannotMigrateToSameHost as CannotMigrateToSameHost
from nova_api.exception.server_work import CannotResizeDisk as CannotResizeDisk
from nova_api.exception.server_work import CannotResizeToSameFlavor as CannotResizeToSameFlavor
from nova_api.exception.server_work import ComputeServiceInUse as ComputeServiceInUse
from nova_api.exception.server_work import DevicePathInUse as DevicePathInUse
from nova_api.exception.server_work import EvacuateHostNotFound as EvacuateHostNotFound
from nova_api.exception.server_work import EvacuateToSameHost as EvacuateToSameHost
from nova_api.exception.server_work import ForcedMoveWithoutHost as ForcedMoveWithoutHost
from nova_api.exception.server_work import InstanceGroupNotFound as InstanceGroupNotFound
from nova_api.exception.server_work import InstanceNotResized as InstanceNotResized
from nova_api.exception.server_work import InvalidInterfaceRequest as InvalidInterfaceRequest
from nova_api.exception.server_work import InvalidIpForNetwork as InvalidIpForNetwork
from nova_api.exception.server_work import InvalidMigrationState as InvalidMigrationState
from nova_api.exception.server_work import InvalidVolume as InvalidVolume
from nova_api.exception.server_work import MigrationNotFoundForInstance as MigrationNotFoundForInstance
from nova_api.exception.server_work import NoValidHost as NoValidHost
from nova_api.exception.server_work import PortInUse as PortInUse
from nova_api.exception.server_work import PortNotOnServer as PortNotOnServer
from nova_api.exception.server_work import ResizeFlavorNotFound as ResizeFlavorNotFound
from nova_api.exception.server_work import RootVolumeDetach as RootVolumeDetach
from nova_api.exception.server_work import ServerGroupRulesNotSupported as ServerGroupRulesNotSupported
from nova_api.exception.server_work import ServerMigrationNotFound as ServerMigrationNotFound
from nova_api.exception.server_work import UnableToMigrateToSelf as UnableToMigrateToSelf
from nova_api.exception.server_work import VolumeBDMNotFound as VolumeBDMNotFound
from nova_api.exception.server_work import VolumeNotAttached as VolumeNotAttached
from nova_api.exception.server_work import VolumeNotFound as VolumeNotFound
from nova_api.exception.server_work import VolumeNotMigrating as VolumeNotMigrating
from nova_api.exception.server_work import (
    VolumeTaggedAttachToShelvedNotSupported as VolumeTaggedAttachToShelvedNotSupported,
)
from nova_api.exception.servers import (
    AmbiguousHostnameForMultipleInstances as AmbiguousHostnameForMultipleInstances,
)
from nova_api.exception.servers import (
    BootFromVolumeRequiredForZeroDiskFlavor as BootFromVolumeRequiredForZeroDiskFlavor,
)
from nova_api.exception.servers import ComputeHostNotFound as ComputeHostNotFound
from nova_api.exception.servers import ConsoleNotAvailable as ConsoleNotAvailable
from nova_api.exception.servers import ConsoleTokenNotFound as ConsoleTokenNotFound
from nova_api.exception.servers import ConsoleTypeInvalid as ConsoleTypeInvalid
from nova_api.exception.servers import ConsoleTypeUnavailable as ConsoleTypeUnavailable
from nova_api.exception.servers import FixedIpAlreadyInUse as FixedIpAlreadyInUse
from nova_api.exception.servers import FixedIpInvalid as FixedIpInvalid
from nova_api.exception.servers import FixedIpNotFoundForInstance as FixedIpNotFoundForInstance
from nova_api.exception.servers import FlavorDiskSmallerThanImage as FlavorDiskSmallerThanImage
from nova_api.exception.servers import FlavorDiskSmallerThanMinDisk as FlavorDiskSmallerThanMinDisk
from nova_api.exception.servers import FlavorMemoryTooSmall as FlavorMemoryTooSmall
from nova_api.exception.servers import ImageAttributeReadOnly as ImageAttributeReadOnly
from nova_api.exception.servers import ImageMarkerNotFound as ImageMarkerNotFound
from nova_api.exception.servers import ImageMetadataKeyNotFound as ImageMetadataKeyNotFound
from nova_api.exception.servers import ImageMetadataLimitExceeded as ImageMetadataLimitExceeded
from nova_api.exception.servers import ImageMetadataNotFound as ImageMetadataNotFound
from nova_api.exception.servers import ImageNotAuthorized as ImageNotAuthorized
from nova_api.exception.servers import ImageProtected as ImageProtected
from nova_api.exception.servers import InstanceActionNotFound as InstanceActionNotFound
from nova_api.exception.servers import InstanceInvalidState as InstanceInvalidState
from nova_api.exception.servers import InstanceIsLocked as InstanceIsLocked
from nova_api.exception.servers import InstanceNotFound as InstanceNotFound
from nova_api.exception.servers import InstanceNotReady as InstanceNotReady
from nova_api.exception.servers import InstanceNotRescuable as InstanceNotRescuable
from nova_api.exception.servers import InstanceStateRefusesMethod as InstanceStateRefusesMethod
from nova_api.exception.servers import InstanceTagNotFound as InstanceTagNotFound
from nova_api.exception.servers import InvalidBDM as InvalidBDM
from nova_api.exception.servers import InvalidBDMBootSequence as InvalidBDMBootSequence
from nova_api.exception.servers import InvalidBDMFormat as InvalidBDMFormat
from nova_api.exception.servers import InvalidBDMImage as InvalidBDMImage
from nova_api.exception.servers import InvalidChangesWindow as InvalidChangesWindow
from nova_api.exception.servers import InvalidFixedIpAndMaxCountRequest as InvalidFixedIpAndMaxCountRequest
from nova_api.exception.servers import InvalidImageQuery as InvalidImageQuery
from nova_api.exception.servers import InvalidRegex as InvalidRegex
from nova_api.exception.servers import InvalidRequest as InvalidRequest
from nova_api.exception.servers import InvalidServerFilter as InvalidServerFilter
from nova_api.exception.servers import InvalidServerRequest as InvalidServerRequest
from nova_api.exception.servers import InvalidServerState as InvalidServerState
from nova_api.exception.servers import InvalidServerTag as InvalidServerTag
from nova_api.exception.servers import InvalidSortKey as InvalidSortKey
from nova_api.exception.servers import MetadataBodyMismatch as MetadataBodyMismatch
from nova_api.exception.servers import NetworkNotFound as NetworkNotFound
from nova_api.exception.servers import NetworkNotMember as NetworkNotMember
from nova_api.exception.servers import NoMoreFixedIps as NoMoreFixedIps
from nova_api.exception.servers import PortNotFound as PortNotFound
from nova_api.exception.servers import ProxyNetworkNotFound as ProxyNetworkNotFound
from nova_api.exception.servers import SecurityGroupNotFound as SecurityGroupNotFound
from nova_api.exception.servers import ServerMarkerNotFound as ServerMarkerNotFound
from nova_api.exception.servers import ServerMetadataNotFound as ServerMetadataNotFound
from nova_api.exception.servers import ServerTagNotFound as ServerTagNotFound
from nova_api.exception.servers import TooManyServerTags as TooManyServerTags
from nova_api.exception.servers import UnshelveHostNotInAZ as UnshelveHostNotInAZ
from nova_api.exception.servers import UnshelveInstanceInvalidState as UnshelveInstanceInvalidState
from nova_api.exception.servers import UnsupportedRequest as UnsupportedRequest
from nova_api.exception.servers import UnsupportedRescueImage as UnsupportedRescueImage

