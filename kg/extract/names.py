"""The one reader of person names every stage asks: where a name starts and ends.

Rules propose a name (`name_length`: a surname and one or two characters, a name
jieba's dictionary knows, a foreign name with or without ·), and the CRF tagger
(`kg.extract.ner.tag`), run on a few characters either side of the proposal
only, with the context confirms, moves or refuses it (`judged`):

- the tagger reads a person over it: the person's boundaries win where the text
  agrees a name ends there (习近平|受, 魏凤和|、); a proposal inside a longer person
  (韦尔 of 韦尔希宁) takes the longer one, a tail of one (尼西亚) is none;
- the tagger reads a place or a body starting at it (加州, 党中央, 卫生院): none;
- the tagger reads nothing: a common word of jieba's dictionary, or a stretch
  opening with one (关于, 强调, 高兴地), is none;
- whatever it read, no name ends in a word a name is never glued to (致, 当天,
  到, 同志, 时: triggers.yaml `name_glue_after`) or starts with one (`name_glue_before`);
- jieba's dictionary has the last word: a name the tagger ends before a word running
  over the proposal's end ends there (卡梅伦|上月), a longer transliteration it reads
  wins (韦斯特韦勒), a stretch ending in a verb or numeral is none or is cut before it
  (后|表示, 郭建|分批), and, where the tagger reads no person exactly, a name neither
  starts nor ends inside a word of the dictionary (总统府|前庭, 祖马|共同).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.foreign_runs import (LONGEST_TRANSLITERATION, foreign_han_run,
                                     through_held_conjunction, transliterated_run)
from kg.extract.name_tokens import inside_place, inside_word, token_around
from kg.extract.name_words import (FOREIGN_JOINER, KNOWN_WORD_COUNT, LONGEST_WORD,
                                   NOT_GIVEN_NAME_TAGS, SHORTEST_NAME, TIME_WORD_TAGS, VERB_TAGS,
                                   all_transliterated, dotted_name_ends, dotted_name_glued,
                                   ends_in_common_word, ends_with_any_common_word,
                                   function_word_and_word, glue_before_a_word, long_glue,
                                   numeral_character,
                                   one_character_words, opens_with_clause_word,
                                   opens_with_common_word, opens_with_glue, opens_next_word,
                                   opens_with_verb, two_character_word, verb_and_complement,
                                   verb_and_particle, verb_starts, word_across, word_runs_over,
                                   word_starts, written_elsewhere, written_shorter_elsewhere,
                                   written_whole_elsewhere)
from kg.extract.ner import tag
from kg.extract.other_readings import (clause_of_four, countries_paired, country_head,
                                       glued_to_known_name, runs_into_a_word, where_held)
from kg.lang.lexicon import Lexicon
from kg.lang.patterns import HAN, PUNCTUATION, Patterns
from kg.model import Document, Mention, Sentence, Tokens
from kg.text.segment import common_word_tags, common_words, known_names

_HAN_CHAR = re.compile(f"[{HAN}]")
# a foreign name's parts are joined by · or a hyphen: 雅各布-卢
_NAME_CHARS = re.compile(f"[{HAN}][{HAN}·\\-－]*")
_FOREIGN_NAME = re.compile(f"[{HAN}]{{1,8}}(?:·[{HAN}]{{1,10}})+")
# Characters of context either side of a proposal the tagger reads: its character
# features see two, its word scans a few more; a whole sentence costs ten times as much
_WINDOW = 6
# a name the tagger reads with no surname to open it is two to four characters: 次仁, 巴特尔
LONGEST_NAME_WITHOUT_SURNAME = 4
# ... not across the end of a sentence
_SENTENCE_ENDS = "。！？\n"
# ... of words that follow a name, not another name joined to it: adverbs, time words
# (and verbs that follow names)
_AFTER_A_NAME_TAGS = frozenset({"d", "ad", "t"})


# ---------------------------------------------------------------- judging

def _tagged(text: str, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
    return tuple((start + s, start + e, label) for s, e, label in _window_spans(text[start:end]))


def tagged_around(text: str, start: int, end: int, limit: int) -> tuple[tuple[int, int, str], ...]:
    """The tagger's spans over `text[start:end]` and a few characters either side."""
    return _tagged(text, _window_start(text, start), min(limit, end + _WINDOW))


# Keyed by the window's text, not the document's: each stage that reads a name asks about
# its window again, and news repeats its phrases across documents (习近平|总书记, 国内联播快讯)
@lru_cache(maxsize=16384)
def _window_spans(window: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(tag(window))


def _window_start(text: str, start: int) -> int:
    floor = max(0, start - _WINDOW)
    for i in range(start - 1, floor - 1, -1):
        if text[i] in _SENTENCE_ENDS:
            return i + 1
    return floor


def _ends_name(text: str, start: int, end: int, limit: int, lex: Lexicon, pats: Patterns) -> bool:
    """Whether the text agrees a name starting at `start` may end at `end`: what
    follows names (a follower, punctuation) or a word glued to them comes next. A
    token boundary is not enough: jieba cuts 李国|梁 as readily as the tagger does."""
    return (end >= limit or bool(pats.followers.match(text, end, limit))
            or _glued(text, start, end, lex, pats))


def _glued(text: str, start: int, at: int, lex: Lexicon, pats: Patterns) -> bool:
    """Whether a word no name is glued to starts at `at`, after a name from `start`.
    One character that is no follower is part of the name where it ends a name jieba
    knows (侯赛因), or makes a word of jieba's with the name's last (适|时) and jieba
    does not know the shorter one: 李适时, not 李适; 基奎特|时, 习近平|时."""
    glue = lex.words("name_glue_after")
    if not text.startswith(glue, at):
        return False
    if text.startswith(long_glue(lex), at) or pats.followers.match(text, at, at + 1):
        return True
    if text[start:at + 1].rsplit(FOREIGN_JOINER, 1)[-1] in known_names():
        return False  # the last character of a name jieba knows: 侯赛因, 马姆努恩·侯赛因
    return text[at - 1:at + 1] not in common_words(KNOWN_WORD_COUNT) or text[start:at] in known_names()


def _before_verb(text: str, start: int, end: int, lex: Lexicon) -> int:
    """Where a Chinese name the tagger ran into a verb, an adverb or a numeral ends:
    郭建|分批 (a surname and one or two characters, then the word, or one-character words:
    王珉|先请, 毕京京|做了); a name with · into glue: `dotted_name_glued`."""
    if text[start] not in lex.surnames or text.startswith(tuple(lex.compound_surnames), start):
        return dotted_name_glued(text, start, end, lex)
    tags = common_word_tags(KNOWN_WORD_COUNT)
    for name_end in (start + 2, start + 3):
        if end - name_end >= SHORTEST_NAME and (tags.get(text[name_end:end]) in NOT_GIVEN_NAME_TAGS
                                                or one_character_words(text[name_end:end], lex)):
            return name_end
    return end


def _unglued(text: str, start: int, end: int, lex: Lexicon,
             pats: Patterns) -> tuple[int, int] | None:
    """The span without the glued words it ends with; none if it starts with one, or with a
    glued word of two characters or more (公爵|时时, 夫人|彭丽媛)."""
    glue = lex.words("name_glue_after")
    if text.startswith(lex.words("name_glue_before") + long_glue(lex), start, end):
        return None
    while end - start >= SHORTEST_NAME and text.endswith(glue, start, end):
        at = end - max(len(w) for w in glue if text.endswith(w, start, end))
        if not _glued(text, start, at, lex, pats):
            break
        end = at
    if _joined_to_a_word(text, start, end, lex):
        end -= 1  # 英格利希|和夫人, 李鹏|和夫人 (not 魏凤和|一行)
    negation = next((w for w in lex.words("name_negations") if text.endswith(w, start, end)), "")
    if negation and (verb_starts(text, end, len(text)) or text[end:end + 1] in lex.function_chars):
        end -= len(negation)  # 奥巴马|不|打算, 安倍晋三|不|和
    if end - start < SHORTEST_NAME or not _NAME_CHARS.fullmatch(text, start, end):
        return None
    return start, end


def _joined_to_a_word(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether a name ending in a character that joins names (和) has it joining the
    name to a word no name is glued to (夫人, 一行): not where the name is a surname and
    that character, which is then its last (魏凤和, 康京和), unless jieba knows the shorter; nor
    before a time word, which it joins nothing to (竹田恒和|今天)."""
    if end - start <= SHORTEST_NAME or not text.endswith(lex.words("name_joining_ends"), start, end):
        return False
    tags = common_word_tags(KNOWN_WORD_COUNT)
    if not text.startswith(tuple(w for w in long_glue(lex) if tags.get(w) not in TIME_WORD_TAGS), end):
        return False
    shorter = text[start:end - 1]
    return shorter in known_names() or not (len(shorter) == SHORTEST_NAME and shorter[0] in lex.surnames)


def _place_or_body(text: str, s: int, e: int, label: str, start: int, end: int,
                   lex: Lexicon, pats: Patterns) -> bool:
    """Whether what the tagger read at a proposal refuses it: a body (党中央, 卫生院), a
    place running past it (尼西亚 of 印度尼西亚, 利亚州), or one the lexicons know
    or with a level's word (加州). A place read exactly over a name a title
    introduced is the tagger's doubt, not a place: 巴音朝鲁; and a body read across
    it, from before it to after it, or past a word that follows names, is the tagger
    running on: 州委书记田锦尘，州政协, 华寿军|代表|政协; but not one read from a country's
    name at its start, though it holds a follower: 特立尼达|和多巴哥, 巴拿马共|和国."""
    if s == start and pats.country.match(text, s):
        return True
    if e > end and (s < start or pats.followers.match(text, end, e)):
        return False
    if label == "ORG" and (s, e) == (start, end) and not named_like_a_body(text[s:e], lex, pats):
        return False  # a body read exactly over a name with no body's ending: 曹环球
    if label == "ORG" and s < start and e == end and text[s:start].endswith(tuple(lex.roles)):
        return False  # the title read into the body, up to the name: 斐济总理|姆拜尼马拉马
    if label == "ORG" or s < start or e > end:
        return True
    place = text[s:e]
    return (place in lex.countries or place in lex.gazetteer.by_name
            or place in lex.gazetteer.by_short or place.endswith(lex.words("level_markers")))


def named_like_a_body(name: str, lex: Lexicon, pats: Patterns) -> bool:
    """Whether `name` ends as bodies' names do (卫生院, 纪委) or is a national body's."""
    return (name in pats.national_names or name.endswith(tuple(lex.org_suffixes))
            or name.endswith(tuple(lex.bodies)))


def judged(text: str, start: int, end: int, limit: int, lex: Lexicon,
           pats: Patterns) -> tuple[int, int] | None:
    """The name a proposed stretch `text[start:end]` is, as (start, end), or None.

    `limit` is where the sentence (or the stretch a name may run in) ends. A foreign
    city is no name, whatever the tagger reads (布拉格 is a person to it), nor a message's
    word (学习总书记|贺信)."""
    span = _reading(text, start, end, limit, lex, pats)
    if span is None or any(text[span[0]:span[1]] in lex.words(kind)
                           for kind in ("foreign_cities", "message_words")):
        return None
    country = pats.country.match(text, span[0])
    if country is not None and country.end() > span[1]:
        return None  # the head of a country's name running past it: 吉尔吉斯共|和国 (not 马里|奥)
    name = text[span[0]:span[1]]
    if (runs_into_a_word(text, span[0], span[1], limit) or where_held(text, span[0], span[1], lex)
            or country_head(text, span[0], span[1], lex) or countries_paired(name, lex)
            or clause_of_four(name, lex)):
        return None
    if glued_to_known_name(text, span[0], span[1], lex):
        return span[0] + 1, span[1]
    end = written_shorter_elsewhere(text, span[0], span[1], lex, pats)
    return span[0], written_whole_elsewhere(text, span[0], end, limit, lex, pats)


def _reading(text: str, start: int, end: int, limit: int, lex: Lexicon,
             pats: Patterns) -> tuple[int, int] | None:
    """The name a proposed stretch is as the tagger and the dictionary read it."""
    spans = tagged_around(text, start, end, limit)
    # a person of one character in a common word is the tagger's slip: 谢|谢
    common = opens_with_common_word(text[start:end])
    person = next(((s, e) for s, e, label in spans if label == "PER" and s < end and start < e
                   and (e - s >= SHORTEST_NAME or not common)), None)
    if person is not None:
        s, e = person
        if s < start and not (text[start - 1] in lex.function_chars
                              or pats.followers.fullmatch(text, start - 1, start)):
            return None  # the tail of a longer name: 尼西亚 of 印度尼西亚 is read so only here
        # ... but two names the tagger ran together are two: 李克强同|普连科维奇
        s = max(s, start)
        if s - start == 1 and (text[start] in lex.translit or written_elsewhere(text, start, end, pats)):
            s = start  # a name's first character left out is the tagger's slip: 卡|贾维维, 呼|日勒苏赫
        named = e - s >= SHORTEST_NAME
        if e > end and text[s:end] in known_names() and pats.followers.match(text, end, limit):
            e = end  # a name jieba knows, then a word that follows names: 李克强|同|乌总理
        # ... not into a word that runs on past it: 巴罗佐|通电话, 特朗普|北京时间
        # ... nor before a conjunction the proposal runs through: 志位|和夫 is 志位和夫; nor inside a
        # transliteration a glued word or a follower follows: 奥巴|马上台, 阿纳斯塔|夏季斯。
        held = e < end and (s + through_held_conjunction(text, s, e, limit, lex, pats) == end or (
            all_transliterated(text, s, end, lex) and (pats.followers.match(text, end, limit)
                                                       or text.startswith(long_glue(lex), end))))
        # ... nor over a word of glue: 祖马|夫人恩盖马 (word_across)
        if e != end and not held and (e < end or not word_across(text, end, e, lex)) and (
                _ends_name(text, s, e, limit, lex, pats)
                or (named and word_starts(text, e, limit))
                or (named and e < end and word_runs_over(text, e, end, limit, lex, pats))
                or (named and e < end and numeral_character(text, e, end))
                or (named and e < end and dotted_name_ends(text, s, e, lex))
                or (named and e < end and opens_next_word(text, s, e, end, lex, pats))
                or (e > end and all_transliterated(text, s, e, lex))):
            # 习近平|受, 魏凤和|、, 韦尔希宁|当天, 蓬佩奥|暗示; 卡梅伦|上月, 奥巴马|即将;
            # 特雷莎·梅|递交; the longer transliteration: 韦斯特韦勒|会面, 拉赫蒙|均
            end = e
        return _unglued(text, s, _before_verb(text, s, end, lex), lex, pats)
    # read as something else, but ending where a name may end: 普京(LOC)|举行, 奥巴马(LOC)|能
    end = next((e for s, e, _ in spans if s == start and e < end and (
        _ends_name(text, s, e, limit, lex, pats) or opens_next_word(text, s, e, end, lex, pats))), end)
    if any(s <= start < e and _place_or_body(text, s, e, label, start, end, lex, pats)
           for s, e, label in spans):
        return None
    if any(start < s and e == end and e - s >= SHORTEST_NAME for s, e, _ in spans):
        return None  # it ends in a body or a place: 和|党中央 (not 普|京, the tagger's slip)
    if text[start] in lex.function_chars and text.startswith(lex.words("name_glue_after"), start):
        return None  # a function word no name is glued to, opening it: 市长|都要, 总书记|都想给
    span = _unglued(text, start, end, lex, pats)
    if span is None or text.endswith(lex.words("name_glue_after"), *span):
        return None  # with no person read, glue left on ends no name (通电话被: 话|被)
    # the words are looked for once the glue is off: 普那|时 is no 那时
    name = text[span[0]:span[1]]
    # jieba's two-character "names" are mostly words (谢谢 1089, 明白, 文明): no exception
    if ((name not in known_names() or len(name) == SHORTEST_NAME)
            and (opens_with_common_word(name) or ends_in_common_word(name, lex) or two_character_word(name, lex))
            or opens_with_verb(name, lex) or opens_with_glue(name, lex)
            or function_word_and_word(name, lex) or verb_and_complement(name)):
        return None
    return span


def _person_over(text: str, start: int, end: int, limit: int) -> bool:
    """Whether the tagger reads a person over `text[start:end]`'s first character."""
    spans = tagged_around(text, start, end, limit)
    return any(label == "PER" and s <= start < e for s, e, label in spans)


def tagged_person(text: str, start: int, end: int, limit: int) -> bool:
    """Whether the tagger reads exactly `text[start:end]` as a person (习近平|总书记),
    wherever it stands: what a name is told by when nothing before it opens one."""
    spans = tagged_around(text, start, end, limit)
    return (start, end, "PER") in spans


def confirmed(doc: Document, mention: Mention, limit: int, lex: Lexicon, pats: Patterns) -> Mention | None:
    """A person mention some reader found, as the recogniser reads it (or None)."""
    span = judged(doc.text, mention.start, mention.end, limit, lex, pats)
    if span is None:
        return None
    if span == (mention.start, mention.end):
        return mention
    return Mention.of(doc, span[0], span[1], "person", mention.sentence)


# ---------------------------------------------------------------- proposing

def person_names(doc: Document, pos: int, sent: Sentence, tokens: Tokens,
                 lex: Lexicon, pats: Patterns, *, foreign: bool = False,
                 unsurnamed: bool = False) -> list[Mention]:
    """Names starting at `pos`, joined by 、 (张震、张万年); `unsurnamed`: names that open with
    no surname too, where the tagger reads them (see `_tagged_name_without_surname`)."""
    names = []
    while True:
        length = name_length(doc.text, pos, sent.end, tokens, lex, pats, foreign=foreign,
                             unsurnamed=unsurnamed)
        if not length:
            break
        if names and not pats.followers.match(doc.text, pos + length, sent.end):
            break  # after 、 a name must end where names end: not 广西军区|司令员
        names.append(Mention.of(doc, pos, pos + length, "person", sent.index))
        pos += length
        if not doc.text.startswith("、", pos):
            break
        pos += 1
    return names


def name_length(text: str, pos: int, limit: int, tokens: Tokens, lex: Lexicon,
                pats: Patterns, *, foreign: bool = False, unsurnamed: bool = False) -> int:
    """How many characters from `pos` form a person's name (0 if none): what the
    rules propose, as the tagger and the context judge it (`judged`)."""
    length = proposed_length(text, pos, limit, tokens, lex, pats, foreign=foreign,
                              unsurnamed=unsurnamed)
    if not length:
        return 0
    span = judged(text, pos, pos + length, limit, lex, pats)
    if span is None or span[0] != pos:
        return 0  # a name here starts later: not one starting at `pos`
    end = min(span[1], limit)
    if foreign and text[pos] not in lex.surnames and ends_with_any_common_word(text[pos:end]):
        # 俄总理|登岛计划, 欧盟防长|非正式会议: what the title is of, no name (a Chinese
        # given name may be a word: 谢|国民)
        return 0
    if _joining_end(text, pos, end, limit, tokens, lex, pats):
        return end + 1 - pos
    if inside_place(text, pos, tokens, lex):
        return 0  # a title cut from a division's name: 省|长阳县
    if text[pos:end] in known_names() or tagged_person(text, pos, end, limit):
        return end - pos  # jieba cuts unknown names as it can: 财政部|长毛|雷尔
    if inside_word(text, pos, tokens):
        return 0  # a piece of a word jieba reads around it: 总统府|前庭, 可能|成为
    word = inside_word(text, end, tokens)
    if word is not None and word[1] > pos + length:
        # no name ends inside a word that runs past it: 祖马|共同, 官邸|位于 (the
        # glue the tagger's reading took off is no such word: 普那|时, not 那时)
        whole, end = end, word[0]
        again = judged(text, pos, end, limit, lex, pats) if end - pos >= SHORTEST_NAME else None
        if again == (pos, whole) and FOREIGN_JOINER in text[pos:whole]:
            # a name with · the document writes whole elsewhere: 谢尔日·萨尔基相|对 (萨尔基相在…);
            # not 习近平即|将 (习近平即|将 elsewhere too)
            return whole - pos
        if again != (pos, end):
            return 0
    return end - pos


def _joining_end(text: str, start: int, end: int, limit: int, tokens: Tokens, lex: Lexicon,
                 pats: Patterns) -> bool:
    """Whether the character after a surname and one more is the name's last though it
    joins names elsewhere (罗富和|出席, 黄淑和|今天, 魏凤和|、): punctuation, a verb that
    follows names, as jieba cuts it, comes next, or an adverb or a time word (triggers.yaml
    `name_joining_ends`); not a noun that follows names (李鹏和|夫人) nor another
    verb (肖捷和|协调小组)."""
    if end - start != SHORTEST_NAME or text[start] not in lex.surnames or end + 1 >= limit:
        return False
    if not text.startswith(lex.words("name_joining_ends"), end):
        return False
    if text[end + 1] in PUNCTUATION:
        return True  # nor by punctuation: 魏凤和|、苗华, 包信和|，
    after = tokens.end_of(end + 1)
    if after == end + 2 and text[end + 1] in lex.function_chars:
        return True  # no conjunction is followed by a function word: 康京和|与|朝鲜外务相
    if after is None or after - end - 1 < SHORTEST_NAME:
        return False
    word = text[end + 1:after]
    tag = common_word_tags(KNOWN_WORD_COUNT).get(word)
    return tag in _AFTER_A_NAME_TAGS or (tag in VERB_TAGS and bool(pats.followers.fullmatch(word)))


def proposed_length(text: str, pos: int, limit: int, tokens: Tokens, lex: Lexicon,
                     pats: Patterns, *, foreign: bool = False, unsurnamed: bool = False) -> int:
    """How many characters from `pos` the rules read as a person's name (0 if none).

    A name is a surname and one or two more characters, a name jieba's
    dictionary knows (叶利钦), a foreign name with · (安瓦尔·易卜拉欣), or, after
    a foreign title, a run of transliteration characters; where it ends is
    decided by what may follow a name (同志, 主持, punctuation...) and by
    jieba's token boundaries. No name read from characters opens with a title, though
    its first character is a surname (王储|萨勒曼, 常委|王沪宁): the name comes after it.
    """
    dotted = _FOREIGN_NAME.match(text, pos, limit)
    if dotted:
        # the name ends where something that is no transliteration follows:
        # 埃娃·斯拉夫科夫斯卡|一行
        for end in range(text.index("·", pos) + 2, dotted.end() + 1):
            if end < limit and token_around(text, end, tokens) is not None and not glue_before_a_word(
                    text, end, lex):
                continue  # not inside a part jieba reads whole: 阿不|都|热西提
            if pats.followers.match(text, end, limit) and (end == limit or text[end] not in lex.translit):
                return end - pos
            if text.startswith(lex.words("name_glue_after"), end) or opens_with_common_word(
                    text[end:min(limit, end + LONGEST_WORD)]):
                return end - pos  # 伊姆兰·汗|邀请, 佐科·维多多|致贺电
    token_end = tokens.end_of(pos)
    if token_end and token_end <= limit and text[pos:token_end] in known_names():
        next_end = tokens.end_of(token_end, token_end)
        if pats.followers.match(text, token_end, limit) or next_end - token_end >= 2:
            # jieba cut out a name its dictionary knows: 胡锦涛|圆满; after a foreign
            # title a longer transliteration wins (斯特罗|耶夫 is 斯特罗耶夫)
            end = token_end
            while (foreign and end < limit and end - pos < LONGEST_TRANSLITERATION
                   and text[end] in lex.translit_any and not pats.followers.match(text, end, limit)):
                end += 1  # ... not past a word that follows names: 李克强|同|乌总理
            # ... but not into a word that goes on after it: 克林顿|利用
            while end > token_end and not (pats.followers.match(text, end, limit)
                                           and (tokens.starts_at(end) or end == limit)):
                end -= 1
            return end - pos
    if pats.role.match(text, pos) or text.startswith(lex.words("title_after_name")
                                                     + lex.words("honorifics"), pos):
        return 0
    if foreign:
        length = transliterated_run(text, pos, limit, lex, pats)
        if not length:
            length = foreign_han_run(text, pos, limit, lex, pats)
            if length and opens_with_clause_word(text[pos:pos + length], lex) and not _person_over(
                    text, pos, pos + length, limit):
                length = 0  # a clause after the title, not a name: 国王|之命, 市长|找麻烦, 总统|派韩国政府
            elif length and text[pos] in lex.surnames and ends_with_any_common_word(
                    text[pos:pos + length], KNOWN_WORD_COUNT):
                # a surname, a given name and a word, as a Chinese name is read (夏立言|会面, 祖马|议案):
                # the run is no Japanese or Korean name
                length = 0
        if length:
            return length
    if text.startswith(tuple(lex.compound_surnames), pos):
        lengths = (3, 4)
    elif pos < limit and text[pos] in lex.surnames and not verb_and_particle(text, pos, lex):
        lengths = (2, 3, 4)  # four only for names like 巴音朝鲁, when nothing shorter fits
    else:
        return _tagged_name_without_surname(text, pos, limit, pats) if unsurnamed else 0
    best, best_score = 0, 0
    for length in lengths:
        end = pos + length
        if end > limit or not all(_HAN_CHAR.match(c) for c in text[pos:end]):
            continue
        if any(c in PUNCTUATION for c in text[pos:end]):
            continue
        if text[end - 1] in lex.function_chars:
            continue  # 李鹏在 is 李鹏 + 在
        score = 0
        if pats.followers.match(text, end, limit):
            score += 2
        if tokens.starts_at(end) or end == limit:  # tokens tile the text: a token starts where one ends
            score += 1
            if tokens.end_of(end, end) - end >= 2:
                score += 1  # a word follows the name: 麦达通|走遍
        if length == 4 and best_score >= 2:
            continue
        if score > best_score or (score == best_score and score and length > best):
            best, best_score = length, score
    return best if best_score >= 2 else 0


def _tagged_name_without_surname(text: str, pos: int, limit: int, pats: Patterns) -> int:
    """A name that opens with no surname (贡嘎县县长|次仁|的联系点: Tibetan, Mongolian and
    other names of one or two words): the person the tagger reads from `pos`, of two to four
    Han characters, where what follows names follows it."""
    spans = tagged_around(text, pos, pos, limit)
    end = next((e for s, e, label in spans if label == "PER" and s == pos), None)
    if (end is None or not SHORTEST_NAME <= end - pos <= LONGEST_NAME_WITHOUT_SURNAME
            or not all(_HAN_CHAR.match(c) for c in text[pos:end])
            or not pats.followers.match(text, end, limit)):
        return 0
    return end - pos
