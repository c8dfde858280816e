"""The entity tagger's features: strings describing each character of a text.

Shared by the decoder (kg.extract.ner) and the trainer (scripts/train_ner.py); the weights
file names the groups it was trained with. Characters and bigrams in a window of two, then
knowledge the small corpus lacks, found by longest-match scans over the text itself — no
segmentation is involved, so the tagger gives the same answer whichever segmenter
``kg.text.segment`` runs and whatever domain words it adds:

- ``lex``: where the character sits in a match of a division name (full or short), a
  country, a national body or its alias, an organisation suffix word, a role word, or a
  name-like word of jieba's dictionary (``nr``/``ns``/``nt``/``nz``/``j``...);
- ``dic``: the longest jieba dictionary word starting and ending at it, and its class;
- ``chr``: surname characters and runs of transliteration characters (基里延科).

The older ``tok`` group (the character's jieba token and its neighbours) is still
supported for weights trained with it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from kg.io import Parts, cached_parts
from kg.lang.lexicon import load_lexicon
from kg.text.segment import jieba_dictionary_digest, jieba_dictionary_text, segment

DEFAULT_GROUPS = ("lex", "chr", "dic")

# Digits and Latin letters carry their class, not their identity: １９９７ and 1998 look alike.
_NORM = {c: "0" for c in range(ord("0"), ord("9") + 1)}
_NORM.update({c: "0" for c in range(ord("０"), ord("９") + 1)})
_NORM.update({c: "a" for c in range(ord("a"), ord("z") + 1)})
_NORM.update({c: "a" for c in range(ord("A"), ord("Z") + 1)})
_NORM.update({c: "a" for c in range(ord("ａ"), ord("ｚ") + 1)})
_NORM.update({c: "a" for c in range(ord("Ａ"), ord("Ｚ") + 1)})
_NORM.update({ord("\n"): " ", ord("\r"): " ", ord("\t"): " ", ord("\u3000"): " "})

# jieba's dictionary tags worth a feature: names, places, organisations, other proper nouns
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nt", "nz"})
# ... and those scanned for (``j``: abbreviations such as 中组部)
_SCAN_TAGS = _NAME_TAGS | {"j"}
_MAX_WORD = 12
# a dictionary line of exactly three whitespace-separated fields: word, count, tag
_DICTIONARY_ROW = re.compile(r"^[^\S\n]*(\S+)[^\S\n]+(\S+)[^\S\n]+(\S+)[^\S\n]*$", re.MULTILINE)


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], frozenset[str], frozenset[str], frozenset[str]]:
    """Word classes from jieba's dictionary, division names (full, short), role words.

    A word's class is its name-like tag (``ns`` ...), else the order of magnitude of its
    count; words missing from the dictionary were made up by jieba's HMM and are often names.
    """
    classes: dict[str, str] = {}
    for word, count, tag in _jieba_dict():
        classes[word] = tag if tag in _NAME_TAGS else str(len(count))
    lex = load_lexicon()
    return (classes, frozenset(lex.gazetteer.by_name), frozenset(lex.gazetteer.by_short),
            frozenset(lex.roles))


def _jieba_dict() -> Iterator[tuple[str, str, str]]:
    """``(word, count, tag)`` rows of jieba's own dictionary file (not our added words),
    as kg.text.segment reads it: without importing jieba or starting a segmenter
    (whichever one kg.text.segment uses, this file is its base)."""
    return _DICTIONARY_ROW.findall(jieba_dictionary_text())


@lru_cache(maxsize=1)
def _tables() -> Parts:
    """Each string either table knows -> (its `_dictionary_table` entry, its
    `_matcher_table` classes), None where that table lacks it: one table, so the
    strings both hold (jieba's name-like words, the prefixes) are read once a start.

    The matcher's word lists are scanned for longest matches: word -> its classes;
    prefixes -> (). Classes: ``dv`` division full name, ``ds`` its short name, ``cn``
    country, ``nb`` national body or alias, ``os`` organisation suffix word, ``ro`` role
    word, and ``j`` + jieba's tag for name-like words of jieba's dictionary (``jns``,
    ``jnr`` ...). The scan looks at the text only, never at a segmentation.
    Kept in parts by first character (`kg.io.Parts`), read as the text asks for them.
    """
    listed = _lexicon_words()
    key = _sources_digest() + "\n".join(cls + word for cls, word in listed).encode()
    return cached_parts("ner-table-parts", key,
                        lambda: _joined(_dictionary_table(), _matcher_table(listed)))


def read_tables() -> None:
    """The scans' tables read whole now, not part by part as texts ask (see
    `kg.io.Parts.read_all`)."""
    _tables().read_all()


def _joined(dictionary: dict[str, tuple[str, ...]], matcher: dict[str, tuple[str, ...]]
            ) -> dict[str, tuple[tuple[str, ...] | None, tuple[str, ...] | None]]:
    shared: dict[tuple, tuple] = {}  # one pair object for each pair of entries
    joined = {}
    for word in dictionary.keys() | matcher.keys():
        pair = (dictionary.get(word), matcher.get(word))
        joined[word] = shared.setdefault(pair, pair)
    return joined


def _lexicon_words() -> list[tuple[str, str]]:
    """The lexicon's words `_scan` looks for, as sorted `(class, word)` pairs."""
    lex = load_lexicon()
    lists = [("dv", lex.gazetteer.by_name), ("ds", lex.gazetteer.by_short),
             ("cn", lex.countries), ("os", lex.org_suffixes), ("ro", lex.roles),
             ("nb", [w for label, body in lex.national.items() for w in (label, *body.aliases)])]
    return sorted({(cls, word) for cls, items in lists for word in items})


def _matcher_table(listed: list[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """The matcher's table (see `_tables`) for the lexicon's `(class, word)` pairs."""
    words: dict[str, set[str]] = {}
    for cls, word in listed:
        words.setdefault(word, set()).add(cls)
    for word, _, tag in _jieba_dict():
        if tag in _SCAN_TAGS and len(word) >= 2:
            words.setdefault(word, set()).add("j" + tag)
    table: dict[str, tuple[str, ...]] = {}
    for word in words:
        for k in range(1, len(word)):
            table.setdefault(word[:k], ())
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}  # as in _dictionary_table
    for word, classes in words.items():
        listed_classes = tuple(sorted(classes))
        table[word] = shared.setdefault(listed_classes, listed_classes)
    return table


def _scan(text: str) -> list[list[str]]:
    """Per character: where it sits in the longest match of each word class.

    ``xdvB3``: begins a three-character division name; ``xdvE``: ends one; ``xos>``: the
    character right after an organisation suffix word; ``xdv<``: right before a division.
    """
    table = _tables()
    n = len(text)
    best: dict[tuple[int, str], tuple[int, int]] = {}
    for i in range(n):
        # a shorter match from the same start never outlasts the longest one of its class
        longest: dict[str, int] = {}
        starting = table.part(text[i])
        for j in range(i + 1, min(n, i + _MAX_WORD) + 1):
            entries = starting.get(text[i:j])
            classes = None if entries is None else entries[1]
            if classes is None:
                break
            for cls in classes:
                longest[cls] = j
        for cls, j in longest.items():
            for k in range(i, j):
                old = best.get((k, cls))
                if old is None or old[1] - old[0] < j - i:
                    best[k, cls] = (i, j)
    out: list[list[str]] = [[] for _ in range(n)]
    for (k, cls), (i, j) in best.items():
        f = out[k]
        if j - i == 1:
            f.append("x" + cls + "S")
        elif k == i:
            f.append(f"x{cls}B{min(j - i, 6)}")
            if i:
                out[i - 1].append("x" + cls + "<")
        elif k == j - 1:
            f.append("x" + cls + "E")
            if j < n:
                out[j].append("x" + cls + ">")
        else:
            f.append("x" + cls + "M")
    for f in out:
        if len(f) > 1:
            f[:] = sorted(set(f))
    return out


@lru_cache(maxsize=1)
def _sources_digest() -> bytes:
    """What the tables built here are derived from besides the lexicon: jieba's
    dictionary and this code (`kg.io.cached` keeps them while both stay the same)."""
    return hashlib.sha256(jieba_dictionary_digest() + Path(__file__).read_bytes()).digest()


def _dictionary_table() -> dict[str, tuple[str, ...]]:
    """jieba's dictionary as word -> its two features (see :func:`_words`); prefixes -> ()."""
    table: dict[str, tuple[str, ...]] = {}
    rows = [(w, tag if tag in _NAME_TAGS else str(len(n))) for w, n, tag in _jieba_dict()]
    for word, _ in rows:
        for k in range(1, len(word)):
            table.setdefault(word[:k], ())
    # one tuple for each size and class, shared by its words: a few dozen objects for the
    # cache to write and read back instead of a million strings
    shared: dict[tuple[int, str], tuple[str, str]] = {}
    for word, kind in rows:
        size = min(len(word), 5)
        table[word] = shared.setdefault((size, kind), (f"yB{size}{kind}", f"yE{size}{kind}"))
    return table


def _words(text: str) -> list[list[str]]:
    """Per character: the longest jieba dictionary word starting and ending there.

    A segmentation-free stand-in for the token features: ``yB3ns`` the character starts a
    three-character place word, ``yE2`` ends a two-character word of count magnitude 2;
    a character starting no longer word: ``yB1`` and its own class (``yB1?``: none).
    """
    table = _tables()
    n = len(text)
    out: list[list[str]] = [[] for _ in range(n)]
    ends: list[tuple[int, str]] = [(0, "")] * n
    for i in range(n):
        best, word = 0, ()
        starting = table.part(text[i])
        for j in range(i + 2, min(n, i + _MAX_WORD) + 1):
            entries = starting.get(text[i:j])
            entry = None if entries is None else entries[0]
            if entry is None:
                break
            if entry:
                best, word = j - i, entry
        if best:
            out[i].append(word[0])
            if best > ends[i + best - 1][0]:
                ends[i + best - 1] = (best, word[1])
        else:
            entries = starting.get(text[i])
            entry = None if entries is None else entries[0]
            out[i].append("yB1?" if entry is None else entry[0] if entry else "yB1")
    for i, (length, feature) in enumerate(ends):
        if length:
            out[i].append(feature)
    return out


def _char_classes(text: str) -> list[list[str]]:
    """Per character: surname (one or two characters) and transliteration-name runs."""
    lex = load_lexicon()
    surnames, compound, start, any_ = (lex.surnames, lex.compound_surnames, lex.translit,
                                       lex.translit_any)
    n = len(text)
    out: list[list[str]] = [[] for _ in range(n)]
    run = 0
    for i, ch in enumerate(text):
        f = out[i]
        if ch in surnames:
            f.append("s1")
        if text[i:i + 2] in compound:
            f.append("s2")
        if ch in start:
            f.append("ts")
        run = run + 1 if ch in any_ else 0
        if run and (i + 1 == n or text[i + 1] not in any_):
            # a run of transliteration characters: 基里延科, 内塔尼亚胡
            for k in range(i - run + 1, i + 1):
                pos = "S" if run == 1 else "B" if k == i - run + 1 else "E" if k == i else "M"
                out[k].append(f"tr{pos}{min(run, 5)}")
    return out


# Character n-gram templates: (feature prefix, offset into the text padded by three, width);
# the character itself is at offset 3. ``W3`` adds characters three away (group ``w3``).
NGRAMS = (("a", 1, 1), ("b", 2, 1), ("c", 3, 1), ("d", 4, 1), ("e", 5, 1),
           ("f", 2, 2), ("g", 3, 2), ("h", 1, 2), ("i", 4, 2), ("j", 2, 3))
W3 = (("k", 0, 1), ("m", 6, 1), ("n", 1, 3), ("o", 3, 3))


def features(text: str, tokens: tuple[tuple[int, int], ...] | None = None, *,
             groups: tuple[str, ...] = DEFAULT_GROUPS) -> list[list[str]]:
    """The feature strings of each character of ``text`` (shared with the trainer).

    Args:
        text: the sentence.
        tokens: its jieba token spans, if already computed (``kg.text.segment.segment``);
            read only by the ``tok`` group (the shipped weights don't use it).
        groups: feature groups besides character n-grams: ``tok`` (jieba tokens),
            ``lex`` (longest-match lexicon scan, segmentation-free), ``dic`` (longest
            jieba dictionary words starting and ending at each character), ``chr`` (surname and
            transliteration characters), ``w3`` (characters three away).
    """
    n = len(text)
    by_width = ngrams(text)
    out = [[] for _ in range(n)]
    for prefix, at, width in templates(groups):
        for f, gram in zip(out, by_width[width][at:at + n]):
            f.append(prefix + gram)
    for column in group_features(text, tokens, groups):
        for f, g in zip(out, column):
            f.extend(g)
    return out


def templates(groups: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    return NGRAMS + W3 if "w3" in groups else NGRAMS


def ngrams(text: str) -> dict[int, list[str]]:
    """The normalised text padded by three, as its substrings of width 1, 2 and 3 by position.

    The templates share them: each n-gram is one string object, hashed once however many
    templates look it up.
    """
    pad = "\x02\x02\x02" + text.translate(_NORM) + "\x03\x03\x03"
    return {1: list(pad), 2: [pad[p:p + 2] for p in range(len(pad) - 1)],
            3: [pad[p:p + 3] for p in range(len(pad) - 2)]}


def group_features(text: str, tokens: tuple[tuple[int, int], ...] | None,
                    groups: tuple[str, ...]) -> list[list[list[str]]]:
    """Per feature group after the n-grams, in :func:`features`' order: per character lists."""
    columns = []
    if "tok" in groups:
        columns.append(_token_features(text, text.translate(_NORM), tokens))
    for group, scan in (("lex", _scan), ("dic", _words), ("chr", _char_classes)):
        if group in groups:
            columns.append(scan(text))
    return columns


def _token_features(text: str, norm: str,
                    tokens: tuple[tuple[int, int], ...] | None) -> list[list[str]]:
    """Per character: its jieba token, the neighbours, their dictionary classes."""
    if tokens is None:
        tokens = segment(text)
    classes, places, shorts, roles = _lexicon()
    lex = load_lexicon()
    surnames, compound = lex.surnames, lex.compound_surnames
    words = [text[s:e] for s, e in tokens]
    out: list[list[str]] = []
    for k, (s, e) in enumerate(tokens):
        word = words[k]
        prev = words[k - 1] if k else "^"
        nxt = words[k + 1] if k + 1 < len(words) else "$"
        length = e - s
        kind = classes.get(word, "?")
        shared = ["L" + prev, "R" + nxt, "D" + kind,
                  "l" + classes.get(prev, "?"), "r" + classes.get(nxt, "?")]
        if word[:1] in surnames or word[:2] in compound:
            # surname + made-up word of two or three characters: most likely a name
            shared.append(f"K{min(length, 4)}{kind}")
        if prev in roles:
            shared.append("Lr")
        if nxt in roles:
            shared.append("Rr")
        if word in places:
            shared.append("G")
        elif word in shorts:
            shared.append("g")
        for i in range(s, e):
            if length == 1:
                where = "S"
            elif i == s:
                where = "B"
            elif i == e - 1:
                where = "E"
            else:
                where = "M"
            f = ["P" + where + str(min(length, 5)), "W" + where + word]
            f.extend(shared)
            if where in "BS":
                if norm[i] in surnames:
                    f.append("S1")
                if norm[i:i + 2] in compound:
                    f.append("S2")
            out.append(f)
    return out
