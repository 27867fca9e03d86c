"""Flavor extra spec validation (microversion 2.86), Nova's registry as data.

A spec Nova knows is checked against its rule; an unknown spec in a
namespace Nova knows (``hw:foo``) is rejected; anything else (no namespace,
or a namespace of its own such as ``acme:thing``) is accepted unchecked.
"""

from __future__ import annotations

import re

from nova_api import exception
from nova_api.compute.extra_specs import base
from nova_api.compute.extra_specs import hardware
from nova_api.compute.extra_specs import scheduling

SPECS: tuple[base.Spec, ...] = hardware.SPECS + scheduling.SPECS
_BY_NAME = {spec.name: spec for spec in SPECS}
_NAMESPACES = frozenset(ns for ns in (spec.namespace_regex for spec in SPECS) if ns is not None)


def find(name: str) -> base.Spec | None:
    """The spec whose name (parameters included) matches ``name``."""
    spec = _BY_NAME.get(name)
    if spec is not None:
        return spec
    return next((spec for spec in SPECS if re.fullmatch(spec.name_regex, name)), None)


def validate(name: str, value: str) -> None:
    """Raise ValidationError (400) when Nova would reject the extra spec ``name=value``."""
    spec = find(name)
    if spec is not None:
        spec.validate(name, value)
        return
    if ':' not in name:
        return
    namespace = name.split(':', 1)[0]
    if any(re.fullmatch(ns, namespace) for ns in _NAMESPACES):
        raise exception.ValidationError(
            detail="Validation failed; extra spec '%s' does not appear to be a valid "
                   "extra spec." % name)
