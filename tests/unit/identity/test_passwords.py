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
