"""The French analyser, the same at index and at query time (DESIGN §6).

Whoosh's French stop words and Snowball stemmer, then accent folding: "Électricienne" and
"electricien" both become `electricien`, "préposés" and "préposée" both become `prepos`.
"""

from __future__ import annotations

from functools import cache

from whoosh.analysis import Analyzer, CharsetFilter, LanguageAnalyzer
from whoosh.support.charset import accent_map


@cache
def french_analyzer() -> Analyzer:
    return LanguageAnalyzer("fr") | CharsetFilter(accent_map)
