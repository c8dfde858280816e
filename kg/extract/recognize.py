"""Recognise places, and people the title chains introduced (the names themselves
are read by kg.extract.names).

Everything here reads the normalised text of one document and returns spans
(`Mention`) with what they resolve to. Abbreviations are resolved against the
document's place: 区委 in a 秦州区 article is 秦州区委, 市委 is the committee of
the city that contains it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from kg.extract.event_text import _CLAUSE_END
from kg.lang.language import Language
from kg.lang.lexicon import Gazetteer, Lexicon
from kg.model import AnnotatedDocument, Document, Mention, Place, Sentence, Tokens
from kg.lang.patterns import Patterns
from kg.text.segment import common_words


# The lead: the first two sentences (a headline and the opening sentence); the place
# named there is the report's
LEAD_SENTENCES = 2
# the enumeration comma: places around it are listed
LIST_MARK = "、"
# a county's two-character short name is too often a word or many places' (和平区 → 和平,
# 城关区 → 城关); 龙泉驿 is one place
_SHORTEST_COUNTY_SHORT_NAME = 3
# ... but is read in a report that speaks of its level bare (开化政法 with 我县, 宁陕经济 with
# 全县), unless jieba counts it this often as a word: 大方 559, 平安 1438, 合作 13478 are
# words; 松滋 283, 龙口 118, 兰考 46 are places
_SHORT_COUNTY_WORD_COUNT = 300


# ---------------------------------------------------------------- places

def places(adoc: AnnotatedDocument, lang: Language) -> AnnotatedDocument:
    """Stage: the places named, the place the report is about, and its context.

    Reads: doc, sentences, tokens. Adds: places, doc_place, context.
    """
    gazetteer = lang.lexicon.gazetteer
    named = [(p, m) for p, m in find_places(adoc.doc, adoc.sentences, adoc.tokens, lang.lexicon,
                                            lang.patterns)
             if not adoc.doc.text.startswith(lang.lexicon.words("time_zone_words"), m.end)]
    doc_place = choose_doc_place(named, adoc.doc, lang.lexicon)
    return replace(adoc, places=tuple(named), doc_place=doc_place,
                   context=tuple(context_places(doc_place, gazetteer)))


def find_places(doc: Document, sentences: tuple[Sentence, ...], tokens: Tokens,
                lex: Lexicon, pats: Patterns) -> list[tuple[Place, Mention]]:
    """Division names in the text, disambiguated by the others named.

    A name counts only where it starts a word (not 礼县 inside 崇礼县). Short
    names (天水, 广西) count for provinces and prefectures, and for counties
    when three characters or more (龙泉驿), or two in a report that speaks of
    the county's level bare (宁陕 with 全县). A name that is also a phrase
    (和县) counts only as `conjoined_place` says.
    """
    gaz = lex.gazetteer
    raw: list[tuple[int, int, list[Place], int]] = []
    # the characters of every name found so far: a short name inside one is not another place
    covered: set[int] = set()
    bare_levels = tuple(word[1:] for word in lex.words("whole_level") if word in doc.text)
    read_for_the_bare_level: set[int] = set()
    for sent in sentences:
        for m in pats.place.finditer(doc.text, sent.start, sent.end):
            if tokens.starts_at(m.start()) and not conjoined_place(doc.text, m.start(), lex):
                raw.append((m.start(), m.end(), gaz.by_name[m.group()], sent.index))
                covered.update(range(m.start(), m.end()))
        # a name no division has today, that one had (户县, today's 鄠邑区): that division
        # (but 井冈山 is today's 井冈山市 short, read below)
        for m in pats.anchor_place.finditer(doc.text, sent.start, sent.end):
            if (m.group() in gaz.by_former and m.group() not in gaz.by_name
                    and m.group() not in gaz.by_short
                    and tokens.starts_at(m.start()) and m.start() not in covered):
                raw.append((m.start(), m.end(), gaz.named(m.group()), sent.index))
                covered.update(range(m.start(), m.end()))
        shorts = []
        for m in pats.place_short.finditer(doc.text, sent.start, sent.end):
            cands = [p for p in gaz.by_short[m.group()]
                     if p.level != "county" or len(m.group()) >= _SHORTEST_COUNTY_SHORT_NAME
                     or bare_levels and p.name.endswith(bare_levels)
                     and m.group() not in common_words(_SHORT_COUNTY_WORD_COUNT)]
            if cands and tokens.starts_at(m.start()) and m.start() not in covered:
                if len(m.group()) < _SHORTEST_COUNTY_SHORT_NAME and all(
                        p.level == "county" for p in cands):
                    read_for_the_bare_level.add(m.start())
                shorts.append((m.start(), m.end(), cands, sent.index))
        raw.extend(shorts)
        covered.update(i for s, e, _, _ in shorts for i in range(s, e))
    raw.sort()
    unique = {cands[0].code for _, _, cands, _ in raw if len(cands) == 1}
    found = []
    for start, end, cands, sent in raw:
        place = _disambiguate(cands, unique, gaz)
        if place is not None:
            found.append((place, Mention.of(doc, start, end, "place", sent)))
    return _within_the_reports_provinces(doc.text, found, read_for_the_bare_level, gaz)


def _within_the_reports_provinces(text: str, found: list[tuple[Place, Mention]],
                                  read_for_the_bare_level: set[int],
                                  gaz: Gazetteer) -> list[tuple[Place, Mention]]:
    """Without the two-character county names read only because the report speaks of its level
    bare, where they lie in no province of its places named in full nor of the first such name
    opening a line of its lead (宁陕融媒讯: the report's own county, 开化 with 我县): another is a
    word or part of a name (海城时代广场 in a 琼海市 report, 海城 of Liaoning; 惠民 of a headline)."""
    def province(place: Place) -> Place:
        return gaz.chain(place)[-1]
    own = next((p for p, m in found
                if m.start in read_for_the_bare_level and m.sentence < LEAD_SENTENCES
                and (m.start == 0 or text[m.start - 1] == "\n")), None)
    provinces = {province(p) for p, m in found if m.start not in read_for_the_bare_level}
    if own is not None:
        provinces.add(province(own))
    if not provinces:
        return found
    return [(p, m) for p, m in found
            if m.start not in read_for_the_bare_level or province(p) in provinces]


def conjoined_place(text: str, pos: int, lex: Lexicon) -> bool:
    """和县 read over 市委和县委, …会议和县第十六届人大, 各乡镇和县产业集聚区: a two-character
    division name at `pos` that is a conjunction and a level word is the conjunction and
    the level word (the report's county), unless it starts a clause or follows a place
    that contains it (安徽省和县, 马鞍山市和县); after a title (…的请示》和县妇联) it is the
    conjunction too."""
    name = text[pos:pos + 2]
    if name[:1] not in lex.function_chars or name not in lex.gazetteer.by_name:
        return False
    if pos == 0 or text[pos - 1].isspace() or text[pos - 1] in _CLAUSE_END:
        return False
    gaz = lex.gazetteer
    containers = {a.name for place in gaz.by_name[name] for a in gaz.ancestors(place)}
    return not any(text.endswith(c, 0, pos) or text.endswith(gaz.short_name(c), 0, pos)
                   for c in containers)


def disambiguate(cands: list[Place], fits: Callable[[Place], bool], *,
                 first: bool = False) -> Place | None:
    """The one place a name can be: its only candidate, else the only one that
    fits what else the report says (朝阳区 is in Beijing and in Changchun).

    With `first`, the first that fits where several do (in the gazetteer's
    order): a body's place named in full (桥西区委 in a report about 河北省)
    is read so, rather than not at all.
    """
    if len(cands) == 1:
        return cands[0]
    fitting = [p for p in cands if fits(p)]
    return fitting[0] if len(fitting) == 1 or first and fitting else None


def _disambiguate(cands: list[Place], known: set[str], gaz: Gazetteer) -> Place | None:
    # a place named once fits where the text also names its parents (or children)
    return disambiguate(cands, lambda p: any(a.code in known for a in gaz.ancestors(p))
                        or any(p in gaz.ancestors(gaz.by_code[k]) for k in known))


def choose_doc_place(places: list[tuple[Place, Mention]], doc: Document,
                     lex: Lexicon) -> Place | None:
    """The place a report is about: the first named in its lead, else the most named.

    A report that says 全区 or 我区 is about a district; prefer one. A place named
    in a list (内蒙古、山东、广东、重庆代表团) is one of several, not the report's.
    """
    places = [(p, m) for p, m in places if not _listed(doc.text, m)]
    if not places:
        return None
    gaz = lex.gazetteer
    lead = [p for p, m in places if m.sentence < LEAD_SENTENCES]
    # 北京市顺义区后沙峪镇: the report is about the most specific of nested places
    lead = [p for p in lead if not any(p in gaz.ancestors(q) for q in lead)]
    counts = Counter(p for p, _ in places)
    candidates = lead or [p for p, _ in counts.most_common()]
    whole = lex.words("whole_level")
    for level in lex.words("report_levels"):
        if any(word[1:] == level and word in doc.text for word in whole):
            for place in candidates:
                if place.name.endswith(level):
                    return place
    return candidates[0]


def _listed(text: str, m: Mention) -> bool:
    return text[m.start - 1:m.start] == LIST_MARK or text[m.end:m.end + 1] == LIST_MARK


def context_places(doc_place: Place | None, gaz: Gazetteer) -> list[Place]:
    return gaz.chain(doc_place) if doc_place else []


def place_at_level(marker: str, context: list[Place]) -> Place | None:
    """The place in the context chain that a level marker (区, 市...) denotes.

    自治区 also names a province-level region; 区 never does (广西区 is read
    as the region only through its full name).
    """
    for place in context:
        if place.name.endswith(marker) and not (marker == "区" and place.level == "province"):
            return place
    return None


# ---------------------------------------------------------------- names

def people(adoc: AnnotatedDocument, lang: Language) -> AnnotatedDocument:
    """Stage: every mention of a person the document introduced with a title,
    including later mentions by name alone (张健强调…).

    Reads: doc, sentences, chains. Adds: people.
    """
    doc, sentences = adoc.doc, adoc.sentences
    titled = [name for chain in adoc.chains for name in chain.names]
    taken = set()
    for m in titled:
        taken.update(range(m.start, m.end))
    starts = [s.start for s in sentences]
    mentions = list(titled)
    for name in sorted({m.text for m in titled}, key=len, reverse=True):
        for found in re.finditer(re.escape(name), doc.text):
            start, end = found.span()
            i = bisect.bisect_right(starts, start) - 1
            if start in taken or i < 0 or end > sentences[i].end:
                continue  # inside a longer name, or across a sentence break
            mentions.append(Mention.of(doc, start, end, "person", sentences[i].index))
            taken.update(range(start, end))
    return replace(adoc, people=tuple(sorted(mentions, key=lambda m: m.start)))
