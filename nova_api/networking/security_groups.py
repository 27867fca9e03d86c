"""Security groups and their rules. Every project has one ``default`` group, made on its first
use (listing groups, making a port or a group) with Neutron's default rules; it cannot be renamed
or (but by an admin) deleted. A group some port uses cannot be deleted (409)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db import database as db
from nova_api.db import models
from nova_api.exception import network as net_exc
from nova_api.networking import base
from nova_api.networking import listing
from nova_api.networking import security_group_rules as rule_rules
from nova_api.networking import tags as tag_store

RESOURCE = 'security-groups'
RULES_RESOURCE = 'security-group-rules'
DEFAULT = 'default'
_groups = models.SecurityGroup.__table__
_G = _groups.c
_rules = models.SecurityGroupRule.__table__
_R = _rules.c
_defaults = models.DefaultSecurityGroup.__table__
_bindings = models.SecurityGroupPortBinding.__table__

SPEC = listing.Spec(RESOURCE, _groups, {
    **listing.standard_columns(_groups), 'name': (_G.name, listing.to_str),
    'stateful': (_G.stateful, listing.to_bool)}, ignored=frozenset(('shared',)))
RULE_SPEC = listing.Spec(RULES_RESOURCE, _rules, {
    **listing.standard_columns(_rules),
    **{name: (getattr(_R, name), listing.to_str) for name in (
        'security_group_id', 'direction', 'ethertype', 'protocol', 'remote_ip_prefix',
        'remote_group_id')},
    'port_range_min': (_R.port_range_min, listing.to_int),
    'port_range_max': (_R.port_range_max, listing.to_int),
}, ignored=frozenset(('remote_address_group_id', 'normalized_cidr', 'belongs_to_default_sg')))


def rule_record(row: Any, default_ids: set[str]) -> dict[str, Any]:
    values = {name: getattr(row, name) for name in rule_rules.IDENTITY}
    standard = base.standard(row)
    del standard['tags']
    return {'id': row.id, 'security_group_id': row.security_group_id, **values,
            'remote_address_group_id': None,
            'normalized_cidr': rule_rules.normalized(row.remote_ip_prefix),
            'belongs_to_default_sg': row.security_group_id in default_ids, **standard}


def _default_ids(session: orm.Session, group_ids: list[str]) -> set[str]:
    if not group_ids:
        return set()
    return set(session.scalars(sa.select(_defaults.c.security_group_id).where(
        _defaults.c.security_group_id.in_(group_ids))))


def records(session: orm.Session, rows: list[Any]) -> list[dict[str, Any]]:
    """Groups with their rules and tags: one query each for the page."""
    ids = [row.id for row in rows]
    defaults = _default_ids(session, ids)
    rules: dict[str, list[dict]] = {}
    if ids:
        for rule in session.execute(sa.select(_rules).where(_R.security_group_id.in_(ids))
                                    .order_by(_R.created_at, _R.id)):
            rules.setdefault(rule.security_group_id, []).append(rule_record(rule, defaults))
    tags = tag_store.of(session, RESOURCE, ids)
    return [{'id': row.id, 'name': row.name, 'stateful': row.stateful, 'shared': False,
             'security_group_rules': rules.get(row.id, []), **base.standard(row, tags)}
            for row in rows]


def row_of(session: orm.Session, ctx: Any, group_id: str) -> Any:
    statement = sa.select(_groups).where(_G.id == group_id)
    if ctx is not None and not ctx.is_admin:
        statement = statement.where(_G.project_id == ctx.project_id)
    row = session.execute(statement).first()
    if row is None:
        raise net_exc.SecurityGroupNotFound(id=group_id)
    return row


def _rule_row(session: orm.Session, ctx: Any, rule_id: str) -> Any:
    statement = sa.select(_rules).where(_R.id == rule_id)
    if not ctx.is_admin:
        statement = statement.where(sa.or_(_R.project_id == ctx.project_id, _R.security_group_id.in_(
            sa.select(_G.id).where(_G.project_id == ctx.project_id))))
    row = session.execute(statement).first()
    if row is None:
        raise net_exc.SecurityGroupRuleNotFound(id=rule_id)
    return row


class SecurityGroupAPI(base.NetworkResourceAPI):
    """Groups and rules; :meth:`ensure_default` for whoever needs a project's default group."""

    def default_id(self, session: orm.Session, project_id: str) -> str | None:
        return session.scalar(sa.select(_defaults.c.security_group_id).where(
            _defaults.c.project_id == project_id))

    def ensure_default(self, session: orm.Session, project_id: str) -> str:
        """The id of ``project_id``'s default group, made now if it has none (in a write)."""
        found = self.default_id(session, project_id)
        if found is not None:
            return found
        db.lock(session, 'default-security-group:%s' % project_id)
        found = self.default_id(session, project_id)
        if found is not None:
            return found
        group_id = base.new_id()
        self._insert_group(session, project_id, group_id, DEFAULT,
                           'Default security group', True, is_default=True)
        session.execute(sa.insert(_defaults).values(project_id=project_id,
                                                    security_group_id=group_id))
        return group_id

    def _insert_group(self, session: orm.Session, project_id: str, group_id: str, name: str,
                      description: str, stateful: bool, is_default: bool = False) -> None:
        moment = base.now()
        session.execute(sa.insert(_groups).values(
            id=group_id, project_id=project_id, name=name, description=description,
            stateful=stateful, revision_number=0, created_at=moment, updated_at=moment))
        session.execute(sa.insert(_rules), [
            {'id': base.new_id(), 'security_group_id': group_id, 'project_id': project_id,
             'description': '', 'revision_number': 0, 'created_at': moment,
             'updated_at': moment, **rule}
            for rule in rule_rules.default_rules(group_id, is_default)])

    def ensure_for(self, ctx: Any) -> None:
        """A project's first look at its groups makes its default one."""
        if self.database.read(self.default_id, ctx.project_id) is None:
            self.database.write(self.ensure_default, ctx.project_id)

    # -- groups ----------------------------------------------------------------

    def list(self, ctx: Any, query: listing.ListQuery) -> tuple[list[dict], bool]:
        self.ensure_for(ctx)

        def read(session):
            rows, more = listing.page(session, SPEC, query, base.owned_or_admin(ctx, _groups),
                                      lambda m: net_exc.SecurityGroupNotFound(id=m))
            return records(session, rows), more
        return self.database.read(read)

    def get(self, ctx: Any, group_id: str) -> dict[str, Any]:
        return self.database.read(lambda s: records(s, [row_of(s, ctx, group_id)])[0])

    def create(self, ctx: Any, values: Mapping[str, Any]) -> dict[str, Any]:
        project_id = base.project_of(ctx, values)
        name = values.get('name') or ''

        def write(session):
            self.ensure_default(session, project_id)
            if name == DEFAULT:
                raise net_exc.SecurityGroupDefaultAlreadyExists()
            self.net.quotas.check(session, project_id, 'security_group')
            self.net.quotas.check(session, project_id, 'security_group_rule', 2)
            group_id = base.new_id()
            self._insert_group(session, project_id, group_id, name,
                               values.get('description') or '', values.get('stateful', True))
            return records(session, [row_of(session, None, group_id)])[0]
        return self.database.write(write)

    def update(self, ctx: Any, group_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
        changes = {name: values[name] for name in ('name', 'description', 'stateful')
                   if name in values}

        def write(session):
            row = row_of(session, ctx, group_id)
            if row.name == DEFAULT and changes.get('name', DEFAULT) != DEFAULT and \
                    _default_ids(session, [group_id]):
                raise net_exc.SecurityGroupCannotUpdateDefault()
            base.bump(session, _groups, group_id, changes)
            return records(session, [row_of(session, None, group_id)])[0]
        return self.database.write(write)

    def delete(self, ctx: Any, group_id: str) -> None:
        def write(session):
            row_of(session, ctx, group_id)
            if _default_ids(session, [group_id]) and not ctx.is_admin:
                raise net_exc.SecurityGroupCannotRemoveDefault()
            if session.scalar(sa.select(sa.func.count()).select_from(_bindings).where(
                    _bindings.c.security_group_id == group_id)):
                raise net_exc.SecurityGroupInUse(id=group_id, reason='in use')
            if session.scalar(sa.select(sa.func.count()).select_from(_rules).where(
                    _R.remote_group_id == group_id, _R.security_group_id != group_id)):
                raise net_exc.SecurityGroupInUse(id=group_id, reason='in use by the rules of '
                                                                     'another group')
            session.execute(sa.delete(_rules).where(_R.security_group_id == group_id))
            session.execute(sa.delete(_defaults).where(_defaults.c.security_group_id == group_id))
            session.execute(sa.delete(_groups).where(_G.id == group_id))
            tag_store.delete(session, RESOURCE, [group_id])
        self.database.write(write)

    # -- rules -----------------------------------------------------------------

    def list_rules(self, ctx: Any, query: listing.ListQuery) -> tuple[list[dict], bool]:
        def read(session):
            visible = None if ctx.is_admin else sa.or_(
                _R.project_id == ctx.project_id,
                _R.security_group_id.in_(sa.select(_G.id).where(_G.project_id == ctx.project_id)))
            rows, more = listing.page(session, RULE_SPEC, query, visible,
                                      lambda m: net_exc.SecurityGroupRuleNotFound(id=m))
            defaults = _default_ids(session, list({row.security_group_id for row in rows}))
            return [rule_record(row, defaults) for row in rows], more
        return self.database.read(read)

    def get_rule(self, ctx: Any, rule_id: str) -> dict[str, Any]:
        def read(session):
            row = _rule_row(session, ctx, rule_id)
            return rule_record(row, _default_ids(session, [row.security_group_id]))
        return self.database.read(read)

    def create_rule(self, ctx: Any, values: Mapping[str, Any]) -> dict[str, Any]:
        rule = rule_rules.checked(values)

        def write(session):
            group = row_of(session, ctx, values.get('security_group_id'))
            if rule['remote_group_id'] is not None:
                row_of(session, ctx, rule['remote_group_id'])
            for other in session.execute(sa.select(_rules).where(
                    _R.security_group_id == group.id)):
                if rule_rules.identity(other._mapping) == rule_rules.identity(rule):
                    raise net_exc.SecurityGroupRuleExists(rule_id=other.id)
            self.net.quotas.check(session, group.project_id, 'security_group_rule')
            rule_id = base.new_id()
            session.execute(sa.insert(_rules).values(
                id=rule_id, security_group_id=group.id, **rule,
                **base.created(ctx, group.project_id, values.get('description'))))
            base.bump(session, _groups, group.id, {})
            return rule_record(_rule_row(session, ctx, rule_id), _default_ids(session, [group.id]))
        return self.database.write(write)

    def delete_rule(self, ctx: Any, rule_id: str) -> None:
        def write(session):
            row = _rule_row(session, ctx, rule_id)
            session.execute(sa.delete(_rules).where(_R.id == rule_id))
            base.bump(session, _groups, row.security_group_id, {})
        self.database.write(write)

    # -- for ports -------------------------------------------------------------

    def check_visible(self, session: orm.Session, project_id: str, is_admin: bool,
                      group_ids: list[str]) -> None:
        """404 SecurityGroupNotFound for a group of ``group_ids`` the port's project lacks."""
        statement = sa.select(_G.id).where(_G.id.in_(group_ids))
        if not is_admin:
            statement = statement.where(_G.project_id == project_id)
        found = set(session.scalars(statement))
        for group_id in group_ids:
            if group_id not in found:
                raise net_exc.SecurityGroupNotFound(id=group_id)
