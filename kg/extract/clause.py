"""What reading the titles of one sentence needs: the sentence (a `Clause`) and
the role words in it.

A role word (书记, 副区长, 外长) ends every title; the readers in posts.py,
foreign.py and holders.py look back from it for the body and after it (or
before it) for the names that hold it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.lang.language import Language
from kg.lang.lexicon import Lexicon
from kg.lang.patterns import PUNCTUATION, Patterns
from kg.lang.words import Words
from kg.model import Document, Mention, OrgRef, Place, Sentence, Tokens

# the longest body's name read before a role (中共中央台湾工作办公室 and longer
# units chains fit; a wider window reads across clauses)
MAX_ORG_CHARS = 30


@dataclass(frozen=True, slots=True)
class Role:
    start: int
    end: int
    word: str   # the role as written (外长, 部长)
    role: str   # canonical (部长)


def roles_in(text: str, start: int, end: int, lang: Language) -> list[Role]:
    """Role words, overlapping ones included (常委 and 委员长 in 常委会委员长).

    A 长 right after a body word is that body's head: 财政部长 is 财政部 + 部长.
    """
    pats, rows = lang.patterns, lang.lexicon.role_rows
    found = []
    for i in range(start, end):
        char = text[i]
        if char in pats.role_first:
            m = pats.role.match(text, i, end)
            if m and not any(text.startswith(s, i) for s in pats.suffixes_by_role.get(m.group(), ())):
                word = m.group()  # (书记处, 委员会 are bodies, not the roles 书记, 委员)
                found.append(Role(i, m.end(), word, rows[word].canonical or word))
        # ... but 政务司|司长 is written whole: its body does not end in 司司
        if (char == lang.words.head_char and i > start and (head := text[i - 1] + char) in rows
                and not (i - 2 >= start and text[i - 2] == text[i - 1])):
            found.append(Role(i, i + 1, head, head))
    # 财政经济部长官: where two roles cross, the later one is meant (部|长官, not 部长|官)
    return [r for r in found if not any(r.start < o.start < r.end < o.end for o in found)]


@dataclass(frozen=True)
class Clause:
    """What parsing one sentence needs."""

    doc: Document
    sent: Sentence
    tokens: Tokens
    context: list[Place]
    orgs: list[tuple[OrgRef, Mention]]  # bodies named in the sentence (for 这是局长…)
    lang: Language

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def lex(self) -> Lexicon:
        return self.lang.lexicon

    @property
    def pats(self) -> Patterns:
        return self.lang.patterns

    @property
    def w(self) -> Words:
        return self.lang.words

    def mention(self, start: int, end: int, kind) -> Mention:
        return Mention.of(self.doc, start, end, kind, self.sent.index)


def word_ends_at(c: Clause, end: int) -> bool:
    """A word of two characters or more ends right at `end` (温岭|县人民政府, not 由|县委,
    nor a body's word: 政府|常务副县长): the level word after it ends that place's name,
    not one of a place left unresolved."""
    before = c.tokens.start_of(end)
    word = c.text[before:end] if before is not None else ""
    return (before is not None and before >= c.sent.start and len(word) >= 2
            and word not in c.lex.org_suffixes
            and not any(ch in c.w.stop_in_org or ch in PUNCTUATION for ch in word))


def place_role(role: Role, lang: Language) -> bool:
    """Roles that follow a bare place or country: 河南省省长, 法国总统."""
    return role.role in lang.lexicon.head_roles


def level_governed(c: Clause, role: Role) -> str | None:
    """The level word of the place whose government a role heads (市长 → 市),
    or None for other roles."""
    row = c.lex.role_rows.get(role.word)
    implies = row.implies if row is not None else ""
    level = implies.removesuffix(c.w.government)
    return level if len(level) == 1 and implies.endswith(c.w.government) else None


# the longest note in brackets after a name or a body (（回族）, （议会上院）)
MAX_NOTE_CHARS = 8
BRACKETED = re.compile(f"（[^（）]{{1,{MAX_NOTE_CHARS}}}）$")
