"""Keystone's default identity rules, as registered here: who may manage domains, projects, users, roles."""

from __future__ import annotations

import pytest
from oslo_policy import opts as policy_opts

from nova_api import context
from nova_api import policy
from nova_api.policies import identity as rules

ADMIN = ('admin', 'member', 'reader')
MEMBER = ('member', 'reader')
READER = ('reader',)


def _caller(roles, user='u1', project='p1', project_domain='default'):
    return context.RequestContext(user_id=user, project_id=project, roles=list(roles),
                                  project_domain_id=project_domain, user_domain_id='default')


@pytest.fixture
def enforcer(make_conf, tmp_path):
    conf = make_conf()
    policy_opts.set_defaults(conf, policy_file=str(tmp_path / 'policy.yaml'))
    return policy.Enforcer(conf)


def _user_target(user_id='u2'):
    return rules.flat_target(user={'id': user_id, 'domain_id': 'default'})


@pytest.mark.parametrize('rule', [rules.CREATE_USER, rules.UPDATE_USER, rules.DELETE_USER])
def test_only_an_admin_manages_users(enforcer, rule):
    assert enforcer.check(_caller(ADMIN), rule, _user_target())
    assert not enforcer.check(_caller(MEMBER), rule, _user_target())
    assert not enforcer.check(_caller(READER), rule, _user_target())


@pytest.mark.parametrize('rule', [rules.CREATE_PROJECT, rules.DELETE_PROJECT, rules.CREATE_DOMAIN,
                                  rules.CREATE_ROLE, rules.CREATE_IMPLIED_ROLE])
def test_a_member_cannot_create_projects_domains_or_roles(enforcer, rule):
    target = rules.flat_target(project={'id': 'p9', 'domain_id': 'default'})
    assert enforcer.check(_caller(ADMIN), rule, target)
    assert not enforcer.check(_caller(MEMBER), rule, target)


def test_a_user_reads_itself_but_not_another_user(enforcer):
    assert enforcer.check(_caller(MEMBER, user='u2'), rules.GET_USER, _user_target('u2'))
    assert not enforcer.check(_caller(MEMBER, user='u1'), rules.GET_USER, _user_target('u2'))


def test_a_user_lists_its_own_projects_only(enforcer):
    assert enforcer.check(_caller(MEMBER, user='u2'), rules.LIST_USER_PROJECTS, _user_target('u2'))
    assert not enforcer.check(_caller(MEMBER), rules.LIST_USER_PROJECTS, _user_target('u2'))


def test_a_member_sees_its_own_project_and_domain(enforcer):
    own = rules.flat_target(project={'id': 'p1', 'domain_id': 'default'})
    other = rules.flat_target(project={'id': 'p2', 'domain_id': 'default'})
    assert enforcer.check(_caller(MEMBER), rules.GET_PROJECT, own)
    assert not enforcer.check(_caller(MEMBER), rules.GET_PROJECT, other)
    assert enforcer.check(_caller(MEMBER), rules.GET_DOMAIN,
                          rules.flat_target(domain={'id': 'default'}))
    assert not enforcer.check(_caller(MEMBER), rules.GET_DOMAIN,
                              rules.flat_target(domain={'id': 'other'}))


def test_listing_users_projects_and_assignments_takes_an_admin(enforcer):
    for rule in (rules.LIST_USERS, rules.LIST_PROJECTS, rules.LIST_ROLE_ASSIGNMENTS,
                 rules.LIST_ROLES):
        assert enforcer.check(_caller(ADMIN), rule, {})
        assert not enforcer.check(_caller(MEMBER), rule, {})


def test_granting_a_role_takes_an_admin(enforcer):
    target = rules.flat_target(user={'id': 'u2', 'domain_id': 'default'},
                               project={'id': 'p1', 'domain_id': 'default'},
                               role={'id': 'r', 'name': 'member', 'domain_id': None})
    assert enforcer.check(_caller(ADMIN), rules.CREATE_GRANT, target)
    assert not enforcer.check(_caller(MEMBER), rules.CREATE_GRANT, target)
    assert not enforcer.check(_caller(MEMBER), rules.CHECK_GRANT, target)


def test_application_credentials_are_their_owners(enforcer):
    mine = {'user_id': 'u1'}
    theirs = {'user_id': 'u2'}
    for rule in (rules.CREATE_APPLICATION_CREDENTIAL, rules.LIST_APPLICATION_CREDENTIALS,
                 rules.GET_APPLICATION_CREDENTIAL, rules.DELETE_APPLICATION_CREDENTIAL):
        assert enforcer.check(_caller(MEMBER), rule, mine)
        assert not enforcer.check(_caller(MEMBER), rule, theirs)
    # Keystone: an admin may look at and delete anyone's, but creates only its own.
    assert enforcer.check(_caller(ADMIN), rules.DELETE_APPLICATION_CREDENTIAL, theirs)
    assert not enforcer.check(_caller(ADMIN), rules.CREATE_APPLICATION_CREDENTIAL, theirs)


def test_a_flat_target_spells_keystone_keys_and_leaves_out_what_is_unknown():
    assert rules.flat_target(project={'id': 'p', 'domain_id': None}, domain_id='d') == {
        'target.project.id': 'p', 'target.domain_id': 'd'}


def test_an_unknown_domain_never_matches_a_caller_without_one(enforcer):
    caller = context.RequestContext(user_id='u1', project_id='p1', roles=['reader'])
    assert not enforcer.check(caller, rules.LIST_USERS, rules.flat_target(domain_id=None))
    assert not enforcer.check(caller, rules.LIST_DOMAINS, rules.flat_target(domain={'id': None}))
