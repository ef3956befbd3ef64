"""The French analyser, the same at index and at query time (DESIGN §6).

Whoosh's French stop words and Snowball stemmer, then accent folding: "Électricienne" and
"electricien" both become `electricien`, "préposés" and "préposée" both become `prepos`.

The stemmer reads accents, and people often type without them: before stemming, the feminine
endings typed bare are given their accent back ("preposee" as "préposée", "caissiere" as
"caissière"), so they reach the same stem as the accented word. "les", which Whoosh's list
lacks, is a stop word too.
"""

from __future__ import annotations

import re
from functools import cache

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang.stopwords import stoplists
from whoosh.support.charset import accent_map

_BARE_ENDINGS = ((re.compile(r"iere(s?)$"), r"ière\1"), (re.compile(r"([^e])ee(s?)$"), r"\1ée\2"))
STOP_WORDS = frozenset(stoplists["fr"]) | {"les"}


class BareAccentFilter(Filter):
    """Give an accent back to feminine endings typed without one."""

    def __call__(self, tokens):
        for token in tokens:
            if token.text.isascii():
                for pattern, accented in _BARE_ENDINGS:
                    token.text = pattern.sub(accented, token.text)
            yield token


@cache
def french_analyzer() -> Analyzer:
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | StopFilter(stoplist=STOP_WORDS)
        | BareAccentFilter()
        | StemFilter(lang="fr")
        | CharsetFilter(accent_map)
    )
