"""Relate what was recognised: meetings and who chaired or spoke at them,
documents and who issued them, campaigns and who launched them."""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace

from kg.lang.language import Language
from kg.lang.lexicon import Lexicon
from kg.model import (AnnotatedDocument, CampaignFact, Document, DocumentFact, MeetingFact,
                      Mention, OrgRef, Place, Sentence)
from kg.lang.patterns import Patterns
from kg.extract.days import notice_day
from kg.extract.event_text import _CLAUSE_END, _clause_end, _clause_start
from kg.extract.recognize import place_at_level

_BRACKETS = re.compile(r"[（）()]")
# what may follow a document's kind in its title: （试行）, （草案）, （2017—2025 年）
_TRAILING_NOTE = re.compile(r"\s*[（(][^（()）]{1,16}[）)]\s*$")


def meetings(adoc: AnnotatedDocument, lang: Language) -> AnnotatedDocument:
    """Stage: meetings held (召开, 举行): 秦州区召开全区政法、综治暨禁毒工作会议.

    Reads: doc, sentences, places, context, organizations. Adds: meetings.
    """
    doc, lex, pats = adoc.doc, lang.lexicon, lang.patterns
    sentences, context, places, orgs = adoc.sentences, adoc.context, adoc.places, adoc.organizations
    meetings = []
    whole = lex.words("whole_level")
    org_ends = {om.end: (o, om) for o, om in orgs}
    venue = lex.words("meeting_venue_markers")
    for sent in sentences:
        for held in _meeting_names(doc.text, sent, pats, lex):
            # a place before the verb holds the meeting (秦州区召开…), unless it says where
            # (在北京举行的…大会)
            subject_place = next((p for p, pm in places if pm.end == held.anchor
                                  and not doc.text.endswith(venue, 0, pm.start)), None)
            organizers = tuple(o for o, om in orgs if om.end == held.anchor)
            name = held.name
            session_of: tuple[str, ...] = ()
            # 县政协召开|九届二十五次常委会议: a session number alone is the session of the
            # body that holds it
            if held.anchor < held.start and held.anchor in org_ends and \
                    pats.meeting_session.fullmatch(name):
                org, om = org_ends[held.anchor]
                session_of = (org.label + name,)
                name = doc.text[om.start:om.end] + name
            prefix = next((w for w in whole if name.startswith(w)), None)
            bare_name = name[len(prefix):] if prefix else name
            # the name as written is the label, except that 全区 stands for the district:
            # a report's place says where a meeting was held, not what it is called
            # (北京 datelines the 十三届全国人大二次会议, it does not name it)
            named_place = subject_place
            if prefix:
                named_place = place_at_level(prefix[1:], context) or subject_place
            place = named_place
            if place is None and organizers:
                place = organizers[0].place
            if place is None and context:
                place = context[0]
            label = name
            if named_place is not None and not name.startswith(named_place.name):
                label = named_place.name + bare_name
            written = doc.text[held.start:held.end]
            aliases = tuple(dict.fromkeys(a for a in (name, bare_name, written, *session_of)
                                          if a != label))
            meetings.append(MeetingFact(
                label=label, aliases=aliases,
                mention=Mention.of(doc, held.start, held.end, "meeting", sent.index),
                date=_held_on(adoc, sent, lang),
                place=place, organizers=organizers))
    return replace(adoc, meetings=tuple(meetings))


@dataclass(frozen=True, slots=True)
class _Held:
    anchor: int  # where what holds the meeting ends: before its verb, or at the name
    start: int
    end: int
    name: str


def _meeting_names(text: str, sent: Sentence, pats: Patterns, lex: Lexicon) -> list[_Held]:
    """The meetings a sentence says were held, in text order, none overlapping.

    A name after its verb (召开全区政法工作会议) may hold another verb (举行升国旗仪式并举行
    座谈会): it starts after the last. A name at a clause's start comes before its verb
    (区十六届人大常委会第44次会议召开). Either goes on past its first head with a session
    number or a joined meeting (常委会第44次会议, …会议暨…培训会); a body's name before its
    verb and a session after it are one meeting (县十七届人大常委会召开|第五次会议).
    """
    refused = lex.words("meeting_first_refused")
    list_joiners = lex.words("meeting_list_joiners")
    after_verb: list[_Held] = []
    for m in pats.meeting.finditer(text, sent.start, sent.end):
        start, end = m.span("name")
        inner = list(pats.meeting_verb.finditer(text, start, end))
        anchor = m.start()
        if inner:
            anchor, start = inner[-1].start(), inner[-1].end()
            if end - start < 2:
                continue
        end = _continued(text, end, sent.end, pats)
        after_verb.append(_Held(anchor, start, end, text[start:end]))
        # ... and those held with it: 县政府党组会议|和|县政府2025年第16次常务会议
        while text.startswith(list_joiners, end):
            joiner = next(j for j in list_joiners if text.startswith(j, end))
            more = pats.meeting_listed.match(text, end + len(joiner), sent.end)
            if more is None:
                break
            start, end = more.start(), _continued(text, more.end(), sent.end, pats)
            after_verb.append(_Held(anchor, start, end, text[start:end]))
    first: list[_Held] = []
    body = text[sent.start:sent.end]
    for m in pats.meeting_first.finditer(body):
        start, end = sent.start + m.start("name"), sent.start + m.end("name")
        date = pats.date.match(text, start, end)
        start = date.end() if date else start
        while start < end and not text[start].isalnum():
            start += 1
        name = text[start:end]
        if end - start < 2 or any(w in name for w in refused):
            continue
        verb_end = sent.start + m.end()
        session = next((h for h in after_verb if h.anchor == verb_end - len(m.group("verb"))
                        and pats.meeting_session.fullmatch(h.name)), None)
        if session is not None:
            after_verb.remove(session)
            first.append(_Held(start, start, session.end, name + session.name))
        else:
            first.append(_Held(start, start, end, name))
    kept: list[_Held] = []
    for held in sorted(after_verb + first, key=lambda h: (h.start, -h.end)):
        if not kept or held.start >= kept[-1].end:
            kept.append(held)
    return kept


def _continued(text: str, end: int, limit: int, pats: Patterns) -> int:
    while (more := pats.meeting_more.match(text, end, limit)) is not None:
        end = more.end()
    return end


def _held_on(adoc: AnnotatedDocument, sent: Sentence, lang: Language) -> dt.date | None:
    """The day the sentence names (昨日, 13日, 3月13日), else the report's lead's, else the
    report's date (or its address's)."""
    day = notice_day(adoc, sent, lang)
    return dt.date.fromisoformat(day) if day else None


def meeting_at(meetings: tuple[MeetingFact, ...], sentence: int) -> int | None:
    """Index of the meeting a sentence reports on: the last one held before it."""
    current = None
    for i, meeting in enumerate(meetings):
        if meeting.mention.sentence <= sentence:
            current = i
    return current


def participants(adoc: AnnotatedDocument, lang: Language) -> AnnotatedDocument:
    """Stage: chairs (会议由…宋建平主持) and speakers (…张健同志…强调) of meetings.

    Reads: doc, sentences, meetings, people, posts, organizations, chains. Adds: meetings
    (their chair and speakers).
    """
    doc, sentences, meetings, people, lex = (adoc.doc, adoc.sentences, adoc.meetings,
                                             adoc.people, lang.lexicon)
    chairs: dict[int, list[Mention]] = {}
    speakers: dict[int, list[Mention]] = {}
    speech = lex.words("speech_verbs")
    chair_markers, address = lex.words("chair_markers"), lex.words("address_terms")
    titled = _titled_characters(adoc)
    named = sorted(people, key=lambda m: m.start)
    for person in people:
        which = meeting_at(meetings, person.sentence)
        if which is None:
            continue
        sent = sentences[person.sentence]
        after = doc.text[person.end:_what_they_do_ends(doc.text, person, sent, named, titled, lex)]
        address_term = next((t for t in address if after.startswith(t)), "")
        after_name = _past_venue(after[len(address_term):], lex)
        before = doc.text[sent.start:person.start]
        passive = any(marker in before for marker in chair_markers)  # 会议由…主持
        subject = _is_subject(doc.text, sent.start, person.start, titled, lex)
        if after_name.startswith(lex.words("chair_verbs")) and (passive or subject):
            # 施家雄主持召开县政府党组会议和县政府…常务会议: each meeting the verb names
            held_here = [i for i, m in enumerate(meetings)
                         if m.mention.sentence == person.sentence and m.mention.start > person.end]
            for i in held_here or [which]:
                chairs.setdefault(i, []).append(person)
        # a chair may speak too (市委书记沈先武主持会议并强调); one named by 由 does not
        if subject and not passive and any(verb in after_name for verb in speech):
            speakers.setdefault(which, []).append(person)
    def once(people: list[Mention]) -> tuple[Mention, ...]:
        return tuple({m.text: m for m in reversed(people)}.values())[::-1]  # first mention each

    out = []
    for i, meeting in enumerate(meetings):
        out.append(MeetingFact(
            meeting.label, meeting.aliases, meeting.mention, meeting.date, meeting.place,
            meeting.organizers, once(chairs.get(i, [])), once(speakers.get(i, [])),
            meeting.campaigns))
    return replace(adoc, meetings=tuple(out))


def _titled_characters(adoc: AnnotatedDocument) -> set[int]:
    """Offsets covered by a title (县委书记, 县政协主席) or a name: a name after titles and
    names alone is its clause's subject (镇长刘建凌、镇人大主席彭兵兵分别作了发言)."""
    covered: set[int] = set()
    spans = [(m.start, m.end) for _, m in adoc.posts] + \
        [(m.start, m.end) for _, m in adoc.organizations] + [(m.start, m.end) for m in adoc.people]
    # a chain of titles with its joiners: 县委常委、政府常务副县长|冉德龙
    spans += [(c.titles[0].mention.start, c.titles[-1].mention.end) for c in adoc.chains if c.titles]
    for start, end in spans:
        covered.update(range(start, end))
    return covered


def _start(mention: Mention) -> int:
    return mention.start


def _what_they_do_ends(text: str, person: Mention, sent: Sentence, named: list[Mention],
                       titled: set[int], lex: Lexicon) -> int:
    """Where the clause of what a person does ends: at a clause break, or at the next person
    named who is not named with them (刘政出席会议，县长李四讲话; 县委书记刘政听取县长李四汇报),
    so that people named together share their verb (镇长刘建凌、镇人大主席彭兵兵分别作了发言)."""
    end = _clause_end(text, person.end, sent.end)
    joiners = lex.words("title_joiners")
    at = person.end
    for other in named[bisect.bisect_left(named, person.end, key=_start):]:
        if other.start >= end:
            break
        if not all(i in titled or text[i] in joiners for i in range(at, other.start)):
            return other.start
        at = other.end
    return end


def _is_subject(text: str, sent_start: int, pos: int, titled: set[int], lex: Lexicon) -> bool:
    """The name at pos starts its clause, or only its titles stand before it there
    (县长杨珺主持会议), not a verb (传达学习习近平总书记…讲话精神)."""
    start = _clause_start(text, sent_start, pos)
    joiners = lex.words("title_joiners")
    if all(i in titled or text[i] in joiners or text[i].isspace() for i in range(start, pos)):
        return True
    # titles the chain reader did not take whole (县委常委、政府|常务副县长冉德龙) still end
    # at the name; a verb before them makes the name an object (传达学习习近平总书记…)
    before = text[start:pos]
    return pos - 1 in titled and not any(w in before for w in lex.words("not_subject_words")) \
        and not any(ch in lex.function_chars for ch in before)


def _past_venue(after_name: str, lex: Lexicon) -> str:
    """What a person does past where: 在区会议中心3号会议室|主持召开…"""
    if after_name.startswith(lex.words("meeting_venue_markers")):
        at = min((i for i in (after_name.find(v, 1, 24) for v in lex.words("chair_verbs"))
                  if i > 0), default=-1)
        if at > 0 and not any(c in after_name[:at] for c in _CLAUSE_END):
            return after_name[at:]
    return after_name


def documents(adoc: AnnotatedDocument, lang: Language) -> AnnotatedDocument:
    """Stage: documents in 《》 and the bodies that issued them (区委、区政府《…》).

    Reads: doc, sentences, organizations, meetings. Adds: documents.
    """
    doc, sentences, lex, pats = adoc.doc, adoc.sentences, lang.lexicon, lang.patterns
    orgs, meetings = adoc.organizations, adoc.meetings
    found = []
    ends = {m.end: (o, m) for o, m in orgs}
    glue, joiners = _publish_glue(lex), lex.words("publisher_joiners")
    kinds = lex.words("document_kinds")
    for sent in sentences:
        for m in pats.book_title.finditer(doc.text, sent.start, sent.end):
            publishers = _publishers_before(doc, sent, m.start(), ends, glue, joiners)
            if not publishers and not _official(m.group("title"), kinds, lex):
                continue
            read_at = None
            before = doc.text[sent.start:m.start()]
            which = meeting_at(meetings, sent.index)
            if which is not None and any(v in before for v in lex.words("read_verbs")):
                read_at = meetings[which].label
            found.append(DocumentFact(
                title=m.group("title"),
                mention=Mention.of(doc, m.start("title"), m.end("title"), "document", sent.index),
                publishers=tuple(publishers), read_at=read_at))
    return replace(adoc, documents=tuple(found))


def _official(title: str, kinds: tuple[str, ...], lex: Lexicon) -> bool:
    """A title no body is named with is still an official document when it says what kind
    it is (《政协章程》, 《巡视工作条例》, 《四川省中长期青年发展规划（2017—2025年）》), not a
    paper's, a book's or a programme's name (《人民日报》, 《新闻联播》)."""
    bare = _TRAILING_NOTE.sub("", title)
    return bare.endswith(kinds) and not bare.endswith(lex.words("document_kinds_not"))


def _publish_glue(lex: Lexicon) -> re.Pattern:
    """What stands between the bodies that issued a document and its 《: 联合印发了."""
    def optional(key: str) -> str:
        return "(?:" + "|".join(map(re.escape, lex.words(key))) + ")?"

    # re caches compiled patterns: built once per process, not once a document
    return re.compile(optional("publish_together") + optional("publish_verbs")
                      + optional("publish_particles") + "$")


def _publishers_before(doc: Document, sent: Sentence, pos: int,
                       ends: dict[int, tuple[OrgRef, Mention]], glue: re.Pattern,
                       joiners: tuple[str, ...]) -> list[OrgRef]:
    between = glue.search(doc.text, sent.start, pos)
    pos = between.start() if between else pos
    publishers: list[OrgRef] = []
    while pos in ends:
        org, mention = ends[pos]
        publishers.insert(0, org)
        pos = mention.start
        if pos - 1 >= sent.start and doc.text[pos - 1] in joiners:
            pos -= 1
        else:
            break
    return list(dict.fromkeys(publishers))


def campaigns(adoc: AnnotatedDocument, lang: Language) -> AnnotatedDocument:
    """Stage: quoted names of drives (“平安秦州”建设, “严打”专项整治斗争, “双千行动”) and the
    centre's campaigns however written (扫黑除恶专项斗争).

    Reads: doc, sentences, context, documents. Adds: campaigns.
    """
    doc, sentences, lex, pats = adoc.doc, adoc.sentences, lang.lexicon, lang.patterns
    context, documents = adoc.context, adoc.documents
    after_words = sorted(lex.words("campaign_after"), key=len, reverse=True)
    endings = lex.words("campaign_endings")
    not_after = tuple(lex.words("campaign_not_after"))
    launch = lex.words("launch_verbs")
    found = []

    def launcher(start: int, end: int) -> tuple[OrgRef, ...]:
        for d in documents:
            inside = d.mention.start <= start and end <= d.mention.end
            if inside and any(v in doc.text[d.mention.start:start] for v in launch):
                return d.publishers
        return ()

    for sent in sentences:
        quotes = list(pats.quote.finditer(doc.text, sent.start, sent.end))
        named = set()
        # quotes side by side share what follows the last: “产业项目建设年”“营商环境优化年”
        marker = None
        for i in range(len(quotes) - 1, -1, -1):
            m = quotes[i]
            rest = doc.text[m.end():sent.end]
            adjacent = i + 1 < len(quotes) and quotes[i + 1].start() == m.end()
            if not adjacent:
                marker = None if rest.startswith(not_after) else \
                    next((w for w in after_words if rest.startswith(w)), None)
            core = m.group("core")
            # a slogan or a programme's title (牢记初心使命，推进自我革命) is not a drive's name
            if marker is None and not (core.endswith(endings) and _one_phrase(core)):
                continue
            written = _BRACKETS.sub("", core)
            key = lex.campaigns.get(written, written)  # “扫黑除恶”专项斗争: the centre's
            named.add(key)
            found.append(CampaignFact(
                key=key, label=key,
                surface=core + (marker or ""),
                mention=Mention.of(doc, m.start("core"), m.end("core"), "campaign", sent.index),
                place=_place_in(written, context, lex),
                launched_by=launcher(m.start(), m.end())))
        for m in pats.campaign.finditer(doc.text, sent.start, sent.end):
            key = lex.campaigns[m.group()]
            if key in named:
                continue
            named.add(key)
            found.append(CampaignFact(
                key=key, label=key, surface=m.group(),
                mention=Mention.of(doc, m.start(), m.end(), "campaign", sent.index),
                launched_by=launcher(m.start(), m.end())))
    found.sort(key=lambda c: c.mention.start)
    return replace(adoc, campaigns=tuple(found))


def _one_phrase(text: str) -> bool:
    return not any(unicodedata.category(ch).startswith("P") for ch in text)


def _place_in(name: str, context: tuple[Place, ...], lex: Lexicon) -> Place | None:
    """The context place a campaign is named after: 平安秦州 → 秦州区."""
    for place in context:
        if place.name in name or lex.gazetteer.short_name(place.name) in name:
            return place
    return None


def meeting_campaigns(adoc: AnnotatedDocument, lang: Language) -> AnnotatedDocument:
    """Stage: campaigns named in a meeting's report are mentioned at that meeting.

    Reads: meetings, campaigns. Adds: meetings (the campaigns each mentions).
    """
    meetings, campaigns = adoc.meetings, adoc.campaigns
    mentioned: dict[int, list[str]] = {}
    for campaign in campaigns:
        which = meeting_at(meetings, campaign.mention.sentence)
        if which is not None:
            mentioned.setdefault(which, []).append(campaign.key)
    return replace(adoc, meetings=tuple(
        MeetingFact(m.label, m.aliases, m.mention, m.date, m.place, m.organizers,
                    m.chair, m.speakers, tuple(dict.fromkeys(mentioned.get(i, ()))))
        for i, m in enumerate(meetings)))
