"""Guest device names of a server's disks: Nova's rules, with libvirt's ``/dev/vda`` root.

Nova's compute manager names every block device at build
(``_default_block_device_names``): the root disk takes the name the
request gave it or the driver's default, then the unnamed ephemeral disks,
swap and volumes, in that order, take the next free letters after the
root's prefix (``get_next_device_name``). A volume attached later takes
the next free letter too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from nova_api import exception

#: libvirt's root disk, when the server does not name one.
ROOT_DEVICE = '/dev/vda'
#: Nova's ``block_device.match_device``: (prefix, letters) of a device path.
_DEVICE_RE = re.compile(r'(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$')


def _split(name: str) -> tuple[str, str]:
    match = _DEVICE_RE.match(name)
    return (match.group(1), match.group(2)) if match else ('/dev/vd', name.rsplit('/', 1)[-1])


def _letter(index: int) -> str:
    """The ``index``-th device letter: a..z, then aa, ab... (Nova's generate_device_letter)."""
    letters = ''
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord('a') + remainder) + letters
    return letters


def _with_dev(name: str) -> str:
    """Nova's ``block_device.prepend_dev``: ``vdb`` is ``/dev/vdb``."""
    return name if name.startswith('/dev/') else '/dev/' + name


def next_device_name(root_device: str | None, used: Iterable[str], requested: str | None) -> str:
    """Nova's ``get_next_device_name``: the root's prefix and the requested (or first free) letter.

    ``DevicePathInUse`` (409) when the letter asked for is taken.
    """
    prefix, root_letter = _split(root_device or ROOT_DEVICE)
    taken = {_split(name)[1] for name in used} | {root_letter}
    if requested:
        letter = _split(requested)[1]
        if letter in taken:
            raise exception.DevicePathInUse(path=requested)
        return prefix + letter
    index = 0
    while _letter(index) in taken:
        index += 1
    return prefix + _letter(index)


def _kind(device: Mapping[str, Any]) -> int:
    """Nova's naming order after the root: ephemeral disks, then swap, then volumes."""
    if device.get('destination_type') == 'volume':
        return 2
    return 1 if device.get('guest_format') == 'swap' else 0


def at_build(devices: Sequence[Mapping[str, Any]]) -> tuple[str, list[str | None]]:
    """The root device name and each device's name (None for a ``no_device`` entry), in order.

    ``devices`` are the block device rows of a new server (the root one has
    boot index 0). Names given stay (with ``/dev/`` in front); the others
    are generated as Nova's ``default_device_names_for_instance`` does.
    """
    names: list[str | None] = [
        None if device.get('no_device') or not device.get('device_name')
        else _with_dev(device['device_name']) for device in devices]
    root_index = next((index for index, device in enumerate(devices)
                       if device.get('boot_index') == 0), None)
    root = ROOT_DEVICE
    if root_index is not None:
        root = names[root_index] or ROOT_DEVICE
        names[root_index] = root
    used = [name for name in names if name]
    unnamed = sorted((index for index, device in enumerate(devices)
                      if names[index] is None and not device.get('no_device')),
                     key=lambda index: _kind(devices[index]))
    for index in unnamed:
        names[index] = next_device_name(root, used, None)
        used.append(names[index])
    return root, names
