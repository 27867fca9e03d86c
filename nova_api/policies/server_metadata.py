"""Nova's default rules for a server's metadata: readers of the project look, members change."""

from nova_api.policies import base

POLICY_ROOT = 'os_compute_api:server-metadata:%s'
INDEX = POLICY_ROOT % 'index'
SHOW = POLICY_ROOT % 'show'
CREATE = POLICY_ROOT % 'create'
UPDATE_ALL = POLICY_ROOT % 'update_all'
UPDATE = POLICY_ROOT % 'update'
DELETE = POLICY_ROOT % 'delete'

#: (name, check, description, method, path)
_RULES = (
    (INDEX, base.PROJECT_READER_OR_ADMIN, 'List all metadata of a server', 'GET',
     '/servers/{server_id}/metadata'),
    (SHOW, base.PROJECT_READER_OR_ADMIN, 'Show metadata for a server', 'GET',
     '/servers/{server_id}/metadata/{key}'),
    (CREATE, base.PROJECT_MEMBER_OR_ADMIN, 'Create metadata for a server', 'POST',
     '/servers/{server_id}/metadata'),
    (UPDATE_ALL, base.PROJECT_MEMBER_OR_ADMIN, 'Replace metadata for a server', 'PUT',
     '/servers/{server_id}/metadata'),
    (UPDATE, base.PROJECT_MEMBER_OR_ADMIN, 'Update metadata from a server', 'PUT',
     '/servers/{server_id}/metadata/{key}'),
    (DELETE, base.PROJECT_MEMBER_OR_ADMIN, 'Delete metadata from a server', 'DELETE',
     '/servers/{server_id}/metadata/{key}'),
)

rules = base.project_rules(_RULES)


def list_rules():
    return rules
