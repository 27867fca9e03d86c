"""The Image API's rules: Glance's default policies (``glance/policies/image.py``), Glance's names.

The target of a rule on an image is the image: ``project_id`` and
``owner`` are its owner, ``visibility`` its visibility, ``member_id`` the
caller's project when it is one of the image's members. On a create it is
the proposed image.
"""

from oslo_policy import policy

from nova_api.policies import base

PROJECT_MEMBER = 'role:member and project_id:%(project_id)s'
PROJECT_READER = 'role:reader and project_id:%(project_id)s'
IMAGE_MEMBER = 'project_id:%(member_id)s'
_VISIBLE = ("(project_id:%(project_id)s or project_id:%(member_id)s or "
            "'community':%(visibility)s or 'public':%(visibility)s or 'shared':%(visibility)s)")
ADMIN_OR_PROJECT_MEMBER = '%s or (%s)' % (base.ADMIN, PROJECT_MEMBER)
ADMIN_OR_PROJECT_READER = '%s or (%s)' % (base.ADMIN, PROJECT_READER)
ADMIN_OR_READER_OF_VISIBLE = '%s or (role:reader and %s)' % (base.ADMIN, _VISIBLE)
ADMIN_OR_MEMBER_OF_VISIBLE = '%s or (role:member and %s)' % (base.ADMIN, _VISIBLE)
ADMIN_OR_PROJECT_MEMBER_CREATE = '%s or (%s and project_id:%%(owner)s)' % (
    base.ADMIN, PROJECT_MEMBER)
ADMIN_OR_SHARED_MEMBER = '%s or (role:member and %s)' % (base.ADMIN, IMAGE_MEMBER)
ADMIN_OR_READER_OR_SHARED_MEMBER = (
    '%s or role:reader and (project_id:%%(project_id)s or %s)' % (base.ADMIN, IMAGE_MEMBER))

ADD_IMAGE = 'add_image'
DELETE_IMAGE = 'delete_image'
GET_IMAGE = 'get_image'
GET_IMAGES = 'get_images'
MODIFY_IMAGE = 'modify_image'
PUBLICIZE_IMAGE = 'publicize_image'
COMMUNITIZE_IMAGE = 'communitize_image'
DOWNLOAD_IMAGE = 'download_image'
UPLOAD_IMAGE = 'upload_image'
ADD_MEMBER = 'add_member'
DELETE_MEMBER = 'delete_member'
GET_MEMBER = 'get_member'
GET_MEMBERS = 'get_members'
MODIFY_MEMBER = 'modify_member'
DEACTIVATE = 'deactivate'
REACTIVATE = 'reactivate'

_IMAGE = '/v2/images/{image_id}'
_MEMBER = _IMAGE + '/members/{member_id}'


def _rule(name: str, check_str: str, description: str, method: str, path: str):
    return policy.DocumentedRuleDefault(
        name=name, check_str=check_str, description=description,
        operations=[{'path': path, 'method': method}], scope_types=['project'])


rules = [
    _rule(ADD_IMAGE, ADMIN_OR_PROJECT_MEMBER_CREATE, 'Create new image', 'POST', '/v2/images'),
    _rule(DELETE_IMAGE, ADMIN_OR_PROJECT_MEMBER, 'Deletes the image', 'DELETE', _IMAGE),
    _rule(GET_IMAGE, ADMIN_OR_READER_OF_VISIBLE, 'Get specified image', 'GET', _IMAGE),
    _rule(GET_IMAGES, ADMIN_OR_PROJECT_READER, 'Get all available images', 'GET', '/v2/images'),
    _rule(MODIFY_IMAGE, ADMIN_OR_PROJECT_MEMBER, 'Updates given image', 'PATCH', _IMAGE),
    _rule(PUBLICIZE_IMAGE, base.ADMIN, 'Publicize given image', 'PATCH', _IMAGE),
    _rule(COMMUNITIZE_IMAGE, ADMIN_OR_PROJECT_MEMBER, 'Communitize given image', 'PATCH', _IMAGE),
    _rule(DOWNLOAD_IMAGE, ADMIN_OR_MEMBER_OF_VISIBLE, 'Downloads given image', 'GET',
          _IMAGE + '/file'),
    _rule(UPLOAD_IMAGE, ADMIN_OR_PROJECT_MEMBER, 'Uploads data to specified image', 'PUT',
          _IMAGE + '/file'),
    _rule(ADD_MEMBER, ADMIN_OR_PROJECT_MEMBER, 'Create image member', 'POST',
          _IMAGE + '/members'),
    _rule(DELETE_MEMBER, ADMIN_OR_PROJECT_MEMBER, 'Delete image member', 'DELETE', _MEMBER),
    _rule(GET_MEMBER, ADMIN_OR_READER_OR_SHARED_MEMBER, 'Show image member details', 'GET',
          _MEMBER),
    _rule(GET_MEMBERS, ADMIN_OR_READER_OR_SHARED_MEMBER, 'List image members', 'GET',
          _IMAGE + '/members'),
    _rule(MODIFY_MEMBER, ADMIN_OR_SHARED_MEMBER, 'Update image member', 'PUT', _MEMBER),
    _rule(DEACTIVATE, ADMIN_OR_PROJECT_MEMBER, 'Deactivate image', 'POST',
          _IMAGE + '/actions/deactivate'),
    _rule(REACTIVATE, ADMIN_OR_PROJECT_MEMBER, 'Reactivate image', 'POST',
          _IMAGE + '/actions/reactivate'),
]


def list_rules():
    return rules
