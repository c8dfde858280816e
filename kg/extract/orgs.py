"""Organisation phrases: 区委, 国务院港澳办, 广东省|文化厅, 俄罗斯, 公明镇|党委.

A phrase starts at an anchor the lexicons know (a national body, a body named
after a place or a level marker, a place, a town, a country, a foreign city)
and may go on with units that end in a body word (文化厅, 国税局, 港澳办), each
unit a sub-body of what comes before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.extract.recognize import conjoined_place, disambiguate, place_at_level
from kg.lang.language import Language
from kg.lang.lexicon import BodyKind, NationalBody
from kg.model import AnnotatedDocument, Document, Mention, OrgRef, Place, Sentence, Tokens

# a body named by its units alone has four characters at least (研究所 alone: whose?)
MIN_UNANCHORED_CHARS = 4
# ... and its first unit a stem of two (管委会, 团委 alone: whose?)
MIN_UNANCHORED_STEM = 2
# 驻 and the host country after it: 南非驻华, 中国驻乌克兰 (longer is another phrase)
MAX_STATIONED_CHARS = 6
# 中共 + the longest division name + a level marker
_LONGEST_PREFIX = 16


# what parse_org reads: (organisation, place anchor, country anchor), or None
Parsed = tuple[OrgRef | None, Place | None, str | None] | None


@dataclass(frozen=True, slots=True)
class _Anchor:
    end: int
    org: OrgRef | None
    place: Place | None
    country: str | None
    party: bool  # a party body: its 部/委/办 units are party departments
    head: str = ""  # a name that only starts units (中国|城市发展研究院, or nothing at all)


# ---------------------------------------------------------------- organisations

def _anchors(text: str, pos: int, end: int, lang: Language, context: list[Place],
             before: OrgRef | None, loose: bool = False) -> list[_Anchor]:
    """Every way an organisation phrase can begin at `pos`, longest first."""
    out = []
    w = lang.words
    cpc = 0
    for prefix in w.cpc_names:
        if text.startswith(prefix, pos):
            cpc = len(prefix)
            break
    national = lang.patterns.national
    m = (national.match(text, pos, end) or national.match(text, pos + cpc, end)
         # 中国外交部, 国家建设部: the state's name before a body is transparent
         or next((national.match(text, pos + len(state), end) for state in w.state_names
                  if text.startswith(state, pos)), None))
    if m:
        body = lang.patterns.national_names[m.group()]
        org = national_body(body, text[pos:m.end()])
        out.append(_Anchor(m.end(), org, None, w.foreign_party_countries.get(body.label),
                           body.org_type == "party-committee"))
    party = next((p for p in (w.league, *w.democratic_parties) if text.startswith(p, pos)), "")
    m = lang.patterns.org.match(text, pos + len(party), end)
    if m and not m.group("national"):
        org = resolve_org(m, lang, context, before, unresolved=True)
        if org is not None and party and org.org_type == "party-committee" and org.place:
            org = _party_committee(party, org, lang)
        if org is not None and (org.org_type != "party-committee" or not party):
            out.append(_Anchor(m.end(), org, org.place, None, org.org_type == "party-committee"))
    m = lang.patterns.anchor_place.match(text, pos, end)
    if m:
        place = pick_place(lang.patterns.anchor_places[m.group()], context, lang)
        if place is not None:
            out.append(_Anchor(m.end(), None, place, None, False))
    m = lang.patterns.country.match(text, pos, end)
    # 中国 before a body is transparent (中国外交部); before 驻 it names China's embassy
    if m and (m.group() != w.china or text.startswith(w.stationed, m.end())):
        out.append(_Anchor(m.end(), None, None, m.group(), False))
        long_form = lang.patterns.long_form.match(text, m.end(), end)
        if long_form:  # 苏里南共和国总统: the country in its long form
            out.append(_Anchor(long_form.end(), None, None, m.group(), False))
    elif pos + 1 == end:
        abbreviated = _abbreviated_country(text, pos, lang)
        if abbreviated is not None:
            out.append(_Anchor(end, None, None, abbreviated, False))
    # towns only as the sentence names them word by word (see titles._towns)
    town = next((p for p in context if p.level == "township" and text.startswith(p.name, pos)
                 and pos + len(p.name) <= end), None)
    if town is not None:
        out.append(_Anchor(pos + len(town.name), None, town, None, False))
    marker = next((m for m in lang.lexicon.words("level_markers") if text.startswith(m, pos)), None)
    if marker is not None:
        place = level_place_of(marker, context, lang)
        if place is not None:
            out.append(_Anchor(pos + len(marker), None, place, None, False))
    if loose and text.startswith(w.china, pos):
        # 中国城市发展研究院, 中国奥委会: a national body the lexicon does not list
        out.append(_Anchor(pos + len(w.china), None, None, None, False, w.china))
    if loose and (pos == 0 or text[pos - 1] in w.opens):
        # 布鲁京斯研究所桑顿中国中心研究部: units with no anchor, where a phrase starts
        out.append(_Anchor(pos, None, None, None, False))
    return sorted(out, key=lambda a: -a.end)


def _abbreviated_country(text: str, pos: int, lang: Language) -> str | None:
    """The country text[pos] abbreviates (俄|外长): the one the report names that starts
    with it, if it names exactly one (places.yaml country_abbreviations); not after a
    number (5日|外长: a day)."""
    char = text[pos]
    if char not in lang.lexicon.words("country_abbreviations") or pos > 0 and (
            text[pos - 1].isdigit() or text[pos - 1] in lang.words.term_numerals):
        return None
    named = _countries_named(text, lang.patterns.country).get(char, ())
    return named[0] if len(named) == 1 else None


@lru_cache(maxsize=2)
def _countries_named(text: str, country: re.Pattern) -> dict[str, tuple[str, ...]]:
    """The countries `text` names, by their first character."""
    named: dict[str, tuple[str, ...]] = {}
    for name in dict.fromkeys(m.group() for m in country.finditer(text)):
        named[name[0]] = (*named.get(name[0], ()), name)
    return named


def _party_committee(party: str, committee: OrgRef, lang: Language) -> OrgRef:
    """共青团四川省委 is the Youth League's committee of 四川省, 民盟闵行区委 the 民盟's of
    闵行区: not the Party's committee the place-body pattern read after the name."""
    if party == lang.words.league:
        return local_body(lang.lexicon.bodies[lang.words.league_committee], committee.place, lang)
    return OrgRef(party + committee.label, "other", committee.place,
                  tuple(party + alias for alias in committee.aliases))


def pick_place(cands: list[Place], context: list[Place], lang: Language, *,
               first: bool = False) -> Place | None:
    """The place a name in an organisation phrase is: one of the report's own
    places or below them (朝阳区委 in a report about 北京市)."""
    gaz = lang.lexicon.gazetteer
    return disambiguate(cands, lambda p: p in context or any(c in gaz.ancestors(p) for c in context),
                        first=first)


def units_of(text: str, pos: int, end: int, lang: Language) -> list[tuple[str, str]] | None:
    """Split text[pos:end] into units ending in a body word, or None."""
    units = []
    while pos < end:
        m = lang.patterns.unit.match(text, pos, end)
        if m is None:
            return None
        stem = m.group("stem")
        if (any(c in lang.words.stop_in_org for c in stem) or lang.patterns.role.search(stem)
                or any(word in stem for word in lang.words.not_in_body_stems)):
            return None
        if stem + m.group("suffix") in lang.lexicon.role_rows:
            return None  # 市委|常委 is a title, not a unit 常委 of 市委
        if len(stem) == 1 and units and len(units[-1][1]) == 1:
            stem = "".join(units.pop()) + stem  # 内务司法|委员会: a word (司法) cut apart, one body
        units.append((stem, m.group("suffix")))
        pos = m.end()
    return units


def parse_org(text: str, start: int, end: int, lang: Language, context: list[Place],
              before: OrgRef | None, loose: bool = False) -> Parsed:
    """Read text[start:end] as exactly one organisation phrase.

    Returns (organisation, place anchor, country anchor); the organisation is
    None when the phrase is only a place or a country (河南省, 法国) and the
    role must say which body is meant. None if the span is no organisation.
    With `loose`, a phrase may also be units alone where a clause starts
    (布鲁京斯研究所|桑顿中国中心|研究部): for a title no stricter reading fits.
    """
    surface = text[start:end]
    w = lang.words
    for anchor in _anchors(text, start, end, lang, context, before, loose):
        ordinal = lang.patterns.ordinal.match(text, anchor.end, end)
        if ordinal:  # 自治区七届政协: the term is no part of the body's name
            anchor = _Anchor(ordinal.end(), anchor.org, anchor.place, anchor.country, anchor.party)
        bare = anchor.org is None and anchor.place is None and anchor.country is None
        if anchor.end == end:
            if bare:
                continue  # 中国 alone, or nothing: no body
            return anchor.org, anchor.place, anchor.country
        if anchor.org is None and anchor.place is not None:
            # 河北省栾城县委: the province only qualifies the county's committee
            inner = parse_org(text, anchor.end, end, lang, context, before)
            if inner is not None and inner[0] is not None and inner[0].level:
                inner = None  # 温岭|县人民政府: the place names the body, as before the county became a city
            if inner is not None and inner[0] is not None:
                org = inner[0]
                if surface not in (org.label, *org.aliases):
                    org = OrgRef(org.label, org.org_type, org.place,
                                 (*org.aliases, surface), org.parent)
                return org, inner[1], inner[2]
            if (inner is not None and inner[1] is not None and inner[1] != anchor.place
                    and lang.lexicon.gazetteer.contains(anchor.place, inner[1])):
                return None, inner[1], None  # 张家口崇礼县: the county, in its prefecture
        if bare and not anchor.head and (end - start < MIN_UNANCHORED_CHARS
                                         or text[start] in w.pointers
                                         or any(c in w.not_in_unanchored for c in surface)):
            continue
        prc = anchor.org is not None and anchor.org.label == w.prc
        if ((anchor.country or prc) and text.startswith(w.stationed, anchor.end)
                and end - anchor.end <= MAX_STATIONED_CHARS and not surface.endswith(w.building_end)):
            # 南非驻华: the embassy, named by the post that follows (南非驻华大使);
            # 中华人民共和国驻乌克兰 is China's
            name = w.china + surface[anchor.end - start:] if prc else surface
            aliases = tuple(dict.fromkeys((name + w.embassy_long, surface + w.embassy,
                                           surface + w.embassy_long)))
            country = None if prc or anchor.country == w.china else anchor.country
            return OrgRef(name + w.embassy, lang.lexicon.org_suffixes[w.embassy][0], None,
                          aliases), None, country
        units = units_of(text, anchor.end, end, lang)
        if units and bare and not anchor.head and len(units[0][0]) < MIN_UNANCHORED_STEM:
            continue  # 管委会, 团委, 警备区 alone: whose?
        if units:
            return _with_units(anchor, units, surface, lang), anchor.place, anchor.country
    return None


def _with_units(anchor: _Anchor, units: list[tuple[str, str]], surface: str, lang: Language) -> OrgRef:
    """The body named by an anchor and the units after it, each unit a sub-body
    of the one before (福州市|国税局|党组 is the 党组 of 福州市国税局)."""
    org = anchor.org
    place = anchor.place or (org.place if org is not None else None)
    head = (org.label if org is not None else place.name if place is not None
            else anchor.country or anchor.head)
    heads = org.aliases if org is not None else ()
    for stem, suffix in units:
        unit = stem + suffix
        if org is None and place is not None and unit in lang.lexicon.bodies:
            # 宁德|地委: a place's body the place-body pattern missed (a short name before 地委)
            org = place_committee(lang.lexicon.bodies[unit], place, lang)
            head, heads = org.label, org.aliases
            continue
        suffix_type, party_type = lang.lexicon.org_suffixes[suffix]
        org_type = (party_type or suffix_type) if anchor.party else suffix_type
        if org_type == "military" and place is not None:
            head = surface[: surface.index(unit)] if unit in surface else head  # 广西军区 as named
        org = OrgRef(head + unit, org_type, place, tuple(h + unit for h in heads), org)
        head, heads = org.label, org.aliases
    if surface != org.label and surface not in org.aliases:
        org = OrgRef(org.label, org.org_type, org.place, (*org.aliases, surface), org.parent)
    return org


def national_body(body: NationalBody, surface: str) -> OrgRef:
    """A national body, with the name it was written by among its aliases (中共中央, 中国外交部)."""
    aliases = tuple(dict.fromkeys(a for a in (*body.aliases, surface) if a != body.label))
    return OrgRef(body.label, body.org_type, None, aliases)


def place_body(kind: BodyKind, name: str, place: Place | None,
               also: tuple[str, ...] = (), short: str | None = None) -> OrgRef:
    """The body of a kind named after a place: 秦州区委, 天水市人民政府; named after
    the place's other names (`also`) too, among its aliases: 张家川县委 is
    张家川回族自治县委. A kind's names may hold the place's short name (`short`):
    宁德地委, the prefecture's committee, whether the place is 宁德地区 or today's 宁德市."""
    stem = short or name
    aliases = [a.format(place=name, short=stem) for a in kind.aliases]
    aliases += [a.format(place=other, short=stem) for other in also
                for a in (kind.label, *kind.aliases)]
    return OrgRef(kind.label.format(place=name, short=stem), kind.org_type, place,
                  tuple(dict.fromkeys(aliases)))


def local_body(kind: BodyKind, place: Place, lang: Language) -> OrgRef:
    """The body of a kind of a division of the gazetteer, under each name it is written with."""
    gazetteer = lang.lexicon.gazetteer
    return place_body(kind, place.name, place, gazetteer.written.get(place.code, ()),
                      gazetteer.short_name(place.name))


def government(place: Place | None, country: str | None, lang: Language) -> OrgRef | None:
    if place is not None:
        return local_body(lang.lexicon.bodies[lang.words.government], place, lang)
    if country:
        return OrgRef(country + lang.words.government, "government", None, ())
    return None


def unresolved_body(kind: BodyKind, level: str, surface: str) -> OrgRef:
    """The body of a kind of a place the report does not name, by its level
    word: 县委 (some county's committee), 县政府."""
    label = kind.label.format(place=level, short=level)
    aliases = (surface,) if surface != label else ()
    return OrgRef(label, kind.org_type, None, aliases, level=level)


def level_place_of(marker: str, context: list[Place], lang: Language) -> Place | None:
    """The report's place a level marker denotes, an abbreviated one too (特区 → 香港特别行政区)."""
    return place_at_level(lang.lexicon.gazetteer.level_written(marker), context)


def implied_org(role: str, lang: Language, context: list[Place]) -> OrgRef | None:
    """The body a bare role belongs to: 副区长 → the district government,
    行政长官 → the special administrative region's."""
    implied = lang.lexicon.role_rows[role].implies if role in lang.lexicon.role_rows else ""
    if not implied:
        return None
    if implied in lang.patterns.national_names:
        return national_body(lang.patterns.national_names[implied], implied)
    marker = next((m for m in lang.lexicon.words("level_markers") if implied.startswith(m)), "")
    kind = lang.lexicon.bodies.get(implied[len(marker):])
    if kind is None or not marker:
        return None
    place = level_place_of(marker, context, lang)
    if place is None:
        return unresolved_body(kind, marker, implied)  # 副县长 in a report naming no county
    return local_body(kind, place, lang)


def town_at(text: str, pos: int, end: int, context: list[Place], lang: Language) -> Place | None:
    """A town or township named at `pos` (公明镇), placed in the report's county.

    Its code is the county's and its name, so the same town in two reports about
    one county is one place; it has no official code of its own here.
    """
    m = lang.patterns.town.match(text, pos, end)
    # a town of townships.tsv is one though its name holds such a word (孟村镇, 大营镇)
    if m is None or not lang.lexicon.gazetteer.listed_town(m.group()) and any(
            c in lang.words.not_in_town or c in lang.words.stop_in_org for c in m.group()[:-1]):
        return None
    county = next((p for p in context if p.level == "county"), None)
    parent = county or (context[0] if context else None)
    code = f"{parent.code}:{m.group()}" if parent is not None else f":{m.group()}"
    return Place(code, m.group(), "township", parent.code if parent is not None else None)


# ---------------------------------------------------------------- bodies named on their own

def resolve_org(m: re.Match, lang: Language, context: list[Place],
                before: OrgRef | None, unresolved: bool = False) -> OrgRef | None:
    """An organisation named by a match of `Patterns.org`.

    Args:
        before: the body of the title before it in a chain, whose place bare
            names are in (纪委 after 区委常委 is the district's 纪委), resolved
            or not (区委常委、政法委书记 in a report naming no district).
        unresolved: a level word the report names no place of (县委 in a
            report naming no county) gives the body with its place unresolved
            (see `unresolved_body`), not None.
    """
    lex = lang.lexicon
    if m.group("national"):
        name = m.group("national")
        return national_body(lang.patterns.national_names[name], name)
    kind = lex.bodies[m.group("suffix")]
    place_name, level = m.group("place"), m.group("level")
    if place_name:
        place = pick_place(lex.gazetteer.named(place_name), context, lang, first=True)
        if place is None:
            return None
        if level and not place.name.endswith(lang.lexicon.gazetteer.level_written(level)):
            return None
    elif level:
        place = level_place_of(level, context, lang)
        if place is None and unresolved:
            return unresolved_body(kind, level, m.group())
    elif before is not None and before.place is not None:
        place = before.place  # 市委常委总工会主席: the city's 总工会
    elif before is not None and before.level and unresolved:
        return unresolved_body(kind, before.level, m.group())
    elif kind.bare:
        place = context[0] if context else None
    else:
        return None
    if place is None:
        return None
    body = place_committee(kind, place, lang)
    label, aliases = body.label, body.aliases
    surface = m.group()
    if surface != label and surface not in aliases and place_name:
        aliases += (surface,)
    return OrgRef(label, kind.org_type, place, aliases)


def place_committee(kind: BodyKind, place: Place, lang: Language) -> OrgRef:
    """A place's body of a kind; an autonomous region's committee is its 党委 (广西壮族自治区
    党委), a town's too (板浦镇党委)."""
    body = local_body(kind, place, lang)
    if kind.org_type == "party-committee" and (
            place.name.endswith(lang.words.autonomous_region) or place.level == "township"):
        return OrgRef(place.name + lang.words.region_committee, body.org_type, place,
                      (body.label, *body.aliases))
    return body


def organizations(adoc: AnnotatedDocument, lang: Language) -> AnnotatedDocument:
    """Stage: bodies named on their own.

    Reads: doc, sentences, tokens, context. Adds: organizations.
    """
    found = find_orgs(adoc.doc, adoc.sentences, adoc.tokens, lang, list(adoc.context))
    return replace(adoc, organizations=tuple(found))


def find_orgs(doc: Document, sentences: tuple[Sentence, ...], tokens: Tokens,
              lang: Language, context: list[Place]) -> list[tuple[OrgRef, Mention]]:
    """Bodies named on their own (区委、区政府《…》), where a name starts a word.

    Scanning for the few words bodies end with (委, 政府, 法院) and national
    names, then reading back to where the name starts, is several times faster
    than trying the whole organisation pattern at every character.
    """
    text, pats = doc.text, lang.patterns
    found = []
    for sent in sentences:
        spans = [m.span() for m in pats.national.finditer(text, sent.start, sent.end)
                 if tokens.starts_at(m.start())]
        for m in pats.body_suffix.finditer(text, sent.start, sent.end):
            for start in range(max(sent.start, m.start() - _LONGEST_PREFIX), m.start() + 1):
                if tokens.starts_at(start) and not conjoined_place(text, start, lang.lexicon) \
                        and pats.org.fullmatch(text, start, m.end()):
                    spans.append((start, m.end()))
                    break
        end = sent.start
        for start, stop in sorted(spans, key=lambda span: (span[0], -span[1])):
            if start < end:
                continue  # inside a longer name already taken
            m = pats.org.fullmatch(text, start, stop)
            org = resolve_org(m, lang, context, None) if m else None
            if org is not None:
                found.append((org, Mention.of(doc, start, stop, "organization", sent.index)))
                end = stop
    return found
