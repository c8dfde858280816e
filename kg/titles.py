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
_STOP_IN_ORG = set("的了在是和与及或等、，。；：！？“”《》（）\n 对向为被把将从由于原前现")


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
    if org.label.endswith("使馆") and title.role == "大使":
        aliases = (label, *aliases)
        label = org.label[:-2].removesuffix("大") + title.role  # 南非驻华使馆 → 南非驻华大使
    elif org.org_type == "government" and head:
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
    m = (g.national_re.match(text, pos, end) or g.national_re.match(text, pos + cpc, end)
         or (g.national_re.match(text, pos + 2, end) if text.startswith("中国", pos) else None))
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
    marker = next((m for m in LEVEL_MARKERS if text.startswith(m, pos)), None)
    if marker is not None:
        place = place_at_level(marker, context)
        if place is not None:
            out.append(_Anchor(pos + len(marker), None, place, None, False))
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
        if stem + m.group("suffix") in g.roles:
            return None  # 市委|常委 is a title, not a unit 常委 of 市委
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
    surface = text[start:end]
    for anchor in _anchors(text, start, end, g, context, level_place):
        if anchor.end == end:
            return anchor.org, anchor.place, anchor.country
        if anchor.org is None and anchor.place is not None:
            # 河北省栾城县委: the province only qualifies the county's committee
            inner = parse_org(text, anchor.end, end, g, context, level_place)
            if inner is not None and inner[0] is not None:
                org = inner[0]
                if surface not in (org.label, *org.aliases):
                    org = OrgRef(org.label, org.org_type, org.place,
                                 (*org.aliases, surface), org.parent)
                return org, inner[1], inner[2]
        if (anchor.country and text.startswith("驻", anchor.end) and end - anchor.end <= 4
                and not text[start:end].endswith("馆")):
            # 南非驻华: the embassy, named by the post that follows (南非驻华大使)
            return OrgRef(surface + "使馆", "other", None, (surface + "大使馆",)), None, anchor.country
        units = _units(text, anchor.end, end, g)
        if units:
            return _with_units(anchor, units, surface, g), anchor.place, anchor.country
    return None


def _with_units(anchor: _Anchor, units: list[tuple[str, str]], surface: str, g: Grammar) -> OrgRef:
    """The body named by an anchor and the units after it, each unit a sub-body
    of the one before (福州市|国税局|党组 is the 党组 of 福州市国税局)."""
    org = anchor.org
    place = anchor.place or (org.place if org is not None else None)
    head = org.label if org is not None else place.name if place is not None else anchor.country
    heads = org.aliases if org is not None else ()
    for stem, suffix in units:
        unit = stem + suffix
        suffix_type, party_type = g.suffixes[suffix]
        org_type = (party_type or suffix_type) if anchor.party else suffix_type
        if org_type == "military" and place is not None:
            head = surface[: surface.index(unit)] if unit in surface else head  # 广西军区 as named
        org = OrgRef(head + unit, org_type, place, tuple(h + unit for h in heads), org)
        head, heads = org.label, org.aliases
    if surface != org.label and surface not in org.aliases:
        org = OrgRef(org.label, org.org_type, org.place, (*org.aliases, surface), org.parent)
    return org


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


def find_title_chains(doc: Document, sentences: tuple[Sentence, ...], tokens: dict[int, int],
                      context: list[Place]) -> list[TitleChain]:
    """Title chains and the names that hold them, sentence by sentence.

    Titles whose organisation cannot be known (市委书记 in a report that names
    no city) are dropped: a post without its organisation is no fact.
    """
    g = grammar()
    chains: list[TitleChain] = []
    for sent in sentences:
        if not g.role_re.search(doc.text, sent.start, sent.end):
            continue
        for chain in _chains_in(doc, sent, tokens, context, g):
            kept = tuple(t for t in chain.titles if t.org is not None)
            if kept:
                chains.append(TitleChain(kept, chain.names, chain.sentence, chain.end))
    return chains


_SEPARATORS = set("，、和及与；") | {"以及"}


def _adjoins(text: str, start: int, end: int) -> bool:
    """Only a separator (and a rank or 同志) lies between two chains:
    民革中央常务副主席周铁农，名誉副主席贾亦斌 — the second shares the first's body."""
    gap = text[start:end]
    for word in ("同志", "上将", "中将", "少将", "女士", "先生"):
        gap = gap.replace(word, "")
    return 0 < len(gap) <= 2 and all(c in _SEPARATORS for c in gap)


def _chains_in(doc: Document, sent: Sentence, tokens: dict[int, int], context: list[Place],
               g: Grammar) -> list[TitleChain]:
    from kg.recognize import person_names
    text = doc.text
    roles = _roles_in(text, sent.start, sent.end, g)
    chains: list[TitleChain] = []
    floor = sent.start
    previous: TitleChain | None = None
    for role in roles:
        if role.start < floor:
            continue
        inherit = previous if previous is not None and _adjoins(text, previous.end, role.start) else None
        titles = _first_titles(doc, sent, role, floor, tokens, g, context, inherit)
        if titles[0].org is None:
            continue  # a role no body can be found for: maybe a longer reading (教育部|部长) has one
        former = text[titles[0].mention.start - 1] in "原前" if titles[0].mention.start > sent.start else False
        while True:
            nxt = _next_title(doc, sent, titles[-1], roles, g, context)
            if nxt is None:
                break
            titles.append(nxt)
        names = person_names(doc, titles[-1].mention.end, sent, tokens, g.lex, g.pats,
                             foreign=any(t.country for t in titles))
        if not names:
            before = _name_before(doc, sent, titles[0], tokens, g) if len(titles) == 1 else None
            if before is None:
                continue
            names = [before]
        chain = TitleChain(tuple(titles), tuple(names), sent.index, max(n.end for n in names))
        if not former:  # 原市委书记: held before the report, not as of its date
            chains.append(chain)
        previous = chain
        floor = max(chain.end, titles[-1].mention.end)
    return chains


def _name_before(doc: Document, sent: Sentence, title: Title, tokens: dict[int, int],
                 g: Grammar) -> Mention | None:
    """李鹏委员长: a name right before a role that may follow one."""
    from kg.recognize import name_length
    row = g.roles.get(title.mention.text)
    if row is None or not row.after_name or title.org is None:
        return None
    end = title.mention.start
    for length in (3, 2, 4):
        start = end - length
        if start < sent.start or tokens.get(start) not in (end, start + 1, start + 2):
            continue
        if start > sent.start and doc.text[start - 1] not in "了的和与及、，：“在同向为" :
            continue
        if name_length(doc.text, start, end, tokens, g.lex, g.pats) == length:
            return Mention.of(doc, start, end, "person", sent.index)
    return None


def _title(doc: Document, sent: Sentence, start: int, role: _Role, org: OrgRef | None,
           place: Place | None, country: str | None, g: Grammar, context: list[Place],
           inherit: TitleChain | None) -> Title:
    if org is None:
        if place is not None or country:
            org = _government(place, country, g.lex)  # 河南省省长, 法国总统
        else:
            inherited = inherit.titles[-1] if inherit is not None else None
            if inherited is not None and inherited.country and role.role in g.lex.head_roles:
                # 法国总统希拉克和总理若斯潘: the second head is France's too
                country = inherited.country
                org = _government(None, country, g.lex)
            else:
                org = implied_org(role.word, g, context) or (
                    inherited.org if inherited is not None else None)
    mention = Mention.of(doc, start, role.end, "role", sent.index)
    return Title(mention, role.role, org, country)


def _first_titles(doc: Document, sent: Sentence, role: _Role, floor: int, tokens: dict[int, int],
                  g: Grammar, context: list[Place], inherit: TitleChain | None) -> list[Title]:
    """The title that ends with `role`, preceded by the bodies it is shared
    with: 中共中央台湾工作办公室、国务院台湾事务办公室主任 → two posts."""
    text = doc.text
    lowest = max(floor, role.start - MAX_ORG_CHARS)
    for start in range(lowest, role.start):
        if text[start] in PUNCTUATION or start not in tokens:
            continue  # a body's name starts a word: not 西区 inside 广西|区政府
        parsed = parse_org(text, start, role.start, g, context, None)
        if parsed is None:
            continue
        org, place, country = parsed
        if org is None and (place is None and not country or not _place_role(role, g)):
            continue
        title = _title(doc, sent, start, role, org, place, country, g, context, None)
        return [*_shared_bodies(doc, sent, start, role, floor, g, context), title]
    return [_title(doc, sent, role.start, role, None, None, None, g, context, inherit)]


def _shared_bodies(doc: Document, sent: Sentence, start: int, role: _Role, floor: int,
                   g: Grammar, context: list[Place]) -> list[Title]:
    text = doc.text
    shared: list[Title] = []
    while start - 1 > floor and text[start - 1] == "、":
        end = start - 1
        for begin in range(max(floor, end - MAX_ORG_CHARS), end):
            parsed = parse_org(text, begin, end, g, context, None)
            if parsed is not None and parsed[0] is not None:
                shared.insert(0, Title(Mention.of(doc, begin, role.end, "role", sent.index),
                                       role.role, parsed[0], parsed[2]))
                start = begin
                break
        else:
            break
    return shared


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
            return _bare_in_chain(doc, sent, pos, role, last, g, context)
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


def _bare_in_chain(doc: Document, sent: Sentence, pos: int, role: _Role, last: Title,
                   g: Grammar, context: list[Place]) -> Title:
    """A role with no body inside a chain: its own body (副省长 → the province's
    government), else the body the chain is about (文化和旅游部党组书记、部长 →
    文化和旅游部部长: the party group's parent)."""
    mention = Mention.of(doc, pos, role.end, "role", sent.index)
    if last.country and role.role in g.lex.head_roles:
        return Title(mention, role.role, _government(None, last.country, g.lex), last.country)
    org = implied_org(role.word, g, context)
    if org is None and last.org is not None:
        org = last.org
        if org.org_type == "party-committee" and org.parent is not None:
            org = org.parent
    return Title(mention, role.role, org, last.country)
