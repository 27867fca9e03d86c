"""Request bodies of POST /servers/{id}/remote-consoles (2.6), per microversion window.

A protocol and a console type, each from a fixed list; which type goes with
which protocol is checked by the controller. 'rdp' and 'rdp-html5' are still
listed (Nova documents them) but refused with 400 by the controller.
"""

from __future__ import annotations

import copy

from nova_api.api.schemas import SchemaWindows

create_v2_6 = {
    'type': 'object',
    'properties': {
        'remote_console': {
            'type': 'object',
            'properties': {
                'protocol': {'type': 'string', 'enum': ['vnc', 'spice', 'serial', 'rdp']},
                'type': {
                    'type': 'string',
                    'enum': ['novnc', 'xvpvnc', 'spice-html5', 'serial', 'rdp-html5'],
                },
            },
            'required': ['protocol', 'type'],
            'additionalProperties': False,
        },
    },
    'required': ['remote_console'],
    'additionalProperties': False,
}

#: 2.8: VMware's MKS consoles.
create_v2_8 = copy.deepcopy(create_v2_6)
create_v2_8['properties']['remote_console']['properties']['protocol']['enum'].append('mks')
create_v2_8['properties']['remote_console']['properties']['type']['enum'].append('webmks')

#: 2.99: SPICE consoles reached directly, without the HTML5 proxy.
create_v2_99 = copy.deepcopy(create_v2_8)
create_v2_99['properties']['remote_console']['properties']['type']['enum'].append('spice-direct')

CREATE_SCHEMAS: SchemaWindows = (
    (create_v2_6, '2.6', '2.7'),
    (create_v2_8, '2.8', '2.98'),
    (create_v2_99, '2.99', None),
)
