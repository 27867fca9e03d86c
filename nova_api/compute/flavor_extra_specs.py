"""Flavor extra specs: read by anyone who sees the flavor, written by admins, validated from 2.86."""

from __future__ import annotations

from collections.abc import Mapping

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.compute import extra_specs
from nova_api.compute import flavors
from nova_api.objects import flavors as flavor_objects

#: The width of the value column.
MAX_VALUE_LENGTH = 255


class FlavorExtraSpecsAPI(base.ResourceAPI):
    """The ``os-extra_specs`` of one flavor."""

    def index(self, ctx: nova_context.RequestContext, flavorid: str) -> dict[str, str]:
        return dict(self.database.read(flavors.get_visible, ctx, flavorid).extra_specs)

    def show(self, ctx: nova_context.RequestContext, flavorid: str, key: str) -> str:
        specs = self.index(ctx, flavorid)
        if key not in specs:
            raise exception.FlavorExtraSpecsNotFound(flavor_id=flavorid, extra_specs_key=key)
        return specs[key]

    def update(self, ctx: nova_context.RequestContext, flavorid: str,
               specs: Mapping[str, str | int | float], validate: bool) -> None:
        """Add or change the given specs; ``validate`` checks them against Nova's registry (2.86)."""
        self._store(ctx, flavorid, {key: _checked(key, value, validate) for key, value in specs.items()})

    def update_one(self, ctx: nova_context.RequestContext, flavorid: str, key: str,
                   body: Mapping[str, str | int | float], validate: bool) -> None:
        """``PUT .../os-extra_specs/{key}``: the body must set exactly the key of the URL."""
        values = {name: _checked(name, value, validate) for name, value in body.items()}
        if key not in values:
            raise exception.ExtraSpecsBodyMismatch()
        self._store(ctx, flavorid, values)

    def _store(self, ctx: nova_context.RequestContext, flavorid: str, values: dict[str, str]) -> None:
        def work(session):
            flavor = flavors.get_visible(session, ctx, flavorid)
            flavor_objects.update_extra_specs(session, flavor.id, values)
        self.database.write(work)

    def delete(self, ctx: nova_context.RequestContext, flavorid: str, key: str) -> None:
        def work(session):
            flavor = flavors.get_visible(session, ctx, flavorid)
            if not flavor_objects.delete_extra_spec(session, flavor.id, key):
                raise exception.FlavorExtraSpecsNotFound(flavor_id=flavorid, extra_specs_key=key)
        self.database.write(work)


def _checked(key: str, value: str | int | float, validate: bool) -> str:
    """The value as stored (a string); numbers are checked for length as Nova does."""
    text = str(value)
    if isinstance(value, (int, float)) and len(text) > MAX_VALUE_LENGTH:
        raise exception.InvalidInput(
            message='extra_specs value has %d characters, more than %d.'
                    % (len(text), MAX_VALUE_LENGTH))
    if validate:
        extra_specs.validate(key, text)
    return text
