"""Tokens: sealed, opened, expired, tampered, revoked, rotated out; the in-process validator."""

from __future__ import annotations

import datetime

import pytest

from nova_api.identity import keys
from nova_api.identity import revocations
from nova_api.identity import tokens

NOW = datetime.datetime(2026, 12, 2, 12, 0, 0)


class NoRevocations:
    def __init__(self):
        self.revoked: list[dict] = []

    def is_revoked(self, token, keys=None):
        fields = token.revocation_fields()
        return any(all(fields.get(k) == v for k, v in event.items()) for event in self.revoked)


def a_token(**changes) -> tokens.Token:
    values = dict(user_id='u' * 32, user_name='alice', user_domain_id='default',
                  user_domain_name='Default', methods=('password',),
                  audit_ids=(tokens.new_audit_id(),), issued_at=NOW,
                  expires_at=NOW + datetime.timedelta(hours=1), roles=('member', 'reader'),
                  project_id='p' * 32, project_name='demo', project_domain_id='default',
                  project_domain_name='Default')
    values.update(changes)
    return tokens.Token(**values)


@pytest.fixture
def repository(tmp_path):
    repo = keys.KeyRepository(str(tmp_path / 'keys'), max_active_keys=3)
    repo.setup()
    return repo


@pytest.fixture
def validator(repository):
    ring = keys.KeyRing(repository)
    return tokens.TokenValidator(tokens.TokenFormat(ring), NoRevocations())


def test_a_sealed_token_opens_to_what_it_says(validator):
    token = a_token()
    sealed = validator.format.seal(token)

    assert '=' not in sealed and 'alice' not in sealed
    assert validator.validate(sealed, now=NOW) == token


def test_a_token_past_its_expiry_is_refused(validator):
    sealed = validator.format.seal(a_token())

    with pytest.raises(tokens.ExpiredToken):
        validator.validate(sealed, now=NOW + datetime.timedelta(hours=1))
    assert validator.validate(sealed, now=NOW + datetime.timedelta(hours=1),
                              window=datetime.timedelta(hours=2))


@pytest.mark.parametrize('damage', [
    lambda s: s[:-2] + ('A' if s[-2] != 'A' else 'B') + s[-1],
    lambda s: s[:40] + ('x' if s[40] != 'x' else 'y') + s[41:],
    lambda s: s[:-10],
    lambda s: 'not-a-token',
    lambda s: '',
    lambda s: 'é' * 20,
])
def test_a_tampered_token_is_refused(validator, damage):
    sealed = validator.format.seal(a_token())

    with pytest.raises(tokens.InvalidToken):
        validator.validate(damage(sealed), now=NOW)


def test_a_token_of_other_keys_is_refused(validator, tmp_path):
    other = keys.KeyRepository(str(tmp_path / 'other'))
    other.setup()
    forged = tokens.TokenFormat(keys.KeyRing(other)).seal(a_token())

    with pytest.raises(tokens.InvalidToken):
        validator.validate(forged, now=NOW)


def test_rotation_keeps_recent_tokens_and_drops_those_of_keys_rotated_out(repository, validator):
    sealed = validator.format.seal(a_token())
    repository.rotate()  # the signing key becomes secondary
    validator.format.keyring.reload()
    assert validator.validate(sealed, now=NOW)

    repository.rotate()  # three keys kept: staged, primary, one secondary: ours is gone
    validator.format.keyring.reload()
    with pytest.raises(tokens.InvalidToken):
        validator.validate(sealed, now=NOW)


def test_the_repository_keeps_max_active_keys_with_the_staged_key_zero(repository):
    assert repository.indexes() == [0, 1]
    for _ in range(4):
        repository.rotate()

    assert repository.indexes() == [0, 4, 5]
    assert repository.setup() is False  # keys there: nothing made


def test_a_revoked_token_is_refused(validator):
    token = a_token()
    sealed = validator.format.seal(token)
    validator.revocations.revoked.append({'audit_id': token.audit_id})

    with pytest.raises(tokens.RevokedToken):
        validator.validate(sealed, now=NOW)


def test_revocation_events_match_tokens_issued_before_them_only():
    token = a_token()
    event = revocations.Event(1, NOW, (('user_id', token.user_id),))

    assert event.matches(token.revocation_fields(), NOW)
    assert not event.matches(token.revocation_fields(), NOW + datetime.timedelta(microseconds=1))


def test_a_domain_event_matches_the_users_or_the_projects_domain():
    token = a_token(user_domain_id='d1', project_domain_id='d2')
    fields = token.revocation_fields()

    assert revocations.Event(1, NOW, (('domain_id', 'd1'),)).matches(fields, NOW)
    assert revocations.Event(1, NOW, (('domain_id', 'd2'),)).matches(fields, NOW)
    assert not revocations.Event(1, NOW, (('domain_id', 'd3'),)).matches(fields, NOW)


def test_a_malformed_payload_is_an_invalid_token():
    with pytest.raises(tokens.InvalidToken):
        tokens.Token.from_payload(b'{"v": 1}')
    with pytest.raises(tokens.InvalidToken):
        tokens.Token.from_payload(b'[1, 2]')


def _set_up(path, barrier):
    barrier.wait()
    keys.KeyRepository(path).setup()


def test_processes_setting_up_the_repository_at_once_make_one_set_of_keys(tmp_path):
    import multiprocessing

    path = str(tmp_path / 'race')
    context = multiprocessing.get_context('fork')
    barrier = context.Barrier(4)
    processes = [context.Process(target=_set_up, args=(path, barrier)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(30)

    assert [p.exitcode for p in processes] == [0, 0, 0, 0]
    repository = keys.KeyRepository(path)
    assert repository.indexes() == [0, 1]
    assert len(set(repository.load())) == 2
