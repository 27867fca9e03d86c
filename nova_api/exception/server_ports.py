"""What boot and a server's ports answer when the network service says no: Nova's wording.

Imported from here (not re-exported from :mod:`nova_api.exception`): they
are raised only by :mod:`nova_api.networking.compute_ports`.
"""

from __future__ import annotations

from nova_api.exception.base import Conflict
from nova_api.exception.base import Forbidden
from nova_api.exception.base import Invalid


class NetworkAmbiguous(Conflict):
    msg_fmt = 'Multiple possible networks found, use a Network ID to be more specific.'


class NetworkRequiresSubnet(Invalid):
    msg_fmt = 'Network %(network_uuid)s requires a subnet in order to boot instances on.'


class PortRequiresFixedIP(Invalid):
    msg_fmt = 'Port %(port_id)s requires a FixedIP in order to be used.'


class ExternalNetworkAttachForbidden(Forbidden):
    msg_fmt = 'It is not allowed to create an interface on external network %(network_uuid)s'


class BootSecurityGroupNotFound(Invalid):
    """An unknown group at create: Nova answers 400 with its SecurityGroupNotFound wording."""

    msg_fmt = 'Security group %(security_group_id)s not found.'


class NoUniqueMatch(Conflict):
    msg_fmt = 'No unique match was found.'


class FixedIpNotInSubnets(Invalid):
    msg_fmt = 'Fixed IP address %(address)s is not valid on network %(network_id)s.'


class InvalidNetworkForFixedIp(Invalid):
    """addFixedIp on a network the server has no port on (Nova's NetworkNotFoundForInstance)."""

    msg_fmt = 'Network could not be found for instance %(instance_id)s.'


class NoMoreFixedIpsOnNetwork(Invalid):
    """addFixedIp on an exhausted network: Nova's multinic answers 400."""

    msg_fmt = 'No fixed IP addresses available for network: %(net)s'
