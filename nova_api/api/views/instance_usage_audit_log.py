"""Bodies of os-instance_usage_audit_log: one period's audit over every compute host."""

from __future__ import annotations

from nova_api.compute import instance_usage_audit_log as audit_api


def audit_log(log: audit_api.AuditLog) -> dict:
    """The audit as Nova words it (periods as ``str(datetime)``: ``2012-06-01 00:00:00``)."""
    not_run = log.hosts_not_run
    return {
        'period_beginning': str(log.period_beginning),
        'period_ending': str(log.period_ending),
        'num_hosts': len(log.hosts),
        'num_hosts_done': log.num_hosts_done,
        'num_hosts_running': 0,
        'num_hosts_not_run': len(not_run),
        'hosts_not_run': not_run,
        'total_instances': log.total_instances,
        'total_errors': log.total_errors,
        'overall_status': log.overall_status,
        'log': {host: {'state': audit.state, 'instances': audit.instances, 'errors': audit.errors,
                       'message': audit.message} for host, audit in log.log.items()},
    }


def index(log: audit_api.AuditLog) -> dict:
    return {'instance_usage_audit_logs': audit_log(log)}


def show(log: audit_api.AuditLog) -> dict:
    return {'instance_usage_audit_log': audit_log(log)}
