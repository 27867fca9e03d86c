"""os-instance_usage_audit_log: the hosts' usage audit of the last completed month (admin)."""

from __future__ import annotations

import datetime

from nova_api import exception
from nova_api.api import controller
from nova_api.api import validation
from nova_api.api.schemas import instance_usage_audit_log as schemas
from nova_api.api.views import instance_usage_audit_log as views
from nova_api.policies import instance_usage_audit_log as policies


def _before(text: str) -> datetime.datetime:
    """``YYYY-MM-DD HH:MM:SS[.ffffff]``, as Nova reads it; 400 otherwise."""
    try:
        return datetime.datetime.strptime(text, '%Y-%m-%d %H:%M:%S.%f' if '.' in text
                                          else '%Y-%m-%d %H:%M:%S')
    except ValueError:
        raise exception.InvalidAuditTimestamp(timestamp=text) from None


class InstanceUsageAuditLogController(controller.Controller):
    """``/os-instance_usage_audit_log`` and ``/os-instance_usage_audit_log/{before}``."""

    @validation.query_schema(schemas.index_query, '2.1', '2.101')
    @validation.query_schema(schemas.index_query_v2_102, '2.102')
    @controller.expected_errors()
    def index(self, req):
        """The audit of the last month completed before now. 200."""
        ctx = req.context
        self.policy.authorize(ctx, policies.LIST, {})
        return views.index(self.compute.instance_usage_audit_log.audit(ctx))

    @validation.query_schema(schemas.show_query, '2.1', '2.101')
    @validation.query_schema(schemas.show_query_v2_102, '2.102')
    @controller.expected_errors(400)
    def show(self, req, id):
        """The audit of the last month completed before ``id`` (a timestamp). 200."""
        ctx = req.context
        self.policy.authorize(ctx, policies.SHOW, {})
        return views.show(self.compute.instance_usage_audit_log.audit(ctx, _before(id)))
