"""Bodies of /extensions: Nova's fixed extension list."""

from __future__ import annotations

from collections.abc import Iterable

from nova_api.compute import extension_info


def _extension(extension: extension_info.Extension) -> dict:
    return {'alias': extension.alias, 'description': extension.description, 'links': [],
            'name': extension.name, 'namespace': extension_info.NAMESPACE,
            'updated': extension_info.UPDATED}


def index(extensions: Iterable[extension_info.Extension]) -> dict:
    return {'extensions': [_extension(extension) for extension in extensions]}


def show(extension: extension_info.Extension) -> dict:
    return {'extension': _extension(extension)}
