"""Relate what was recognised: meetings and who chaired or spoke at them,
documents and who issued them, campaigns and who launched them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from kg.lang.language import Language
from kg.lang.lexicon import Lexicon
from kg.model import (AnnotatedDocument, CampaignFact, Document, DocumentFact, MeetingFact,
                      Mention, OrgRef, Place, Sentence)
from kg.lang.patterns import Patterns
from kg.extract.recognize import place_at_level
from kg.text.document import written_date

_BRACKETS = re.compile(r"[（）()]")


def meetings(adoc: AnnotatedDocument, lang: Language) -> AnnotatedDocument:
    """Stage: meetings held (召开, 举行): 秦州区召开全区政法、综治暨禁毒工作会议.

    Reads: doc, sentences, places, context, organizations. Adds: meetings.
    """
    doc, lex, pats = adoc.doc, lang.lexicon, lang.patterns
    sentences, context, places, orgs = adoc.sentences, adoc.context, adoc.places, adoc.organizations
    meetings = []
    whole = lex.words("whole_level")
    for sent in sentences:
        for m in pats.meeting.finditer(doc.text, sent.start, sent.end):
            name = m.group("name")
            subject_place = next((p for p, pm in places if pm.end == m.start()), None)
            organizers = tuple(o for o, om in orgs if om.end == m.start())
            place = subject_place
            prefix = next((w for w in whole if name.startswith(w)), None)
            bare_name = name[len(prefix):] if prefix else name
            if prefix:
                place = place_at_level(prefix[1:], context) or place
            if place is None and organizers:
                place = organizers[0].place
            if place is None and context:
                place = context[0]
            label = name
            if place is not None and not name.startswith(place.name):
                label = place.name + bare_name
            aliases = tuple(dict.fromkeys(a for a in (name, bare_name) if a != label))
            meetings.append(MeetingFact(
                label=label, aliases=aliases,
                mention=Mention.of(doc, m.start("name"), m.end("name"), "meeting", sent.index),
                date=_date_in(doc, sent, pats) or doc.date,
                place=place, organizers=organizers))
    return replace(adoc, meetings=tuple(meetings))


def _date_in(doc: Document, sent: Sentence, pats: Patterns) -> dt.date | None:
    """The first date the sentence writes, in the report's year where it names none."""
    m = pats.date.search(doc.text, sent.start, sent.end)
    return written_date(m, doc.date.year if doc.date else None) if m else None


def meeting_at(meetings: tuple[MeetingFact, ...], sentence: int) -> int | None:
    """Index of the meeting a sentence reports on: the last one held before it."""
    current = None
    for i, meeting in enumerate(meetings):
        if meeting.mention.sentence <= sentence:
            current = i
    return current


def participants(adoc: AnnotatedDocument, lang: Language) -> AnnotatedDocument:
    """Stage: chairs (会议由…宋建平主持) and speakers (…张健同志…强调) of meetings.

    Reads: doc, sentences, meetings, people. Adds: meetings (their chair and speakers).
    """
    doc, sentences, meetings, people, lex = (adoc.doc, adoc.sentences, adoc.meetings,
                                             adoc.people, lang.lexicon)
    chairs: dict[int, list[Mention]] = {}
    speakers: dict[int, list[Mention]] = {}
    speech = lex.words("speech_verbs")
    chair_markers, address = lex.words("chair_markers"), lex.words("address_terms")
    for person in people:
        which = meeting_at(meetings, person.sentence)
        if which is None:
            continue
        sent = sentences[person.sentence]
        after = doc.text[person.end:sent.end]
        address_term = next((t for t in address if after.startswith(t)), "")
        after_name = after[len(address_term):]
        before = doc.text[sent.start:person.start]
        passive = any(marker in before for marker in chair_markers)  # 会议由…主持
        if after_name.startswith(lex.words("chair_verbs")) and (passive or not before):
            chairs.setdefault(which, []).append(person)
        elif any(verb in after_name for verb in speech) and not passive:
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


def documents(adoc: AnnotatedDocument, lang: Language) -> AnnotatedDocument:
    """Stage: documents in 《》 and the bodies that issued them (区委、区政府《…》).

    Reads: doc, sentences, organizations, meetings. Adds: documents.
    """
    doc, sentences, lex, pats = adoc.doc, adoc.sentences, lang.lexicon, lang.patterns
    orgs, meetings = adoc.organizations, adoc.meetings
    found = []
    ends = {m.end: (o, m) for o, m in orgs}
    glue, joiners = _publish_glue(lex), lex.words("publisher_joiners")
    for sent in sentences:
        for m in pats.book_title.finditer(doc.text, sent.start, sent.end):
            publishers = _publishers_before(doc, sent, m.start(), ends, glue, joiners)
            if not publishers:
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
    """Stage: quoted names of drives: “平安秦州”建设, “严打”专项整治斗争.

    Reads: doc, sentences, context, documents. Adds: campaigns.
    """
    doc, sentences, lex, pats = adoc.doc, adoc.sentences, lang.lexicon, lang.patterns
    context, documents = adoc.context, adoc.documents
    after_words = sorted(lex.words("campaign_after"), key=len, reverse=True)
    not_after = tuple(lex.words("campaign_not_after"))
    launch = lex.words("launch_verbs")
    found = []
    for sent in sentences:
        for m in pats.quote.finditer(doc.text, sent.start, sent.end):
            rest = doc.text[m.end():sent.end]
            if rest.startswith(not_after):
                continue
            marker = next((w for w in after_words if rest.startswith(w)), None)
            if marker is None:
                continue
            core = m.group("core")
            key = _BRACKETS.sub("", core)
            launched_by: tuple[OrgRef, ...] = ()
            for d in documents:
                inside = d.mention.start <= m.start() and m.end() <= d.mention.end
                if inside and any(v in doc.text[d.mention.start:m.start()] for v in launch):
                    launched_by = d.publishers
            found.append(CampaignFact(
                key=key, label=key, surface=core + marker,
                mention=Mention.of(doc, m.start("core"), m.end("core"), "campaign", sent.index),
                place=_place_in(key, context, lex), launched_by=launched_by))
    return replace(adoc, campaigns=tuple(found))


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
