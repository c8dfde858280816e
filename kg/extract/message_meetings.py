"""The meeting a message is sent to: named between its marker and word (向|第四届论坛|致贺电),
or referred to by a word (向|大会|致贺信) and named where the report opens with it.
"""

from __future__ import annotations

import re

from kg.extract.event_text import _CLAUSE_END, _after_last, _clause_end, _longest_first
from kg.lang.lexicon import Lexicon
from kg.model import AnnotatedDocument, Document, Mention, Sentence

# a day written in figures, each followed by its unit: 11月19日, 4日
_WRITTEN_DAY = re.compile(r"(?:\d{1,4}\D){1,3}")

def meeting_recipient(doc: Document, sent: Sentence, start: int, pos: int,
                       lex: Lexicon) -> Mention | None:
    """The meeting a message is sent to, named from `start` to the message word
    at `pos` but for the verb of sending: 向|大会|发来|贺信, 向|第四届论坛|致|贺电."""
    text, end = doc.text, pos
    for verb in _longest_first(lex.words("sending_words")):
        if text.startswith(verb, end - len(verb)) and end - len(verb) > start:
            end -= len(verb)
            break
    named = text[start:end]
    if (not named or any(c in _CLAUSE_END for c in named)
            or not named.endswith(lex.words("meeting_recipients"))):
        return None
    # the name follows what tells where or when it is held: 在北京开幕的|第二十届…核能大会
    joined = _after_last(named, lex.words("site_joiners"), 0, len(named), 0)
    if joined < len(named) - 1:
        start += joined
    return Mention.of(doc, start, end, "meeting", sent.index)

def opening_meeting(doc: Document, sent: Sentence, adoc: AnnotatedDocument, pos: int,
                     lex: Lexicon, ending: str = "") -> Mention | None:
    """The meeting a message with no recipient is sent to: named next (发来贺信，向大会表示
    祝贺) or opening a clause of the sentence, of the one before or of the report's first,
    with a date or a word of its opening after it (联合国世界地理信息大会11月19日在浙江德清
    举行。李克强致贺信。); with `ending`, the one a bare word (向|大会|致贺信) refers to."""
    text = doc.text
    after = _clause_end(text, pos, sent.end) + 1
    for marker in () if ending else lex.words("recipient_markers"):
        if text.startswith(marker, after):
            at = after + len(marker)
            word = next((w for w in _longest_first(lex.words("meeting_recipients"))
                         if text.startswith(w, at)), None)
            if word is not None:  # the meeting the word refers to, when the report names it
                return (opening_meeting(doc, sent, adoc, pos, lex, ending=word)
                        or Mention.of(doc, at, at + len(word), "meeting", sent.index))
    # the report's first sentences: the first may be a dateline alone (央视网消息（新闻联播）：)
    for other in dict.fromkeys((sent, *adoc.sentences[max(sent.index - 1, 0):sent.index],
                                *adoc.sentences[:2])):
        start, end = other.start, pos if other is sent else other.end
        while start < end:
            clause_end = _clause_end(text, start, end)
            named = _meeting_opening(doc, adoc, other.index, start, clause_end, lex)
            # a meeting is referred to by a word of its name (向|论坛|发来贺信 after …国际论坛
            # 2014年年会, 向|大会| after …成立大会暨…研讨会); 会议 and 大会 to any meeting
            # (第二十二届国际历史科学大会…向会议的召开表示祝贺)
            if named is not None and (ending in named.text
                                      or ending in lex.words("any_meeting_words")):
                return named
            start = clause_end + 1
    return None

def _meeting_opening(doc: Document, adoc: AnnotatedDocument, sentence: int, start: int,
                     end: int, lex: Lexicon) -> Mention | None:
    """The meeting a clause opens with: a name ending in a meeting word, followed by a date or
    a word of its opening, naming no one (韩正19日出席…峰会 is not a meeting's name), without
    what tells where it is held (在山东青岛举行的|…峰会)."""
    text = doc.text
    for word, at in sorted(((w, at) for w in lex.words("meeting_recipients")
                            for at in _positions(text, w, start, end)),
                           key=lambda wa: wa[1] + len(wa[0])):
        begin = _after_last(text, lex.words("site_joiners"), start, at, start)
        # 在|第一届国家公园论坛开幕之际: the marker of a time clause opens no name
        begin += next((len(w) for w in lex.words("present_starts") if text.startswith(w, begin)), 0)
        if (at > begin and _opens(text, at + len(word), lex)
                and not any(begin < m.end and m.start < at for m in adoc.people)
                # nor who attend it: …信众两千余人参加了|论坛开幕式
                and not any(w in text[begin:at] for w in lex.words("present_words")
                            + lex.words("aspect_particles"))):
            return Mention.of(doc, begin, at + len(word), "meeting", sentence)
    return None

def _positions(text: str, word: str, start: int, end: int) -> list[int]:
    found, at = [], text.find(word, start, end)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1, end)
    return found

def _opens(text: str, pos: int, lex: Lexicon) -> bool:
    """Whether a meeting's name ending at `pos` is followed, past a day written in figures
    (11月19日, 4日) or in words (今天), by a word of its opening: …大会|11月19日|在浙江德清举行."""
    day = _WRITTEN_DAY.match(text, pos)
    at = day.end() if day else pos
    at += next((len(w) for w in lex.words("day_words") if text.startswith(w, at)), 0)
    return text.startswith(lex.words("meeting_openers"), at)
