"""The body of ``POST /os-server-external-events``: each event as sent, with its code and status."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: nova_api.compute.server_external_events.Outcome.
OutcomeRecord = Any


def created(outcomes: Iterable[OutcomeRecord]) -> dict:
    return {'events': [dict(outcome.event, code=outcome.code, status=outcome.status)
                       for outcome in outcomes]}
