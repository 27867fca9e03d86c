"""Nova's default rules for a server's tags (2.26): readers of the project look, members change."""

from nova_api.policies import base

POLICY_ROOT = 'os_compute_api:os-server-tags:%s'
INDEX = POLICY_ROOT % 'index'
SHOW = POLICY_ROOT % 'show'
UPDATE = POLICY_ROOT % 'update'
UPDATE_ALL = POLICY_ROOT % 'update_all'
DELETE = POLICY_ROOT % 'delete'
DELETE_ALL = POLICY_ROOT % 'delete_all'

#: (name, check, description, method, path)
_RULES = (
    (DELETE_ALL, base.PROJECT_MEMBER_OR_ADMIN, 'Delete all the server tags', 'DELETE',
     '/servers/{server_id}/tags'),
    (INDEX, base.PROJECT_READER_OR_ADMIN, 'List all tags for given server', 'GET',
     '/servers/{server_id}/tags'),
    (UPDATE_ALL, base.PROJECT_MEMBER_OR_ADMIN, 'Replace all tags on specified server with the '
     'new set of tags.', 'PUT', '/servers/{server_id}/tags'),
    (DELETE, base.PROJECT_MEMBER_OR_ADMIN, 'Delete a single tag from the specified server',
     'DELETE', '/servers/{server_id}/tags/{tag}'),
    (UPDATE, base.PROJECT_MEMBER_OR_ADMIN, 'Add a single tag to the server if server has no '
     'specified tag', 'PUT', '/servers/{server_id}/tags/{tag}'),
    (SHOW, base.PROJECT_READER_OR_ADMIN, 'Check tag existence on the server.', 'GET',
     '/servers/{server_id}/tags/{tag}'),
)

rules = base.project_rules(_RULES)


def list_rules():
    return rules
