"""Nova's default rules for ``os-instance-actions``: readers of the project list and show actions;
only admins see every detail of their events (tracebacks, the host; ``details`` from 2.84)."""

from oslo_policy import policy

from nova_api.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-instance-actions:%s'
EVENTS_DETAILS = BASE_POLICY_NAME % 'events:details'
EVENTS = BASE_POLICY_NAME % 'events'
LIST = BASE_POLICY_NAME % 'list'
SHOW = BASE_POLICY_NAME % 'show'

_ONE = '/servers/{server_id}/os-instance-actions/{request_id}'

#: (name, check, description, path)
_RULES = (
    (EVENTS_DETAILS, base.ADMIN, 'Add "details" key in action events for a server (2.84). '
     'Checked only after os_compute_api:os-instance-actions:show passes.', _ONE),
    (EVENTS, base.ADMIN, 'Add events details in action details for a server. Checked only '
     'after os_compute_api:os-instance-actions:show passes. From 2.51 events are always '
     'included and this rule shows their traceback; from 2.62 also their host.', _ONE),
    (LIST, base.PROJECT_READER_OR_ADMIN, 'List actions for a server.',
     '/servers/{server_id}/os-instance-actions'),
    (SHOW, base.PROJECT_READER_OR_ADMIN, 'Show action details for a server.', _ONE),
)

rules = [policy.DocumentedRuleDefault(name=name, check_str=check, description=description,
                                      operations=[{'method': 'GET', 'path': path}],
                                      scope_types=['project'])
         for name, check, description, path in _RULES]


def list_rules():
    return rules
