"""os-aggregates: host aggregates and, through their metadata, availability zones (admin).

Every answer is 200 (Nova keeps it for compatibility, even for create and
delete). 2.41 adds ``uuid``; 2.81 the image pre-caching request (202).
"""

from __future__ import annotations

from oslo_utils import strutils

from nova_api import exception
from nova_api.api import controller
from nova_api.api import microversion
from nova_api.api import validation
from nova_api.api.schemas import aggregates as schemas
from nova_api.api.views import aggregates as views
from nova_api.policies import aggregates as policies


def _aggregate_id(value: str) -> int:
    """The path's id as an integer; Nova's 400 otherwise."""
    try:
        return strutils.validate_integer(value, 'id')
    except ValueError as error:
        raise exception.InvalidInput(reason=str(error)) from None


class AggregatesController(controller.Controller):
    """``/os-aggregates``, ``/os-aggregates/{id}`` and ``/os-aggregates/{id}/action``."""

    def _authorize(self, req, rule: str):
        ctx = req.context
        self.policy.authorize(ctx, rule, {})
        return ctx

    @validation.query_schema(schemas.index_query, '2.1', '2.101')
    @validation.query_schema(schemas.index_query_v2_102, '2.102')
    @controller.expected_errors()
    def index(self, req):
        """Every aggregate with its hosts and metadata. 200."""
        ctx = self._authorize(req, policies.INDEX)
        return views.index(req, self.compute.aggregates.list(ctx))

    @validation.schema(schemas.create)
    @controller.expected_errors(400, 409)
    def create(self, req, body):
        """Create an aggregate, in a zone when ``availability_zone`` is given. 200; 409 duplicate name."""
        ctx = self._authorize(req, policies.CREATE)
        params = body['aggregate']
        zone = params.get('availability_zone')
        aggregate = self.compute.aggregates.create(ctx, params['name'].strip(),
                                                   zone.strip() if zone else None)
        return views.created(req, aggregate)

    @validation.query_schema(schemas.show_query, '2.1', '2.101')
    @validation.query_schema(schemas.show_query_v2_102, '2.102')
    @controller.expected_errors(400, 404)
    def show(self, req, id):
        """One aggregate. 200."""
        ctx = self._authorize(req, policies.SHOW)
        return views.show(req, self.compute.aggregates.get(ctx, _aggregate_id(id)))

    @validation.schema(schemas.update)
    @controller.expected_errors(400, 404, 409)
    def update(self, req, id, body):
        """Rename it or change its zone (refused if servers would change zone). 200."""
        ctx = self._authorize(req, policies.UPDATE)
        values = dict(body['aggregate'])
        if 'name' in values:
            values['name'] = values['name'].strip()
        return views.show(req, self.compute.aggregates.update(ctx, _aggregate_id(id), values))

    @controller.expected_errors(400, 404)
    def delete(self, req, id):
        """Delete an aggregate without hosts (400 with hosts, as Nova). 200, no body."""
        ctx = self._authorize(req, policies.DELETE)
        self.compute.aggregates.delete(ctx, _aggregate_id(id))

    @controller.action('add_host')
    @validation.schema(schemas.add_host)
    @controller.expected_errors(400, 404, 409)
    def _add_host(self, req, id, body):
        """Add a compute host. 200; 404 unknown host; 409 already there or in another zone."""
        ctx = self._authorize(req, policies.ADD_HOST)
        aggregate = self.compute.aggregates.add_host(ctx, _aggregate_id(id), body['add_host']['host'])
        return views.show(req, aggregate)

    @controller.action('remove_host')
    @validation.schema(schemas.remove_host)
    @controller.expected_errors(400, 404, 409)
    def _remove_host(self, req, id, body):
        """Remove a host. 200; 404 when it is not there; 409 if its servers would change zone."""
        ctx = self._authorize(req, policies.REMOVE_HOST)
        aggregate = self.compute.aggregates.remove_host(ctx, _aggregate_id(id),
                                                        body['remove_host']['host'])
        return views.show(req, aggregate)

    @controller.action('set_metadata')
    @validation.schema(schemas.set_metadata)
    @controller.expected_errors(400, 404)
    def _set_metadata(self, req, id, body):
        """Merge metadata in (null removes a key); ``availability_zone`` moves its hosts. 200."""
        ctx = self._authorize(req, policies.SET_METADATA)
        aggregate = self.compute.aggregates.set_metadata(ctx, _aggregate_id(id),
                                                         body['set_metadata']['metadata'])
        return views.show(req, aggregate)

    @microversion.versioned(min_version=microversion.FIRST_AGGREGATE_IMAGE_CACHE)
    @validation.schema(schemas.images)
    @controller.expected_errors(400, 404)
    @controller.response(202)
    def images(self, req, id, body):
        """Pre-cache images on the aggregate's hosts (from 2.81). 202, no body.

        The simulated hosts have no image cache to fill: the request is
        checked as Nova checks it (a duplicate image is a 400, an unknown
        aggregate a 404) and accepted.
        """
        ctx = self._authorize(req, policies.IMAGES)
        aggregate_id = _aggregate_id(id)
        image_ids = [image['id'] for image in body['cache']]
        if len(set(image_ids)) != len(image_ids):
            raise exception.InvalidInput(message='Duplicate images in request')
        self.compute.aggregates.get(ctx, aggregate_id)
