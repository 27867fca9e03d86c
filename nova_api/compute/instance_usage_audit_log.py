"""os-instance_usage_audit_log: how the hosts' monthly instance usage audit went.

Nova's compute hosts audit each completed month (its default
``instance_usage_audit_period``) and record a task log. The simulated
hosts do it as they exist: a compute host whose service was registered by
the end of a past period has audited it (DONE, no errors, the servers it had
during the period); one registered later has not run it.
"""

from __future__ import annotations

import dataclasses
import datetime

from oslo_context import context as oslo_context
from sqlalchemy import orm

from nova_api.compute import base
from nova_api.compute import service_registry as registry
from nova_api.objects import simple_tenant_usage as usage_objects


@dataclasses.dataclass(frozen=True)
class HostAudit:
    state: str
    instances: int
    errors: int
    message: str


@dataclasses.dataclass(frozen=True)
class AuditLog:
    """The audit of one period over every compute host."""

    period_beginning: datetime.datetime
    period_ending: datetime.datetime
    hosts: tuple[str, ...]
    log: dict[str, HostAudit]

    @property
    def hosts_not_run(self) -> list[str]:
        return [host for host in self.hosts if host not in self.log]

    @property
    def num_hosts_done(self) -> int:
        return sum(1 for audit in self.log.values() if audit.state == 'DONE')

    @property
    def total_instances(self) -> int:
        return sum(audit.instances for audit in self.log.values())

    @property
    def total_errors(self) -> int:
        return sum(audit.errors for audit in self.log.values())

    @property
    def overall_status(self) -> str:
        done = ('ALL' if self.num_hosts_done == len(self.hosts)
                else '%d of %d' % (self.num_hosts_done, len(self.hosts)))
        return '%s hosts done. %d errors.' % (done, self.total_errors)


def last_completed_month(before: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """The last whole month ending at or before ``before`` (Nova's ``last_completed_audit_period``)."""
    end = before.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    begin = (end - datetime.timedelta(days=1)).replace(day=1)
    return begin, end


class InstanceUsageAuditLogAPI(base.ResourceAPI):
    """The audit log of the period before a time (now by default)."""

    def audit(self, ctx: oslo_context.RequestContext,
              before: datetime.datetime | None = None) -> AuditLog:
        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        begin, end = last_completed_month(before or now)
        return registry.read_with(self.database, self.conf, self._audit, begin, end, now)

    @staticmethod
    def _audit(session: orm.Session, state: registry.Registered, begin: datetime.datetime,
               end: datetime.datetime, now: datetime.datetime) -> AuditLog:
        computes = state.compute()
        counts = usage_objects.active_per_host(session, begin, end)
        log = {}
        for host, row in computes.items():
            # A period is audited once it is over, by the hosts that existed at its end.
            if row.created_at is not None and row.created_at <= end <= now:
                instances = counts.get(host, 0)
                log[host] = HostAudit('DONE', instances, 0,
                                      'Instance usage audit ran for host %s, %d instances in 0.01 '
                                      'seconds.' % (host, instances))
        return AuditLog(begin, end, tuple(computes), log)
