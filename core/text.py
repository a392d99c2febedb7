"""Vietnamese text helpers shared by every app."""

import re
import unicodedata

from django.utils.text import slugify

# Django's slugify drops "đ" because NFKD does not decompose it.
_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})
_NON_WORD = re.compile(r"[^\w\s-]")


def strip_accents(text):
    """'Đảng bộ tỉnh' -> 'Dang bo tinh'."""
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_D_STROKE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text):
    """Lower case without accents and with đ -> d: what the search columns and indexes hold."""
    return strip_accents(text).lower()


def slugify_vi(text, max_length=None):
    """A URL slug from Vietnamese text: 'Đảng bộ tỉnh' -> 'dang-bo-tinh', '11/2026' -> '11-2026'.

    static/js/admin-portal.js (vnSlug) computes the same slug as the editor types.
    """
    # Punctuation separates words ("11/2026", "V/v"), it is not dropped between them.
    slug = slugify(_NON_WORD.sub(" ", strip_accents(text)))
    if max_length and len(slug) > max_length:
        slug = slug[:max_length].rstrip("-")
    return slug
