"""NukeViet's many spellings of one address, reduced to the one key the redirect table stores.

NukeViet writes the same page as /index.php?language=vi&nv=news&op=cat/alias-12.html,
/vi/news/cat/alias-12.html, /news/cat/alias-12.html, /index.php/news/cat/alias-12.html and,
for the module named in `rewrite_op_mod`, /cat/alias-12.html. The key drops the script
name, the language, the extension and the trailing slash: /news/cat/alias-12.
"""

import re
import unicodedata
from urllib.parse import parse_qs, unquote, urlsplit

_LANGUAGE = re.compile(r"^[a-z]{2}$")
_EXTENSIONS = (".html", ".htm")
# Query parameters that select the page itself rather than its presentation.
_SIGNIFICANT_PARAMS = ("vid",)


def _clean(path):
    # NukeViet looks aliases up in MySQL's case-insensitive collation: so do we.
    path = unicodedata.normalize("NFC", unquote(path)).strip().lower()
    if path.startswith("/index.php"):
        path = path[len("/index.php") :]
    for extension in _EXTENSIONS:
        if path.endswith(extension):
            path = path[: -len(extension)]
    return [segment for segment in path.split("/") if segment]


def _suffix(params):
    for name in _SIGNIFICANT_PARAMS:
        value = params.get(name, [""])[0]
        if value.isdigit():
            return f"?{name}={int(value)}"
    return ""


def candidate_keys(path, query_string=""):
    """The keys an incoming request may be stored under, most specific first."""
    params = parse_qs(query_string, keep_blank_values=False)
    module = params.get("nv", [""])[0].lower()
    if module:
        op = params.get("op", [""])[0]
        segments = _clean("/" + module + ("/" + op if op else ""))
    else:
        segments = _clean(path)
    suffix = _suffix(params)
    keys = ["/" + "/".join(segments) + suffix]
    if len(segments) > 1 and _LANGUAGE.match(segments[0]):
        keys.append("/" + "/".join(segments[1:]) + suffix)
    return keys


def normalise_path(old_path):
    """The stored key of an address typed by an editor or built by the importer."""
    parts = urlsplit(old_path.strip())
    return candidate_keys(parts.path or "/", parts.query)[0]
