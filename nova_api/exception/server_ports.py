"""What boot and a server's ports answer when the network service says no: Nova's wording.

Imported from here (not re-exported from :mod:`nova_api.exception`): they
are raised only by :mod:`nova_api.networking.compute_ports`.
"""

from __future__ import annotations

from nova_api.exception.base import Conflict
from nova_api.exception.base import Forbidden
from nova_api.exception.base import Invalid
from nova_api.exception.base import NotFound


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


# -- the floating IP proxies ----------------------------------------------------------------

class NoNetworkService(NotFound):
    """A network proxy with ``[network] enabled = false``: there is nothing it proxies."""

    msg_fmt = 'The network service is not enabled.'


class FloatingIpNotFound(NotFound):
    msg_fmt = 'Floating IP not found for ID %(id)s'


class FloatingIpNotFoundForAddress(NotFound):
    msg_fmt = 'floating IP not found'


class FloatingIpPoolNotFound(NotFound):
    msg_fmt = 'Floating IP pool not found.'


class NoMoreFloatingIps(NotFound):
    msg_fmt = 'No more floating IPs in pool %(pool)s.'


class FloatingIpLimitExceeded(Forbidden):
    msg_fmt = 'IP allocation over quota in pool %(pool)s.'


class FloatingIpAssociated(Invalid):
    msg_fmt = 'floating IP is already associated'


class FixedAddressNotOnServer(Invalid):
    msg_fmt = 'Specified fixed address not assigned to instance'


class NoFixedIpsOnServer(Invalid):
    msg_fmt = 'No fixed IPs associated to instance'


class FloatingIpAssociateFailed(Invalid):
    msg_fmt = '%(reason)s'


class FloatingIpNotAssociatedWithServer(Conflict):
    msg_fmt = 'Floating IP %(address)s is not associated with instance %(id)s.'
