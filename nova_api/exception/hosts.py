"""The simulated cloud's administration: services, hypervisors, aggregates, hosts and usage."""

from __future__ import annotations

from nova_api.exception.base import Conflict
from nova_api.exception.base import Invalid
from nova_api.exception.base import NotFound
from nova_api.exception.base import NovaAPIException

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
