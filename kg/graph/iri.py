"""Deterministic, readable IRIs: `person/zhang-jian-3f2a`.

An IRI depends only on the entity's identity key, never on file order or
run; the pinyin slug keeps it readable, the short hash keeps it unique.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 48

# punctuation in a name (《…》, “…”, 、) stays against the word it belongs to
_BEFORE_CLOSING = re.compile(r"\s+([\u300b\u201d\u2019\uff09)\u3001\uff0c\u3002,.!?:;\u00b7])")
_AFTER_OPENING = re.compile(r"([\u300a\u201c\u2018\uff08(\u00b7\u3001])\s+")
# what joins the parts of a transliterated name: the middle dot, or the hyphen news
# text writes for it (劳尔-卡斯特罗); such a name has no Chinese surname to set apart
_FOREIGN_NAME = re.compile(r"[\u00b7\-]")
# the first letter of a word, and of each part of a transliterated name
_NAME_PART = re.compile(r"(?:^|(?<=[\u00b7\-]))\w")


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """Lower-case pinyin (ASCII) words joined by hyphens."""
    from pypinyin import Style, lazy_pinyin
    words = lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: list(chars))
    joined = "-".join(_NOT_SLUG.sub("-", w.lower()).strip("-") for w in words)
    joined = re.sub(r"-{2,}", "-", joined).strip("-")
    if len(joined) > MAX_SLUG:
        joined = joined[:MAX_SLUG].rsplit("-", 1)[0]
    return joined or "x"


def short_hash(key: str, length: int = 8) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:length]


# RFC 3987 ipchar less "%" (unreserved ASCII, sub-delims, ":", "@", the ucschar
# ranges: Chinese names stay as they are), and "?" and "/", with which the IRI is
# still valid: a name that was a valid IRI before keeps its IRI
_IRI_CHAR = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@?/\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
                     r"\U00010000-\U000efffd]")
_PERCENT_TRIPLET = re.compile(r"%[0-9A-Fa-f]{2}")


@lru_cache(maxsize=4096)  # a document's key is asked for with each of its sentences
def iri_path(text: str) -> str:
    """`text` as part of an IRI's path: characters an IRI cannot hold there
    (space, quote, <, >, #, tab, newline, other controls, a % not starting an
    escape) are percent-encoded as UTF-8; a name that was valid already (a
    news item's `20070403-3f2a9c1e`) is returned unchanged."""
    out, i = [], 0
    while i < len(text):
        if _PERCENT_TRIPLET.match(text, i):
            out.append(text[i:i + 3])
            i += 3
            continue
        char = text[i]
        out.append(char if _IRI_CHAR.match(char)
                   else "".join(f"%{b:02X}" for b in char.encode("utf-8", "surrogateescape")))
        i += 1
    return "".join(out)


def mint(base: str, kind: str, label: str, key: str) -> str:
    """The IRI of an entity of `kind`, readable from `label`, unique by `key`."""
    return f"{base}{kind}/{slug(label)}-{short_hash(kind + '|' + key)}"


def _syllables(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin
    return lazy_pinyin(text, style=Style.TONE, errors=lambda chars: list(chars))


def _word(syllables: list[str]) -> str:
    """Syllables written as one capitalised word, with an apostrophe where a
    syllable starting with a, o or e would otherwise run into the one before
    (GB/T 16159: Xī'ān, not Xīān); after a separator (the · of a foreign name) none
    is needed, and each part of such a name is capitalised (Ābodùlēi·Hāmǐdé)."""
    written = ""
    for syllable in syllables:
        if written[-1:].isalpha() and unicodedata.normalize("NFD", syllable)[:1] in ("a", "o", "e"):
            written += "'"
        written += syllable
    return _NAME_PART.sub(lambda m: m.group(0).upper(), written)


def _words(text: str, spans: list[tuple[int, int]]) -> str:
    """The words of `text` at `spans`, written apart, read from the whole text:
    pypinyin reads a character by the phrase around it, so 朝阳区 is Cháoyáng Qū
    (as its slug chao-yang-qu says) where 朝阳 alone would be Zhāoyáng."""
    syllables = _syllables(text)
    if len(syllables) != len(text):
        # not one reading a character (no case seen in the corpus): each word on its own
        return " ".join(_word(_syllables(text[start:end])) for start, end in spans)
    return " ".join(_word(syllables[start:end]) for start, end in spans)


def _spans(words: list[str]) -> list[tuple[int, int]]:
    """Where each of `words`, written one after the other, starts and ends."""
    spans, at = [], 0
    for word in words:
        spans.append((at, at + len(word)))
        at += len(word)
    return spans


@lru_cache(maxsize=65536)
def pinyin_label(name: str, *, surname_length: int = 0) -> str:
    """A person's name in tone-marked pinyin, surname apart: 张健 → Zhāng Jiàn.

    Without `surname_length` (or for a transliterated name, 克林顿) one word.
    """
    syllables = _syllables(name)
    if _FOREIGN_NAME.search(name) or not 0 < surname_length < len(syllables):
        return _word(syllables)
    return f"{_word(syllables[:surname_length])} {_word(syllables[surname_length:])}"


@lru_cache(maxsize=1)
def _levels() -> tuple[str, ...]:
    """The level words of division names (省, 市, 自治区 ...), longest first."""
    from kg.lang.lexicon import load_lexicon
    return tuple(sorted(load_lexicon().words("level_markers"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _generic_parts() -> tuple[str, ...]:
    """The generic parts of division names: the level words and what a short
    name drops (壮族自治区, 地区), longest first."""
    from kg.lang.lexicon import load_lexicon
    words = set(_levels()) | set(load_lexicon().words("short_name_suffixes"))
    return tuple(sorted(words, key=len, reverse=True))


def _place_words(name: str) -> list[str]:
    """A division's name as words, the generic part apart: 秦州区 → 秦州, 区;
    广西壮族自治区 → 广西, 壮族, 自治区. A proper name of one character stays
    joined to its generic part (礼县), as in the short names of places."""
    generic = next((g for g in _generic_parts() if name.endswith(g) and len(name) - len(g) >= 2),
                   None)
    if generic is None or name in _levels():
        return [name]
    return [name[:-len(generic)], *_place_words(generic)]


@lru_cache(maxsize=65536)
def place_pinyin(name: str) -> str:
    """A place's name in pinyin by GB/T 16159: 秦州区 → Qínzhōu Qū, 甘肃省 → Gānsù Shěng."""
    return _words(name, _spans(_place_words(name)))


@lru_cache(maxsize=65536)
def phrase_pinyin(name: str) -> str:
    """A body's, campaign's or other name word by word (GB/T 16159), each word
    capitalised, a place in it written as a place: 平安秦州 → Píng'ān Qínzhōu,
    秦州区政府 → Qínzhōu Qū Zhèngfǔ; a one-character body stays with the
    generic part before it (秦州区委 → Qínzhōu Qūwěi)."""
    from kg.lang.lexicon import load_lexicon
    from kg.text.segment import segment
    lexicon = load_lexicon()
    places = lexicon.gazetteer.by_name
    spans: list[tuple[int, int]] = []
    for start, end in segment(name):
        token = name[start:end]
        if not token.strip():
            continue
        place = next((token[:i] for i in range(len(token), 1, -1) if token[:i] in places), None)
        if place is None:
            # a level word before a body (区|政府, 省|人民政府) is the place's generic part
            level = next((m for m in _levels() if token.startswith(m)
                          and token[len(m):] in lexicon.bodies and len(token) - len(m) >= 2), None)
            words = [level, token[len(level):]] if level else [token]
        else:
            words = _place_words(place)
            rest = token[len(place):]
            if len(rest) == 1:
                words[-1] += rest
            elif rest:
                words.append(rest)
        spans += [(start + a, start + b) for a, b in _spans(words)]
    written = _words(name, spans)
    return _AFTER_OPENING.sub(r"\1", _BEFORE_CLOSING.sub(r"\1", written))
