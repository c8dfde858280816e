"""Messages (贺电, 致电, 复信): who sent one to whom, from the sentence that reports it.

The sender is named before the word; the recipient after a marker before it
(向大会致贺信, 阮富仲致习近平的贺信) or after the word (致电托卡耶夫); a
recipient may be a body or the meeting it is read to (向大会发来贺信).
"""

from __future__ import annotations

import datetime as dt

import re

from kg.extract.event_text import (_CLAUSE_END, _EVENT_WORDS, _after_last, _clause_end,
                                   _clause_start, _find_words, _longest_first, _mutually, _now,
                                   _read_past, _studied)
from kg.extract.message_meetings import meeting_recipient, opening_meeting
from kg.extract.name_words import COMMON_WORD_COUNT, opens_with_common_word
from kg.lang.lexicon import Lexicon
from kg.model import AnnotatedDocument, Document, Mention, MessageFact, OrgRef, Sentence
from kg.text.segment import common_word_tags

# how many are in a group: 30|位老人
_COUNT = re.compile(r"\d+")
# a day written in figures ending a sender's name: 叙利亚外交部|5日|致信, 国务院总理李克强|23号|致信
_WRITTEN_DAY_AT_END = re.compile(r"(?:\d{1,4}[年月])*\d{1,2}[日号]$")
# a group a message goes to is named in at most this many characters
_LONGEST_GROUP = 30
# what announces a list: 发来贺电的还有：…
_LIST_INTRODUCER = "："


def read_messages(doc: Document, sent: Sentence, people: list[Mention], lex: Lexicon,
                  date: dt.date | None, adoc: AnnotatedDocument, told: tuple[OrgRef, ...] = (),
                  home: str = ""):
    """The messages a sentence reports; `told`: the groups earlier messages of the report went
    to or came from, which a group written by its members alone stands for (全体师生致信…,
    给学校师生回信: the school the report named); `home`: the name of the report's own
    country, which a group's name holds (中国工合国际委员会), not as where it is."""
    text = doc.text
    bodies = [(o, m) for o, m in adoc.organizations if m.sentence == sent.index]
    told = tuple(o for o in told if o.label.endswith(lex.words("site_heads")))
    if not told and any(w in sent.text for w in lex.words("member_words")):
        # 全体师生致信…, 给学校师生回信: the school the report named by its members before
        school = _school_named_before(text, sent.end, lex, home)
        told = (school,) if school is not None else ()
    named_at = {m.start for _, m in bodies} | {m.start for m in people}
    for pos, word in _find_words(text, sent.start, sent.end, lex.words("message_words")):
        if text.rfind("《", sent.start, pos) > text.rfind("》", sent.start, pos):
            continue  # a title's word: 《习近平主席回信纪念专刊》 is a book
        begin = _clause_start(text, sent.start, pos)
        # a message thanked for was sent before the thanks, however long (感谢奥巴马不久前致电),
        # not after it (感谢…并将致电)
        thanked_before = _find_words(text, begin, pos, lex.words("thanks_words")) and not any(
            w in text[begin:pos] for w in lex.words("future_markers"))
        if not (thanked_before or _now(text, begin, pos, lex, adoc.tokens)) or _told_inside(
                text, pos + len(word), named_at, lex) or _studied(text, begin, pos, people, lex):
            continue
        mention = Mention.of(doc, pos, pos + len(word), "meeting", sent.index)
        kind = word
        kinds = lex.words("letter_purpose_kinds" if word in lex.words("letter_words")
                          else "purpose_kinds")
        for purpose, purpose_kind in zip(lex.words("purpose_words"), kinds):
            if text.startswith(purpose, pos + len(word)):
                kind = purpose_kind
        # those named in what the message is about (就…前总统佐科不幸逝世) send nothing, nor
        # those of a clause telling when (在…习近平同志当选为总书记后，…发来贺电)
        topic = next((t for t, _ in reversed(_find_words(text, begin, pos,
                                                         lex.words("topic_markers")))), pos)
        before = [m for m in people if m.start >= sent.start
                  and (m.end <= topic or _topic_end(text, topic, pos, lex) < m.start)
                  and m.end <= pos and not _in_time_clause(text, sent, m.start, lex)]
        thanked = _thanked_for(text, begin, pos, _clause_end(text, pos, sent.end), before, lex)
        if thanked is not None:
            sender, thanker = thanked
            yield MessageFact(kind, mention, sender, thanker, None, date)
            continue
        marker_start = _mutually(text, sent.start, pos, lex)
        if marker_start is not None:
            yield from _mutual(doc, sent, before, marker_start, kind, mention, date, lex)
            continue
        clause_end = _clause_end(text, pos, sent.end)
        markers = [p for p in _find_words(text, begin, pos, lex.words("recipient_markers")
                                          + lex.words("meeting_markers"))
                   if not _inside_word(text, p[0], lex)]
        # the last marker of the clause with someone after it: 向大会致贺信 is sent 向, not 致
        marker = next((p for p in reversed(markers)
                       if (p[1] not in lex.words("meeting_markers")
                           and (any(p[0] < m.start for m in before)
                                or any(p[0] < m.start and m.end <= pos for _, m in bodies)))
                       or meeting_recipient(doc, sent, p[0] + len(p[1]), pos, lex)),
                      next((p for p in reversed(markers)
                            if p[1] not in lex.words("meeting_markers")), None))
        meeting = body = None
        recipients: list[Mention] = []
        if marker is not None:
            senders = [m for m in before if m.end <= marker[0]]
            meeting = meeting_recipient(doc, sent, marker[0] + len(marker[1]), pos, lex)
            if meeting is not None and meeting.text in lex.words("meeting_recipients"):
                # 向|大会|致贺信: the meeting the report has named in full, when it has
                meeting = opening_meeting(doc, sent, adoc, marker[0], lex,
                                           ending=meeting.text) or meeting
            # a meeting's name may hold what an earlier stage took for a name or a body
            # (中阿合作论坛第七届部长|级会议): the meeting is the recipient, not they
            if meeting is None:
                recipients = _addressed(text, [_read_past(doc, m, pos, lex.words("sending_words"))
                                               for m in before if m.start > marker[0]], pos, lex)
                body = next((o for o, m in bodies if marker[0] < m.start and m.end <= pos), None)
                if not recipients and body is None and marker[1] in lex.words("group_markers"):
                    body = _group(text, marker[0] + len(marker[1]), pos, lex, told, home)
            if any(w in text[marker[0]:pos] for w in lex.words("handing_verbs")):
                continue  # 傅自应向…长者代表宣读和转交了习近平主席的回信: not sent here
        else:
            senders = before
        if marker is None and word in lex.words("object_message_words"):
            # the recipients are named in the word's clause: 致电托卡耶夫，…; 分别致电连战、吴伯雄
            after = [m for m in people if pos + len(word) <= m.start < clause_end]
            recipients = _listed(text, after, lex, forward=True)
            body = next((o for o, m in bodies if pos + len(word) <= m.start < clause_end), None)
            if recipients and body is not None:
                body = None  # the person is named first: 致电祝贺托卡耶夫
            celebrated = None if recipients or body else _celebrated(
                adoc, pos + len(word), clause_end, lex)
            if celebrated is not None:
                named = text[celebrated[0]:celebrated[1]]
                if named in lex.words("meeting_recipients"):  # 致信祝贺|论坛|开幕
                    meeting = opening_meeting(doc, sent, adoc, pos, lex, ending=named)
                elif named.endswith(lex.words("meeting_recipients")):
                    meeting = Mention.of(doc, *celebrated, "meeting", sent.index)
                else:
                    body = OrgRef(named, "", None)
        if _lists_senders(text, pos + len(word), clause_end, sent.end, lex):
            # 向习近平主席发来贺电或贺函的还有：贝宁总统塔隆、…: the senders follow
            senders = [m for m in people if clause_end < m.start]
            listed = senders
        else:
            listed = _listed(text, senders, lex) if senders else []
        # with no one named to send it, the bodies named right before it do: 中共中央、国务院致电
        sending_bodies = [] if listed else _sending_bodies(
            text, begin, marker[0] if marker is not None else pos, bodies, lex)
        if not (listed or sending_bodies) and told and _members_alone(
                text, begin, marker[0] if marker is not None else pos, lex):
            sending_bodies = [told[-1]]
        if body is not None and body.label in {o.label for o in sending_bodies}:
            body = None  # a body writes to no one of its name: 中共中央10日致电中国国民党中央委员会
        if not (listed or sending_bodies):
            continue
        if not (recipients or body or meeting) and listed:
            body = _receiving_group(text, begin, listed[0].start, lex)
        if not (recipients or body or meeting) and pos + len(word) == clause_end:
            recipients, body = _greeted_next(doc, sent, clause_end, people, bodies, lex)
        if not (recipients or body or meeting) and text[:pos].endswith(lex.words("sending_words")):
            # 国务院总理李克强致贺信。: to the meeting the report has just opened with
            meeting = opening_meeting(doc, sent, adoc, pos, lex)
        apart = _one_each(text, listed, recipients, pos, lex)
        for i, (sender, sender_body) in enumerate([(m, None) for m in listed]
                                                  + [(None, o) for o in sending_bodies]):
            if recipients:
                # 习近平、李克强分别向巴总统侯赛因、总理谢里夫致慰问电: one each, in order
                for recipient in [recipients[i]] if apart else recipients:
                    yield MessageFact(kind, mention, sender, recipient, None, date,
                                      sender_body=sender_body)
            elif body is not None:
                yield MessageFact(kind, mention, sender, None, body, date, sender_body=sender_body)
            elif meeting is not None:
                yield MessageFact(kind, mention, sender, None, None, date, meeting,
                                  sender_body=sender_body)


def _mutual(doc: Document, sent: Sentence, before: list[Mention], marker_start: int, kind: str,
            mention: Mention, date: dt.date | None, lex: Lexicon):
    """A message sent both ways (习近平同托卡耶夫互致贺电), to each of a list on the other
    side (同欧洲理事会主席图斯克、欧盟委员会主席容克互致贺电); the mutual marker starts at
    `marker_start`."""
    text = doc.text
    # a marker with no one named before it is no partner's (同日，李克强同梅德韦杰夫…)
    found = [p for p in _find_words(text, sent.start, marker_start, lex.words("partner_markers"))
             if any(m.end <= p[0] for m in before)]
    # 习近平和李克强分别同普京和梅德韦杰夫互致贺电: a marker that may join a list (和) marks
    # the other side only where no other one does
    partner = next((p for p in found if p[1] not in lex.words("list_joiners")),
                   found[0] if found else None)
    if partner is None:
        return
    # a name an earlier stage read into the marker (朱马里互|致) ends before it
    before = [Mention.of(doc, m.start, marker_start, "person", m.sentence)
              if m.end > marker_start else m for m in before
              if m.end <= marker_start or marker_start - m.start >= 2]
    first = [m for m in before if m.end <= partner[0]]
    second = _listed(text, [m for m in before if m.start > partner[0]], lex, forward=True)
    senders = _listed(text, first, lex) if first else []
    if _one_each(text, senders, second, partner[0], lex):
        # 胡锦涛、温家宝分别和韩国总统李明博、国务总理金滉植互致贺电: one pair each, in order
        pairs = list(zip(senders, second))
    else:
        pairs = [(a, b) for a in first[-1:] for b in second]
    for a, b in pairs:
        yield MessageFact(kind, mention, a, b, None, date)
        yield MessageFact(kind, mention, b, a, None, date)


def _one_each(text: str, senders: list[Mention], recipients: list[Mention], until: int,
              lex: Lexicon) -> bool:
    """Whether as many senders as recipients sent one each, in order: 分别 between the last
    sender and `until` (习近平、李克强分别向…侯赛因、…谢里夫致慰问电)."""
    return len(senders) == len(recipients) > 1 and any(
        w in text[senders[-1].end:until] for w in lex.words("apart_markers"))


def _thanked_for(text: str, begin: int, pos: int, clause_end: int, before: list[Mention],
                 lex: Lexicon) -> tuple[Mention, Mention] | None:
    """The sender and the recipient of a message the recipient thanks the sender for, in the
    clause from `begin` to the word at `pos` and on to `clause_end`: the one named after a
    thanks word sent it to the one named before (习近平感谢马克龙…发来…贺信), or the one named
    after a thanks marker, with a thanks word after the message (李克强对吉拉德发贺信并打电话
    祝贺表示感谢). Those named in between, the sender's titles aside, make it no thanks."""
    thanks = _find_words(text, begin, pos, lex.words("thanks_words"))
    if thanks:
        at, word = thanks[-1]
    elif _find_words(text, pos, clause_end, lex.words("thanks_words")):
        markers = _find_words(text, begin, pos, lex.words("thanks_markers"))
        if not markers:
            return None
        at, word = markers[-1]
    else:
        return None
    thankers = [m for m in before if m.end <= at]
    senders = [m for m in before if m.start >= at + len(word)]
    if not thankers or len(senders) != 1:
        return None
    return senders[0], thankers[-1]


def _greeted_next(doc: Document, sent: Sentence, clause_end: int, people: list[Mention],
                  bodies: list[tuple[OrgRef, Mention]], lex: Lexicon
                  ) -> tuple[list[Mention], OrgRef | None]:
    """Whom a message that ends its clause goes to, when the next clause opens with a
    greeting marker and greets them: 习近平致电，向|中国女排全体队员、教练员|表示热烈的
    祝贺; 发来贺信，向|参加研制和建设的|广大科技工作者、工程技术人员、建设者|表示…."""
    text = doc.text
    start = clause_end + 1
    marker = next((m for m in lex.words("greeting_markers") if text.startswith(m, start)), None)
    if marker is None:
        return [], None
    start += len(marker)
    end = _clause_end(text, start, sent.end)
    greeting = min((at for at, _ in _find_words(text, start, end, lex.words("greeting_words"))),
                   default=None)
    if greeting is None:
        return [], None
    if text[start:greeting].endswith(lex.words("occasion_words")):
        return [], None  # 向会议的召开表示祝贺: the meeting, which the report names
    named = [m for m in people if start <= m.start and m.end <= greeting]
    if named:
        return _listed(text, named, lex, forward=True), None
    body = next((o for o, m in bodies if start <= m.start and m.end <= greeting), None)
    if body is not None:
        return [], body
    joined = _after_last(text, lex.words("site_joiners"), start, greeting, start)
    if any(w in text[start:joined] for w in lex.words("list_joiners")) and not _opens_with_verb(
            text[start:joined]):
        # 向中央人民广播电台和从事对农村广播的同志们: the 的 tells of the last only (not
        # 向参加研制和建设的|广大科技工作者, a clause about all)
        joined = start
    return [], _group(text, joined, greeting, lex)


def _celebrated(adoc: AnnotatedDocument, start: int, clause_end: int,
                lex: Lexicon) -> tuple[int, int] | None:
    """Where a message for a purpose names what it celebrates, between the purpose and
    its occasion, before where it is held (a marker that is a word of its own, not the 于
    of 于都县): 致信祝贺|三联书店|创建80周年, 致信祝贺|中国-以色列政府创新合作联合委员会
    第一次会议|在北京召开, 致信祝贺|匈塞铁路项目塞尔维亚段|正式启动."""
    text, tokens = adoc.doc.text, adoc.tokens
    purpose = next((w for w in lex.words("purpose_words") if text.startswith(w, start)), None)
    if purpose is None:
        return None
    start += len(purpose)
    occasion = min((at for at, _ in _find_words(text, start, clause_end,
                                                 lex.words("occasion_words"))), default=None)
    if occasion is None:
        return None
    end = min([occasion] + [at for at, w in _find_words(text, start + 2, occasion,
                                                        lex.words("venue_markers"))
                            if tokens.starts_at(at) and tokens.end_of(at) == at + len(w)])
    stripped = None
    while stripped != end:
        stripped = end
        end -= next((len(w) for w in lex.words("occasion_adverbs")
                     if text.startswith(w, end - len(w))), 0)
    return (start, end) if 2 <= end - start <= _LONGEST_GROUP else None


def _opens_with_verb(stretch: str) -> bool:
    tags = common_word_tags(COMMON_WORD_COUNT)
    return any(tags.get(stretch[:k], "").startswith("v") for k in (2, 3))


def _group(text: str, start: int, pos: int, lex: Lexicon,
           told: tuple[OrgRef, ...] = (), home: str = "") -> OrgRef | None:
    """The group a message is sent to, named from `start` to the word at `pos` (给|福建省寿宁县
    下党乡的乡亲们|回信), as the text names it but for a school's pupils (…红军小学|的学生) and the
    country it is in (老挝|中老友好农冰村小学); a group told of before (给该校师生, 给学校的, 给师生的)
    is the last of `told`."""
    named = _without_joiners(text[start:pos], lex)
    if (len(named) < 2 or len(named) > _LONGEST_GROUP or any(c in _CLAUSE_END for c in named)
            or named.startswith(lex.words("site_not_first"))
            or named in lex.words("site_heads") + lex.words("member_words")):
        return told[-1] if told and not any(c in _CLAUSE_END for c in named) else None
    for member in _longest_first(lex.words("member_words")):
        school = _without_joiners(named.removesuffix(member), lex)
        if school != named and school.endswith(lex.words("site_heads")):
            if school in lex.words("site_heads"):
                return told[-1] if told else None  # 给学校师生回信
            named = school
            break
    return OrgRef(_without_country(named, lex, home), "", None)


def _without_country(named: str, lex: Lexicon, home: str) -> str:
    """A group's name without the foreign country written before it as where it is
    (老挝|中老友好农冰村小学), where a name is left: not a common word that goes on the name
    (新加坡国立大学, 韩国外国语大学)."""
    country = next((c for c in _longest_first(lex.countries)
                    if named.startswith(c) and c != home), "")
    rest = named[len(country):]
    return rest if country and not opens_with_common_word(rest) and _names_a_site(rest, lex) else named


def _without_joiners(named: str, lex: Lexicon) -> str:
    """A stretch without what joins it to the word after (…红军小学|的)."""
    for joiner in lex.words("site_joiners"):
        named = named.removesuffix(joiner)
    return named


def _names_a_site(named: str, lex: Lexicon) -> bool:
    """Whether a stretch is a site's name: a name of two characters or more, then a site's word
    (中老友好农冰村|小学; not a bare 学校)."""
    return any(named.endswith(head) and len(named) - len(head) >= 2
               for head in lex.words("site_heads"))


def _school_named_before(text: str, end: int, lex: Lexicon, home: str) -> OrgRef | None:
    """The last school (a site) the report names by its members before `end` (在老挝中老友好农冰村
    小学|师生代表来华…): the group its members alone stand for later (全体师生致信…)."""
    for at, _member in sorted(_find_words(text, 0, end, lex.words("member_words")), reverse=True):
        floor = max(0, at - _LONGEST_GROUP)
        begin = max([text.rfind(c, floor, at) + 1 for c in _CLAUSE_END]
                    + [p + len(w) for p, w in _find_words(
                        text, floor, at, lex.words("recipient_markers") + lex.words("present_starts"))])
        named = _without_joiners(text[max(begin, floor):at], lex)
        if _names_a_site(named, lex):
            return OrgRef(_without_country(named, lex, home), "", None)
    return None


def _told_inside(text: str, after: int, named_at: set[int], lex: Lexicon) -> bool:
    """Whether what follows a message's word tells what it says or means (在贺电中表示, 回信中说,
    回信精神): not where a body or a person is named there (致信|中共中央总书记)."""
    return text.startswith(lex.words("message_not_before"), after) and after not in named_at


def _members_alone(text: str, begin: int, end: int, lex: Lexicon) -> bool:
    """Whether the clause names the senders by their membership alone before the message
    (全体师生|致信, 师生们|给…写信): the group the report told of writes."""
    named = text[begin:end]
    named = next((named.removesuffix(v) for v in _longest_first(lex.words("sending_words"))
                  if named.endswith(v)), named)
    for plural in lex.words("plural_ends"):
        named = named.removesuffix(plural)
    return named in lex.words("member_words")


def _sending_bodies(text: str, begin: int, end: int, bodies: list[tuple[OrgRef, Mention]],
                    lex: Lexicon) -> list[OrgRef]:
    """The bodies that fill the clause from `begin` up to `end` (the marker or the word) but
    for the verb of sending, a day and body_sender_gap: each joined to the next by a list
    joiner (中共中央、国务院、中央军委|致电; 全国人大常委会、国务院|发来|贺电), one named with its
    country as written (叙利亚外交部|5日|致信); none when anything else is named there."""
    named = text[begin:end]
    named = next((named.removesuffix(v) for v in _longest_first(lex.words("sending_words"))
                  if named.endswith(v)), named)
    stripped = None
    while stripped != named:  # 近日联合|致信, 5日也|致电
        stripped = named
        for gap in lex.words("body_sender_gap"):
            named = named.removesuffix(gap)
        named = _WRITTEN_DAY_AT_END.sub("", named)
    at, found = begin + len(named), []
    countries = _longest_first(lex.countries)
    while True:
        ending = [(o, m) for o, m in bodies if m.end == at and m.start >= begin]
        if not ending:
            return []
        org, named_at = min(ending, key=lambda om: om[1].start)
        at = named_at.start
        country = next((c for c in countries
                        if at - len(c) >= begin and text.startswith(c, at - len(c))), None)
        if country is not None:
            at -= len(country)
            org = OrgRef(text[at:named_at.end], "", None)
        found.append(org)
        if at == begin:
            return found[::-1]
        joiner = next((j for j in _longest_first(lex.words("name_separators")
                                                 + lex.words("list_joiners"))
                       if at - len(j) > begin and text.startswith(j, at - len(j))), None)
        if joiner is None:
            return []
        at -= len(joiner)


def _receiving_group(text: str, begin: int, sender_start: int, lex: Lexicon) -> OrgRef | None:
    """The group the clause from `begin` tells as receiving the message of the sender named
    at `sender_start`: named before a receipt word and a joiner, who are in it after, with a
    count or a plural (…长者义工组|的|30位老人|收到|国家主席习近平的回信)."""
    found = _find_words(text, begin, sender_start, lex.words("receipt_words"))
    if not found:
        return None
    receipt = min(at for at, _ in found)
    joiner = max(((text.rfind(w, begin, receipt), w) for w in lex.words("site_joiners")),
                 default=(-1, ""))
    if joiner[0] <= begin:
        return None
    joined, members = joiner[0], text[joiner[0] + len(joiner[1]):receipt]
    counted = _COUNT.match(members)
    if not (members.endswith(lex.words("plural_ends"))
            or (counted and members.startswith(lex.words("member_counters"), counted.end()))):
        return None
    return _group(text, begin, joined, lex)


def _inside_word(text: str, pos: int, lex: Lexicon) -> bool:
    """Whether the marker at `pos` is part of a longer word (致辞, 一致)."""
    return any(text.startswith(w, pos - w.index(text[pos]))
               for w in lex.words("not_recipient_markers") if text[pos] in w)


def _in_time_clause(text: str, sent: Sentence, pos: int, lex: Lexicon) -> bool:
    """Whether `pos` is in a clause telling when (在…当选为总书记后)."""
    start, end = _clause_start(text, sent.start, pos), _clause_end(text, pos, sent.end)
    return text[start:end].endswith(lex.words("time_clause_ends"))


def _addressed(text: str, recipients: list[Mention], pos: int, lex: Lexicon) -> list[Mention]:
    """The people named after a marker that the message goes to: each followed, up to the
    next name, separator or the word at `pos`, by titles and the like only (向总统佐科致|,
    not 给库尔班|大叔后人的|回信 nor 向李鹏|同志亲属|致唁电)."""
    allowed = _longest_first(lex.words("recipient_followers") + lex.words("sending_words")
                             + lex.words("title_after_name") + tuple(lex.roles))
    stops = lex.words("name_separators") + lex.words("list_joiners")
    kept = []
    for i, person in enumerate(recipients):
        end = recipients[i + 1].start if i + 1 < len(recipients) else pos
        cut = min((at for at in (text.find(w, person.end, end) for w in stops) if at >= 0),
                  default=end)
        rest = text[person.end:cut]
        for word in allowed:
            rest = rest.replace(word, "")
        if not rest:
            kept.append(person)
    return kept


def _lists_senders(text: str, start: int, clause_end: int, end: int, lex: Lexicon) -> bool:
    """Whether the message word's clause ends by announcing its senders: …贺电或贺函的还有："""
    return (clause_end < end and text[clause_end] == _LIST_INTRODUCER
            and text[start:clause_end].endswith(lex.words("listed_senders")))


def _topic_end(text: str, start: int, end: int, lex: Lexicon) -> int:
    """Where what a message is about, told from `start`, ends: at the first recipient
    marker (就…逝世|向), else at the message word (`end`)."""
    found = _find_words(text, start, end, lex.words("recipient_markers"))
    return found[0][0] if found else end

def _listed(text: str, people: list[Mention], lex: Lexicon, forward: bool = False) -> list[Mention]:
    """The last of `people` and those listed before it, each with its title (泰国国王普密蓬、
    斯里兰卡总统拉贾帕克萨等…向大会发来贺信 has two senders), or `forward`, the first and
    those listed after it (分别致电阿尔及利亚总统布特弗利卡、法国总统奥朗德)."""
    ordered = people if forward else people[::-1]
    listed = ordered[:1]
    for person in ordered[1:]:
        between = (text[listed[-1].end:person.start] if forward
                   else text[person.end:listed[-1].start])
        if (any(c in _CLAUSE_END for c in between)
                or not any(w in between for w in lex.words("name_separators")
                           + lex.words("partner_markers") + lex.words("list_joiners"))
                or any(w in between for w in _EVENT_WORDS(lex))):
            break
        listed.append(person)
    return listed if forward else listed[::-1]

