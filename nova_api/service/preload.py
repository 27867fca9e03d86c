"""What the parent does before it forks so that the workers share, rather than copy, its memory.

A worker loads the application after the fork (nothing holding a connection
is shared), but the modules behind it - the routes, the controllers, the
JSON schemas, the policy rules' code - are the same in every worker. Loading
the application once in the parent and dropping it imports them there, into
pages every worker then shares copy-on-write.

CPython's collector writes to every object it examines (gc_refs), so a
collection in a worker would copy each inherited page it walks. Freezing
moves what exists at fork time into the permanent generation that the
collector never walks; the gc module's documentation advises disabling the
collector until fork so no freed holes appear in those pages, and enabling
it again in the child.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

from oslo_config import cfg
from oslo_log import log as logging

LOG = logging.getLogger(__name__)


def warm_up(conf: cfg.ConfigOpts) -> None:
    """Import, in this process, what a worker of ``conf`` imports when it loads the application.

    The application is built and thrown away: its database engine is disposed
    before it ever connects. A failure is left for the worker to report, as
    it always did (with its exit code); here it only costs the sharing.
    """
    from nova_api import compute
    from nova_api import deploy

    try:
        bundle = compute.Compute(conf)
        try:
            deploy.load_app(conf, compute=bundle)
        finally:
            bundle.database.dispose()
    except Exception as exc:  # noqa: BLE001 - the worker reports it with the same cause
        LOG.debug('Could not load the application before forking: %s', exc)
    # The dropped application's cycles, and those of a configuration a reload replaced
    # (frozen by an earlier fork), collected before their pages are shared.
    gc.unfreeze()
    gc.collect()


@contextlib.contextmanager
def frozen_for_fork() -> Iterator[None]:
    """Around ``os.fork()`` in the parent: no collection, and every object frozen at fork.

    The parent stays frozen too: its own collections then skip the shared
    pages as well, and its exit does not walk the whole heap (which made a
    SIGINT exit take seconds on a busy machine). What it leaves frozen is
    collected at the next :func:`warm_up` (start and reload). The child calls
    :func:`in_child` first.
    """
    enabled = gc.isenabled()
    gc.disable()
    gc.freeze()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def in_child() -> None:
    """In the new worker: the collector back on, the inherited objects left frozen."""
    gc.enable()
