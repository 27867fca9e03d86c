"""Errors of the Network API, named and worded as Neutron's (neutron_lib/exceptions).

The Network API's fault body names the error by its class
(``{"NeutronError": {"type": "NetworkNotFound", ...}}``), so these keep
Neutron's class names; they live in their own module (not re-exported from
:mod:`nova_api.exception`) because some names (``NetworkNotFound``,
``PortNotFound``) are also compute errors with other meanings.
"""

from __future__ import annotations

from nova_api.exception.base import Conflict
from nova_api.exception.base import Forbidden
from nova_api.exception.base import Invalid
from nova_api.exception.base import NotFound


class NetworkNotFound(NotFound):
    msg_fmt = 'Network %(net_id)s could not be found.'


class SubnetNotFound(NotFound):
    msg_fmt = 'Subnet %(subnet_id)s could not be found.'


class PortNotFound(NotFound):
    msg_fmt = 'Port %(port_id)s could not be found.'


class SecurityGroupNotFound(NotFound):
    msg_fmt = 'Security group %(id)s does not exist'


class SecurityGroupRuleNotFound(NotFound):
    msg_fmt = 'Security group rule %(id)s does not exist'


class RouterNotFound(NotFound):
    msg_fmt = 'Router %(router_id)s could not be found'


class FloatingIPNotFound(NotFound):
    msg_fmt = 'Floating IP %(floatingip_id)s could not be found'


class ExternalGatewayForFloatingIPNotFound(NotFound):
    msg_fmt = ('External network %(external_network_id)s is not reachable from subnet '
               '%(subnet_id)s.  Therefore, cannot associate Port %(port_id)s with a '
               'Floating IP.')


class RouterInterfaceNotFoundForSubnet(NotFound):
    msg_fmt = 'Router %(router_id)s has no interface on subnet %(subnet_id)s'


class RouterInterfaceNotFound(NotFound):
    msg_fmt = 'Router %(router_id)s does not have an interface with id %(port_id)s'


class TagNotFound(NotFound):
    msg_fmt = 'Tag %(tag)s could not be found.'


class MarkerNotFound(NotFound):
    # Neutron answers a marker it cannot find with the resource's NotFound; one wording for all.
    msg_fmt = 'Marker %(marker)s could not be found.'


class ExtensionNotFound(NotFound):
    msg_fmt = 'Extension %(extension)s could not be found.'


class InvalidInput(Invalid):
    msg_fmt = 'Invalid input for operation: %(error_message)s.'


class HTTPBadRequest(Invalid):
    """Neutron's attribute checks (neutron/api/v2/base.py) answer with webob's 400."""

    msg_fmt = '%(reason)s'


class InvalidAllocationPool(Invalid):
    msg_fmt = 'The allocation pool %(pool)s is not valid.'


class OverlappingAllocationPools(Conflict):
    msg_fmt = ('Found overlapping allocation pools: %(pool_1)s %(pool_2)s for subnet '
               '%(subnet_cidr)s.')


class OutOfBoundsAllocationPool(Invalid):
    msg_fmt = 'The allocation pool %(pool)s spans beyond the subnet cidr %(subnet_cidr)s.'


class GatewayConflictWithAllocationPools(Conflict):
    msg_fmt = 'Gateway ip %(ip_address)s conflicts with allocation pool %(pool)s.'


class DNSNameServersExhausted(Invalid):
    msg_fmt = ('Unable to complete operation for %(subnet_id)s. The number of DNS '
               'nameservers exceeds the limit %(quota)s.')


class HostRoutesExhausted(Invalid):
    msg_fmt = ('Unable to complete operation for %(subnet_id)s. The number of host routes '
               'exceeds the limit %(quota)s.')


class InvalidIpForSubnet(Invalid):
    msg_fmt = 'IP address %(ip_address)s is not a valid IP for the specified subnet.'


class InvalidIpForNetwork(Invalid):
    msg_fmt = 'IP address %(ip_address)s is not a valid IP for any of the subnets on the specified network.'


class IpAddressAlreadyAllocated(Conflict):
    msg_fmt = 'IP address %(ip)s already allocated in subnet %(subnet_id)s'


class IpAddressGenerationFailure(Conflict):
    msg_fmt = 'No more IP addresses available on network %(net_id)s.'


class MacAddressInUse(Conflict):
    msg_fmt = ('Unable to complete operation for network %(net_id)s. The mac address '
               '%(mac)s is in use.')


class NetworkInUse(Conflict):
    msg_fmt = ('Unable to complete operation on network %(net_id)s. There are one or more '
               'ports still in use on the network.')


class SubnetInUse(Conflict):
    msg_fmt = ('Unable to complete operation on subnet %(subnet_id)s: One or more ports have '
               'an IP allocation from this subnet.')


class PortInUse(Conflict):
    msg_fmt = ('Unable to complete operation on port %(port_id)s for network %(net_id)s. '
               'Port already has an attached device %(device_id)s.')


class ServicePortInUse(Conflict):
    msg_fmt = 'Port %(port_id)s cannot be deleted directly via the port API: %(reason)s.'


class PortSecurityAndIPRequiredForSecurityGroups(Invalid):
    msg_fmt = ('Port security must be enabled and port must have an IP address in order to use '
               'security groups.')


class PortSecurityPortHasSecurityGroup(Conflict):
    msg_fmt = ('Port has security group associated. Cannot disable port security or IP '
               'address until security group is removed')


class AddressPairAndPortSecurityRequired(Conflict):
    msg_fmt = ('Port Security must be enabled in order to have allowed address pairs on a '
               'port.')


class DuplicateAddressPairInRequest(Invalid):
    msg_fmt = ('Request contains duplicate address pair: mac_address %(mac_address)s '
               'ip_address %(ip_address)s.')


class SecurityGroupRuleExists(Conflict):
    msg_fmt = 'Security group rule already exists. Rule id is %(rule_id)s.'


class SecurityGroupInUse(Conflict):
    msg_fmt = 'Security Group %(id)s %(reason)s.'


class SecurityGroupCannotRemoveDefault(Conflict):
    msg_fmt = 'Insufficient rights for removing default security group.'


class SecurityGroupCannotUpdateDefault(Conflict):
    msg_fmt = 'Updating default security group not allowed.'


class SecurityGroupDefaultAlreadyExists(Conflict):
    msg_fmt = 'Default security group already exists.'


class SecurityGroupInvalidPortRange(Invalid):
    msg_fmt = 'For TCP/UDP protocols, port_range_min must be <= port_range_max'


class SecurityGroupInvalidPortValue(Invalid):
    msg_fmt = 'Invalid value for port %(port)s'


class SecurityGroupInvalidIcmpValue(Invalid):
    msg_fmt = ('Invalid value for ICMP %(field)s (%(attr)s) %(value)s. It must be 0 to 255.')


class SecurityGroupMissingIcmpType(Invalid):
    msg_fmt = 'ICMP code (port-range-max) %(value)s is provided but ICMP type (port-range-min) is missing.'


class SecurityGroupRuleInvalidProtocol(Invalid):
    msg_fmt = ('Security group rule protocol %(protocol)s not supported. Only protocol values '
               '%(values)s and integer representations [0 to 255] are supported.')


class SecurityGroupRuleParameterConflict(Invalid):
    msg_fmt = 'Conflicting value ethertype %(ethertype)s for CIDR %(cidr)s'


class SecurityGroupRemoteGroupAndRemoteIpPrefix(Invalid):
    msg_fmt = ('Only remote_ip_prefix or remote_group_id may be provided.')


class SecurityGroupNotSingleGroupRules(Invalid):
    msg_fmt = 'Only allowed to update rules for one security profile at a time'


class RouterInUse(Conflict):
    msg_fmt = 'Router %(router_id)s %(reason)s'


class RouterInterfaceInUseByFloatingIP(Conflict):
    msg_fmt = ('Router interface for subnet %(subnet_id)s on router %(router_id)s cannot be '
               'deleted, as it is required by one or more floating IPs.')


class RouterExternalGatewayInUseByFloatingIp(Conflict):
    msg_fmt = ('Gateway cannot be updated for router %(router_id)s, since a gateway to '
               'external network %(net_id)s is required by one or more floating IPs.')


class BadRequest(Invalid):
    """Neutron's generic BadRequest: ``Bad %(resource)s request: %(msg)s.``"""

    msg_fmt = 'Bad %(resource)s request: %(msg)s.'


class FloatingIPPortAlreadyAssociated(Conflict):
    msg_fmt = ('Cannot associate floating IP %(floating_ip_address)s (%(fip_id)s) with port '
               '%(port_id)s using fixed IP %(fixed_ip)s, as that fixed IP already has a '
               'floating IP on external network %(net_id)s.')


class ExternalIpAddressExhausted(Invalid):
    msg_fmt = 'Unable to find any IP address on external network %(net_id)s.'


class NetworkNotExternal(Invalid):
    """Neutron words it as a BadRequest on the floating IP."""

    msg_fmt = 'Bad floatingip request: Network %(net_id)s is not a valid external network.'


class OverQuota(Conflict):
    msg_fmt = 'Quota exceeded for resources: %(overs)s.'


class InvalidQuotaValue(Conflict):
    msg_fmt = ('Change would make usage less than 0 for the following resources: %(unders)s.')


class InvalidSharedSetting(Conflict):
    msg_fmt = 'Unable to reconfigure sharing settings for network %(network)s. Multiple tenants are using it.'


#: The ``type`` of every other error in the fault body, by status (webob's class names).
HTTP_TYPES = {400: 'HTTPBadRequest', 401: 'HTTPUnauthorized', 403: 'HTTPForbidden',
              404: 'HTTPNotFound', 405: 'HTTPMethodNotAllowed', 406: 'HTTPNotAcceptable',
              409: 'HTTPConflict', 413: 'HTTPRequestEntityTooLarge',
              415: 'HTTPUnsupportedMediaType', 500: 'HTTPInternalServerError'}


class PolicyNotAuthorized(Forbidden):
    msg_fmt = 'rule:%(action)s is disallowed by policy'
