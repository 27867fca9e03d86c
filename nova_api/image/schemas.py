"""The JSON schemas Glance serves at ``/v2/schemas/image`` and ``/v2/schemas/images``, as data.

Glance's base properties (``glance/api/v2/images.py``) with its default
formats, the additional properties of its default ``schema-image.json``,
and any other property as a string; the member schemas of
``glance/api/v2/image_members.py``. Request bodies are validated against
them as Glance does (``create`` is ``image`` itself; a patch checks each
change as a partial image), with Glance's 400 wording (:func:`glance_error`).
"""

import copy

import jsonschema

from nova_api import exception

_UUID = '^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$'
_PROPERTY_KEYS = 'https://docs.openstack.org/python-glanceclient/latest/cli/property-keys.html'

#: Glance's defaults of [image_format] container_formats and disk_formats.
CONTAINER_FORMATS = ['ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker', 'compressed']
DISK_FORMATS = ['ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso', 'ploop']


def _read_only(schema: dict) -> dict:
    return dict(schema, readOnly=True)


BASE_PROPERTIES = {
    'id': {'type': 'string', 'description': 'An identifier for the image', 'pattern': _UUID},
    'name': {'type': ['null', 'string'], 'description': 'Descriptive name for the image',
             'maxLength': 255},
    'status': _read_only({'type': 'string', 'description': 'Status of the image',
                          'enum': ['queued', 'saving', 'active', 'killed', 'deleted', 'uploading',
                                   'importing', 'pending_delete', 'deactivated']}),
    'visibility': {'type': 'string', 'description': 'Scope of image accessibility',
                   'enum': ['community', 'public', 'private', 'shared']},
    'protected': {'type': 'boolean', 'description': 'If true, image will not be deletable.'},
    'os_hidden': {'type': 'boolean',
                  'description': 'If true, image will not appear in default image list response.'},
    'checksum': _read_only({'type': ['null', 'string'], 'description': 'md5 hash of image contents.',
                            'maxLength': 32}),
    'os_hash_algo': _read_only({'type': ['null', 'string'], 'maxLength': 64,
                                'description': 'Algorithm to calculate the os_hash_value'}),
    'os_hash_value': _read_only({'type': ['null', 'string'], 'maxLength': 128,
                                 'description': 'Hexdigest of the image contents using the '
                                                'algorithm specified by the os_hash_algo'}),
    'owner': {'type': ['null', 'string'], 'description': 'Owner of the image', 'maxLength': 255},
    'size': _read_only({'type': ['null', 'integer'], 'description': 'Size of image file in bytes'}),
    'virtual_size': _read_only({'type': ['null', 'integer'],
                                'description': 'Virtual size of image in bytes'}),
    'container_format': {'type': ['null', 'string'], 'description': 'Format of the container',
                         'enum': [None, *CONTAINER_FORMATS]},
    'disk_format': {'type': ['null', 'string'], 'description': 'Format of the disk',
                    'enum': [None, *DISK_FORMATS]},
    'created_at': _read_only({'type': 'string',
                              'description': 'Date and time of image registration'}),
    'updated_at': _read_only({'type': 'string',
                              'description': 'Date and time of the last image modification'}),
    'tags': {'type': 'array', 'description': 'List of strings related to the image',
             'items': {'type': 'string', 'maxLength': 255}},
    'direct_url': _read_only({'type': 'string',
                              'description': 'URL to access the image file kept in external store'}),
    'min_ram': {'type': 'integer', 'description': 'Amount of ram (in MB) required to boot image.'},
    'min_disk': {'type': 'integer',
                 'description': 'Amount of disk space (in GB) required to boot image.'},
    'self': _read_only({'type': 'string', 'description': 'An image self url'}),
    'file': _read_only({'type': 'string', 'description': 'An image file url'}),
    'stores': _read_only({'type': 'string', 'description': 'Store in which image data resides.  '
                          'Only present when the operator has enabled multiple stores.  May be a '
                          'comma-separated list of store identifiers.'}),
    'schema': _read_only({'type': 'string', 'description': 'An image schema url'}),
    'locations': {
        'type': 'array',
        'items': {
            'type': 'object',
            'properties': {'url': {'type': 'string', 'maxLength': 255},
                           'metadata': {'type': 'object'}},
            'required': ['url', 'metadata'],
        },
        'description': 'A set of URLs to access the image file kept in external store',
    },
}

#: Glance's default etc/schema-image.json.
CUSTOM_PROPERTIES = {
    'kernel_id': {'type': ['null', 'string'], 'pattern': _UUID, 'is_base': False,
                  'description': 'ID of image stored in Glance that should be used as the kernel '
                                 'when booting an AMI-style image.'},
    'ramdisk_id': {'type': ['null', 'string'], 'pattern': _UUID, 'is_base': False,
                   'description': 'ID of image stored in Glance that should be used as the '
                                  'ramdisk when booting an AMI-style image.'},
    'instance_uuid': {'type': 'string', 'is_base': False,
                      'description': 'Metadata which can be used to record which instance this '
                                     'image is associated with. (Informational only, does not '
                                     'create an instance snapshot.)'},
    'architecture': {'type': 'string', 'is_base': False,
                     'description': 'Operating system architecture as specified in '
                                    + _PROPERTY_KEYS},
    'os_distro': {'type': 'string', 'is_base': False,
                  'description': 'Common name of operating system distribution as specified in '
                                 + _PROPERTY_KEYS},
    'os_version': {'type': 'string', 'is_base': False,
                   'description': 'Operating system version as specified by the distributor.'},
    'description': {'type': 'string', 'is_base': False,
                    'description': 'A human-readable string describing this image.'},
    'cinder_encryption_key_id': {
        'type': 'string', 'is_base': False,
        'description': 'Identifier in the OpenStack Key Management Service for the encryption key '
                       'for the Block Storage Service to use when mounting a volume created from '
                       'this image'},
    'cinder_encryption_key_deletion_policy': {
        'type': 'string', 'enum': ['on_image_deletion', 'do_not_delete'], 'is_base': False,
        'description': "States the condition under which the Image Service will delete the object "
                       "associated with the 'cinder_encryption_key_id' image property.  If this "
                       "property is missing, the Image Service will take no action"},
}

image = {
    'name': 'image',
    'properties': {**copy.deepcopy(BASE_PROPERTIES), **copy.deepcopy(CUSTOM_PROPERTIES)},
    'additionalProperties': {'type': 'string'},
    'links': [
        {'rel': 'self', 'href': '{self}'},
        {'rel': 'enclosure', 'href': '{file}'},
        {'rel': 'describedby', 'href': '{schema}'},
    ],
}

images = {
    'name': 'images',
    'properties': {
        'images': {'type': 'array', 'items': copy.deepcopy(image)},
        'first': {'type': 'string'},
        'next': {'type': 'string'},
        'schema': {'type': 'string'},
    },
    'links': [
        {'rel': 'first', 'href': '{first}'},
        {'rel': 'next', 'href': '{next}'},
        {'rel': 'describedby', 'href': '{schema}'},
    ],
}

#: Query strings: the list's are read with Glance's rules (compute/image_query.py), the others
#: take none and ignore any.
index_query = {'type': 'object', 'additionalProperties': True}
show_query = {'type': 'object', 'properties': {}, 'additionalProperties': True}

_MEMBER_PROPERTIES = {
    'member_id': {'type': 'string', 'description': 'An identifier for the image member (tenantId)'},
    'image_id': {'type': 'string', 'description': 'An identifier for the image', 'pattern': _UUID},
    'created_at': {'type': 'string', 'description': 'Date and time of image member creation'},
    'updated_at': {'type': 'string',
                   'description': 'Date and time of last modification of image member'},
    'status': {'type': 'string', 'description': 'The status of this image member',
               'enum': ['pending', 'accepted', 'rejected']},
    'schema': {'readOnly': True, 'type': 'string'},
}

member = {'name': 'member', 'properties': copy.deepcopy(_MEMBER_PROPERTIES)}

members = {
    'name': 'members',
    'properties': {
        'members': {'type': 'array', 'items': copy.deepcopy(member)},
        'schema': {'type': 'string'},
    },
    'links': [{'rel': 'self', 'href': '{schema}'}, {'rel': 'describedby', 'href': '{schema}'}],
}


def glance_error(error: jsonschema.ValidationError) -> Exception:
    """Glance's ``InvalidObject`` 400 for a body that does not match the image schema."""
    if error.instance is None and not error.path:
        return exception.Invalid('Body expected in request.')
    return exception.Invalid("Provided object does not match schema 'image': %s" % error.message)


#: ``POST /v2/images``: the image schema, every property optional.
create = {'type': 'object', 'properties': image['properties'],
          'additionalProperties': image['additionalProperties']}

#: ``PATCH /v2/images/{id}``: a list of operations, each checked by Glance's rules
#: (:mod:`nova_api.image.requests`); the values against :data:`create`.
update = {}

#: ``PUT /v2/images/{id}/tags/{tag}``: no body (any is ignored).
tag_update = {}

PATCH_MEDIA_TYPES = ('application/openstack-images-v2.0-json-patch',
                     'application/openstack-images-v2.1-json-patch')
#: The JSON schema draft a patch media type follows (Glance: v2.0 is draft 4's "op as key").
PATCH_DRAFTS = dict(zip(PATCH_MEDIA_TYPES, (4, 10), strict=True))


def member_error(error: jsonschema.ValidationError) -> Exception:
    """Glance's words for a member body it cannot read."""
    if error.instance is None and not error.path:
        return exception.Invalid('Body expected in request.')
    if error.validator == 'required':
        return exception.Invalid('Member to be added not specified')
    if error.validator == 'minLength':
        return exception.Invalid("Member can't be empty")
    return exception.Invalid('Expected a member in the form: {"member": "image_id"}')


def member_status_error(error: jsonschema.ValidationError) -> Exception:
    if error.instance is None and not error.path:
        return exception.Invalid('Body expected in request.')
    if error.validator == 'required':
        return exception.Invalid('Status not specified')
    return exception.Invalid('Expected a status in the form: {"status": "status"}')


member_create = {'type': 'object', 'properties': {'member': {'type': 'string', 'minLength': 1}},
                 'required': ['member']}
member_update = {'type': 'object', 'required': ['status']}
