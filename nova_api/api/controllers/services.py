"""os-services: the services of the simulated cloud (admin): list, update, delete.

Before 2.53 an update is ``PUT /os-services/{action}`` (``enable``,
``disable``, ``disable-log-reason`` and, from 2.11, ``force-down``) naming
the service by ``host`` and ``binary`` in the body; from 2.53 it is
``PUT /os-services/{service_uuid}`` with the changes.
"""

from __future__ import annotations

from oslo_utils import strutils
from oslo_utils import uuidutils

from nova_api import exception
from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.schemas import services as schemas
from nova_api.api.views import services as views
from nova_api.policies import services as policies

#: The legacy update actions: name -> (status, takes a reason, reason required).
_STATUS_ACTIONS = {
    'enable': ('enabled', False),
    'disable': ('disabled', False),
    'disable-log-reason': ('disabled', True),
}


def _checked_id(req, service_id: str) -> str:
    """A uuid from 2.53 (400 otherwise), an integer before (400 otherwise), as Nova checks them."""
    if microversion.identifies_services_by_uuid(req):
        if not uuidutils.is_uuid_like(service_id):
            raise exception.InvalidServiceId(service_id=service_id)
        return service_id
    try:
        strutils.validate_integer(service_id, 'id')
    except ValueError as error:
        raise exception.InvalidInput(reason=str(error)) from None
    return service_id


def _changes_v2_53(body: dict) -> dict:
    """The columns a 2.53 update writes; Nova's 400s for an empty or contradictory body."""
    values: dict = {}
    if body.get('status') == 'enabled':
        if body.get('disabled_reason'):
            raise exception.InvalidInput(
                message="Specifying 'disabled_reason' with status 'enabled' is invalid.")
        values.update(disabled=False, disabled_reason=None)
    elif body.get('status') == 'disabled':
        values.update(disabled=True, disabled_reason=body.get('disabled_reason'))
    if 'forced_down' in body:
        values['forced_down'] = strutils.bool_from_string(body['forced_down'], strict=True)
    if not values:
        raise exception.InvalidInput(
            message="No updates were requested. Fields 'status' or 'forced_down' should be "
                    "specified.")
    return values


class ServicesController(controller.Controller):
    """``/os-services`` and ``/os-services/{id}``."""

    @validation.query_schema(schemas.index_query, '2.1', '2.74')
    @validation.query_schema(schemas.index_query_v2_75, '2.75')
    @controller.expected_errors()
    def index(self, req):
        """The services, ``?host=`` and ``?binary=`` filtering. 200.

        2.11 adds ``forced_down``; 2.53 shows uuids as ids.
        """
        ctx = req.context
        self.policy.authorize(ctx, policies.LIST, {})
        host, binary = req.GET.get('host'), req.GET.get('binary')
        return views.index(req, self.compute.services.list(ctx, host=host, binary=binary))

    @validation.schema(schemas.update, '2.1', '2.10')
    @validation.schema(schemas.update_v2_11, '2.11', '2.52')
    @validation.schema(schemas.update_v2_53, '2.53')
    @controller.expected_errors(400, 404)
    def update(self, req, id, body):
        """Enable, disable or force down a nova-compute service. 200.

        Before 2.53 ``id`` is the action (an unknown one is a 404) and the
        answer only what changed; from 2.53 ``id`` is the service's uuid and
        the answer the whole service.
        """
        if microversion.identifies_services_by_uuid(req):
            return self._update_v2_53(req, id, body)
        ctx = req.context
        self.policy.authorize(ctx, policies.UPDATE, {})
        host, binary = body['host'], body['binary']
        if id == 'force-down' and microversion.shows_service_forced_down(req):
            if 'forced_down' not in body:
                raise exception.InvalidInput(message='Missing forced_down field')
            forced_down = strutils.bool_from_string(body['forced_down'])
            self.compute.services.update_by_host(ctx, host, binary, {'forced_down': forced_down})
            return views.forced_down_changed(host, binary, forced_down)
        if id not in _STATUS_ACTIONS:
            raise exception.ServiceActionNotFound()
        status, needs_reason = _STATUS_ACTIONS[id]
        if needs_reason and 'disabled_reason' not in body:
            raise exception.InvalidInput(message='Missing disabled reason field')
        reason = body.get('disabled_reason') if needs_reason else None
        self.compute.services.update_by_host(
            ctx, host, binary, {'disabled': status == 'disabled', 'disabled_reason': reason})
        return views.status_changed(host, binary, status, reason)

    def _update_v2_53(self, req, service_id: str, body: dict):
        service_id = _checked_id(req, service_id)
        ctx = req.context
        self.policy.authorize(ctx, policies.UPDATE, {})
        # Nova's order: the service (404), its binary (400), then the body's changes (400).
        self.compute.services.check_updatable(ctx, service_id)
        return views.updated(req, self.compute.services.update(ctx, service_id,
                                                               _changes_v2_53(body)))

    @controller.expected_errors(400, 404, 409)
    @controller.response(204)
    def delete(self, req, id):
        """Delete a service (a uuid from 2.53, an integer id before). 204.

        A nova-compute service with servers on it is a 409.
        """
        ctx = req.context
        self.policy.authorize(ctx, policies.DELETE, {})
        self.compute.services.delete(ctx, _checked_id(req, id))
