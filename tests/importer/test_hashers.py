import base64
import hashlib

import pytest
from django.contrib.auth.hashers import check_password

from importer.hashers import encode_nukeviet, nukeviet_hmac, nukeviet_matches


def salted(prefix, digest, password, salt=b"muoi-8by"):
    return prefix + base64.b64encode(digest(password.encode() + salt).digest() + salt).decode()


@pytest.mark.parametrize(
    ("prefix", "digest"),
    [("{SSHA512}", hashlib.sha512), ("{SSHA256}", hashlib.sha256), ("{SSHA}", hashlib.sha1)],
)
def test_salted_formats(prefix, digest):
    stored = salted(prefix, digest, "Mật khẩu@2025")
    assert nukeviet_matches("Mật khẩu@2025", stored)
    assert not nukeviet_matches("Mat khau@2025", stored)
    assert check_password("Mật khẩu@2025", encode_nukeviet(stored))


def test_unsalted_formats():
    sha = "{SHA}" + base64.b64encode(hashlib.sha1(b"abc123").digest()).decode()
    md5 = "{MD5}" + base64.b64encode(hashlib.md5(b"abc123").digest()).decode()
    assert nukeviet_matches("abc123", sha) and nukeviet_matches("abc123", md5)
    assert not nukeviet_matches("abc124", md5)


def test_legacy_hmac_needs_the_sitekey():
    sitekey = "0123456789abcdef0123456789abcdef"
    stored = nukeviet_hmac(b"abc123", sitekey.encode())
    assert len(stored) == 40
    assert check_password("abc123", encode_nukeviet(stored, sitekey))
    assert not check_password("abc124", encode_nukeviet(stored, sitekey))
    assert not nukeviet_matches("abc123", stored)  # without the sitekey nothing matches


def test_broken_hash_never_matches():
    assert not nukeviet_matches("x", "{SSHA512}không-phải-base64")
