"""Full-text ranking shared by the news and documents searches: the exact phrase first,
then all words near each other, then the rest."""

import functools
import re
import unicodedata

from django.contrib.postgres.search import SearchQuery
from django.db.models import Case, F, FloatField, Func, Q, Value, When

from core.text import strip_accents

# Words "near each other": in the query's order, at most this many positions apart.
NEAR_DISTANCE = 4


def lexemes(words):
    """``words`` (folded) split as the 'simple' parser indexes them: letters and digits
    only, so "v/v" is two words and nothing can break a to_tsquery text."""
    return re.findall(r"[^\W_]+", " ".join(words))[:8]


def near_tsquery(words, distance=NEAR_DISTANCE):
    """to_tsquery text: each pair of neighbouring words in the query's order, at most
    ``distance`` apart ('dang bo' -> "('dang' <1> 'bo' | … | 'dang' <4> 'bo')"). Not in the
    other order: "cán bộ, đảng viên" is not near "đảng bộ"."""
    pairs = []
    for first, second in zip(words, words[1:], strict=False):
        options = [f"'{first}' <{n}> '{second}'" for n in range(1, distance + 1)]
        pairs.append("(" + " | ".join(options) + ")")
    return " & ".join(pairs)


def all_words(words):
    """The tsquery that every row found must match: all of ``words``."""
    return SearchQuery(" ".join(lexemes(words)), config="simple", search_type="plain")


def phrase_rank(vector, words):
    """An expression ranking ``vector`` (a tsvector field) against ``words`` (folded, as
    indexed): 2 plus cover density for the exact phrase, 1 plus it for all words within
    NEAR_DISTANCE of each other, the cover density alone (below 1) for the rest."""
    words = lexemes(words)
    # ts_rank_cd: cover density, so words close together and in the title weigh more;
    # normalisation 32 scales it to rank / (rank + 1), below 1.
    density = Func(
        F(vector), all_words(words), Value(32), function="ts_rank_cd", output_field=FloatField()
    )
    if len(words) < 2:
        return density
    phrase = SearchQuery(" ".join(words), config="simple", search_type="phrase")
    near = SearchQuery(near_tsquery(words), config="simple", search_type="raw")
    tiers = Case(
        When(Q(**{vector: phrase}), then=Value(2.0)),
        When(Q(**{vector: near}), then=Value(1.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )
    return tiers + density


@functools.cache
def _fold_table():
    """Code point -> its lower-case, accent-free form (đ -> d) where that is one character,
    else itself: Latin with Vietnamese, Greek, Cyrillic. A list, every entry present: the
    fastest table for str.translate (code points past its end stay as they are)."""
    table = []
    for code in range(0x2000):
        char = chr(code)
        folded = strip_accents(unicodedata.normalize("NFC", char)).lower()
        if len(folded) != 1:
            folded = char.lower() if len(char.lower()) == 1 else char
        table.append(folded)
    return table


def fold_in_place(text):
    """``text`` (NFC) lower-case and accent-free, character for character, so that a match in
    the folded text is at the same indexes in the original (one C-level pass)."""
    return text.translate(_fold_table())
