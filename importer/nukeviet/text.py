"""Text as NukeViet stored it, made plain: entity-encoded titles, double-encoded UTF-8."""

import html
import re

import ftfy
from ftfy.badness import is_bad

_TAGS = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|div|li|tr|h[1-6])>|<br\s*/?>", re.IGNORECASE)


def fix_mojibake(text):
    """UTF-8 that was decoded as Latin-1 and stored again ("Ä\x90áº£ng" for "Đảng").

    Also drops NUL characters, which old MySQL rows may hold and PostgreSQL refuses."""
    text = text.replace("\x00", "") if text else text
    if text and is_bad(text):
        return ftfy.fix_encoding(text)
    return text


def title(value):
    """A title field: NukeViet stores `( ) / : ! =` and more as entities."""
    return " ".join(html.unescape(fix_mojibake(value or "")).split())


def body(value):
    return fix_mojibake(value or "")


def plain(value):
    """HTML (or plain text) as plain text with its paragraphs kept."""
    text = _BLOCK_END.sub("\n", fix_mojibake(value or ""))
    text = html.unescape(_TAGS.sub("", text))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def ids(value):
    """A NukeViet comma list of ids ("8,9,", "13,4") as ints."""
    return [int(part) for part in str(value or "").split(",") if part.strip().isdigit()]
