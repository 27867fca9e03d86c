"""Servers: the state machine, the API's rules for each operation, and the work behind them.

- ``states``      Nova's vm_state / task_state / power_state and the status they show
- ``operations``  every operation as a table row: the states it starts from, its steps
- ``api``         accepting an operation: a compare-and-swap and a task row, one transaction
- ``tasks``       the lease-based runner that carries the steps out
- ``driver``      the interface of the hypervisor; ``simulated`` the one nova_api runs
"""
