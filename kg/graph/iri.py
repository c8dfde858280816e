"""Deterministic, readable IRIs: `person/zhang-jian-3f2a`.

An IRI depends only on the entity's identity key, never on file order or
run; the pinyin slug keeps it readable, the short hash keeps it unique.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 48


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


@lru_cache(maxsize=65536)
def pinyin_label(name: str, *, surname_length: int = 0) -> str:
    """Tone-marked pinyin for a label.

    With `surname_length` (a person), the surname stands apart:
    张健 → Zhāng Jiàn; without, one word: 秦州区 → Qínzhōuqū.
    """
    from pypinyin import Style, lazy_pinyin
    syllables = lazy_pinyin(name, style=Style.TONE, errors=lambda chars: list(chars))
    if "·" in name or not 0 < surname_length < len(syllables):
        return "".join(syllables).capitalize()
    return " ".join(["".join(syllables[:surname_length]).capitalize(),
                     "".join(syllables[surname_length:]).capitalize()])
