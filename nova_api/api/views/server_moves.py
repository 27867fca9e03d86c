"""The one body of the move actions: evacuate's ``adminPass`` before 2.14."""

from __future__ import annotations


def evacuated(admin_password: str | None) -> dict:
    """``{"adminPass": ...}``: the password the rebuilt server got (null on shared storage)."""
    return {'adminPass': admin_password}
