"""Security group rules checked as Neutron checks them: direction, ethertype, protocol (by name
or number), port ranges (or ICMP type and code), and a remote prefix of the rule's ethertype or a
remote group, not both. Pure functions; the database work is in security_groups.py."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from nova_api.exception import network as net_exc

#: Neutron's protocol names (neutron_lib.constants.IP_PROTOCOL_MAP), and numbers.
PROTOCOLS = {
    'ah': 51, 'dccp': 33, 'egp': 8, 'esp': 50, 'gre': 47, 'hopopt': 0, 'icmp': 1, 'igmp': 2,
    'ip': 0, 'ipip': 4, 'ipv6-encap': 41, 'ipv6-frag': 44, 'ipv6-icmp': 58, 'icmpv6': 58,
    'ipv6-nonxt': 59, 'ipv6-opts': 60, 'ipv6-route': 43, 'ospf': 89, 'pgm': 113, 'rsvp': 46,
    'sctp': 132, 'tcp': 6, 'udp': 17, 'udplite': 136, 'vrrp': 112,
}
#: The protocols whose rules may have port ranges.
PORT_PROTOCOLS = frozenset(('tcp', 'udp', 'udplite', 'sctp', 'dccp', '6', '17', '136', '132', '33'))
ICMP_PROTOCOLS = frozenset(('icmp', 'ipv6-icmp', 'icmpv6', '1', '58'))
ETHERTYPES = ('IPv4', 'IPv6')
DIRECTIONS = ('ingress', 'egress')
#: The fields that make two rules of a group the same rule.
IDENTITY = ('direction', 'ethertype', 'protocol', 'port_range_min', 'port_range_max',
            'remote_ip_prefix', 'remote_group_id')


def _protocol(value: Any) -> str | None:
    if value is None or value in ('', 'any'):
        return None
    text = str(value).lower()
    if text in PROTOCOLS:
        return text
    if text.isdigit() and 0 <= int(text) <= 255:
        return text
    raise net_exc.SecurityGroupRuleInvalidProtocol(
        protocol=value, values=sorted(PROTOCOLS) + [None])


def _port(value: Any) -> int | None:
    if value is None:
        return None
    try:
        port = int(value)
    except (TypeError, ValueError):
        raise net_exc.SecurityGroupInvalidPortValue(port=value) from None
    if not 0 <= port <= 65535:
        raise net_exc.SecurityGroupInvalidPortValue(port=value)
    return port


def _ports(protocol: str | None, low: int | None, high: int | None) -> None:
    if low is None and high is None:
        return
    if protocol is None:
        raise net_exc.HTTPBadRequest(reason='Must also specify protocol if port range is given.')
    if protocol in PORT_PROTOCOLS:
        if low is None or high is None:
            low = high = low if high is None else high
        if low == 0 or high == 0:
            raise net_exc.SecurityGroupInvalidPortValue(port=0)
        if low > high:
            raise net_exc.SecurityGroupInvalidPortRange()
    elif protocol in ICMP_PROTOCOLS:
        for field, attr, value in (('type', 'port_range_min', low), ('code', 'port_range_max', high)):
            if value is not None and not 0 <= value <= 255:
                raise net_exc.SecurityGroupInvalidIcmpValue(field=field, attr=attr, value=value)
        if low is None and high is not None:
            raise net_exc.SecurityGroupMissingIcmpType(value=high)
    else:
        raise net_exc.HTTPBadRequest(reason='Invalid protocol %s for port range, only supported '
                                            'for TCP, UDP, UDPLITE, SCTP and DCCP.' % protocol)


def normalized(prefix: str | None) -> str | None:
    return None if prefix is None else str(ipaddress.ip_network(prefix, strict=False))


def checked(values: Mapping[str, Any]) -> dict[str, Any]:
    """The columns of a new rule of ``values``; Neutron's 400s for what it refuses."""
    direction = values.get('direction')
    if direction not in DIRECTIONS:
        raise net_exc.HTTPBadRequest(reason="Invalid input for direction. Reason: '%s' is not in "
                                            "['ingress', 'egress']." % (direction,))
    ethertype = values.get('ethertype') or 'IPv4'
    if ethertype.lower() in ('ipv4', 'ipv6'):
        ethertype = 'IPv4' if ethertype.lower() == 'ipv4' else 'IPv6'
    else:
        raise net_exc.HTTPBadRequest(reason="Invalid input for ethertype. Reason: '%s' is not in "
                                            "['IPv4', 'IPv6']." % ethertype)
    protocol = _protocol(values.get('protocol'))
    low, high = _port(values.get('port_range_min')), _port(values.get('port_range_max'))
    _ports(protocol, low, high)
    if protocol in PORT_PROTOCOLS and (low is None) != (high is None):
        low = high = low if high is None else high
    prefix = values.get('remote_ip_prefix')
    if prefix is not None:
        if values.get('remote_group_id') is not None:
            raise net_exc.SecurityGroupRemoteGroupAndRemoteIpPrefix()
        try:
            network = ipaddress.ip_network(str(prefix), strict=False)
        except ValueError:
            raise net_exc.HTTPBadRequest(reason="Invalid input for remote_ip_prefix. Reason: "
                                                "'%s' is not a valid IP subnet." % prefix) from None
        if 'IPv%d' % network.version != ethertype:
            raise net_exc.SecurityGroupRuleParameterConflict(ethertype=ethertype, cidr=prefix)
    return {'direction': direction, 'ethertype': ethertype, 'protocol': protocol,
            'port_range_min': low, 'port_range_max': high, 'remote_ip_prefix': prefix,
            'remote_group_id': values.get('remote_group_id')}


def identity(rule: Mapping[str, Any]) -> tuple:
    """What two rules of one group must differ in (the prefix compared normalized)."""
    return tuple(normalized(rule[name]) if name == 'remote_ip_prefix' else rule[name]
                 for name in IDENTITY)


def default_rules(group_id: str, is_default: bool) -> list[dict[str, Any]]:
    """A new group's rules: egress anywhere (both ethertypes); the ``default`` group also lets
    in whatever comes from its own members."""
    rules = [dict.fromkeys(IDENTITY) | {'direction': 'egress', 'ethertype': ethertype}
             for ethertype in ETHERTYPES]
    if is_default:
        rules += [dict.fromkeys(IDENTITY) | {'direction': 'ingress', 'ethertype': ethertype,
                                             'remote_group_id': group_id}
                  for ethertype in ETHERTYPES]
    return rules
