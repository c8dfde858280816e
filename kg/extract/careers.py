"""Careers with their spans: official biographies (简历) and appointment notices.

A biography names its subject (习近平，男，汉族，…) and then gives one line per
period, its span first:

    1982-1983年 河北省正定县委副书记
    1990-1993年 福建省福州市委书记、市人大常委会主任，福州军分区党委第一书记
    2013年起 中央委员会总书记，中共中央军事委员会主席，…

Each line's posts are read by the title readers (posts.py), so a chain's later
titles take the body of the one before (市人大常委会主任 is 福州市's); the same
post on consecutive lines is one holding; notes in brackets (其间：…学习) are no
posts. A notice starts or ends posts on its date: 任命杨传堂为交通运输部部长,
免去李盛霖的交通运输部部长职务, 孙春兰兼任中央统战部部长. The words are lists
of kg/data/careers.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.extract.clause import Clause, roles_in
from kg.extract.posts import first_titles, next_title
from kg.extract.names import person_names
from kg.extract.titles import post_of
from kg.lang.language import Language
from kg.model import AnnotatedDocument, Mention, PostHolding, Sentence, Title, TitleChain


# bodies of a place, whose place a bare title after them is in (厦门市委常委、副市长);
# after another body (济南军区司令员、党委副书记) a bare title is that body's
PLACE_BODIES = frozenset({"party-committee", "government", "peoples-congress", "cppcc",
                          "discipline-commission"})


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
    last_line: dict[str, int] = {}  # post label → its holding in `out`, from the last dated line
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
        for title in _titles(adoc, sent, span.body_start, sent.end, lang, own_places=True):
            post = post_of(title, lang.words)
            if post.label in this_line:
                continue
            if post.label in last_line:
                i = last_line[post.label]
                out[i] = replace(out[i], end=span.end)
            else:
                i = len(out)
                out.append(PostHolding(subject, post, title.mention, span.start, span.end))
            this_line[post.label] = i
        last_line = this_line
    return out


def _titles(adoc: AnnotatedDocument, sent: Sentence, start: int, end: int, lang: Language,
            *, own_places: bool = False) -> list[Title]:
    """The titles between `start` and `end`, chain after chain, read as titles.py
    reads them but with no holder named after them; none inside brackets.

    With `own_places` (a biography's line) a title is read in the place of the
    title before it, not the report's: 厦门市委常委、副市长 is 厦门市's 副市长."""
    text, lex, w = adoc.doc.text, lang.lexicon, lang.words
    here = [(o, m) for o, m in adoc.organizations if m.sentence == sent.index]

    def clause(after: Title | None) -> Clause:
        if not own_places:
            context = list(adoc.context)
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
        kept = [t for t in titles if t.org is not None]
        floor = titles[-1].mention.end
        if kept:
            out += kept
            previous = TitleChain(tuple(kept), (), sent.index, floor, False)
    return out


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
    """Posts a notice starts or ends on its date."""
    date = adoc.doc.date
    if date is None:
        return []
    day = date.isoformat()
    out: list[PostHolding] = []
    for sent in adoc.sentences:
        if _line_span(adoc.doc.text, sent, lang) is not None:
            continue  # a biography's line: its 兼任 joins posts, it starts none
        for start, end, name, begins in _notice_clauses(adoc, sent, lang):
            titles = _titles(adoc, sent, start, end, lang)
            if not titles or titles[0].mention.start != start:
                continue  # 为索马里政府新总理: the posts must be what follows, all of it read
            for title in titles:
                post = post_of(title, lang.words)
                out.append(PostHolding(name, post, title.mention,
                                       day if begins else None, None if begins else day))
    return out


def _notice_clauses(adoc: AnnotatedDocument, sent: Sentence, lang: Language
                    ) -> list[tuple[int, int, Mention, bool]]:
    """(start, end, person, begins) of each notice in the sentence: the posts
    between start and end begin (or end) for the person."""
    text, lex, w = adoc.doc.text, lang.lexicon, lang.words
    found = []

    def names_at(pos: int) -> list[Mention]:
        return person_names(adoc.doc, pos, sent, adoc.tokens, lex, lang.patterns)

    def clause_end(pos: int) -> int:
        stops = [i for i in range(pos, sent.end) if text[i] in lex.words("notice_stops")]
        return stops[0] if stops else sent.end

    for verb, begins in [(v, True) for v in lex.words("appoint_verbs")] + \
                        [(v, False) for v in lex.words("remove_verbs")]:
        for m in re.finditer(re.escape(verb), text[sent.start:sent.end]):
            pos = sent.start + m.end()
            if found and any(s <= pos - len(verb) < e for s, e, _, _ in found):
                continue
            link = ((w.elected,) if begins else lex.words("removal_links"))
            name = _name_before_link(adoc, sent, pos, names_at(pos), link, lang,
                                     bare=not begins)
            if name is None:
                continue
            after = _skip_note(text, name.end, lex)
            start = after + next(len(x) for x in link if text.startswith(x, after))
            found.append((start, _before_end_word(text, start, clause_end(start), lex),
                          name, begins))
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
            if any(s <= at < e for s, e, _, _ in found) or any(
                    text.startswith(x, start) for x in lex.words("removal_links")):
                continue  # 免去孟建柱兼任的…: the removal's
            # the name must start where a name may (马贾里亚夫当选: not 贾里亚夫)
            name = next((n for p in range(max(sent.start, at - 4), at)
                         if p == sent.start or text[p - 1] in w.name_before_opens
                         for n in names_at(p)[:1] if n.end == at), None)
            if name is not None:
                found.append((start, _before_end_word(text, start, clause_end(start), lex),
                              name, begins))
    return found


# a name the name reader does not know (令计划) stands alone between the verb
# and its link word: a Chinese name is two to four characters
_BARE_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")


def _name_before_link(adoc: AnnotatedDocument, sent: Sentence, pos: int, names: list[Mention],
                      link: tuple[str, ...], lang: Language, *, bare: bool) -> Mention | None:
    """The one name after a notice's verb, followed by its link word (为, 的); with
    `bare`, whatever short word stands there (a removal's 免去…的…职务 leaves no doubt;
    决定今年为… would make a name of 今年)."""
    text = adoc.doc.text
    if len(names) == 1:
        after = _skip_note(text, names[0].end, lang.lexicon)
        return names[0] if any(text.startswith(x, after) for x in link) else None
    if names or not bare:
        return None
    ends = [i for x in link if (i := text.find(x, pos, min(sent.end, pos + 5))) > pos]
    if not ends or not _BARE_NAME.fullmatch(text, pos, min(ends)):
        return None
    return Mention.of(adoc.doc, pos, min(ends), "person", sent.index)


def _skip_note(text: str, pos: int, lex) -> int:
    """Past a note in brackets after a name: 胡泽君（女）为…"""
    if text[pos:pos + 1] in lex.words("note_opens"):
        close = next((i for i in range(pos, min(len(text), pos + 6))
                      if text[i] in lex.words("note_closes")), None)
        if close is not None:
            return close + 1
    return pos


def _before_end_word(text: str, start: int, end: int, lex) -> int:
    """Where a removal's posts end: before 职务 (…部长职务)."""
    hits = [text.find(word, start, end) for word in lex.words("removal_ends")]
    hits = [h for h in hits if h >= 0]
    return min(hits) if hits else end
