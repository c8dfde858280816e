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

import hashlib
import importlib.util
import os
import re
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from kg.io import cached
from kg.lang.lexicon import Lexicon, load_lexicon

T = TypeVar("T")

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


def _jieba_dictionary() -> Path:
    """jieba's dict.txt, found without importing jieba (whose import loads
    pkg_resources: a fifth of a one-file build's start)."""
    return Path(importlib.util.find_spec("jieba").origin).parent / "dict.txt"


@lru_cache(maxsize=1)
def jieba_dictionary_text() -> str:
    """The text of jieba's own dict.txt (not our added words), read once for every
    reader of it: its names, its common words, the tagger's dictionary features."""
    return _jieba_dictionary().read_text(encoding="utf-8")


def _fast_tokenizer():
    import logging

    try:
        import jieba_fast_dat
    except ImportError:
        return None
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock to keep workers apart, so plain jieba
        return None
    jieba_fast_dat.setLogLevel(logging.WARNING)
    tok = jieba_fast_dat.Tokenizer(str(_jieba_dictionary()))
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


# a dictionary line is "word frequency tag"; people's names are tagged nr, nrt, nrfg
_NAME_LINE = re.compile(r"^([^ \n]{2,6}) [^ \n]* (?:nr|nrt|nrfg)$", re.MULTILINE)


# the line of a word of two characters or more counted 100 times or more, "word count
# tag": the words common_words may keep, found without splitting every line
_COUNTED_WORD_LINE = re.compile(r"^([^ \n]{2,}) (\d{3,}) ([^ \n]+)$", re.MULTILINE)


_NAME_TAGS = ("nr", "nrt", "nrfg")


@lru_cache(maxsize=1)
def jieba_dictionary_digest() -> bytes:
    """The sha256 of jieba's dict.txt: tables derived from it are kept in the cache
    folder under it (`kg.io.cached`), so a process need not read the file at all."""
    return hashlib.sha256(_jieba_dictionary().read_bytes()).digest()


def _from_dictionary(name: str, build: Callable[[], T]) -> T:
    """`build()`'s table of jieba's dictionary, cached while the file and this code stay."""
    return cached(name, jieba_dictionary_digest() + Path(__file__).read_bytes(), build)


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """People's names in jieba's dictionary (tags nr, nrt, nrfg): 李鹏, 叶利钦.
    Read by one expression over the file: line by line in Python it was a
    sixth of a worker's start."""
    return _from_dictionary("jieba-names",
                            lambda: frozenset(_NAME_LINE.findall(jieba_dictionary_text())))


@lru_cache(maxsize=4)
def common_words(min_count: int) -> frozenset[str]:
    """Words of two characters or more jieba's dictionary counts at least `min_count`
    times: 关于, 强调, 代表. Not those it tags as a person's name, but for two-character
    ones: its name tags there are mostly words (师生, 文明, 丘陵 are nr)."""
    return frozenset(common_word_tags(min_count))


# the line of a one-character word counted 1000 times or more (曾 29107 d, 到 205341 v)
_COUNTED_CHARACTER_LINE = re.compile(r"^([^ \n]) (\d{4,}) ([^ \n]+)$", re.MULTILINE)
# the line of any word of two or three characters, however rare (全票 20 n, 下届 51 b,
# 中英 3 nz, 得票率 8 n)
_SHORT_WORD_LINE = re.compile(r"^([^ \n]{2,3}) \d+ ([^ \n]+)$", re.MULTILINE)


@lru_cache(maxsize=4)
def character_word_tags(min_count: int) -> dict[str, str]:
    """One-character words jieba's dictionary counts at least `min_count` (1000 or
    more) times, each with its tag: 曾 d, 到 v, 有 v."""
    if min_count < 1000:
        raise ValueError(f"character_word_tags reads words counted 1000 times or more, not {min_count}")
    return _from_dictionary(f"jieba-characters-{min_count}", lambda: {
        word: tag for word, count, tag in _COUNTED_CHARACTER_LINE.findall(jieba_dictionary_text())
        if int(count) >= min_count})


@lru_cache(maxsize=1)
def short_word_tags() -> dict[str, str]:
    """Every word of two or three characters of jieba's dictionary with its tag, rare
    ones too: 全票 n, 下届 b, 中英 nz, 花莲 nr, 得票率 n."""
    return _from_dictionary("jieba-short-words", lambda: dict(
        _SHORT_WORD_LINE.findall(jieba_dictionary_text())))


# the line of a word of three characters or more counted five times or more (南南合作 36 ns,
# 张家口 303, which jieba tags nr)
_LONG_WORD_LINE = re.compile(r"^([^ \n]{3,}) (\d+) [^ \n]+$", re.MULTILINE)
_LONG_WORD_COUNT = 5


@lru_cache(maxsize=1)
def long_words() -> frozenset[str]:
    """Words of three characters or more jieba's dictionary counts five times or more, of
    every tag: 南南合作, 坦桑尼亚, 张家口."""
    return _from_dictionary("jieba-long-words", lambda: frozenset(
        word for word, count in _LONG_WORD_LINE.findall(jieba_dictionary_text())
        if int(count) >= _LONG_WORD_COUNT))


# the line of a word of four characters or more jieba tags an idiom (i) or a set phrase (l)
_IDIOM_LINE = re.compile(r"^([^ \n]{4,}) \d+ [il]$", re.MULTILINE)


@lru_cache(maxsize=1)
def idioms() -> frozenset[str]:
    """Idioms and set phrases of four characters or more in jieba's dictionary, however rare:
    干在实处 is none, 廉洁自律 (72) and 近两年来 (3) are."""
    return _from_dictionary("jieba-idioms", lambda: frozenset(
        _IDIOM_LINE.findall(jieba_dictionary_text())))


@lru_cache(maxsize=4)
def common_word_tags(min_count: int) -> dict[str, str]:
    """The words of `common_words(min_count)`, each with jieba's part-of-speech tag
    (表示 v, 首次 m, 环球 n)."""
    if min_count < 100:
        raise ValueError(f"common_words reads words counted 100 times or more, not {min_count}")
    return _from_dictionary(f"jieba-common-{min_count}", lambda: {
        word: tag for word, count, tag in _COUNTED_WORD_LINE.findall(jieba_dictionary_text())
        if int(count) >= min_count and (tag not in _NAME_TAGS or len(word) == 2)})
