"""Word segmentation with jieba and our domain words.

The only module that imports jieba. Role words, body names and place names
from the lexicon are added to the tokenizer so that 区委副书记 splits as
区委 | 副书记 and the token after a title is the person's name.
"""

from __future__ import annotations

from functools import lru_cache

from kg.lexicon import LEVEL_MARKERS, Lexicon, load_lexicon


@lru_cache(maxsize=1)
def tokenizer():
    import logging

    import jieba
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    for word in sorted(domain_words(load_lexicon())):
        tok.add_word(word, freq=50000)
    return tok


def domain_words(lexicon: Lexicon) -> set[str]:
    """The words we make sure jieba keeps whole."""
    words = set(lexicon.roles)
    for suffix in lexicon.bodies:
        words.update(level + suffix for level in LEVEL_MARKERS)
    words.update(lexicon.national)
    for body in lexicon.national.values():
        words.update(body.aliases)
    words.update(lexicon.gazetteer.by_name)
    return {w for w in words if len(w) >= 2}


def segment(text: str) -> tuple[tuple[int, int], ...]:
    """Token spans (start, end) covering `text`."""
    spans = []
    pos = 0
    for word in tokenizer().cut(text, HMM=True):
        spans.append((pos, pos + len(word)))
        pos += len(word)
    return tuple(spans)
