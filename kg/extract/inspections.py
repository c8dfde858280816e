"""Inspections (考察, 调研, 视察): who inspected which places, from the sentence
that reports it and the places the report goes on to name.

A report of a visit names its stops sentence by sentence after a visit word
(来到厂桥派出所, 在海东市互助土族自治县总寨村、西宁市南山西社区，…), in
sentences that name an inspector or refer to one (他, 总书记). A stop is a
division (哈尔滨, 大庆) or a named site: a village, a community, a company, a
station, ending in a site word (kg/data/events.yaml's `site_heads`), placed in
the last division named with it (镇赉县|英华村).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from kg.extract.event_text import (_HAN_RUN, _after_last, _clause_end, _clause_start,
                                   _find_words, _longest_first, _most_specific, _now, _once,
                                   _place_mentions, _split_present, _studied,
                                   _told_at_another_time, counted)
from kg.extract.name_words import (COMMON_WORD_COUNT, KNOWN_WORD_COUNT, PROPER_NAME_TAGS,
                                   SHORTEST_NAME)
from kg.lang.lexicon import Lexicon
from kg.lang.patterns import patterns
from kg.model import (AnnotatedDocument, Document, InspectionFact, Mention, Place, Sentence,
                      Site, Tokens)
from kg.text.segment import common_word_tags

# the longest site name read: longer stretches are sentences, not names
_LONGEST_SITE = 30


def read_inspections(doc: Document, sent: Sentence, people: list[Mention], lex: Lexicon,
                     date: dt.date | None, adoc: AnnotatedDocument):
    """The inspection a sentence reports, with the report's stops; one with neither
    places nor sites names people who went with the one told before (一同调研)."""
    text = doc.text
    told = False
    for pos, word in _find_words(text, sent.start, sent.end, lex.words("inspection_words")):
        after = text[pos + len(word):sent.end]
        if after.startswith(lex.words("inspection_not_before")):
            continue
        begin = _clause_start(text, sent.start, pos)
        if text[begin:pos].endswith(lex.words("inspection_not_after")):
            continue
        if (not _now_but_a_meeting(text, begin, pos, lex, adoc.tokens)
                or _told_at_another_time(text, sent.start, pos, lex, adoc.tokens)
                or _of_an_earlier_year(doc, sent.start, pos)
                or _studied(text, begin, pos, people, lex)
                or _years_ago(text, sent.start, pos, people, lex)
                or _recalled_after(text, pos + len(word), sent.end, lex)):
            continue
        taking_part, present = _split_present(text, sent, people, lex)
        # who is named at a stop is no inspector (调研组来到由省政协常委莫海涛创办的海桂中学调研)
        visit = max((p + len(w) for p, w in _find_words(text, begin, pos, lex.words("visit_words"))
                     if w not in lex.words("inspection_words")), default=pos)
        inspectors = (_once([m for m in taking_part if m.end <= pos and not visit <= m.start])
                      or _referred_to(adoc, sent, pos, lex)
                      or _told_of(text, sent, begin, pos + len(word), taking_part, lex))
        if not inspectors:
            continue
        if text[begin:pos].endswith(lex.words("together_words")):
            # 赵乐际一同调研: those who went with the inspection told before, in this sentence
            # too (张孝木深入部官乡调研…，县人大副主任毛振忠、伊改莲一同调研)
            along = [m for m in inspectors if begin <= m.start] if told else inspectors
            yield InspectionFact(kind=word, mention=Mention.of(
                doc, pos, pos + len(word), "meeting", sent.index), people=tuple(along),
                present=_once(present), places=(), date=date)
            return
        if told:
            continue
        # a place named in a body is the inspector's post, not where he went (庐山市委书记)
        bodies = [m for _, m in adoc.organizations if m.sentence == sent.index]
        mentioned = [(p, m) for p, m in _place_mentions(adoc, sent.index)
                     if not any(b.start <= m.start and m.end <= b.end for b in bodies)]
        named = _most_specific(mentioned, lex)
        sites, visited = _stops(adoc, {m.text for m in inspectors}, named, lex)
        # 在黑龙江调研 and then 来到哈尔滨、大庆: the places visited inside the one named
        # replace it, unless it is a county, itself a place visited (在镇赉县考察)
        inner = _most_specific([(p, m) for p, m in visited if m.sentence > sent.index
                                and any(lex.gazetteer.contains(q, p) and q != p
                                        for q in named)], lex)
        within = [s.within for s in sites if s.within is not None]
        # 中关村 of 北京中关村国家自主创新示范区 (named again: 在中关村调研时) and 长春 of
        # 资阳区长春镇紫薇村 are words of a site's name, no places visited
        in_names = {p for p, _ in mentioned if p not in within and any(
            lex.gazetteer.short_name(p.name) in s.label for s in sites)}
        places = tuple(dict.fromkeys(
            [q for q in named if q not in in_names and (q.level == "county" or not any(
                lex.gazetteer.contains(q, p) for p in [*inner, *within]))]
            + [p for p in inner if p not in within]))
        if not places and not sites:
            sites = _bodies_visited(adoc, sent, inspectors, pos, word, lex)
        if not places and not sites:
            continue
        yield InspectionFact(kind=word, mention=Mention.of(doc, pos, pos + len(word), "meeting",
                                                             sent.index),
                             people=inspectors, present=_once(present), places=places,
                             date=date, sites=sites)
        told = True


def _now_but_a_meeting(text: str, begin: int, pos: int, lex: Lexicon, tokens: Tokens) -> bool:
    """Whether the clause before an inspection word tells it as the report's own, a meeting
    attended aside, which a mark of another time may date in an attributive phrase (出席|
    将于7月1日举行的|…大会并视察香港), not the visit (习近平将于近日出席…并视察香港,
    …出席将于7月1日举行的庆祝大会并将视察香港)."""
    first = next(iter(_find_words(text, begin, pos, lex.words("not_now_markers"))), None)
    if first is not None and text.endswith(lex.words("attend_words"), begin, first[0]):
        at, marker = first
        phrase_end = next((k + len(word) + len(joiner)
                           for k, word in _find_words(text, at + len(marker), pos,
                                                      lex.words("occasion_words"))
                           for joiner in lex.words("attributive_markers")
                           if text.startswith(joiner, k + len(word))), None)
        if phrase_end is not None:
            return _now(text, begin, at, lex, tokens) and _now(text, phrase_end, pos, lex, tokens)
    return _now(text, begin, pos, lex, tokens)


def _recalled_after(text: str, end: int, limit: int, lex: Lexicon) -> bool:
    """Whether the inspection word ending at `end` is followed by a clause of time and a mark of
    another time, which tells the inspection as past: 在…十八洞村考察|时|曾指出 (events.yaml
    while_markers, not_now_markers)."""
    marker = next((w for w in lex.words("while_markers") if text.startswith(w, end)), None)
    if marker is None:
        return False
    at = end + len(marker)
    return at < limit and text.startswith(lex.words("not_now_markers"), at)


def _bodies_visited(adoc: AnnotatedDocument, sent: Sentence, inspectors: tuple[Mention, ...],
                    pos: int, word: str, lex: Lexicon) -> tuple[Site, ...]:
    """The bodies an inspection that names no place goes to: named after the inspector and
    a goer, right before the word (温家宝15日在|财政部|调研, 分别到|生态环境部、住房城乡建设部|
    调研) or before what it is about (到|人民日报社|就…进行调研), or right after it
    (考察|审计署, 视察|北部战区海军: bodies named together are one)."""
    text = adoc.doc.text
    after = max((m.end for m in inspectors if m.sentence == sent.index), default=sent.start)
    joiners = lex.words("name_separators") + lex.words("list_joiners")
    bodies = sorted((m for _, m in adoc.organizations
                     if m.sentence == sent.index and m.start >= after), key=lambda m: m.start)

    def chain(first: Mention) -> list[Mention]:
        listed = [first]
        for m in bodies:
            if m.start < listed[-1].end:
                continue
            if m.start == listed[-1].end:  # 中国人民解放军|北部战区|海军: one unit of another
                listed[-1] = Mention.of(adoc.doc, listed[-1].start, m.end, "place", sent.index)
            elif text[listed[-1].end:m.start] in joiners:  # 生态环境部、|住房城乡建设部
                listed.append(m)
        return listed

    for first in bodies:
        opening = text[after:first.start]
        if first.end <= pos and opening.endswith(lex.words("inspection_goers")
                                                 + lex.words("present_starts")):
            listed = [m for m in chain(first) if m.end <= pos]
            last = listed[-1].end
            if last == pos or (_clause_end(text, last, pos) == pos
                               and opening.endswith(lex.words("inspection_goers"))):
                return tuple(Site(m.text, None, m) for m in listed)
        if first.start == pos + len(word):
            return tuple(Site(m.text, None, m) for m in chain(first))
    return ()


def _of_an_earlier_year(doc: Document, start: int, pos: int) -> bool:
    """Whether the sentence dates what it tells, before `pos`, in a year before the report's
    (2015年习近平总书记在云南考察时, 2018年4月，…考察时): a visit recalled, not reported."""
    if doc.date is None:
        return False
    return any(int(m.group("year")) < doc.date.year
               for m in patterns().year.finditer(doc.text, start, pos))


def _years_ago(text: str, start: int, pos: int, people: list[Mention], lex: Lexicon) -> bool:
    """Whether the sentence tells, before its first person (or its inspection word at `pos`),
    a count of years ago (五年前，习近平总书记考察…; 3年前): a visit recalled."""
    first = min((m.start for m in people if start <= m.start < pos), default=pos)
    for at, _ in _find_words(text, start, first, lex.words("years_ago")):
        before = text[at - 1] if at > start else ""
        if before.isdigit() or before in lex.words("numerals"):
            return True
    return False


def _referred_to(adoc: AnnotatedDocument, sent: Sentence, pos: int,
                 lex: Lexicon) -> tuple[Mention, ...]:
    """The inspector a sentence names by a pronoun or a bare title (随后，他来到厂桥派出所，
    视察了…; 总书记还调研指导…): the person the report named first."""
    if not any(w in adoc.doc.text[sent.start:pos] for w in lex.words("inspector_references")):
        return ()
    before = [m for m in adoc.people if m.sentence < sent.index]
    # the report's subject, named first: a later name is more often someone he met
    return (min(before, key=lambda m: m.start),) if before else ()


# the most characters between an inspection word and the marker of the phrase it ends
# (正在广东考察工作的|…习近平: 工作)
_ATTRIBUTIVE_GAP = 2


def _told_of(text: str, sent: Sentence, begin: int, end: int, people: list[Mention],
             lex: Lexicon) -> tuple[Mention, ...]:
    """The inspector of an inspection told in a phrase before his titles and name, in his
    clause: 正在广东考察工作的|中共中央总书记、中共中央军委主席|习近平 (events.yaml
    attributive_openers opening the phrase, and an attributive marker ending it)."""
    if not text.startswith(lex.words("attributive_openers"), begin):
        return ()
    marker = next((at for at in range(end, min(end + _ATTRIBUTIVE_GAP, sent.end - 1) + 1)
                   if text.startswith(lex.words("attributive_markers"), at)
                   and _HAN_RUN.fullmatch(text, end, at)), None)
    if marker is None:
        return ()
    clause_end = _clause_end(text, marker, sent.end)
    return tuple(m for m in people if marker < m.start and m.end <= clause_end)[:1]


def _stops(adoc: AnnotatedDocument, inspectors: set[str], named: tuple[Place, ...],
           lex: Lexicon) -> tuple[tuple[Site, ...], list[tuple[Place, Mention]]]:
    """(the sites, the divisions) the report says the inspectors went to, in the
    places the inspection names (`named`, when it names any)."""
    doc, text = adoc.doc, adoc.doc.text
    sites: dict[str, Site] = {}
    divisions: list[tuple[Place, Mention]] = []
    references = tuple(inspectors) + lex.words("inspector_references")
    for sent in adoc.sentences:
        # a stop may be told in a sentence of its own (在…总寨村、…南山西社区，当地干部群众
        # 介绍了…。刘云山对…): the paragraph names the inspector
        paragraph = text[text.rfind("\n", 0, sent.start) + 1:_paragraph_end(text, sent.end)]
        if not any(name in paragraph for name in references):
            continue
        places = _place_mentions(adoc, sent.index)
        visits = _find_words(text, sent.start, sent.end,
                             lex.words("visit_words") + lex.words("inspection_goers"))
        # 到北京中关村国家自主创新示范区调研: 到 starts a stop that an inspection word ends
        visits = [(pos, word) for pos, word in visits
                  if not text.endswith(lex.words("visit_not_after"), sent.start, pos)
                  and (word not in lex.words("inspection_goers") or _find_words(
                      text, pos + len(word), _clause_end(text, pos, sent.end),
                      lex.words("inspection_words")))]
        for (pos, word), (next_visit, _) in zip(visits, [*visits[1:], (sent.end, "")]):
            # 来到南京市|考察江苏省产业技术研究院: a visit word starts the next stop
            start = pos + len(word)
            end = min(_clause_end(text, start, sent.end), next_visit)
            if (text[start:start + 1] in lex.words("partner_markers")
                    and adoc.tokens.end_of(start) == start + 1
                    and _find_words(text, start, end, lex.words("sitting_with_words"))):
                continue  # 在|和|张庄村党员群众代表座谈时: whom the inspector sat with (not 在和信园…公司)
            # 在科兴、百度、联想、曙光等企业: each item is a site, of the kind the list's end says
            listed = min((at for w in lex.words("site_list_ends")
                          for at in [text.find(w, start, end)] if at > start), default=None)
            end = end if listed is None else listed
            items = _items(text, start, end, lex)
            if listed is not None and any(
                    text[s:e] in lex.words("site_list_sectors")
                    or text[s:e].endswith(lex.words("site_list_activities")) for s, e in items):
                continue  # 新材料、新能源、电子信息、飞机制造等企业: sectors, not sites
            if any(text[s:e] in lex.words("site_heads") for s, e in items) or (
                    listed is None and items and all(_kind_of_place(text[s:e], lex) for s, e in items)):
                continue  # 来到地铁施工现场、派出所、环卫站, 深入工厂企业、科技园区: kinds, not places
            for item_start, item_end in items:
                written = [(p, m) for p, m in places
                           if item_start <= m.start and m.end <= item_end]
                in_item = _chain(written + _written(doc, sent, item_start, item_end, named),
                                 named, lex)
                if written and not in_item:
                    continue  # a stop named in a division the inspection is not in
                site = _site(adoc, sent, item_start, item_end, in_item, lex)
                if site is None and listed is not None and not in_item:
                    site = _listed_site(doc, sent, item_start, item_end, lex)
                if site is not None and site.within is None:
                    # 哈尔滨安天科技股份有限公司 is in the 哈尔滨市 the inspection names
                    site = replace(site, within=next(
                        (q for q in [*named, *(p for p, _ in divisions)]
                         if site.label.startswith(lex.gazetteer.short_name(q.name))), None))
                if site is not None:
                    sites.setdefault(site.label, site)
                else:
                    divisions += in_item
    # 凤阳县小岗村 in one sentence and 小岗村 in another are one site, and so are 北京中关村国家
    # 自主创新示范区 and 中关村 (在中关村调研时); 塞罕坝机械林场展览馆 is a part of 塞罕坝机械林场
    labels = list(sites)
    return tuple(site for label, site in sites.items()
                 if not any(other != label and (label in other[1:] or label.startswith(other))
                            for other in labels)), divisions


def _kind_of_place(name: str, lex: Lexicon) -> bool:
    """Whether `name`, unlisted, is a kind of place, not one: a common word of jieba's
    dictionary that is no proper noun (科技园区 260 n) nor a division's name (酒泉 n), or two
    such words the last of which is no site word (工厂|企业, 文化|设施; not 人民|银行, whose
    head names a site); not an item of a list that says what its items are (科兴、百度、联想、
    曙光等企业)."""
    return _common_noun(name, lex) or any(
        _common_noun(name[:k], lex) and _common_noun(name[k:], lex)
        and name[k:] not in lex.words("site_heads")
        for k in range(SHORTEST_NAME, len(name) - SHORTEST_NAME + 1))


def _common_noun(word: str, lex: Lexicon) -> bool:
    tag = common_word_tags(KNOWN_WORD_COUNT).get(word)
    # jieba's proper nouns (中关村 ns, 北京大学 nt, 白鹿镇 nr) name places; its other words that
    # name places are kinds of them (科技园区 n)
    return (tag is not None and tag not in PROPER_NAME_TAGS
            and word not in lex.gazetteer.by_name and word not in lex.gazetteer.by_short)


def _written(doc: Document, sent: Sentence, start: int, end: int,
             named: tuple[Place, ...]) -> list[tuple[Place, Mention]]:
    """The places the inspection names, where a stop writes them and the place stage,
    reading words, did not take them (…特困地区镇赉县英华村)."""
    found = []
    for place in named:
        at = doc.text.find(place.name, start, end)
        if at >= 0:
            found.append((place, Mention.of(doc, at, at + len(place.name), "place", sent.index)))
    return found


def _paragraph_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _chain(places: list[tuple[Place, Mention]], named: tuple[Place, ...],
           lex: Lexicon) -> list[tuple[Place, Mention]]:
    """The divisions a stop is named with, each in the one before, of those in the
    places the inspection names: in 喀喇沁旗马鞍山林场, 马鞍山 is the site's name,
    not 马鞍山市 of Anhui."""
    chain: list[tuple[Place, Mention]] = []
    for place, mention in sorted(dict((m.start, (p, m)) for p, m in places).values(),
                                 key=lambda pm: pm[1].start):
        if named and not any(lex.gazetteer.contains(q, place) for q in named):
            continue  # 大兴安岭 of 大兴安岭南麓集中连片特困地区 is no place in 吉林
        if chain and not lex.gazetteer.contains(chain[-1][0], place):
            break
        chain.append((place, mention))
    return chain


def _items(text: str, start: int, end: int, lex: Lexicon) -> list[tuple[int, int]]:
    """The spans of a list of stops: 互助土族自治县中医院、青海藏医药文化博物馆, …以及中国藏语系
    高级佛学院, and 皓天光电科技公司和航天风华精密设备公司 (a word that may be part of a name,
    和 of 人和镇, joins two only after a site's word)."""
    breaks = [(pos, w) for pos, w in _find_words(
        text, start, end, lex.words("name_separators") + lex.words("list_joiners"))
        if w not in lex.words("partner_markers")
        or text[start:pos].endswith(lex.words("site_heads"))]
    cuts = [start] + [pos + len(w) for pos, w in breaks]
    ends = [pos for pos, _ in breaks] + [end]
    return [(s, e) for s, e in zip(cuts, ends) if s < e]


def _site(adoc: AnnotatedDocument, sent: Sentence, start: int, end: int,
          places: list[tuple[Place, Mention]], lex: Lexicon) -> Site | None:
    """The site a stop names, from the last division named in it (镇赉县英华村) or,
    with none, from its start; a site needs a name before its site word (厂桥派出所,
    not 派出所) unless a division names it (互助土族自治县中医院) or a level's word
    does (旗医院: the banner's, named before)."""
    doc, text = adoc.doc, adoc.doc.text
    last = places[-1] if places else None
    begin = last[1].end if last is not None else start
    label_start = last[1].start if last is not None else start
    pointed = None
    pointer = next((w for w in lex.words("site_pointers") if text.startswith(w, start)), None)
    if last is None and pointer is not None:
        # 前往该市生态经济开发区规划展示厅: the site is in the city named before (伊春)
        pointed = _named_before(adoc, start, pointer[len(pointer) - 1:])
        begin = label_start = start + len(pointer)
    length = _site_length(text[begin:end], lex)
    if length is None:
        return None
    stop = begin + length
    # what a 的 joins to a site's name says what it is: 赤峰市的|临潢家园社区,
    # 定点帮扶的|部官乡, 莫海涛创办的|海桂中学
    joined = _after_last(text, lex.words("site_joiners"), begin, stop)
    if joined is not None:
        begin = label_start = joined
    if text[begin:stop].endswith(lex.words("village_heads")):
        # 吕梁山区深度贫困村|赵家洼村: what the village is, before its name
        kind = _after_last(text, lex.words("village_kinds"), begin, stop - 2)
        if kind is not None:
            begin = label_start = kind
    while label_start == begin and (kind := next(
            (w for w in _longest_first(lex.words("site_kind_openings"))
             if text.startswith(w, begin) and stop - begin - len(w) >= 2), None)):
        begin = label_start = begin + len(kind)  # 民营企业|华翔集团, 当年|震中|龙头山镇
    name = text[begin:stop]
    if name.startswith(lex.words("site_not_first")) or _counted(name, lex):
        return None  # 考察的第一站, 这家敬老院, 两个村: no name
    if text.count("”", label_start, stop) > text.count("“", label_start, stop):
        # “海明珠”综合社区: the name opens with its quotation
        opened = text.rfind("“", start, label_start)
        if opened < 0:
            return None  # 智慧南京”|中心: a quotation cut
        begin = label_start = opened
    if text.count("“", label_start, stop) > text.count("”", label_start, stop):
        return None  # “万村|千乡”: a quotation cut, not a name
    heads = [head for head in lex.words("site_heads") if name.endswith(head)]
    if _lists_kinds(adoc, begin, stop, lex):
        return None  # 固原、石嘴山等地的村镇、|企业和社区: kinds of places, no name
    if any(w in name for w in lex.words("not_in_sites")) or any(
            n.endswith(lex.words("not_villages")) for n in [name, *(name[:-len(h)] for h in heads)]):
        return None
    bare = [(name[:len(name) - len(head)], head) for head in heads if len(name) - len(head) < 2]
    if bare and label_start == begin:
        level, head = bare[0]
        if level not in lex.words("site_levels") or head in lex.words("level_site_not_heads"):
            return None
        pointed = _named_before(adoc, begin, level)
    for opening, closing in ("(", ")"), ("（", "）"):
        if text.count(closing, label_start, stop) > text.count(opening, label_start, stop):
            # 中国(上海)自由贸易试验区: the division is named inside the site's brackets
            # from the stop's start (中国|(上海)…), after what a 的 joins to it
            at = text.rfind(opening, start, label_start)
            label_start = (_after_last(text, lex.words("site_joiners"), start, at, start)
                           if at >= 0 else start)
    return Site(text[label_start:stop], last[0] if last is not None else pointed,
                Mention.of(doc, label_start, stop, "place", sent.index))


def _counted(name: str, lex: Lexicon) -> bool:
    """Whether a stretch counts kinds of places (两个村, 多个企业和产业园区), no one site:
    not the name of a town (八所镇) or village (三家子村) opening with a numeral."""
    count = counted(name, lex.words("site_counters"), lex)
    rest = name[count:]
    return bool(count) and name not in lex.gazetteer.towns and (
        rest in lex.words("site_heads") + lex.words("site_list_sectors")
        or rest.startswith(lex.words("site_list_sectors")))


def _lists_kinds(adoc: AnnotatedDocument, begin: int, stop: int, lex: Lexicon) -> bool:
    """Whether the stretch joins kinds of places (企业和社区, 高校和社区): a joiner the
    segmenter reads as a word of its own (not 协和医院) between a sector or a common
    word and a bare site word (not 查干珠日和嘎查, a name)."""
    text, tokens = adoc.doc.text, adoc.tokens
    common = common_word_tags(COMMON_WORD_COUNT)
    kinds = set(lex.words("site_list_sectors"))
    for joiner in lex.words("list_joiners"):
        at = text.find(joiner, begin + 1, stop)
        while at >= 0:
            after = at + len(joiner)
            before = text[begin:at]
            if (tokens.starts_at(at) and tokens.end_of(at) == after
                    and text[after:stop] in lex.words("site_heads")
                    and (before in kinds or any(before[k:] in common
                                                for k in range(len(before) - 1)))):
                return True
            at = text.find(joiner, after, stop)
    return False


def _listed_site(doc: Document, sent: Sentence, start: int, end: int,
                 lex: Lexicon) -> Site | None:
    """The site an item of a list of sites names without a site word (科兴 of 在科兴、百度等企业),
    after what a 的 joins to it (省内的|…)."""
    text = doc.text
    begin = _after_last(text, lex.words("site_joiners"), start, end, start)
    name = text[begin:end]
    if not 2 <= len(name) <= _LONGEST_SITE or name.startswith(lex.words("site_not_first")) or any(
            w in name for w in lex.words("not_in_sites")):
        return None
    return Site(name, None, Mention.of(doc, begin, end, "place", sent.index))


def _named_before(adoc: AnnotatedDocument, pos: int, level: str) -> Place | None:
    """The last division of a level (its name's last word: 市, 县, 旗) the report names
    before `pos`."""
    before = [(m.start, p) for p, m in adoc.places
              if m is not None and m.end <= pos and p.name.endswith(level)]
    return max(before, key=lambda sp: sp[0])[1] if before else None


def _site_length(rest: str, lex: Lexicon) -> int | None:
    """How much of `rest` a site's name takes: up to the first village word (总寨村|
    菜篮子基地), else up to a site word that ends the stop or comes before a part of the
    site or a word that ends it (南锣鼓巷站|施工工地, 警务站|时)."""
    if len(rest) > _LONGEST_SITE:
        rest = rest[:_LONGEST_SITE]
    villages = [i + len(head) for head in lex.words("village_heads")
                for i in [rest.find(head)] if i > 0
                and not rest[:i + len(head)].endswith(lex.words("not_villages"))
                and not rest[:i].endswith(lex.words("not_villages"))
                and not rest.startswith(lex.words("village_word_ends"), i + len(head))]
    if villages and not any(rest.find(zone) > min(villages) for zone in lex.words("zone_heads")):
        return min(villages)
    for length in range(len(rest), 0, -1):
        if rest[:length].endswith(lex.words("site_heads")) and (
                length == len(rest) or rest.startswith(
                    lex.words("site_parts") + lex.words("site_ends")
                    + lex.words("inspection_words"), length)):
            return length
    return None
