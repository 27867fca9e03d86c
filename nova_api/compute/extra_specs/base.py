"""One extra spec's rule as data: its name (with parameters) and the values it takes."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from oslo_utils import strutils

from nova_api import exception


@dataclasses.dataclass(frozen=True)
class Spec:
    """A known extra spec, written the way Nova documents it.

    ``name`` may hold parameters in braces (``hw:numa_cpus.{id}``), each
    matched by its pattern in ``parameters``. ``value`` is ``int``, ``bool``
    or ``str``; a str may be restricted by ``pattern`` or ``enum``, an int
    by ``min`` and ``max``.
    """

    name: str
    value: type = str
    enum: tuple[str, ...] = ()
    pattern: str | None = None
    min: int | None = None
    max: int | None = None
    parameters: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @property
    def name_regex(self) -> str:
        regex = self.name
        for param, pattern in self.parameters.items():
            regex = regex.replace('{%s}' % param, '(?P<%s>%s)' % (param, pattern))
        return regex

    @property
    def namespace_regex(self) -> str | None:
        """The regex of the part before ':', or None for a spec without a namespace."""
        regex = self.name_regex
        return regex.split(':', 1)[0] if ':' in regex else None

    def validate(self, name: str, value: str) -> None:
        """Raise Nova's ValidationError (400) when ``value`` is not one this spec takes.

        ``name`` must match the spec's name with its parameters filled in: the
        registry finds a spec by its literal name too (``hw:numa_cpus.{num}``),
        and Nova refuses that name rather than checking its value.
        """
        if not re.fullmatch(self.name_regex, name):
            _fail("expected a name of format '%s' but got '%s'." % (self.name, name))
        if self.value is int:
            self._check_int(value)
        elif self.value is bool:
            try:
                strutils.bool_from_string(value, strict=True)
            except ValueError:
                _fail("'%s' is not a valid boolean-like value." % value)
        elif self.pattern is not None:
            if not re.fullmatch(self.pattern, value):
                _fail("'%s' is not of the format '%s'." % (value, self.pattern))
        elif self.enum and value not in self.enum:
            _fail("'%s' is not one of: %s." % (value, ', '.join(self.enum)))

    def _check_int(self, value: str) -> None:
        try:
            number = int(value)
        except ValueError:
            _fail("'%s' is not a valid integer value." % value)
        if self.max is not None and number > self.max:
            _fail("'%s' is greater than the max value of '%s'." % (number, self.max))
        if self.min is not None and number < self.min:
            _fail("'%s' is less than the min value of '%s'." % (number, self.min))


def _fail(reason: str) -> None:
    raise exception.ValidationError(detail='Validation failed; ' + reason)
