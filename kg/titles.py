"""Titles and the people who hold them.

A title is an organisation phrase and a role: 区委|常委, 国务院|副总理,
广东省|文化厅|厅长, 俄罗斯|总统. An organisation phrase starts at an anchor
the lexicons know (a national body, a body named after a place or a level
marker, a place, a country) and may go on with units that end in a body word
(文化厅, 国税局, 港澳办). Titles joined by 、 or 兼 form a chain shared by the
names after it:

    区委常委、区政府副区长王小林      → two posts, one person
    中央军委副主席张震、张万年        → one post, two people
    马来西亚副总理兼财政部长安瓦尔    → 马来西亚副总理, 马来西亚财政部部长

Where the text names no organisation, the role's own (副区长 → the district
government, 总理 → 国务院) or the one of the chain before it in the sentence
(民革中央常务副主席周铁农，副主席李赣骝 → 民革中央副主席) is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.lexicon import LEVEL_MARKERS, Lexicon, load_lexicon, trie_regex
from kg.model import Document, Mention, OrgRef, Place, PostRef, Sentence
from kg.patterns import HAN, PUNCTUATION, Patterns, patterns

MAX_ORG_CHARS = 30
# characters that cannot sit inside an organisation's name
_STOP_IN_ORG = set("的了在是和与及或等、，。；：！？“”《》（）\n 对向为被把将从由于")


@dataclass(frozen=True, slots=True)
class Title:
    """区委常委 → organisation 秦州区委, role 常委."""

    mention: Mention
    role: str
    org: OrgRef | None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class TitleChain:
    titles: tuple[Title, ...]
    names: tuple[Mention, ...]
    sentence: int
    end: int

    def posts(self) -> tuple[PostRef, ...]:
        return tuple(post_of(t) for t in self.titles)


def post_of(title: Title) -> PostRef:
    org = title.org
    if org is None:
        return PostRef(title.role, None, title.role)
    label = org.label + title.role
    aliases = tuple(alias + title.role for alias in org.aliases)
    head = org.place.name if org.place is not None else title.country
    if org.org_type == "government" and head:
        # a people's government's post is named after the place: 秦州区副区长, 法国总统
        aliases = (label, *aliases)
        label = head + title.role
    return PostRef(title.role, org, label, tuple(dict.fromkeys(a for a in aliases if a != label)))


@dataclass(frozen=True, slots=True)
class _Anchor:
    end: int
    org: OrgRef | None
    place: Place | None
    country: str | None
    party: bool  # a party body: its 部/委/办 units are party departments


class Grammar:
    """The compiled lexicons the title parser needs."""

    def __init__(self, lex: Lexicon, pats: Patterns) -> None:
        self.lex = lex
        self.pats = pats
        self.roles = {r: row for r, row in lex.role_rows.items()}
        self.role_re = re.compile(trie_regex(self.roles))
        self.role_first = {r[0] for r in self.roles}
        self.national_names = {}
        for body in lex.national.values():
            for name in (body.label, *body.aliases):
                self.national_names.setdefault(name, body)
        self.national_re = re.compile(trie_regex(self.national_names))
        self.countries = lex.countries
        self.country_re = re.compile(trie_regex(self.countries)) if self.countries else None
        places = dict(lex.gazetteer.by_name)
        for short, cands in lex.gazetteer.by_short.items():
            if all(c.level in ("province", "prefecture") for c in cands):
                places.setdefault(short, cands)
        self.places = places
        self.place_re = re.compile(trie_regex(places))
        self.suffixes = lex.org_suffixes
        self.unit_re = re.compile(f"(?P<stem>[{HAN}]{{0,8}}?)(?P<suffix>{trie_regex(self.suffixes)})")


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    return Grammar(load_lexicon(), patterns())


# ---------------------------------------------------------------- organisations

def _anchors(text: str, pos: int, end: int, g: Grammar, context: list[Place],
             level_place: Place | None) -> list[_Anchor]:
    """Every way an organisation phrase can begin at `pos`, longest first."""
    from kg.recognize import place_at_level, resolve_org
    out = []
    cpc = 0
    for prefix in ("中国共产党", "中共"):
        if text.startswith(prefix, pos):
            cpc = len(prefix)
            break
    m = g.national_re.match(text, pos + cpc, end) or (
        g.national_re.match(text, pos + 2, end) if text.startswith("中国", pos) else None)
    if m:
        body = g.national_names[m.group()]
        aliases = tuple(dict.fromkeys(a for a in (*body.aliases, text[pos:m.end()])
                                      if a != body.label))
        org = OrgRef(body.label, body.org_type, None, aliases)
        out.append(_Anchor(m.end(), org, None, None, body.org_type == "party-committee"))
    m = g.pats.org.match(text, pos, end)
    if m and not m.group("national"):
        org = resolve_org(m, g.lex, context, level_place)
        if org is not None:
            out.append(_Anchor(m.end(), org, org.place, None, org.org_type == "party-committee"))
    m = g.place_re.match(text, pos, end)
    if m:
        place = _pick_place(g.places[m.group()], context, g)
        if place is not None:
            out.append(_Anchor(m.end(), None, place, None, False))
    if g.country_re is not None:
        m = g.country_re.match(text, pos, end)
        if m and m.group() != "中国":
            out.append(_Anchor(m.end(), None, None, m.group(), False))
    if pos < end and text[pos] in LEVEL_MARKERS:
        place = place_at_level(text[pos], context)
        if place is not None:
            out.append(_Anchor(pos + 1, None, place, None, False))
    return sorted(out, key=lambda a: -a.end)


def _pick_place(cands: list[Place], context: list[Place], g: Grammar) -> Place | None:
    if len(cands) == 1:
        return cands[0]
    gaz = g.lex.gazetteer
    near = [p for p in cands if p in context or any(c in gaz.ancestors(p) for c in context)]
    return near[0] if len(near) == 1 else None


def _units(text: str, pos: int, end: int, g: Grammar) -> list[tuple[str, str]] | None:
    """Split text[pos:end] into units ending in a body word, or None."""
    units = []
    while pos < end:
        m = g.unit_re.match(text, pos, end)
        if m is None:
            return None
        stem = m.group("stem")
        if any(c in _STOP_IN_ORG for c in stem) or g.role_re.search(stem):
            return None
        units.append((stem, m.group("suffix")))
        pos = m.end()
    return units


def parse_org(text: str, start: int, end: int, g: Grammar, context: list[Place],
              level_place: Place | None) -> tuple[OrgRef | None, Place | None, str | None] | None:
    """Read text[start:end] as exactly one organisation phrase.

    Returns (organisation, place anchor, country anchor); the organisation is
    None when the phrase is only a place or a country (河南省, 法国) and the
    role must say which body is meant. None if the span is no organisation.
    """
    if any(c in _STOP_IN_ORG for c in text[start:end]):
        return None
    for anchor in _anchors(text, start, end, g, context, level_place):
        units = [] if anchor.end == end else _units(text, anchor.end, end, g)
        if units is None:
            continue
        if not units:
            return anchor.org, anchor.place, anchor.country
        head = (anchor.org.label if anchor.org is not None
                else anchor.place.name if anchor.place is not None else anchor.country)
        label = head + "".join(s + x for s, x in units)
        suffix_type, party_type = g.suffixes[units[-1][1]]
        org_type = (party_type or suffix_type) if anchor.party else suffix_type
        place = anchor.place or (anchor.org.place if anchor.org is not None else None)
        surface = text[start:end]
        aliases = (surface,) if surface != label else ()
        if anchor.org is not None:
            aliases += tuple(a + "".join(s + x for s, x in units) for a in anchor.org.aliases)
        return OrgRef(label, org_type, place, tuple(dict.fromkeys(aliases))), place, anchor.country
    return None


def _government(place: Place | None, country: str | None, lex: Lexicon) -> OrgRef | None:
    if place is not None:
        kind = lex.bodies["政府"]
        return OrgRef(kind.label.format(place=place.name), kind.org_type, place,
                      tuple(a.format(place=place.name) for a in kind.aliases))
    if country:
        return OrgRef(f"{country}政府", "government", None, ())
    return None


def implied_org(role: str, g: Grammar, context: list[Place]) -> OrgRef | None:
    """The body a bare role belongs to: 副区长 → the district government."""
    from kg.recognize import place_at_level
    implied = g.roles[role].implies if role in g.roles else ""
    if not implied:
        return None
    if implied in g.national_names:
        body = g.national_names[implied]
        return OrgRef(body.label, body.org_type, None, body.aliases)
    kind = g.lex.bodies.get(implied[1:])
    place = place_at_level(implied[0], context)
    if kind is None or place is None:
        return None
    return OrgRef(kind.label.format(place=place.name), kind.org_type, place,
                  tuple(a.format(place=place.name) for a in kind.aliases))


# ---------------------------------------------------------------- titles

@dataclass(frozen=True, slots=True)
class _Role:
    start: int
    end: int
    word: str   # the role as written (外长, 部长)
    role: str   # canonical (部长)


def _roles_in(text: str, start: int, end: int, g: Grammar) -> list[_Role]:
    """Role words, overlapping ones included (常委 and 委员长 in 常委会委员长).

    A 长 right after a body word is that body's head: 财政部长 is 财政部 + 部长.
    """
    found = []
    for i in range(start, end):
        char = text[i]
        if char in g.role_first:
            m = g.role_re.match(text, i, end)
            if m:
                word = m.group()
                found.append(_Role(i, m.end(), word, g.roles[word].canonical or word))
        if char == "长" and i > start and text[i - 1] + "长" in g.roles:
            found.append(_Role(i, i + 1, text[i - 1] + "长", text[i - 1] + "长"))
    return found


def find_title_chains(doc: Document, sentences: tuple[Sentence, ...], tokens_end: set[int],
                      context: list[Place]) -> list[TitleChain]:
    g = grammar()
    chains: list[TitleChain] = []
    for sent in sentences:
        if not g.role_re.search(doc.text, sent.start, sent.end):
            continue
        chains += _chains_in(doc, sent, tokens_end, context, g)
    return chains


def _chains_in(doc: Document, sent: Sentence, tokens_end: set[int], context: list[Place],
               g: Grammar) -> list[TitleChain]:
    from kg.recognize import person_names
    text = doc.text
    roles = _roles_in(text, sent.start, sent.end, g)
    by_start: dict[int, list[_Role]] = {}
    for r in roles:
        by_start.setdefault(r.start, []).append(r)
    chains: list[TitleChain] = []
    floor = sent.start
    previous: TitleChain | None = None
    for role in roles:
        if role.start < floor:
            continue
        first = _first_title(doc, sent, role, floor, g, context, previous)
        if first is None:
            continue
        titles = [first]
        while True:
            nxt = _next_title(doc, sent, titles[-1], roles, g, context)
            if nxt is None:
                break
            titles.append(nxt)
        names = person_names(doc, titles[-1].mention.end, sent, tokens_end, g.lex, g.pats,
                             foreign=any(t.country for t in titles))
        if not names:
            continue
        chain = TitleChain(tuple(titles), tuple(names), sent.index, names[-1].end)
        chains.append(chain)
        previous = chain
        floor = chain.end
    return chains


def _title(doc: Document, sent: Sentence, start: int, role: _Role, org: OrgRef | None,
           place: Place | None, country: str | None, g: Grammar, context: list[Place],
           previous: TitleChain | None) -> Title:
    if org is None:
        if place is not None or country:
            org = _government(place, country, g.lex)  # 河南省省长, 法国总统
        else:
            inherited = previous.titles[-1] if previous is not None else None
            if inherited is not None and inherited.country and role.role in g.lex.head_roles:
                # 法国总统希拉克和总理若斯潘: the second head is France's too
                country = inherited.country
                org = _government(None, country, g.lex)
            else:
                org = implied_org(role.word, g, context) or (
                    inherited.org if inherited is not None else None)
    mention = Mention.of(doc, start, role.end, "role", sent.index)
    return Title(mention, role.role, org, country)


def _first_title(doc: Document, sent: Sentence, role: _Role, floor: int, g: Grammar,
                 context: list[Place], previous: TitleChain | None) -> Title | None:
    text = doc.text
    lowest = max(floor, role.start - MAX_ORG_CHARS)
    for start in range(lowest, role.start):
        if text[start] in PUNCTUATION:
            continue
        parsed = parse_org(text, start, role.start, g, context, None)
        if parsed is not None:
            org, place, country = parsed
            if org is None and place is None and not country:
                continue
            if org is None and not _place_role(role, g):
                continue
            return _title(doc, sent, start, role, org, place, country, g, context, previous)
    return _title(doc, sent, role.start, role, None, None, None, g, context, previous)


def _place_role(role: _Role, g: Grammar) -> bool:
    """Roles that follow a bare place or country: 河南省省长, 法国总统."""
    return role.role in g.lex.head_roles


def _next_title(doc: Document, sent: Sentence, last: Title, roles: list[_Role], g: Grammar,
                context: list[Place]) -> Title | None:
    text = doc.text
    pos = last.mention.end
    if pos < sent.end and text[pos] in "、兼":
        pos += 1
    level_place = last.org.place if last.org is not None else None
    for role in roles:
        if role.start < pos or role.start - pos > MAX_ORG_CHARS:
            continue
        if role.start == pos:
            title = _title(doc, sent, pos, role, None, None, None, g, context, None)
            if title.org is None and last.country:
                title = Title(title.mention, title.role, _government(None, last.country, g.lex),
                              last.country)
            return title
        parsed = parse_org(text, pos, role.start, g, context, level_place)
        if parsed is None:
            continue
        org, place, country = parsed
        if org is None and not _place_role(role, g):
            continue
        if last.country and country is None and org is not None and org.place is None:
            # 马来西亚副总理兼财政部长: the ministry is Malaysia's, not China's
            country = last.country
            org = OrgRef(country + org.label, "government-department", None, ())
        return _title(doc, sent, pos, role, org, place, country or None, g, context, None)
    return None
