"""The JSON schemas Glance serves at ``/v2/schemas/image`` and ``/v2/schemas/images``, as data.

Glance's base properties (``glance/api/v2/images.py``) with its default
formats, the additional properties of its default ``schema-image.json``,
and any other property as a string. Glance's own request validation is not
done with them here: the Image API at /image is read-only.
"""

import copy

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
