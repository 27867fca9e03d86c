"""Check a response body against the Compute API's OpenAPI description, at one microversion."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import yaml

#: The formats checked: those the schemas' oneOf alternatives tell apart (accessIPv4 is '' or
#: an address), and ids; date-time is not, as Nova's own usage times have no zone.
_FORMATS = jsonschema.FormatChecker(formats=('ipv4', 'ipv6', 'uuid'))


class ComputeOpenAPI:
    """The component schemas of ``compute-v2.104.yaml``, picked by name and microversion.

    Nova's response schemas are strict (``additionalProperties: false`` and
    ``required``), so a body that validates has no key Nova would not send
    and lacks none it always sends at that version.
    """

    def __init__(self, path: Path) -> None:
        self.document = yaml.load(path.read_text(), Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))
        self.schemas: dict[str, Any] = self.document['components']['schemas']
        self._validators: dict[tuple[str, str], jsonschema.protocols.Validator] = {}

    def name_for(self, prefix: str, version: str) -> str:
        """The schema named ``prefix`` (or ``prefix_NN``) whose x-openstack window holds ``version``."""
        wanted = _version(version)
        for name, schema in self.schemas.items():
            if name != prefix and not (name.startswith(prefix + '_') and name[len(prefix) + 1:].isdigit()):
                continue
            window = schema.get('x-openstack', {})
            low, high = window.get('min-ver'), window.get('max-ver')
            if (low is None or _version(low) <= wanted) and (high is None or wanted <= _version(high)):
                return name
        raise LookupError('no %s schema at %s' % (prefix, version))

    def validate(self, prefix: str, version: str, body: Any) -> None:
        """Raise jsonschema's ValidationError unless ``body`` is what Nova sends at ``version``."""
        key = (prefix, version)
        validator = self._validators.get(key)
        if validator is None:
            schema = dict(self.schemas[self.name_for(prefix, version)])
            # $refs point at '#/components/...': give them the document's components to resolve in.
            schema['components'] = self.document['components']
            validator = self._validators[key] = jsonschema.Draft202012Validator(
                schema, format_checker=_FORMATS)
        validator.validate(body)


def _version(text: str) -> tuple[int, int]:
    major, minor = text.split('.')
    return int(major), int(minor)
