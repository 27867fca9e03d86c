"""The compute driver's interface: what a hypervisor does for the operations of a server.

Each method gets the server's row (a mapping of its columns) and its
metadata, and either returns (the operation happened) or raises
:class:`DriverError` (it failed; the server goes where its operation's
``on_failure`` says, with a fault). The time an operation takes is the
driver's to say too: the task runner waits that long over its steps rather
than blocking in the driver.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from typing import Protocol


class DriverError(Exception):
    """A driver operation failed; ``message`` goes into the server's fault.

    ``states`` replace the operation's ``on_failure`` states where a step
    fails differently from the rest (a move that finds no valid host leaves
    the server as it was; a failure on the hypervisor puts it in ERROR).
    """

    def __init__(self, message: str, details: str | None = None,
                 states: Mapping[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.details = details
        self.states = states


class Driver(Protocol):
    """A hypervisor: the lifecycle's operations by name, and the others through :meth:`run`."""

    def duration(self, option: str, metadata: Mapping[str, str]) -> float:
        """Seconds the operation whose ``[simulated_driver]`` option is ``option`` takes."""

    def spawn(self, server: Mapping[str, Any], metadata: Mapping[str, str]) -> None: ...

    def reboot(self, server: Mapping[str, Any], metadata: Mapping[str, str]) -> None: ...

    def power_off(self, server: Mapping[str, Any], metadata: Mapping[str, str]) -> None: ...

    def power_on(self, server: Mapping[str, Any], metadata: Mapping[str, str]) -> None: ...

    def destroy(self, server: Mapping[str, Any], metadata: Mapping[str, str]) -> None: ...

    def run(self, operation: str, server: Mapping[str, Any], metadata: Mapping[str, str]) -> None:
        """Pause, suspend, rescue, rebuild, shelve... (``operation`` names it)."""

    def snapshot(self, server: Mapping[str, Any], metadata: Mapping[str, str]) -> None:
        """Extract the server's disk for an image (createImage, createBackup)."""

    def move(self, operation: str, server: Mapping[str, Any], metadata: Mapping[str, str]) -> None:
        """The hypervisor's part of a move: ``resize``, ``migrate``, ``confirm_resize``,
        ``revert_resize``, ``live_migration`` or ``evacuate``."""
