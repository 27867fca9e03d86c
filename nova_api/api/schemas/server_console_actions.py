"""Bodies of os-getConsoleOutput and of the console actions 2.6 replaced with
POST /servers/{id}/remote-consoles (see ``remote_consoles.py``).
"""

from __future__ import annotations

from nova_api.api.schemas import SchemaWindows

get_console_output = {
    'type': 'object',
    'properties': {
        'os-getConsoleOutput': {
            'type': 'object',
            'properties': {
                # The last lines to show; -1 and null mean all of them.
                'length': {'type': ['integer', 'string', 'null'], 'pattern': '^-?[0-9]+$', 'minimum': -1},
            },
            'additionalProperties': False,
        },
    },
    'required': ['os-getConsoleOutput'],
    'additionalProperties': False,
}


def _console(action: str, types: list[str]) -> dict:
    return {
        'type': 'object',
        'properties': {
            action: {
                'type': 'object',
                'properties': {'type': {'type': 'string', 'enum': types}},
                'required': ['type'],
                'additionalProperties': False,
            },
        },
        'required': [action],
        'additionalProperties': False,
    }


# Up to 2.5. 'xvpvnc' (XenServer's) is still accepted here, refused further down.
get_vnc_console = _console('os-getVNCConsole', ['novnc', 'xvpvnc'])
get_spice_console = _console('os-getSPICEConsole', ['spice-html5'])
get_serial_console = _console('os-getSerialConsole', ['serial'])
#: RDP consoles are gone (Hyper-V was removed): Nova checks no body and answers 400.
get_rdp_console: dict = {}

GET_CONSOLE_OUTPUT_SCHEMAS: SchemaWindows = ((get_console_output, '2.1', None),)
# The actions themselves exist up to 2.5 (the controller's gate); their schemas have no window.
GET_VNC_CONSOLE_SCHEMAS: SchemaWindows = ((get_vnc_console, '2.1', None),)
GET_SPICE_CONSOLE_SCHEMAS: SchemaWindows = ((get_spice_console, '2.1', None),)
GET_SERIAL_CONSOLE_SCHEMAS: SchemaWindows = ((get_serial_console, '2.1', None),)
GET_RDP_CONSOLE_SCHEMAS: SchemaWindows = ((get_rdp_console, '2.1', None),)
