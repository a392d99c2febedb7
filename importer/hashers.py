"""NukeViet's password formats, so imported accounts keep their passwords.

Django upgrades a matching password to its preferred hasher at the first login, so
these hashes disappear as people sign in. Formats, from NukeViet's Encryption class:
{SSHA512}, {SSHA256}, {SSHA} (salted SHA with the salt appended), {SHA}, {MD5}, and the
unprefixed 40-hex HMAC-SHA1 of NukeViet 4.0-4.2, keyed with the site's `sitekey`.
"""

import base64
import hashlib
import hmac

from django.contrib.auth.hashers import BasePasswordHasher, mask_hash
from django.utils.crypto import constant_time_compare

ALGORITHM = "nukeviet"
_SALTED = {"{SSHA512}": hashlib.sha512, "{SSHA256}": hashlib.sha256, "{SSHA}": hashlib.sha1}
_PLAIN = {"{SHA}": hashlib.sha1, "{MD5}": hashlib.md5}


def nukeviet_hmac(password, sitekey):
    """NukeViet's Encryption::hash(): HMAC-SHA1 whose inner digest is cut to 16 bytes."""
    key_hex = hashlib.sha1(sitekey).hexdigest().encode()
    key = bytes.fromhex(key_hex[:32].decode()) if len(sitekey) > 64 else sitekey
    key = key.ljust(64, b"\0")[:64]
    ipad = bytes(b ^ 0x36 for b in key)
    opad = bytes(b ^ 0x5C for b in key)
    inner = hashlib.sha1(ipad + password).digest()[:16]
    return hashlib.sha1(opad + inner).hexdigest()


def nukeviet_matches(password, stored, sitekey=None):
    """True when ``password`` (str) matches NukeViet's ``stored`` hash."""
    secret = password.encode()
    for prefix, digest in _SALTED.items():
        if stored.startswith(prefix):
            try:
                raw = base64.b64decode(stored[len(prefix) :], validate=True)
            except ValueError:
                return False
            size = digest().digest_size
            expected, salt = raw[:size], raw[size:]
            return hmac.compare_digest(digest(secret + salt).digest(), expected)
    for prefix, digest in _PLAIN.items():
        if stored.startswith(prefix):
            encoded = base64.b64encode(digest(secret).digest()).decode()
            return constant_time_compare(encoded, stored[len(prefix) :])
    if sitekey:
        return constant_time_compare(nukeviet_hmac(secret, sitekey.encode()), stored)
    return False


def encode_nukeviet(stored, sitekey=""):
    """The Django password field for a NukeViet hash."""
    if stored.startswith("{"):
        return f"{ALGORITHM}${stored}"
    return f"{ALGORITHM}$hmac${sitekey}${stored}"


class NukeVietPasswordHasher(BasePasswordHasher):
    """Verifies only: new passwords are never written in NukeViet's formats."""

    algorithm = ALGORITHM

    def _split(self, encoded):
        _, rest = encoded.split("$", 1)
        if rest.startswith("hmac$"):
            _, sitekey, stored = rest.split("$", 2)
            return stored, sitekey
        return rest, None

    def verify(self, password, encoded):
        stored, sitekey = self._split(encoded)
        return nukeviet_matches(password, stored, sitekey)

    def encode(self, password, salt):
        raise ValueError("NukeViet hashes are verified only, never created.")

    def safe_summary(self, encoded):
        stored, _ = self._split(encoded)
        return {
            "thuật toán": f"NukeViet {stored.split('}')[0].lstrip('{') or 'HMAC'}",
            "mã băm": mask_hash(stored),
        }

    def must_update(self, encoded):
        return True

    def harden_runtime(self, password, encoded):
        pass
