"""Names written before a title (胡锦涛|主席, 瓦塔拉|总统): where such a name starts, as the
name recogniser (kg.extract.names) reads a stretch that a title, not a follower of names, ends."""

from __future__ import annotations

from kg.extract.name_words import SHORTEST_NAME
from kg.extract.names import judged, named_like_a_body, proposed_length, tagged_around
from kg.lang.lexicon import Lexicon
from kg.lang.patterns import Patterns
from kg.model import Tokens
from kg.text.segment import known_names


def name_before_title(text: str, begin: int, end: int, limit: int, tokens: Tokens,
                      lex: Lexicon, pats: Patterns) -> int | None:
    """Where the name written from `begin` to a title at `end` starts (胡锦涛|主席,
    瓦塔拉|总统), or None when the stretch is no name. A country's name may come
    first: 英国|菲利普|亲王 is 菲利普, a prince of Britain."""
    country = max((c for c in lex.countries if text.startswith(c, begin, end)), key=len, default="")
    for start in dict.fromkeys((begin, begin + len(country))):
        name = text[start:end]
        if end - start < SHORTEST_NAME or not tokens.starts_at(end) or named_like_a_body(
                name, lex, pats) or (
                name in lex.countries or name in lex.gazetteer.by_name
                or name in lex.gazetteer.by_short or name in lex.roles):
            continue
        token_end = tokens.end_of(start, end)
        if token_end < end and text[start:token_end] in known_names():
            continue  # a name jieba knows, and more before the title: 连战|荣誉主席
        # the title is no follower of names: the name is read as if the stretch ended at it
        if start + proposed_length(text, start, end, tokens, lex, pats, foreign=True) != end:
            continue
        if judged(text, start, end, limit, lex, pats) == (start, end):
            return start
        if start > begin and any((s, e) == (begin, end)
                                 for s, e, _ in tagged_around(text, begin, end, limit)):
            return start  # the tagger read the country and the name as one: 英国菲利普
    return None
