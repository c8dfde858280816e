"""Careers with their spans: official biographies (简历) and appointment notices.

A biography names its subject (习近平，男，汉族，…) and then gives one line per
period, its span first:

    1982-1983年 河北省正定县委副书记
    1990-1993年 福建省福州市委书记、市人大常委会主任，福州军分区党委第一书记
    2013年起 中央委员会总书记，中共中央军事委员会主席，…

Each line's posts are read by the title readers (posts.py), so a chain's later
titles take the body of the one before (市人大常委会主任 is 福州市's); the same
post on consecutive lines is one holding; notes in brackets (其间：…学习) are no
posts. A notice starts or ends posts on the session's day (kg.extract.days):
任命杨传堂为交通运输部部长, 免去李盛霖的交通运输部部长职务, 孙春兰兼任中央统战部部长,
任命李春雨、何娇等18人为…审判员. The words are lists of kg/data/careers.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.extract.clause import Clause, roles_in
from kg.extract.days import notice_day
from kg.extract.name_words import past_particle
from kg.extract.names import person_names
from kg.extract.posts import PLACE_BODIES, first_titles, next_title
from kg.extract.titles import post_of, sentence_places
from kg.lang.language import Language
from kg.model import AnnotatedDocument, Mention, PostHolding, Sentence, Title, TitleChain



def careers(adoc: AnnotatedDocument, lang: Language) -> AnnotatedDocument:
    """Stage: holdings with their spans, from a biography's dated lines and from notices.

    Reads: doc, sentences, tokens, context, organizations, holdings. Adds: holdings.

    A notice's holding that the title readers found already (选举…为…) gets the
    span in its place, so no post is held twice per sentence.
    """
    found = _biography(adoc, lang) + _notices(adoc, lang)
    spanned = {(h.person.start, h.post.label, h.title.sentence) for h in found}
    kept = tuple(h for h in adoc.holdings
                 if (h.person.start, h.post.label, h.title.sentence) not in spanned)
    return replace(adoc, holdings=kept + tuple(found)) if found else adoc


@dataclass(frozen=True)
class _Span:
    start: str
    end: str | None    # None: still held
    body_start: int    # where the line's posts begin


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _point(prefix: str, year: str, month: str, separators: str) -> str:
    """A year and maybe its month: 1991, 1991.09, 1991年9月 (and the year word after)."""
    return (rf"(?P<{prefix}y>\d{{4}})(?:(?:{separators})(?P<{prefix}m>\d{{1,2}})"
            rf"|{year}(?P<{prefix}m2>\d{{1,2}}){month})?(?:{year})?")


@lru_cache(maxsize=4)
def _span_pattern(year: str, month: str, dashes: tuple[str, ...], separators: tuple[str, ...],
                  open_ends: tuple[str, ...]) -> re.Pattern:
    """A line's span at its start: 1982-1983年, 1991.09-1991.11, 2013年起, 2013-."""
    y, m, seps = re.escape(year), re.escape(month), _alternatives(separators)
    # an open end first: 至今 is open, though 至 is a dash too
    return re.compile(_point("s", y, m, seps) + rf"(?:(?P<open>{_alternatives(open_ends)})"
                      + rf"|(?P<dash>{_alternatives(dashes)})(?:{_point('e', y, m, seps)})?)?"
                      + r"[\s，]*")


def _line_span(text: str, sent: Sentence, lang: Language) -> _Span | None:
    lex, w = lang.lexicon, lang.words
    pattern = _span_pattern(w.year_word, w.month_word, lex.words("span_dashes"),
                            lex.words("month_separators"), lex.words("open_ends"))
    m = pattern.match(text, sent.start, sent.end)
    if m is None or not (m.group("dash") or m.group("open")) or m.end() == sent.end:
        return None

    def point(prefix: str) -> str | None:
        year = m.group(prefix + "y")
        month = m.group(prefix + "m") or m.group(prefix + "m2")
        return None if year is None else f"{year}-{int(month):02d}" if month else year
    return _Span(point("s"), None if m.group("open") else point("e"), m.end())


def _subject(adoc: AnnotatedDocument, sent: Sentence, lang: Language) -> Mention | None:
    """The subject a biography opens with: 习近平，男，…"""
    text = adoc.doc.text
    names = person_names(adoc.doc, sent.start, sent, adoc.tokens, lang.lexicon, lang.patterns)
    if len(names) != 1 or text[names[0].end:names[0].end + 1] not in lang.words.separators:
        return None
    after = names[0].end + 1
    return names[0] if any(text.startswith(g, after) for g in
                           lang.lexicon.words("biography_genders")) else None


def _biography(adoc: AnnotatedDocument, lang: Language) -> list[PostHolding]:
    """Each dated line's posts, held by the subject over the line's span; a post
    on the line before too is the same holding, held on."""
    text, lex = adoc.doc.text, lang.lexicon
    subject: Mention | None = None
    out: list[PostHolding] = []
    # post → its holding in `out`, from the last dated line; by the post's body, not its
    # label: 上饶市委 in 1995 is not 上饶市委 in 2005 (the city was the county-level one)
    last_line: dict[str, int] = {}
    for sent in adoc.sentences:
        found = _subject(adoc, sent, lang)
        if found is not None:
            subject, last_line = found, {}
            continue
        if subject is None:
            continue
        current = next((word for word in lex.words("current_posts")
                        if text.startswith(word, sent.start)), None)
        if current is not None:
            titles = _titles(adoc, sent, sent.start + len(current), sent.end, lang,
                             own_places=True)
            out += [PostHolding(subject, post_of(t, lang.words), t.mention) for t in titles]
            continue
        span = _line_span(text, sent, lang)
        if span is None or any(text.startswith(word, span.body_start)
                               for word in lang.words.former_context):
            continue  # no dated line, or 1985年至今，历任…: posts listed with no span each
        this_line: dict[str, int] = {}
        # the line's bodies by the division names of its years (淮阴市委 in 1995)
        then = lang.as_of(int(span.start[:4]))
        for title in _titles(adoc, sent, span.body_start, sent.end, then, own_places=True):
            post = post_of(title, lang.words)
            if post.key in this_line:
                continue
            if post.key in last_line:
                i = last_line[post.key]
                out[i] = replace(out[i], end=span.end)
            else:
                i = len(out)
                out.append(PostHolding(subject, post, title.mention, span.start, span.end))
            this_line[post.key] = i
        last_line = this_line
    return out


def _titles(adoc: AnnotatedDocument, sent: Sentence, start: int, end: int, lang: Language,
            *, own_places: bool = False) -> list[Title]:
    """The titles between `start` and `end`, chain after chain, read as titles.py
    reads them but with no holder named after them; none inside brackets.

    A notice's titles are read in the places titles.py reads the sentence's in
    (镇长 in a report about 孟村镇 is 孟村镇's). With `own_places` (a biography's
    line) a title is read in the place of the title before it, not the report's:
    厦门市委常委、副市长 is 厦门市's 副市长."""
    text, lex, w = adoc.doc.text, lang.lexicon, lang.words
    here = [(o, m) for o, m in adoc.organizations if m.sentence == sent.index]
    report_places = [] if own_places else sentence_places(
        adoc.doc, adoc.sentences, adoc.tokens, list(adoc.context), lang)(sent)

    def clause(after: Title | None) -> Clause:
        if not own_places:
            context = report_places
        else:
            org = after.org if after is not None else None
            place = org.place if org is not None and org.org_type in PLACE_BODIES else None
            context = lex.gazetteer.chain(place) if place is not None else []
        return Clause(adoc.doc, sent, adoc.tokens, context, here, lang)

    notes = _bracketed(text, start, end, lex.words("note_opens"), lex.words("note_closes"))
    roles = [r for r in roles_in(text, start, end, lang)
             if not any(s <= r.start < e for s, e in notes)]
    out: list[Title] = []
    floor, previous = start, None
    for role in roles:
        if role.start < floor:
            continue
        inherit = previous if previous is not None and all(
            ch in w.separators for ch in text[previous.end:role.start]) else None
        titles = first_titles(clause(out[-1] if out else None), role, floor, inherit, previous)
        while (nxt := next_title(clause(titles[-1]), titles[-1], roles)) is not None \
                and nxt.mention.end <= end and not any(s <= nxt.mention.start < e for s, e in notes):
            titles.append(nxt)
        kept = [_without_take_verb(t, adoc, lex.words("take_verbs"))
                for t in titles if t.org is not None]
        floor = titles[-1].mention.end
        if kept:
            out += kept
            previous = TitleChain(tuple(kept), (), sent.index, floor, False)
    return out


def _without_take_verb(title: Title, adoc: AnnotatedDocument, verbs: tuple[str, ...]) -> Title:
    """…代省长，兼任黄河防汛总指挥部总指挥: a body read from the clause's start
    (a body with no place is read only from there) takes the verb that opens the
    clause; the verb is no part of its name."""
    org, text = title.org, adoc.doc.text
    verb = next((v for v in verbs if org is not None and org.label.startswith(v)
                 and text.startswith(org.label, title.mention.start)), None)
    if verb is None or org.place is not None or org.parent is not None:
        return title
    body = replace(org, label=org.label[len(verb):],
                   aliases=tuple(a[len(verb):] if a.startswith(verb) else a for a in org.aliases))
    start = title.mention.start + len(verb)
    mention = Mention.of(adoc.doc, start, title.mention.end, title.mention.kind,
                         title.mention.sentence)
    return replace(title, org=body, mention=mention)


def _bracketed(text: str, start: int, end: int, opens: tuple[str, ...],
               closes: tuple[str, ...]) -> list[tuple[int, int]]:
    spans, depth, begin = [], 0, start
    for i in range(start, end):
        if text[i] in opens:
            depth, begin = depth + 1, begin if depth else i
        elif text[i] in closes and depth:
            depth -= 1
            if not depth:
                spans.append((begin, i + 1))
    if depth:
        spans.append((begin, end))
    return spans


def _notices(adoc: AnnotatedDocument, lang: Language) -> list[PostHolding]:
    """Posts a notice starts or ends on the session's day (kg.extract.days)."""
    if adoc.doc.date is None:
        return []
    out: list[PostHolding] = []
    for sent in adoc.sentences:
        if _line_span(adoc.doc.text, sent, lang) is not None:
            continue  # a biography's line: its 兼任 joins posts, it starts none
        clauses = _notice_clauses(adoc, sent, lang)
        day = notice_day(adoc, sent, lang) if clauses else None
        for start, end, names, begins in clauses:
            titles = _titles(adoc, sent, start, end, lang)
            if not titles or titles[0].mention.start != start:
                continue  # 为索马里政府新总理: the posts must be what follows, all of it read
            for name in names:
                for title in titles:
                    out.append(PostHolding(name, post_of(title, lang.words), title.mention,
                                           day if begins else None, None if begins else day))
    return out


Notice = tuple[int, int, tuple[Mention, ...], bool]


def _notice_clauses(adoc: AnnotatedDocument, sent: Sentence, lang: Language) -> list[Notice]:
    """(start, end, persons, begins) of each notice in the sentence: the posts
    between start and end begin (or end) for each of the persons."""
    text, lex, w = adoc.doc.text, lang.lexicon, lang.words
    found: list[Notice] = []
    taken: list[tuple[int, int]] = []  # from a verb to the end of its notice: 任命 of 决定任命

    def clause_end(pos: int) -> int:
        stops = [i for i in range(pos, sent.end) if text[i] in lex.words("notice_stops")]
        return stops[0] if stops else sent.end

    def add(verb_at: int, start: int, names: tuple[Mention, ...], begins: bool) -> None:
        end = _before_end_word(text, start, clause_end(start), lex)
        found.append((start, end, names, begins))
        taken.append((verb_at, end))

    for verb, begins in [(v, True) for v in lex.words("appoint_verbs")] + \
                        [(v, False) for v in lex.words("remove_verbs")]:
        for m in re.finditer(re.escape(verb), text[sent.start:sent.end]):
            pos = sent.start + m.end()
            if any(s <= sent.start + m.start() < e for s, e in taken):
                continue
            pos = past_particle(text, pos, lex)
            link = ((lang.words.elected,) if begins else lex.words("removal_links"))
            names = _names_before_link(adoc, sent, pos, link, lang, bare=not begins)
            while names:
                after = _past_name(text, names[-1].end, lex)
                add(sent.start + m.start(),
                    after + next(len(x) for x in link if text.startswith(x, after)), names, begins)
                # the verb goes on over the clauses after (选举穆兴科为镇人大主席，李玮为镇长)
                names = ()
                if begins and (end := found[-1][1]) < sent.end and text[end] in w.separators:
                    names = _name_list(adoc, sent, end + 1, lang)
                    if names and not text.startswith(link, _past_name(text, names[-1].end, lex)):
                        names = ()
    # 兼任, 辞去 in a report may tell of a post held or left long ago: only a decision dates it
    decided = any(word in text[sent.start:sent.end] for word in lex.words("notice_markers"))
    verbs = [(v, True) for v in lex.words("elected_verbs")]
    if decided:
        verbs += [(v, True) for v in lex.words("take_verbs")] + \
                 [(v, False) for v in lex.words("leave_verbs")]
    for verb, begins in verbs:
        for m in re.finditer(re.escape(verb), text[sent.start:sent.end]):
            at = sent.start + m.start()
            start = at + len(verb)
            if any(s <= at < e for s, e in taken) or any(
                    text.startswith(x, start) for x in lex.words("removal_links")):
                continue  # 免去孟建柱兼任的…: the removal's
            names = _names_ending_at(adoc, sent, at, lang)
            if names:
                add(at, start, names, begins)
    return found


def _names_at(adoc: AnnotatedDocument, sent: Sentence, pos: int, lang: Language) -> list[Mention]:
    return person_names(adoc.doc, pos, sent, adoc.tokens, lang.lexicon, lang.patterns)


# a name the name reader does not know (令计划) stands alone between the verb
# and its link word: a Chinese name is two to four characters
_BARE_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
# the longest title read before the name a notice names (任命县委副书记纪道清同志为…)
MAX_TITLE_BEFORE_NAME = 16


def _names_before_link(adoc: AnnotatedDocument, sent: Sentence, pos: int,
                       link: tuple[str, ...], lang: Language, *, bare: bool) -> tuple[Mention, ...]:
    """The names after a notice's verb, followed by its link word (为, 的): one,
    or a list (任命李春雨、何娇、徐莉等18人为…), maybe after the title held now
    (任命县委副书记纪道清同志为…). With `bare`, whatever short word stands there
    (a removal's 免去…的…职务 leaves no doubt; 决定今年为… would make a name of 今年)."""
    text, lex = adoc.doc.text, lang.lexicon
    starts = [pos] + [r.end for r in roles_in(text, pos, min(sent.end, pos + MAX_TITLE_BEFORE_NAME),
                                               lang)]
    for first in starts:
        names = _name_list(adoc, sent, first, lang)
        if names:
            after = _past_name(text, names[-1].end, lex)
            return names if any(text.startswith(x, after) for x in link) else ()
        if first == pos and bare:
            ends = [i for x in link if (i := text.find(x, pos, min(sent.end, pos + 5))) > pos]
            if ends and _BARE_NAME.fullmatch(text, pos, min(ends)):
                return (Mention.of(adoc.doc, pos, min(ends), "person", sent.index),)
    return ()


def _name_list(adoc: AnnotatedDocument, sent: Sentence, pos: int, lang: Language
               ) -> tuple[Mention, ...]:
    """The names from `pos` on, joined by 、, maybe with a count after them (等18人)."""
    text, lex = adoc.doc.text, lang.lexicon
    names: list[Mention] = []
    at = pos
    while (name := next((n for n in _names_at(adoc, sent, at, lang) if n.start == at), None)):
        names.append(name)
        after = _past_name(text, name.end, lex)
        if text[after:after + 1] not in lex.words("name_separators"):
            break
        at = after + 1
    return tuple(names)


def _names_ending_at(adoc: AnnotatedDocument, sent: Sentence, at: int, lang: Language
                     ) -> tuple[Mention, ...]:
    """The names before a verb (韩长发、廉京燮当选为…; 决定接受龚举海同志辞去…), each
    starting where a name may (马贾里亚夫当选: not 贾里亚夫)."""
    text, lex, w = adoc.doc.text, lang.lexicon, lang.words
    opens = lex.words("notice_name_opens")
    end = _before_count(text, at, sent.start, lex)
    names: list[Mention] = []
    while True:
        end = next((end - len(t) for t in lex.words("address_terms")
                    if text.endswith(t, sent.start, end)), end)
        name = next((n for p in range(max(sent.start, end - 4), end)
                     if p == sent.start or text[p - 1] in w.name_before_opens
                     or any(text.endswith(o, sent.start, p) for o in opens)
                     for n in _names_at(adoc, sent, p, lang)[:1] if n.end == end), None)
        if name is None:
            break
        names.insert(0, name)
        if name.start == sent.start or text[name.start - 1] not in lex.words("name_separators"):
            break
        end = name.start - 1
    return tuple(names)


def _past_name(text: str, pos: int, lex) -> int:
    """Past what may follow a name before its link word: a note in brackets
    (胡泽君（女）为…), a word of address (纪道清同志为…), a count (等18人为…)."""
    if text[pos:pos + 1] in lex.words("note_opens"):
        close = next((i for i in range(pos, min(len(text), pos + 6))
                      if text[i] in lex.words("note_closes")), None)
        if close is not None:
            pos = close + 1
    m = _count_pattern(lex).match(text, pos)
    if m is not None:
        pos = m.end()
    return next((pos + len(t) for t in lex.words("address_terms") if text.startswith(t, pos)), pos)


def _before_count(text: str, at: int, floor: int, lex) -> int:
    """Before a count that ends a list of names (杜渐、马锋两位同志当选…)."""
    m = _count_pattern(lex, at_end=True).search(text, floor, at)
    return m.start() if m is not None and m.end() == at else at


@lru_cache(maxsize=4)
def _count_pattern_of(more: tuple[str, ...], numerals: tuple[str, ...], counters: tuple[str, ...],
                      terms: tuple[str, ...], at_end: bool) -> re.Pattern:
    def alt(words: tuple[str, ...]) -> str:
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    body = (rf"(?:{alt(more)})?(?:\d+|(?:{alt(numerals)})+)(?:{alt(counters)})(?:{alt(terms)})?")
    return re.compile(body + "$" if at_end else body)


def _count_pattern(lex, *, at_end: bool = False) -> re.Pattern:
    return _count_pattern_of(lex.words("list_more"), lex.words("count_numerals"),
                             lex.words("count_words"), lex.words("address_terms"), at_end)


def _before_end_word(text: str, start: int, end: int, lex) -> int:
    """Where a removal's posts end: before 职务 (…部长职务)."""
    hits = [text.find(word, start, end) for word in lex.words("removal_ends")]
    hits = [h for h in hits if h >= 0]
    return min(hits) if hits else end
