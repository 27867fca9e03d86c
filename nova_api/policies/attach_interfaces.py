"""Nova's default rules for a server's interfaces (``os-interface``): readers list and show,
members attach and detach, admins do all four on any server."""

from nova_api.policies import base

ROOT = 'os_compute_api:os-attach-interfaces:%s'
LIST = ROOT % 'list'
SHOW = ROOT % 'show'
CREATE = ROOT % 'create'
DELETE = ROOT % 'delete'

_PATH = '/servers/{server_id}/os-interface'

#: (name, check string, description, method, path)
_RULES = (
    (LIST, base.PROJECT_READER_OR_ADMIN, 'List port interfaces attached to a server', 'GET', _PATH),
    (SHOW, base.PROJECT_READER_OR_ADMIN, 'Show details of a port interface attached to a server',
     'GET', _PATH + '/{port_id}'),
    (CREATE, base.PROJECT_MEMBER_OR_ADMIN, 'Attach an interface to a server', 'POST', _PATH),
    (DELETE, base.PROJECT_MEMBER_OR_ADMIN, 'Detach an interface from a server', 'DELETE',
     _PATH + '/{port_id}'),
)

rules = base.project_rules(_RULES)


def list_rules():
    return rules
