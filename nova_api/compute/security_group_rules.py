"""Nova's security group rules (ingress only) and their Neutron form, as
nova/network/security_group_api.py translates them. Pure functions.

A Nova rule is ``protocol`` (tcp, udp or icmp), ``from_port``/``to_port``
(ICMP type and code, -1 for any) and either a source ``cidr`` or a source
``group_id``; a group rule with no ports opens the protocol's whole range.
"""

from __future__ import annotations

import ipaddress
import urllib.parse
from typing import Any

from nova_api.compute import security_groups as groups
from nova_api.exception import security_group_proxy as sg_exc

PROTOCOLS = ('TCP', 'UDP', 'ICMP')
PORT_PROTOCOLS = ('TCP', 'UDP')
ANY_CIDR = '0.0.0.0/0'


def parse_cidr(cidr: Any) -> str:
    """The rule's source network (``0.0.0.0/0`` when none); 400 for one that is not a network
    with a prefix length (its host bits may be set, as netaddr allows)."""
    if not cidr:
        return ANY_CIDR
    if not isinstance(cidr, str):
        raise sg_exc.InvalidCidr(cidr=cidr)
    text = urllib.parse.unquote(cidr)
    address, _, prefix = text.partition('/')
    try:
        ipaddress.ip_network(text, strict=False)
    except ValueError:
        raise sg_exc.InvalidCidr(cidr=cidr) from None
    if not prefix:
        raise sg_exc.InvalidCidr(cidr=cidr)
    if prefix == '0' and address not in ('0.0.0.0', '::'):
        raise sg_exc.BadCidrPrefix(cidr=text)
    return text


def _integer(value: Any, protocol: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        value = None
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        reason = ('Type and Code must be integers for ICMP protocol type' if protocol == 'ICMP'
                  else 'To and From ports must be integers')
        raise sg_exc.PortsNotIntegers(reason=reason) from None


def new_rule(protocol: Any, from_port: Any, to_port: Any, cidr: Any,
             group_id: str | None) -> dict[str, Any]:
    """Nova's ``_new_ingress_rule``: ``{protocol, from_port, to_port, cidr, group_id}``, with
    Nova's 400s (an unknown protocol, a backwards or out-of-range port range, a CIDR rule with
    no protocol or ports)."""
    upper = str(protocol).upper() if protocol not in (None, '') else ''
    if group_id is None:
        cidr = parse_cidr(cidr)
    else:
        cidr = None
        if from_port is None and to_port is None:
            if upper == 'ICMP':
                from_port = to_port = -1
            elif upper in PORT_PROTOCOLS:
                from_port, to_port = 1, 65535
    if not upper or from_port is None or to_port is None:
        if group_id is None:
            raise sg_exc.NotEnoughRuleParameters()
        return {'protocol': None, 'from_port': None, 'to_port': None, 'cidr': None,
                'group_id': group_id}
    low, high = _integer(from_port, upper), _integer(to_port, upper)
    if upper not in PROTOCOLS:
        raise sg_exc.InvalidIpProtocol(protocol=protocol)
    if upper in PORT_PROTOCOLS and low > high:
        raise sg_exc.InvalidPortRange(from_port=low, to_port=high,
                                      msg='Former value cannot be greater than the later')
    if upper in PORT_PROTOCOLS and (low < 1 or high > 65535):
        raise sg_exc.InvalidPortRange(from_port=low, to_port=high,
                                      msg='Valid %s ports should be between 1-65535' % upper)
    if upper == 'ICMP' and not (-1 <= low <= 255 and -1 <= high <= 255):
        raise sg_exc.InvalidPortRange(from_port=low, to_port=high,
                                      msg='For ICMP, the type:code must be valid')
    return {'protocol': upper.lower(), 'from_port': low, 'to_port': high, 'cidr': cidr,
            'group_id': group_id}


def neutron_values(rule: dict[str, Any], parent_group_id: str) -> dict[str, Any]:
    """The Network API rule of a Nova one: ingress, the CIDR's ethertype (IPv4 for a group
    rule, as Nova makes it), -1 ports left out."""
    ethertype = 'IPv4'
    if rule['cidr']:
        ethertype = 'IPv%d' % ipaddress.ip_network(rule['cidr'], strict=False).version
    values = {'direction': 'ingress', 'ethertype': ethertype, 'protocol': rule['protocol'],
              'remote_ip_prefix': rule['cidr'], 'remote_group_id': rule['group_id'],
              'security_group_id': parent_group_id}
    for nova, neutron in (('from_port', 'port_range_min'), ('to_port', 'port_range_max')):
        if rule[nova] is not None and rule[nova] != -1:
            values[neutron] = rule[nova]
    return values


def of_neutron(rule_id: str, group_id: str, protocol: str | None, low: int | None,
               high: int | None, prefix: str | None, remote_group_id: str | None) -> groups.Rule:
    """Nova's view of a Network API ingress rule: a protocol with no ports shows its whole
    range (1-65535, or -1 for ICMP and the others), no prefix shows ``0.0.0.0/0``."""
    if protocol and low is None and high is None:
        low, high = (1, 65535) if protocol.upper() in PORT_PROTOCOLS else (-1, -1)
    return groups.Rule(id=rule_id, parent_group_id=group_id, protocol=protocol, from_port=low,
                       to_port=high, cidr=prefix or ANY_CIDR, group_id=remote_group_id)


def same(rule: dict[str, Any], existing: groups.Rule) -> bool:
    """Nova's ``_rule_exists``: the group has this rule already."""
    return (existing.protocol == rule['protocol'] and existing.from_port == rule['from_port']
            and existing.to_port == rule['to_port'] and existing.group_id == rule['group_id']
            and (rule['group_id'] is not None or existing.cidr == rule['cidr']))
