"""Fixtures of the API tests that need servers: the shipped pipeline over a simulated cloud, in-process."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from typing import Any

import pytest
import webob

from nova_api import compute as compute_layer
from nova_api import context as nova_context
from nova_api.objects import server_changes

CIRROS = '7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01'
ADMIN = 'admin:admin'


@dataclasses.dataclass
class SimulatedCloud:
    """The pipeline as shipped (noauth2: the token is ``user:project``, ``admin`` is an admin),
    and a compute layer on the same database whose task runner does the queued work."""

    app: Callable
    compute: compute_layer.Compute
    send: Callable[..., webob.Response]
    clock: datetime.datetime = dataclasses.field(default_factory=server_changes.utcnow)

    def __call__(self, method: str, path: str, token: str, version: str | None = None,
                 body: Any = None) -> webob.Response:
        return self.send(self.app, '/v2.1' + path, method=method, body=body, token=token,
                         version=version)

    def settle(self, seconds: float = 2.0) -> None:
        """Run the task runner through ``seconds`` of simulated time."""
        runner = self.compute.servers.task_runner()
        self.clock = max(self.clock, server_changes.utcnow())
        for _ in range(int(seconds / 0.05)):
            self.clock += datetime.timedelta(seconds=0.05)
            runner.run_once(self.clock)

    def flavor(self, flavorid: str, vcpus: int = 1, memory_mb: int = 512,
               **extra_specs: str) -> str:
        """A public flavor with these extra specs."""
        admin = nova_context.RequestContext(user_id='admin', project_id='admin', roles=['admin'],
                                            is_admin=True)
        self.compute.flavors.create(admin, {'name': flavorid, 'flavorid': flavorid,
                                            'vcpus': vcpus, 'memory_mb': memory_mb, 'root_gb': 1})
        if extra_specs:
            self.compute.flavor_extra_specs.update(admin, flavorid, extra_specs, validate=True)
        return flavorid

    def boot(self, token: str, flavor: str = '1', settle: bool = True, **fields: Any) -> str:
        """A server booted over the API (ACTIVE unless ``settle`` is false); its id."""
        server = {'name': 'srv', 'flavorRef': flavor, 'imageRef': CIRROS, 'networks': 'auto',
                  **fields}
        created = self('POST', '/servers', token, '2.37', {'server': server})
        assert created.status_int == 202, created.text
        server_id = created.json_body['server']['id']
        if settle:
            self.settle()
        return server_id


@pytest.fixture
def simulated_cloud(sqlite_conf, load_pipeline, api_request) -> SimulatedCloud:
    """:class:`SimulatedCloud` on an embedded database: hosts cmp1 and cmp2."""
    conf = sqlite_conf(overrides={'DEFAULT': {'compute_hosts': ['cmp1', 'cmp2']}})
    app = load_pipeline(conf)
    compute = compute_layer.Compute(conf)
    compute.network.ensure_seeded()
    return SimulatedCloud(app, compute, api_request)

