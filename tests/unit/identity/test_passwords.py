"""Password hashing: salted scrypt, verified in constant time, a dummy check for unknown users."""

from __future__ import annotations

from nova_api.identity import passwords


def test_a_hash_verifies_its_password_and_no_other():
    encoded = passwords.hash_password('correct horse')

    assert passwords.verify('correct horse', encoded)
    assert not passwords.verify('correct horsE', encoded)
    assert not passwords.verify('', encoded)


def test_the_same_password_hashes_differently_each_time():
    assert passwords.hash_password('same') != passwords.hash_password('same')


def test_the_hash_keeps_its_parameters_and_not_the_password():
    encoded = passwords.hash_password('s3cret-value')

    assert encoded.startswith('scrypt$16384$8$1$') and 's3cret-value' not in encoded


def test_no_hash_never_verifies_even_the_dummys_password():
    assert not passwords.verify('anything', None)
    assert not passwords.verify(None, passwords.DUMMY)


def test_a_corrupt_hash_never_verifies():
    assert not passwords.verify('x', 'scrypt$bad')
    assert not passwords.verify('x', 'md5$1$2$3$abc$def')


def test_an_overlong_password_never_verifies():
    encoded = passwords.hash_password('a' * 10)

    assert not passwords.verify('a' * (passwords.MAX_LENGTH + 1), encoded)


def test_in_a_worker_a_check_leaves_the_hub_free_for_other_requests():
    import eventlet
    from eventlet import tpool

    encoded = passwords.hash_password('in a worker')
    ticks = []

    def other_request():
        while True:
            ticks.append(1)
            eventlet.sleep(0)

    def request():  # a request's green thread, as in a worker
        ticks.clear()
        verified = passwords.verify('in a worker', encoded)
        return verified, len(ticks)

    ticker = eventlet.spawn(other_request)
    try:
        verified, ran_meanwhile = eventlet.spawn(request).wait()
    finally:
        ticker.kill()
        # No thread pool left behind for a test that forks (its child would wait on it).
        tpool.killall()
    assert verified
    # Derived on the hub, the check would have let the other green thread run not once.
    assert ran_meanwhile
