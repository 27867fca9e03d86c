"""The policy enforcer: Nova's defaults, decisions cached per caller and target, a changed file seen."""

from __future__ import annotations

import os

import pytest
from oslo_policy import opts as policy_opts

from nova_api import context
from nova_api import policy
from nova_api.policies import servers as server_policies


def _caller(roles=('member', 'reader'), project='p1'):
    return context.RequestContext(user_id='u1', project_id=project, roles=list(roles))


@pytest.fixture
def enforcer(make_conf, tmp_path, monkeypatch):
    monkeypatch.setattr(policy, 'RELOAD_INTERVAL', 0.0)  # look at the file on every check
    conf = make_conf()
    policy_opts.set_defaults(conf, policy_file=str(tmp_path / 'policy.yaml'))
    return policy.Enforcer(conf)


def test_a_decision_is_made_once_per_rule_caller_and_target(enforcer, monkeypatch):
    asked = []
    real = enforcer.oslo_enforcer.authorize
    monkeypatch.setattr(enforcer.oslo_enforcer, 'authorize',
                        lambda *args, **kwargs: asked.append(args[0]) or real(*args, **kwargs))

    for _ in range(3):
        assert enforcer.check(_caller(), server_policies.SHOW, {'project_id': 'p1'})
        assert not enforcer.check(_caller(), server_policies.SHOW, {'project_id': 'p2'})
    assert not enforcer.check(_caller(), server_policies.EXTENDED_SERVER_ATTRIBUTES)
    assert enforcer.check(_caller(('admin',)), server_policies.EXTENDED_SERVER_ATTRIBUTES)

    assert asked == [server_policies.SHOW, server_policies.SHOW,
                     server_policies.EXTENDED_SERVER_ATTRIBUTES,
                     server_policies.EXTENDED_SERVER_ATTRIBUTES]


def test_a_refusal_is_nova_403(enforcer):
    with pytest.raises(policy.PolicyNotAuthorized) as refused:
        enforcer.authorize(_caller(), server_policies.INDEX_ALL_TENANTS)
    assert refused.value.code == 403
    assert refused.value.format_message() == (
        "Policy doesn't allow os_compute_api:servers:index:get_all_tenants to be performed.")


def test_a_policy_file_written_later_changes_the_decisions(enforcer, tmp_path):
    assert not enforcer.check(_caller(), server_policies.INDEX_ALL_TENANTS)

    path = tmp_path / 'policy.yaml'
    path.write_text('"%s": "role:member"\n' % server_policies.INDEX_ALL_TENANTS)
    assert enforcer.check(_caller(), server_policies.INDEX_ALL_TENANTS)

    path.write_text('"%s": "!"\n' % server_policies.INDEX_ALL_TENANTS)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert not enforcer.check(_caller(), server_policies.INDEX_ALL_TENANTS)


def test_the_decision_key_holds_every_value_oslo_policy_is_given():
    caller = context.RequestContext(user_id='u1', project_id='p1', roles=['member'],
                                    domain_id='d1', system_scope='all')
    values = caller.to_policy_values()
    assert tuple(sorted(values)) == context.POLICY_VALUES
    assert dict(caller.policy_key()) == {
        name: tuple(value) if isinstance(value, list) else value for name, value in values.items()}
