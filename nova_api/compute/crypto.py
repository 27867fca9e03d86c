"""Keypair cryptography, as Nova does it: key generation and fingerprints. Pure functions.

- ssh: an RSA key pair; the fingerprint is the MD5 of the key blob (the
  base64 field of the OpenSSH line), as colon-separated lowercase hex.
- x509: a self-signed client certificate (WinRM's passwordless login); the
  fingerprint is the SHA-1 of the DER certificate, in the same format.

Anything that cannot be fingerprinted is :class:`~nova_api.exception.InvalidKeypair`
with Nova's reason.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import secrets

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID
from cryptography.x509.oid import NameOID

from nova_api import exception

SSH = 'ssh'
X509 = 'x509'
KEY_TYPES = (SSH, X509)

#: Nova's key size for generated keys.
DEFAULT_BITS = 2048
#: The comment Nova puts on the public keys it generates.
GENERATED_COMMENT = 'Generated-by-Nova'
#: Microsoft's User Principal Name, the subjectAltName WinRM maps to a user.
_UPN_OID = x509.ObjectIdentifier('1.3.6.1.4.1.311.20.2.3')
_CERT_DAYS = 3650
#: X.520 caps a common name at 64 characters.
_MAX_COMMON_NAME = 64


def _colon_hex(digest: bytes) -> str:
    return ':'.join('%02x' % byte for byte in digest)


def ssh_fingerprint(public_key: str) -> str:
    """The MD5 fingerprint of an OpenSSH public key line (``ssh-rsa AAAA... comment``)."""
    try:
        # Loading checks it is a key cryptography understands; the blob is what is hashed.
        serialization.load_ssh_public_key(public_key.encode('utf-8'))
        blob = base64.b64decode(public_key.split(' ')[1])
    except Exception:  # noqa: BLE001 - like Nova: whatever the parser says, the key is bad
        raise exception.InvalidKeypair(reason='failed to generate fingerprint') from None
    return _colon_hex(hashlib.md5(blob, usedforsecurity=False).digest())


def x509_fingerprint(pem_certificate: str) -> str:
    """The SHA-1 fingerprint of a PEM certificate."""
    try:
        cert = x509.load_pem_x509_certificate(pem_certificate.encode('utf-8'))
    except Exception as exc:  # noqa: BLE001 - any failure is a bad certificate, never a 500
        raise exception.InvalidKeypair(
            reason='failed to generate X509 fingerprint. Error message: %s' % exc) from None
    return _colon_hex(cert.fingerprint(hashes.SHA1()))  # noqa: S303 - Nova's fingerprint


def fingerprint(public_key: str, key_type: str) -> str:
    """The fingerprint of an imported key of ``key_type``."""
    if key_type == X509:
        return x509_fingerprint(public_key)
    return ssh_fingerprint(public_key)


def generate_key_pair(bits: int = DEFAULT_BITS) -> tuple[str, str, str]:
    """A new RSA key pair: (private key PEM, OpenSSH public key line, fingerprint)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    private_key = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption()).decode('ascii')
    openssh = key.public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode('ascii')
    public_key = '%s %s\n' % (openssh, GENERATED_COMMENT)
    return private_key, public_key, ssh_fingerprint(public_key)


def _der_utf8_string(text: str) -> bytes:
    """DER encoding of an ASN.1 UTF8String (for the UPN otherName value)."""
    data = text.encode('utf-8')
    if len(data) < 0x80:
        length = bytes([len(data)])
    else:
        size = len(data).to_bytes((len(data).bit_length() + 7) // 8, 'big')
        length = bytes([0x80 | len(size)]) + size
    return b'\x0c' + length + data


def generate_x509_cert(user_id: str, bits: int = DEFAULT_BITS) -> tuple[str, str, str]:
    """A new self-signed client certificate for ``user_id``, as Nova makes for WinRM.

    Returns (base64 of a password-less PKCS#12 bundle with the private key,
    the certificate as PEM, its fingerprint).
    """
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME,
                                            (user_id or 'nova')[:_MAX_COMMON_NAME])])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=_CERT_DAYS))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .add_extension(x509.SubjectAlternativeName([
            x509.OtherName(_UPN_OID, _der_utf8_string('%s@localhost' % user_id))]), critical=False)
        .sign(key, hashes.SHA256())
    )
    certificate = cert.public_bytes(serialization.Encoding.PEM).decode('ascii')
    bundle = pkcs12.serialize_key_and_certificates(
        None, key, cert, None, serialization.NoEncryption())
    return base64.b64encode(bundle).decode('ascii'), certificate, x509_fingerprint(certificate)


def generate(key_type: str, user_id: str) -> tuple[str, str, str]:
    """A new key of ``key_type``: (private part, public part, fingerprint)."""
    if key_type == X509:
        return generate_x509_cert(user_id)
    return generate_key_pair()


#: Nova's password symbol groups: no characters that are easy to misread (0/O, 1/l/I).
PASSWORD_SYMBOLS = ('23456789', 'ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz')
PASSWORD_LENGTH = 12


def generate_password(length: int = PASSWORD_LENGTH) -> str:
    """A random administrator password with a character of each group, as Nova makes them."""
    chosen = [secrets.choice(group) for group in PASSWORD_SYMBOLS]
    every = ''.join(PASSWORD_SYMBOLS)
    chosen += [secrets.choice(every) for _ in range(max(0, length - len(chosen)))]
    secrets.SystemRandom().shuffle(chosen)
    return ''.join(chosen[:length])
