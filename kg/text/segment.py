"""Word segmentation with jieba and our domain words.

The only module that imports jieba. Role words, body names and place names
from the lexicon are added to the tokenizer so that 区委副书记 splits as
区委 | 副书记 and the token after a title is the person's name.

jieba-fast-dat (jieba's algorithm in C++, ≈ 10× faster) is used when it is
installed, loaded with jieba's own dict.txt: with its bundled dictionary it
segments differently. tests/test_scale.py checks its tokens equal jieba's
on the seed and the public corpora; ZHKG_SEGMENTER=jieba forces plain jieba.
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

from kg.lang.lexicon import Lexicon, load_lexicon

# high enough that jieba cuts the word whole rather than into the words it is made of
_ALWAYS_WHOLE = 50000


@lru_cache(maxsize=1)
def tokenizer():
    tok = _fast_tokenizer() if os.environ.get("ZHKG_SEGMENTER", "fast") != "jieba" else None
    if tok is None:
        tok = jieba_tokenizer()
    lexicon = load_lexicon()
    places = set(lexicon.gazetteer.by_name)
    for word in sorted(domain_words(lexicon)):
        # roles and bodies must always cut whole; a place only where jieba would
        # keep it whole anyway, so 礼县 does not eat the 礼 of 崇礼县
        tok.add_word(word, freq=None if word in places else _ALWAYS_WHOLE)
    return tok


def jieba_tokenizer():
    """Plain jieba with its default dictionary (domain words not added)."""
    import logging

    import jieba
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def _fast_tokenizer():
    import logging

    import jieba
    try:
        import jieba_fast_dat
    except ImportError:
        return None
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock to keep workers apart, so plain jieba
        return None
    jieba_fast_dat.setLogLevel(logging.WARNING)
    tok = jieba_fast_dat.Tokenizer(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"))
    # its compiled-dictionary cache in the temp folder is written in place, so
    # workers starting together would read each other's half-written file
    lock_path = os.path.join(tempfile.gettempdir(), "zhkg-jieba-fast-dat.lock")
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            tok.initialize()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return tok


def domain_words(lexicon: Lexicon) -> set[str]:
    """The words we make sure jieba keeps whole."""
    words = set(lexicon.roles)
    for suffix in lexicon.bodies:
        words.update(level + suffix for level in lexicon.words("level_markers"))
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


@lru_cache(maxsize=1)
def _dictionary() -> tuple[tuple[str, int, str], ...]:
    """(word, count, tag) of every entry of jieba's own dictionary."""
    import jieba
    rows = []
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as f:
        for line in f:
            word, count, tag = line.rstrip("\n").split(" ")
            rows.append((word, int(count), tag))
    return tuple(rows)


_NAME_TAGS = ("nr", "nrt", "nrfg")


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """People's names in jieba's dictionary (tags nr, nrt, nrfg): 李鹏, 叶利钦."""
    return frozenset(word for word, _, tag in _dictionary()
                     if tag in _NAME_TAGS and 2 <= len(word) <= 6)


@lru_cache(maxsize=4)
def common_words(min_count: int) -> frozenset[str]:
    """Words of two characters or more jieba's dictionary counts at least `min_count`
    times: 关于, 强调, 代表. Not those it tags as a person's name, but for two-character
    ones: its name tags there are mostly words (师生, 文明, 丘陵 are nr)."""
    return frozenset(word for word, count, tag in _dictionary()
                     if count >= min_count and len(word) >= 2
                     and (tag not in _NAME_TAGS or len(word) == 2))
