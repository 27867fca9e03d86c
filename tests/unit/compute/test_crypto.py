"""Keypair cryptography: generated keys round-trip, fingerprints are Nova's, garbage is refused."""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import subprocess

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from nova_api import exception
from nova_api.compute import crypto

COLON_HEX_MD5 = r'^([0-9a-f]{2}:){15}[0-9a-f]{2}$'
COLON_HEX_SHA1 = r'^([0-9a-f]{2}:){19}[0-9a-f]{2}$'


def _self_signed(common_name: str = 'tester') -> tuple[str, x509.Certificate]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM).decode('ascii'), cert


def test_generated_key_pair_round_trips_to_its_fingerprint():
    private_key, public_key, fingerprint = crypto.generate_key_pair()
    assert private_key.startswith('-----BEGIN RSA PRIVATE KEY-----\n')
    assert public_key.startswith('ssh-rsa ') and public_key.endswith(' Generated-by-Nova\n')
    assert fingerprint == crypto.ssh_fingerprint(public_key)
    assert fingerprint == crypto.fingerprint(public_key, 'ssh')
    # The private key is the public key's other half.
    loaded = serialization.load_pem_private_key(private_key.encode(), password=None)
    assert loaded.key_size == 2048
    derived = loaded.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                               serialization.PublicFormat.OpenSSH).decode()
    assert public_key.split(' ')[:2] == derived.split(' ')


def test_ssh_fingerprint_is_colon_separated_md5_of_the_key_blob():
    key = ed25519.Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()
    expected = hashlib.md5(base64.b64decode(key.split(' ')[1])).hexdigest()
    assert crypto.ssh_fingerprint(key + ' me@host').replace(':', '') == expected
    assert crypto.ssh_fingerprint(key) == ':'.join(expected[i:i + 2] for i in range(0, 32, 2))


def test_known_key_has_nova_samples_fingerprint(nova_samples):
    """Nova's own import sample: the key it sent and the fingerprint it answered."""
    request = json.loads((nova_samples / 'os-keypairs' / 'keypairs-import-post-req.json').read_text())
    response = json.loads((nova_samples / 'os-keypairs' / 'keypairs-import-post-resp.json').read_text())
    assert crypto.ssh_fingerprint(request['keypair']['public_key']) == \
        response['keypair']['fingerprint'] == '1e:2c:9b:56:79:4b:45:77:f9:ca:7a:98:2c:b0:d5:3c'


def test_ssh_fingerprint_agrees_with_ssh_keygen(tmp_path):
    ssh_keygen = pytest.importorskip('shutil').which('ssh-keygen')
    if ssh_keygen is None:
        pytest.skip('ssh-keygen is not installed')
    _private, public_key, fingerprint = crypto.generate_key_pair()
    path = tmp_path / 'key.pub'
    path.write_text(public_key)
    out = subprocess.run([ssh_keygen, '-l', '-E', 'md5', '-f', str(path)], check=True,
                         capture_output=True, text=True).stdout
    assert out.split()[1] == 'MD5:' + fingerprint


def test_x509_fingerprint_is_colon_separated_sha1_of_the_der_certificate():
    pem, cert = _self_signed()
    expected = cert.fingerprint(hashes.SHA1()).hex()
    assert crypto.x509_fingerprint(pem) == ':'.join(expected[i:i + 2] for i in range(0, 40, 2))
    assert crypto.fingerprint(pem, 'x509') == crypto.x509_fingerprint(pem)
    assert crypto.x509_fingerprint(pem).replace(':', '') == hashlib.sha1(
        cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def test_generated_x509_certificate_is_a_client_cert_for_the_user():
    private_key, certificate, fingerprint = crypto.generate_x509_cert('fake-user')
    assert fingerprint == crypto.x509_fingerprint(certificate)
    cert = x509.load_pem_x509_certificate(certificate.encode())
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == 'fake-user'
    usage = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert x509.oid.ExtendedKeyUsageOID.CLIENT_AUTH in usage
    upn = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value[0]
    assert upn.value == b'\x0c\x13fake-user@localhost'  # a DER UTF8String
    key, bundled, _extra = pkcs12.load_key_and_certificates(base64.b64decode(private_key), None)
    assert bundled == cert
    assert key.public_key().public_numbers() == cert.public_key().public_numbers()


def test_long_user_ids_fit_the_certificate():
    user_id = 'u' * 200
    _private, certificate, _fp = crypto.generate_x509_cert(user_id)
    cert = x509.load_pem_x509_certificate(certificate.encode())
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == 'u' * 64
    upn = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value[0]
    assert upn.value == b'\x0c\x81\xd2' + (user_id + '@localhost').encode()


@pytest.mark.parametrize('garbage', [
    '', 'ssh-what negative', 'ssh-rsa', 'ssh-rsa !!!notbase64', 'ssh-rsa AAAA',
    ' ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDx8nkQv', '\u2603 snowman',
])
def test_garbage_ssh_keys_are_invalid_keypairs(garbage):
    with pytest.raises(exception.InvalidKeypair) as raised:
        crypto.fingerprint(garbage, 'ssh')
    assert raised.value.format_message() == \
        'Keypair data is invalid: failed to generate fingerprint'
    assert raised.value.code == 400


@pytest.mark.parametrize('garbage', ['', 'not a certificate',
                                     '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'])
def test_garbage_certificates_are_invalid_keypairs(garbage):
    with pytest.raises(exception.InvalidKeypair) as raised:
        crypto.fingerprint(garbage, 'x509')
    assert raised.value.format_message().startswith(
        'Keypair data is invalid: failed to generate X509 fingerprint. Error message: ')


def test_an_ssh_key_is_not_a_certificate():
    _private, public_key, _fp = crypto.generate_key_pair()
    with pytest.raises(exception.InvalidKeypair):
        crypto.fingerprint(public_key, 'x509')
