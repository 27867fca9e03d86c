"""A server's security groups on the network service: the groups of its ports.

Boot names groups by name or id (the project's; ``default`` is made on
first use, as Neutron makes it); the build puts them on the ports it makes;
``addSecurityGroup``/``removeSecurityGroup`` change every port of the
server; ``GET /servers/{id}/os-security-groups`` shows the groups its ports
have, in Nova's proxy format (ingress rules only).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api import exception
from nova_api.compute import security_group_rules as nova_rules
from nova_api.compute import security_groups as compute_groups
from nova_api.db import models
from nova_api.exception import server_ports as port_exc
from nova_api.networking import base

DEFAULT = 'default'
_groups = models.SecurityGroup.__table__
_G = _groups.c
_rules = models.SecurityGroupRule.__table__
_R = _rules.c
_bindings = models.SecurityGroupPortBinding.__table__
_B = _bindings.c
_ports = models.Port.__table__
_P = _ports.c


def _matches(session: orm.Session, project_id: str, name_or_id: str) -> list[Any]:
    """The project's groups named ``name_or_id``, or the one with that id."""
    rows = list(session.execute(sa.select(_G.id, _G.name).where(
        _G.project_id == project_id, _G.name == name_or_id)))
    if not rows:
        rows = list(session.execute(sa.select(_G.id, _G.name).where(
            _G.project_id == project_id, _G.id == name_or_id)))
    return rows


class ServerGroupsAPI(base.NetworkResourceAPI):
    """The security groups of servers' ports."""

    @staticmethod
    def check_names(session: orm.Session, project_id: str, names: Sequence[str]) -> list[str]:
        """The names of the groups boot asks for (ids given become names); 400 for one the
        project lacks, 409 for a name several of its groups have."""
        found = []
        for name in names:
            rows = _matches(session, project_id, name)
            if not rows and name == DEFAULT:
                found.append(DEFAULT)  # made on first use
                continue
            if not rows:
                raise port_exc.BootSecurityGroupNotFound(security_group_id=name)
            if len(rows) > 1:
                raise port_exc.NoUniqueMatch()
            found.append(rows[0].name)
        return sorted(set(found))

    def ids_for(self, session: orm.Session, project_id: str, names: Sequence[str]) -> list[str]:
        """The ids of the groups a build puts on its ports (``default`` made if missing)."""
        ids = set()
        for name in names or [DEFAULT]:
            rows = _matches(session, project_id, name)
            if rows:
                ids.add(rows[0].id)
            elif name == DEFAULT:
                ids.add(self.net.security_groups.ensure_default(session, project_id))
        return sorted(ids)

    def _group_for_action(self, session: orm.Session, project_id: str, name: str) -> str:
        rows = _matches(session, project_id, name)
        if not rows and name == DEFAULT:
            return self.net.security_groups.ensure_default(session, project_id)
        if not rows:
            raise exception.SecurityGroupNotFound(
                'Security group %s is not found for project %s' % (name, project_id))
        if len(rows) > 1:
            raise port_exc.NoUniqueMatch()
        return rows[0].id

    @staticmethod
    def _server_ports(session: orm.Session, server_uuid: str) -> list[Any]:
        ports = list(session.execute(sa.select(_P.id, _P.port_security_enabled).where(
            _P.device_id == server_uuid)))
        if not ports:
            raise exception.SecurityGroupNotFound(
                'instance_id %s could not be found as device id on any ports' % server_uuid)
        return ports

    def add(self, session: orm.Session, server_uuid: str, project_id: str, name: str) -> None:
        """Nova's add_to_instance: the group on every port (there already is no error)."""
        group_id = self._group_for_action(session, project_id, name)
        for port in self._server_ports(session, server_uuid):
            if not port.port_security_enabled:
                raise exception.InvalidInput(
                    reason='Cannot add security group %s to %s since the port %s does not meet '
                           'security requirements' % (name, server_uuid, port.id))
            if session.scalar(sa.select(_B.port_id).where(
                    _B.port_id == port.id, _B.security_group_id == group_id)) is None:
                session.execute(sa.insert(_bindings).values(port_id=port.id,
                                                            security_group_id=group_id))
                base.bump(session, _ports, port.id, {})

    def remove(self, session: orm.Session, server_uuid: str, project_id: str, name: str) -> None:
        """Nova's remove_from_instance: off every port that has it; 404 if none had it."""
        group_id = self._group_for_action(session, project_id, name)
        removed = False
        for port in self._server_ports(session, server_uuid):
            result = session.execute(sa.delete(_bindings).where(
                _B.port_id == port.id, _B.security_group_id == group_id))
            if result.rowcount:
                removed = True
                base.bump(session, _ports, port.id, {})
        if not removed:
            raise exception.SecurityGroupNotFound(
                'Security group %s not associated with the instance %s' % (name, server_uuid))

    @staticmethod
    def names_of(session: orm.Session, server_uuids: Sequence[str]) -> dict[str, list[str]]:
        """``{server: [group name]}`` from the servers' ports, in one query."""
        found: dict[str, set[str]] = {}
        if server_uuids:
            for device, name in session.execute(
                    sa.select(_P.device_id, _G.name).join(_bindings, _B.port_id == _P.id)
                    .join(_groups, _G.id == _B.security_group_id)
                    .where(_P.device_id.in_(list(server_uuids)))):
                found.setdefault(device, set()).add(name)
        return {device: sorted(names) for device, names in found.items()}

    @staticmethod
    def of_server(session: orm.Session, server_uuid: str,
                  project_id: str) -> tuple[list[str], list[compute_groups.SecurityGroup]]:
        """The names of the server's ports' groups, and the records to show them from (the
        groups themselves and the project's, for the names of rules' remote groups)."""
        bound = set(session.scalars(sa.select(_B.security_group_id).join(
            _ports, _P.id == _B.port_id).where(_P.device_id == server_uuid)))
        rows = list(session.execute(sa.select(_groups).where(
            sa.or_(_G.id.in_(bound), _G.project_id == project_id)).order_by(_G.name, _G.id)))
        return sorted({row.name for row in rows if row.id in bound}), _records(session, rows)

    @staticmethod
    def proxy_groups(session: orm.Session, project_id: str | None,
                     group_id: str | None = None) -> list[compute_groups.SecurityGroup]:
        """``os-security-groups``' records: ``project_id``'s groups (every project's when
        None), or the one ``group_id`` of them."""
        statement = sa.select(_groups).order_by(_G.created_at, _G.id)
        if project_id is not None:
            statement = statement.where(_G.project_id == project_id)
        if group_id is not None:
            statement = statement.where(_G.id == group_id)
        return _records(session, list(session.execute(statement)))


def _records(session: orm.Session, rows: Sequence[Any]) -> list[compute_groups.SecurityGroup]:
    """The groups of ``rows`` with their ingress rules in Nova's terms: one query."""
    ids = [row.id for row in rows]
    rules: dict[str, list[compute_groups.Rule]] = {}
    if ids:
        for rule in session.execute(sa.select(_rules).where(
                _R.security_group_id.in_(ids), _R.direction == 'ingress')
                .order_by(_R.created_at, _R.id)):
            rules.setdefault(rule.security_group_id, []).append(nova_rules.of_neutron(
                rule.id, rule.security_group_id, rule.protocol, rule.port_range_min,
                rule.port_range_max, rule.remote_ip_prefix, rule.remote_group_id))
    return [compute_groups.SecurityGroup(row.id, row.name, row.description, row.project_id,
                                         tuple(rules.get(row.id, ())))
            for row in rows]
