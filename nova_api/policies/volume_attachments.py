"""Nova's default rules for a server's volume attachments (``os-volume_attachments``).

Readers list and show; members attach, detach and (from 2.85) update
``delete_on_termination``; swapping the volume is for the service (and
admins): Cinder calls it while it migrates a volume.
"""

from nova_api.policies import base

ROOT = 'os_compute_api:os-volumes-attachments:%s'
INDEX = ROOT % 'index'
CREATE = ROOT % 'create'
SHOW = ROOT % 'show'
UPDATE = ROOT % 'update'
SWAP = ROOT % 'swap'
DELETE = ROOT % 'delete'

_PATH = '/servers/{server_id}/os-volume_attachments'
_ONE = _PATH + '/{volume_id}'

#: (name, check string, description, method, path)
_RULES = (
    (INDEX, base.PROJECT_READER_OR_ADMIN, 'List volume attachments for an instance', 'GET', _PATH),
    (CREATE, base.PROJECT_MEMBER_OR_ADMIN, 'Attach a volume to an instance', 'POST', _PATH),
    (SHOW, base.PROJECT_READER_OR_ADMIN, 'Show details of a volume attachment', 'GET', _ONE),
    (UPDATE, base.PROJECT_MEMBER_OR_ADMIN,
     "Update a volume attachment. For a 'swap + update' request (possible only from 2.85) only "
     'the swap policy is checked: it is expected to be a superset of this one.', 'PUT', _ONE),
    (SWAP, base.SERVICE_ROLE, 'Update a volume attachment with a different volumeId', 'PUT', _ONE),
    (DELETE, base.PROJECT_MEMBER_OR_ADMIN, 'Detach a volume from an instance', 'DELETE', _ONE),
)

rules = base.project_rules(_RULES)


def list_rules():
    return rules
