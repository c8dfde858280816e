"""Normalise raw text for the recognisers while keeping the way back.

Order matters: pinyin glosses are removed first (their check needs the
original traditional character), then each remaining character is folded
(NFKC for full-width letters and digits, Chinese punctuation unified), then
the text is converted traditional → simplified with OpenCC. Every output
character remembers the original characters it came from (`OffsetMap`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.model import OffsetMap

# A gloss is a run of pinyin letters (tone marks allowed) in parentheses
# right after a Han character: 區(qū), 務（wù）.
_GLOSS = re.compile(
    r"(?<=[\u3400-\u9fff\uf900-\ufaff])[(（]([a-zA-Zü\u00e0-\u01dc\u0300-\u036f]{1,7})[)）]")
_TONE_MARKS = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ",
                            "aaaaeeeeiiiioooouuuuvvvvvnnnm")

# Full-width brackets and punctuation are what Chinese text should use; NFKC
# would turn them into ASCII, so they are kept as they are.
_KEEP_WIDE = set("，：；（）！？")
_TO_WIDE = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？",
            "(": "（", ")": "）"}
_QUOTES = {"「": "“", "」": "”", "『": "‘", "』": "’", "〝": "“", "〞": "”",
           "＂": '"'}
_MIDDLE_DOTS = set("•・‧∙⋅･●")  # foreign names: 约翰·史密斯
# ... which web text also joins with a full stop (马克.吕特, 哈桑．鲁哈尼), as it ends sentences
_FULL_STOPS = set(".．")


def _joins_transliterations(raw: str, i: int) -> bool:
    """Whether the full stop at `i` joins the parts of a foreign name: two characters
    typical of transliterations on each side (劳尔.卡斯特罗, not 互联互通.按照), not a
    country ending or opening a sentence (访问了马来西亚.印度尼西亚总统) nor a name said
    again (会见了默克尔.默克尔表示)."""
    if i < 2:
        return False
    before = to_simplified(raw[max(0, i - _LONGEST_RUN):i])
    after = to_simplified(raw[i + 1:i + 1 + _LONGEST_RUN])
    chars, countries = _transliteration_data()
    if len(after) < 2 or not all(c in chars for c in before[-2:] + after[:2]):
        return False
    return not (any(before.endswith(c) or after.startswith(c) for c in countries)
                or any(before[-k:] == after[:k] for k in range(2, _LONGEST_RUN + 1)))


# how far either side of a full stop a country or a repeated name is looked for
_LONGEST_RUN = 6


@lru_cache(maxsize=1)
def _transliteration_data() -> tuple[frozenset[str], tuple[str, ...]]:
    from kg.lang.lexicon import load_lexicon  # the lexicon reads its files; only a stop asks it
    lex = load_lexicon()
    return frozenset(lex.translit_any), tuple(sorted(lex.countries))


@lru_cache(maxsize=8192)
def _readings(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin
    readings = pinyin(char, style=Style.TONE, heteronym=True, errors="ignore")
    forms = set()
    for reading in (readings[0] if readings else []):
        forms.add(unicodedata.normalize("NFC", reading.lower()))
        forms.add(_toneless(reading))
    return frozenset(forms)


def _toneless(syllable: str) -> str:
    syllable = unicodedata.normalize("NFC", syllable.lower())
    syllable = "".join(c for c in unicodedata.normalize("NFD", syllable)
                       if unicodedata.category(c) != "Mn" or c == "\u0308")
    return unicodedata.normalize("NFC", syllable).translate(_TONE_MARKS).replace("u\u0308", "v")


def is_reading(char: str, gloss: str) -> bool:
    """Whether `gloss` is a pinyin reading of `char` (any of its readings)."""
    readings = _readings(char)
    gloss = unicodedata.normalize("NFC", gloss.lower())
    return gloss in readings or _toneless(gloss) in readings


def gloss_spans(raw: str) -> list[tuple[int, int]]:
    """Spans of the raw text that are pinyin glosses of the character before."""
    return [m.span() for m in _GLOSS.finditer(raw)
            if is_reading(raw[m.start() - 1], m.group(1))]


def _is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _fold(raw: str, i: int, char: str, quote_open: bool) -> tuple[str, bool]:
    """The normalised form of one character (may be several or none)."""
    if char in _KEEP_WIDE:
        return char, quote_open
    if char in _QUOTES:
        char = _QUOTES[char]
    if char == '"':
        return ("”" if quote_open else "“"), not quote_open
    if char == "“":
        return char, True
    if char == "”":
        return char, False
    if char in _MIDDLE_DOTS or (char in _FULL_STOPS and _joins_transliterations(raw, i)):
        return "·", quote_open
    folded = unicodedata.normalize("NFKC", char) if not char.isascii() else char
    if folded in _TO_WIDE:
        before = raw[i - 1] if i > 0 else ""
        after = raw[i + 1] if i + 1 < len(raw) else ""
        # 1,000 and 10:30 stay ASCII; Chinese clauses get Chinese punctuation
        if folded in "()" or not (_is_ascii_alnum(before) and _is_ascii_alnum(after)):
            return _TO_WIDE[folded], quote_open
    return folded, quote_open


@lru_cache(maxsize=1)
def _converter():
    import opencc
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified, keeping the length (one character each).

    OpenCC converts phrases; where a phrase would change the length of a
    line we fall back to converting that line character by character, so
    the offset map stays one to one.
    """
    convert = _converter().convert
    whole = convert(text)
    if len(whole) == len(text):
        return whole
    out = []
    for line in text.splitlines(keepends=True):
        converted = convert(line)
        if len(converted) != len(line):
            converted = "".join(c if len(c) == 1 else o
                                for o, c in ((o, convert(o)) for o in line))
        out.append(converted)
    return "".join(out)


# characters no folding rule touches (Han, Chinese punctuation that stays,
# ASCII letters and digits); quotes and line breaks are not here, since they
# change the state of quote pairing
_PLAIN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff。，、；：？！‘’《》（）…—a-zA-Z0-9 \t]+")


def normalize(raw: str) -> tuple[str, str | None, OffsetMap]:
    """Normalise `raw`.

    Returns:
        (text, hant_text, offsets): the simplified normalised text; the same
        text before traditional → simplified conversion if that changed
        anything, else None; and the map from `text` back to `raw`.
    """
    skips = gloss_spans(raw)
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    quote_open = False
    skip_iter = iter(skips + [(len(raw) + 1, len(raw) + 1)])
    next_skip = next(skip_iter)
    i = 0
    n = len(raw)
    while i < n:
        if i == next_skip[0]:
            i = next_skip[1]
            next_skip = next(skip_iter)
            continue
        plain = _PLAIN.match(raw, i, min(n, next_skip[0]))
        if plain:  # most of a report needs no folding: copy it in one go
            j = plain.end()
            chars.append(raw[i:j]); starts.extend(range(i, j)); ends.extend(range(i + 1, j + 1))
            i = j
            continue
        char = raw[i]
        if char == "\r":
            # CRLF and CR line ends become one \n mapped to the whole break
            end = i + 2 if raw.startswith("\r\n", i) else i + 1
            chars.append("\n"); starts.append(i); ends.append(end)
            i = end
            continue
        folded, quote_open = _fold(raw, i, char, quote_open)
        if char == "\n":
            quote_open = False
        for piece in folded:
            chars.append(piece); starts.append(i); ends.append(i + 1)
        i += 1
    pre = "".join(chars)
    text = to_simplified(pre)
    hant = pre if text != pre else None
    return text, hant, OffsetMap(tuple(starts), tuple(ends))


_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*|\n+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of normalised text, without surrounding white space."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if not m.group().startswith("\n") else m.start()
        spans.append((start, end))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


@lru_cache(maxsize=1)
def _to_traditional():
    import opencc
    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    """Simplified → traditional, for @zh-Hant labels of canonical names that
    the source only spelled in part (区委 → 秦州區委)."""
    return _to_traditional().convert(text)
