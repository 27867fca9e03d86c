"""Bodies of ``os-interface``: a server's ports as Nova shows them (2.70 adds ``tag``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nova_api.api import microversion as mv

#: nova_api.compute.attach_interfaces.Interface, named without importing the compute layer here.
InterfaceRecord = Any


def _interface(req, interface: InterfaceRecord) -> dict:
    body = {
        'net_id': interface.net_id,
        'port_id': interface.port_id,
        'mac_addr': interface.mac_addr,
        'port_state': interface.port_state,
        'fixed_ips': [{'subnet_id': subnet, 'ip_address': address}
                      for address, subnet in interface.fixed_ips],
    }
    if mv.shows_attachment_tags(req):
        body['tag'] = interface.tag
    return body


def index(req, interfaces: Iterable[InterfaceRecord]) -> dict:
    return {'interfaceAttachments': [_interface(req, interface) for interface in interfaces]}


def show(req, interface: InterfaceRecord) -> dict:
    """``GET .../os-interface/{port_id}``, and the attach's answer (the same body)."""
    return {'interfaceAttachment': _interface(req, interface)}
