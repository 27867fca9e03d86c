"""The fork-loop guard: a few respawns at once, then an exponential back-off, forgotten when calm."""

from __future__ import annotations

from nova_api.service import respawn


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_few_deaths_are_respawned_at_once():
    guard = respawn.RespawnGuard(limit=3, window=10, clock=Clock())

    assert [guard.delay() for _ in range(3)] == [0, 0, 0]


def test_a_crash_loop_backs_off_exponentially_up_to_the_maximum():
    guard = respawn.RespawnGuard(limit=3, window=10, max_delay=8, clock=Clock())

    delays = [guard.delay() for _ in range(8)]

    assert delays == [0, 0, 0, 1, 2, 4, 8, 8]


def test_the_back_off_is_forgotten_after_a_quiet_window():
    clock = Clock()
    guard = respawn.RespawnGuard(limit=2, window=10, clock=clock)
    assert [guard.delay() for _ in range(4)] == [0, 0, 1, 2]

    clock.now += 13  # 10 s after the last respawn, which was scheduled 2 s ahead

    assert [guard.delay() for _ in range(3)] == [0, 0, 1]


def test_spread_out_deaths_never_wait():
    clock = Clock()
    guard = respawn.RespawnGuard(limit=2, window=10, clock=clock)

    delays = []
    for _ in range(10):
        delays.append(guard.delay())
        clock.now += 6

    assert delays == [0] * 10
