"""What jieba's dictionary says about the words around a proposed name, for the name
recogniser (kg.extract.names): a common word starts here, a word runs over a name's
end, a stretch is all transliteration or ends in a verb; and whether the document
writes a name cut short longer elsewhere."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.lang.lexicon import Lexicon
from kg.lang.patterns import HAN, PUNCTUATION, Patterns
from kg.text.segment import (character_word_tags, common_word_tags, common_words,
                             known_names, short_word_tags)

FOREIGN_JOINER = "·"
_HAN_CHAR = re.compile(f"[{HAN}]")
# A word jieba's dictionary counts this often, and does not tag as a name, is read
# as the word where the tagger sees no person (代表 32777, 关于 13762, 通话 502;
# names that are also words count less: 建平 528 is kept by a surname before it)
COMMON_WORD_COUNT = 500
SHORTEST_NAME = 2
# ... and a word it counts this often is still a word no name runs into (上月 207)
KNOWN_WORD_COUNT = 100
# jieba's tags of words no given name is: verbs, adverbs, numerals, time words, prepositions
NOT_GIVEN_NAME_TAGS = frozenset({"v", "vd", "d", "ad", "m", "t", "p", "c", "f", "r", "u"})
VERB_TAGS = frozenset({"v", "vd"})
# ... and of time words (今天, 昨天)
TIME_WORD_TAGS = frozenset({"t"})
# ... and of words that are none of a name, a place or a body: nouns, adjectives, idioms
WORD_TAGS = NOT_GIVEN_NAME_TAGS | {"n", "vn", "a", "l", "i"}
# ... and of words that say how, when or what is done, which no given name opens with
_ADVERBIAL_TAGS = frozenset({"v", "d", "a", "p"})
# ... nor with a particle (的 uj, 了 ul, 地 uv, 得 ud, 着 uz, 过 ug): 总书记|时|的情景, 总统|时|的宪法
_PARTICLE_TAGS = frozenset({"uj", "ul", "uv", "ud", "uz", "ug"})
# jieba's tags of the names of people, places, bodies and other proper nouns
PROPER_NAME_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nt", "nz"})
# a one-character word counted this often after 曾 is the word, not a given name's first
# character (有 423765, 到 205341; not 庆 2279 of 曾庆红, 培 260 of 曾培炎)
CHARACTER_WORD_COUNT = 5000
# a common word is looked for this far after a dotted name's last part (伊姆兰·汗|邀请)
LONGEST_WORD = 4


def word_starts(text: str, start: int, limit: int) -> bool:
    """Whether a common word starts at `start` (邀请, 此前, 一道): where the tagger
    ends a name before one, the name ends there."""
    words = common_words(COMMON_WORD_COUNT)
    return any(text[start:start + k] in words for k in range(2, min(5, limit - start + 1)))


def verb_starts(text: str, start: int, limit: int, least_count: int = COMMON_WORD_COUNT,
                kinds: frozenset[str] = VERB_TAGS) -> bool:
    """Whether a verb jieba counts `least_count` times or more starts at `start` (邀请,
    出席), not a noun (部长, 平等); or a word of other `kinds` of jieba's tags (今天 t)."""
    tags = common_word_tags(least_count)
    return any(tags.get(text[start:start + k]) in kinds for k in range(2, min(5, limit - start + 1)))


def word_runs_over(text: str, start: int, end: int, limit: int, lex: Lexicon,
                   pats: Patterns) -> bool:
    """Whether a word of jieba's dictionary starts at `start` and runs to `end` (上|月)
    or past it (即|将, 定|于): the tagger's end before it is the name's, however rare
    the word (上月 207, 定于 313), since no name ends inside one. Past `end`, a word
    of two characters or more that follows names at `end` outweighs it (魏曰高|一行, not
    高一), and so does a common word after transliteration (阿博特|邀请, not 特邀)."""
    words = common_words(KNOWN_WORD_COUNT)
    if text[start:end] in words or short_word_tags().get(text[start:end]) in VERB_TAGS:
        return True  # ... or a verb however rare: 普京|施压 (99)
    follower = pats.followers.match(text, end, limit)
    if (follower and follower.end() - end >= SHORTEST_NAME) or text.startswith(long_glue(lex), end):
        return False
    if all(c in lex.translit_any for c in text[start:end]) and word_starts(text, end, limit):
        return False  # the name goes on in transliteration up to the word: not 奥巴马|不打算
    rare = short_word_tags()  # ... however rare, where it is short: 普京|得票率 (8)
    return any(text[start:start + k] in words or text[start:start + k] in rare
               for k in range(end - start + 1, min(LONGEST_WORD, limit - start) + 1))


def conjunction_character(char: str) -> bool:
    """Whether `char` is a conjunction jieba counts often (所 76462, 而, 并): no Japanese or
    Korean name ends with one (桥下彻|所发表)."""
    return character_word_tags(CHARACTER_WORD_COUNT).get(char) == "c"


def verb_and_particle(text: str, pos: int, lex: Lexicon) -> bool:
    """Whether a one-character verb jieba counts often and its aspect particle (events.yaml
    `aspect_particles`) start at `pos`: 国王|通了|电话 opens no name, though 通 opens Thai ones
    (通邢, 通伦)."""
    return (character_word_tags(CHARACTER_WORD_COUNT).get(text[pos]) in VERB_TAGS
            and text.startswith(lex.words("aspect_particles"), pos + 1))


# jieba's tags of the one-character words that complete a verb before them, not a given name:
# prepositions, localizers, particles (应|由 p, 戴|上 f, 通|过 ug)
_COMPLEMENT_TAGS = frozenset({"p", "f", "ul", "uz", "ug"})


def verb_and_complement(name: str) -> bool:
    """Whether a stretch is two characters, a one-character verb jieba counts often (a surname
    too: 应, 戴, 通) and a preposition, a localizer or a particle that completes it: 行政长官|应由|
    爱国爱港人士担任, 为总理|戴上|手环. Asked where the tagger reads no person there."""
    verbs, characters = character_word_tags(_GLUED_VERB_COUNT), character_word_tags(CHARACTER_WORD_COUNT)
    return (len(name) == SHORTEST_NAME and verbs.get(name[0]) in VERB_TAGS
            and characters.get(name[1]) in _COMPLEMENT_TAGS)


def numeral_character(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` is one character jieba counts as a numeral word, a number
    next (第 23112 before 13; not the 多 of 佐科·维多多|致): where the tagger ends a name
    before one, the name ends there: 普京|第13次."""
    return (end - start == 1 and text[end:end + 1].isnumeric()
            and character_word_tags(CHARACTER_WORD_COUNT).get(text[start]) == "m")


def long_glue(lex: Lexicon) -> tuple[str, ...]:
    """The words glued after a name that are two characters or more (夫人, 通电话, 当地时间):
    no name runs into one, whatever the tagger reads."""
    return _long_words(lex.words("name_glue_after"))


@lru_cache(maxsize=4)
def _long_words(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in words if len(w) >= SHORTEST_NAME)


def past_particle(text: str, pos: int, lex: Lexicon) -> int:
    """Where a name after a verb may start: past the verb's particle (会见了|白俄罗斯总统…,
    免去了|冯淑萍的…职务), which opens no name."""
    return pos + next((len(p) for p in lex.words("aspect_particles") if text.startswith(p, pos)), 0)


def dotted_name_ends(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether a name with · the tagger ends at `end` ends there: a word of jieba's
    dictionary or of glue follows, in characters no transliteration uses (特雷莎·梅|递交了辞呈,
    特雷莎·梅|致李克强总理的亲署信; not 阿不来提·阿|不都热西提)."""
    words = common_words(KNOWN_WORD_COUNT)
    return (FOREIGN_JOINER in text[start:end] and text[end] not in lex.translit_any
            and (any(text[end:end + k] in words for k in range(SHORTEST_NAME, LONGEST_WORD + 1))
                 or text.startswith(lex.words("name_glue_after"), end)))


def dotted_name_glued(text: str, start: int, end: int, lex: Lexicon) -> int:
    """Where a name with · the tagger reads on into glue ends: before the glue, the first
    character after its last · that no transliteration uses (特雷莎·梅|致李克强总理的亲署信; not
    阿不来提·阿不|都热西提, whose last part is no transliteration's)."""
    last = text.rfind(FOREIGN_JOINER, start, end)
    if last < 0:
        return end
    at = next((at for at in range(last + 1, end) if text[at] not in lex.translit_any), end)
    glued = at > last + 1 and text.startswith(lex.words("name_glue_after"), at)
    return at if glued else end


def opens_next_word(text: str, start: int, at: int, end: int, lex: Lexicon,
                    pats: Patterns) -> bool:
    """Whether the one character from `at` to `end`, after a name from `start` the tagger
    ends at `at`, opens the next word (triggers.yaml `name_opening_next`): 胡锦涛|送的,
    张成泽|有严重; not where punctuation or a word that follows names comes next, which
    leaves it no word to open (教授杨明会，), nor where jieba knows the longer stretch, or
    the name's last character and it, as a word or a name (王德才: 德才 is a word)."""
    if end - at != 1 or not text.startswith(lex.words("name_opening_next"), at):
        return False
    if end >= len(text) or text[end] in PUNCTUATION or (
            pats.followers.match(text, end) and text[end] not in lex.function_chars):
        return False
    rare = short_word_tags()
    return not any(text[k:end] in known_names() or text[k:end] in rare
                   or text[k:end] in common_words(KNOWN_WORD_COUNT) for k in range(start, at))


def word_across(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether a word starts between `start` and `end` and runs past `end`: a glued word
    (巴罗佐|通电话, 特朗普|北京时间; not 巴罗佐|则, which comes off) or one of jieba's dictionary;
    or a glued word of two characters or more starts at `start` (祖马|夫人恩盖马), or a glued word
    and then a name jieba knows run from `start` to `end` (张晋创|致习近平)."""
    words, glue = common_words(KNOWN_WORD_COUNT), lex.words("name_glue_after")
    if text.startswith(long_glue(lex), start, end):
        return True  # a glued word of two characters or more inside: 祖马|夫人恩盖马
    if any(text.startswith(w, start) and text[start + len(w):end] in known_names() for w in glue):
        return True  # a glued word, then a name jieba knows: 张晋创|致习近平
    return any(text[k:w] in words or text[k:w] in glue for k in range(start, end)
               for w in range(end + 1, min(len(text), k + LONGEST_WORD) + 1))


def all_transliterated(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether `text[start:end]` is all characters of transliterated names (韦斯特韦勒)."""
    return text[start] in lex.translit and all(c in lex.translit_any for c in text[start + 1:end])


def ends_in_common_word(name: str, lex: Lexicon) -> bool:
    """Whether a stretch after its first character or more is a word that no given
    name is, a verb, an adverb, a numeral or a time word: 后|表示, 时|负责, 郭建|分批
    (a noun may be one: 曹|环球, 宋|建平). A transliteration is none of these words
    (维|多多, 马|克里): its characters are chosen for their sounds."""
    if all(c in lex.translit_any or c == FOREIGN_JOINER for c in name):
        return False
    tags = common_word_tags(KNOWN_WORD_COUNT)
    return any(tags.get(name[k:]) in NOT_GIVEN_NAME_TAGS for k in range(1, len(name) - 1))


def two_character_word(name: str, lex: Lexicon) -> bool:
    """Whether `name` is two characters jieba's dictionary has as a common word, not as
    a place or a name: 带队 191, 特使 213 (not 普京, ns); or as a rare one, in characters
    not all of transliterations: a noun, 下届 51 (b), 全票 20, 中英 3 (nz), 任内 82 (r), or a word of
    another kind opening with no surname, 叛逃 82 (not 连战 63 (v), not 祖马 6 (n))."""
    if len(name) != SHORTEST_NAME:
        return False
    if common_word_tags(KNOWN_WORD_COUNT).get(name) in WORD_TAGS:
        return True
    tag = short_word_tags().get(name)
    if all(c in lex.translit_any for c in name):
        return False
    return (tag in _RARE_NOUN_TAGS or (tag in WORD_TAGS and name[0] not in lex.surnames)
            or (tag == _PLACE_TAG and name not in common_word_tags(KNOWN_WORD_COUNT)))


# the tags of rare words no name of two characters is, whatever its first character: nouns,
# pronouns and verbal nouns (总统|任内 r 82, 总统|管控 vn 13), and places counted under 100,
# in characters not all of transliterations (中俄 ns 3, of 中俄总理定期会晤; not 普京 ns 171,
# a name the news writes often)
_RARE_NOUN_TAGS = frozenset({"n", "b", "nz", "r", "vn"})
_PLACE_TAG = "ns"


def opens_with_glue(name: str, lex: Lexicon) -> bool:
    """Whether a stretch opens with a word no name is glued to (triggers.yaml
    `name_glue_after`) that is no surname here: none at all (到|机场), or one a verb, an
    adverb, an adjective or a particle follows (曾|到他, 曾|连续, 曾|有, 时|的情景; not 曾庆红, 曾培炎)."""
    if not name.startswith(lex.words("name_glue_after")):
        return False
    if name[0] not in lex.surnames:
        return True
    rest, words = name[1:], common_word_tags(KNOWN_WORD_COUNT)
    return (character_word_tags(CHARACTER_WORD_COUNT).get(rest[:1]) in _ADVERBIAL_TAGS | _PARTICLE_TAGS
            or any(words.get(rest[:k]) in _ADVERBIAL_TAGS for k in range(SHORTEST_NAME, LONGEST_WORD + 1)))


def function_word_and_word(name: str, lex: Lexicon) -> bool:
    """Whether a stretch is a function character a surname is also written in and then,
    all the rest, a common word of two characters or more: the preposition and its object,
    向|村民, 向|大家 (a given name is no common word: 向巴平措)."""
    rest = name[1:]
    return (name[0] in lex.function_chars and len(rest) >= SHORTEST_NAME
            and rest in common_words(KNOWN_WORD_COUNT))


# jieba's tags of one-character words that open a clause, not a foreign name read in Han
# characters: particles, verbs, adverbs, prepositions, conjunctions (找 v, 约 d, 用 p, 而 c;
# not numerals, 二阶俊博, 二之汤智, nor pronouns, 他信)
_CLAUSE_OPENING_TAGS = frozenset({"u", "v", "d", "p", "c"})
# ... and of a pronoun (你, 我), which no given name opens with either
_PRONOUN_TAG = "r"
# ... and of jieba's words that are names, which make no clause of the rest (回|良玉 is n)
_NAME_TAGS = frozenset({"nr", "nrt", "nrfg"})
# ... or names of places and bodies, which a Japanese name may open with (稻田 n, but 中山 ns)
_PROPER_TAGS = _NAME_TAGS | {"ns", "nz", "nt"}


# ... and of rare words (counted under 100) that open a clause too: verbs, adverbs, time words,
# prepositions, conjunctions (外长|半世纪|来首: 半世纪 t, 35); not nouns, which Japanese surnames
# are to jieba (二阶, 稻田, 小野, 高村: n)
_RARE_CLAUSE_TAGS = frozenset({"v", "vd", "vn", "d", "ad", "t", "p", "c"})


def opens_with_clause_word(run: str, lex: Lexicon) -> bool:
    """Whether a run of Han characters read as a Japanese or Korean name after a foreign title
    is words of a clause instead: it opens with a common word of jieba's dictionary (count 100
    or more) other than a name or a place (官邸|附近遭, 备忘录, 夫人|彭丽媛, 感谢|习近平), or with
    a one-character word jieba counts often as a particle, a verb, an adverb, a preposition or
    a conjunction and a word of its dictionary other than a name, or a country, comes after it
    (市长|找|麻烦, 总统|派|韩国政府, 元首相|约|后会有期, 应|白俄罗斯), or a pronoun or a function
    word comes next (总书记|派|你, 首相|应|我, 县委书记|干|在实处). Not where all its characters
    are transliteration's (登盛), nor where it opens with a name jieba knows (安倍晋三) or
    leaders.tsv lists (回良玉), nor a name in characters that make no word (通邢, 拉詹). A
    one-character verb jieba counts often and a country's one-character name open a clause too
    (特使|访叙, places.yaml country_abbreviations)."""
    if (all(c in lex.translit_any for c in run) or run in lex.leader_names
            or any(run[:k] in known_names() for k in range(SHORTEST_NAME, len(run) + 1))):
        return False
    tags, rare = common_word_tags(KNOWN_WORD_COUNT), short_word_tags()
    if any(tags.get(run[:k]) not in (None, *_PROPER_TAGS) or rare.get(run[:k]) in _RARE_CLAUSE_TAGS
           for k in range(SHORTEST_NAME, len(run) + 1)):
        return True
    if (character_word_tags(_GLUED_VERB_COUNT).get(run[0]) in VERB_TAGS
            and run[1] in lex.words("country_abbreviations")):
        return True  # a verb and a country it is done to: 特使|访叙|推动…, 总统|访俄
    characters = character_word_tags(CHARACTER_WORD_COUNT)
    if characters.get(run[0]) not in _CLAUSE_OPENING_TAGS:
        return False
    if run[1] in lex.function_chars or characters.get(run[1]) == _PRONOUN_TAG:
        return True  # a pronoun or a function word next: 总书记|派|你, 首相|应|我, 县委书记|干|在实处
    return any(run.startswith(country, 1) for country in lex.countries) or any(
        (tags.get(run[i:j]) or rare.get(run[i:j])) not in (None, *_NAME_TAGS)
        for i in range(1, len(run)) for j in range(i + SHORTEST_NAME, len(run) + 1))


# a one-character verb counted this often may be glued before a name the document writes
# without it elsewhere (祝 v, 谢 v): the document's own spelling decides
_GLUED_VERB_COUNT = 1000


def opens_with_a_verb_before(text: str, start: int, end: int, pats: Patterns) -> bool:
    """Whether a name read from `start` to `end` opens with a one-character verb jieba counts
    often, glued to it, that the document writes elsewhere without, where a name ends:
    祝|西哈莫尼 (国王西哈莫尼和太后莫尼列…); not 拉赫蒙 (赫蒙 only in 拉赫蒙), nor 拉加德 in a
    report on 加德满都."""
    rest = text[start + 1:end]
    if len(rest) < SHORTEST_NAME or character_word_tags(_GLUED_VERB_COUNT).get(text[start]) not in VERB_TAGS:
        return False
    return any(text[at - 1:at] != text[start] and (
        pats.followers.match(text, at + len(rest)) or text[at + len(rest):at + len(rest) + 1] in PUNCTUATION)
        for at in _occurrences(text, rest))


def _occurrences(text: str, part: str):
    at = text.find(part)
    while at >= 0:
        yield at
        at = text.find(part, at + 1)


def opens_with_common_word(name: str) -> bool:
    """Whether a stretch is a common word or opens with one (关于, 高兴|地, 日前|通电话)."""
    words = common_words(COMMON_WORD_COUNT)
    return any(name[:k] in words for k in range(SHORTEST_NAME, len(name) + 1))


def glue_before_a_word(text: str, at: int, lex: Lexicon) -> bool:
    """Whether a one-character word no name is glued to starts at `at` and a message's word or
    a common word follows it: a dotted name ends there though jieba reads its last part and
    the glue as one token (朱马里·赛亚颂|致|唁电: 赛亚颂致)."""
    rest = text[at + 1:at + 1 + LONGEST_WORD]
    return (text[at:at + 1] in lex.words("name_glue_after")
            and (rest.startswith(lex.words("message_words")) or opens_with_common_word(rest)))


def ends_with_any_common_word(name: str, least_count: int = COMMON_WORD_COUNT) -> bool:
    """Whether a stretch ends with a common word of two characters or more, counted
    `least_count` times or more, that is not the whole of it nor a name of a person or place
    (登岛|计划, 非正式|会议, 塞西|上台; not 科|罗马): no foreign name read from characters does."""
    tags = common_word_tags(least_count)
    return any(name[k:] in tags and tags[name[k:]] not in PROPER_NAME_TAGS
               for k in range(1, len(name) - SHORTEST_NAME + 1))


def opens_with_verb(name: str, lex: Lexicon) -> bool:
    """Whether a stretch opens with a word no given name is, a verb, an adverb or a
    numeral, even where jieba's dictionary has the whole as a name (宣誓就职 is nr, 3
    times): 递交|辞呈, 宣誓|就职. A transliteration is none of these words."""
    if all(c in lex.translit_any or c == FOREIGN_JOINER for c in name):
        return False
    tags = common_word_tags(KNOWN_WORD_COUNT)
    return any(tags.get(name[:k]) in NOT_GIVEN_NAME_TAGS
               for k in range(SHORTEST_NAME, min(len(name), LONGEST_WORD) + 1))


# a name cut short is looked for this many characters longer elsewhere in the document
_CUT_SHORT = 2
# ... a name with · by what follows its first ·, where that has this many characters or more
_SHORTEST_DOTTED_TAIL = 3


def written_whole_elsewhere(text: str, start: int, end: int, limit: int, lex: Lexicon,
                            pats: Patterns) -> int:
    """Where a name cut short before a word ends, if the document writes it longer
    elsewhere where a name ends: 梅里|顿时 is 梅里顿 (梅里顿和…), 萨尔|基相 萨尔基相 (萨尔基相表示).
    A name with · is looked for by what follows its first · too, and may go on with a
    character no name is glued to elsewhere: 谢尔日·萨尔基|相对 is 谢尔日·萨尔基相 (萨尔基相在…),
    齐亚德·阿布·艾|因在 is 齐亚德·阿布·艾因 (阿布·艾因的死因)."""
    dotted = text.find(FOREIGN_JOINER, start, end)
    for longer in range(end + _CUT_SHORT, end, -1):
        more = text[end:longer]
        if (longer > limit or not _HAN_CHAR.match(more[-1])
                or any(c in lex.function_chars for c in more)
                or any(pats.followers.match(text, k, limit) for k in range(end, longer))
                or (dotted < 0 and (text.startswith(lex.words("name_glue_after"), end)
                                    or text.endswith(lex.words("name_glue_after"), start, longer)))
                or any(text[end:k] in common_words(KNOWN_WORD_COUNT)
                       for k in range(end + SHORTEST_NAME, longer + 1))):
            continue  # ... not by a word of its own: 普京|总统, 李克强|转达
        names = [text[start:longer]]
        if dotted >= 0 and longer - dotted > _SHORTEST_DOTTED_TAIL:
            names.append(text[dotted + 1:longer])
        for name in names:
            at = -1
            while (at := text.find(name, at + 1)) >= 0:
                after = at + len(name)
                if at + len(name) != longer and (pats.followers.match(text, after)
                                                 or text[after:after + 1] in PUNCTUATION):
                    return longer
    return end


# a name run on into the next word is looked for this many characters shorter elsewhere
_RUN_ON = 2
# ... where the one character it ran on by is a word of these tags jieba counts often: a
# verb, an adverb, a preposition, a conjunction (应 v, 先 d, 均 d, 会 v)
_RUN_ON_CHARACTER_TAGS = frozenset({"v", "d", "p", "c"})
# ... or opens a word of jieba's dictionary of these tags (辩称 v, 专机 n; not a name, a
# place or a numeral: 二世)
_RUN_ON_WORD_TAGS = frozenset({"v", "vn", "vd", "n", "d", "ad", "a", "p", "c"})


def written_shorter_elsewhere(text: str, start: int, end: int, lex: Lexicon, pats: Patterns) -> int:
    """Where a name run on into the next word ends, if the document writes it shorter
    elsewhere where a name ends, and never as long: 普京|专机 (…目标很可能是普京。), 奥巴马|辩称,
    彭丽媛|应 (…联合国秘书长潘基文邀请). What it ran on by is a one-character verb, adverb,
    preposition or conjunction jieba counts often (应, 先, 均, 会), or opens a word of its
    dictionary with what follows (专机, 辩称, 交权)."""
    if written_elsewhere(text, start, end, pats):
        return end
    characters = character_word_tags(CHARACTER_WORD_COUNT)
    for shorter in range(end - 1, max(start + SHORTEST_NAME, end - _RUN_ON) - 1, -1):
        if not _HAN_CHAR.match(text[shorter - 1]) or text.endswith(lex.words("name_glue_after"), start, shorter):
            continue
        opens = (end - shorter == 1 and characters.get(text[shorter]) in _RUN_ON_CHARACTER_TAGS) or (
            _opens_run_on_word(text, shorter, max(end, shorter + SHORTEST_NAME), shorter + LONGEST_WORD))
        short, ran_on = text[start:shorter], text[shorter:end]
        if opens and any(at != start and _name_ends(text, at + len(short), pats)
                         and not text.startswith(ran_on, at + len(short))  # 刘大为|在: not 刘大
                         for at in _occurrences(text, short)):
            return shorter
    return end


def written_elsewhere(text: str, start: int, end: int, pats: Patterns) -> bool:
    """Whether the document writes `text[start:end]` elsewhere too, where a name ends."""
    name = text[start:end]
    return any(at != start and _name_ends(text, at + len(name), pats) for at in _occurrences(text, name))


def _name_ends(text: str, at: int, pats: Patterns) -> bool:
    return bool(pats.followers.match(text, at)) or text[at:at + 1] in PUNCTUATION


def transliteration_before_word(text: str, pos: int, end: int, limit: int, lex: Lexicon) -> bool:
    """Whether a run of transliteration characters from `pos` ends at `end`, before a character
    no transliteration uses that opens a word of jieba's dictionary, however rare: 奥巴马|辩称 (25),
    英拉|交权 (3)."""
    if end >= limit or text[end] in lex.translit_any or not all(c in lex.translit_any for c in text[pos:end]):
        return False
    return _opens_run_on_word(text, end, end + SHORTEST_NAME, min(limit, end + LONGEST_WORD))


def _opens_run_on_word(text: str, at: int, shortest_end: int, longest_end: int) -> bool:
    """Whether a word of jieba's dictionary, however rare, of one of _RUN_ON_WORD_TAGS starts
    at `at` and ends from `shortest_end` to `longest_end` (专机, 辩称, 交权)."""
    words, rare = common_word_tags(KNOWN_WORD_COUNT), short_word_tags()
    return any((words.get(text[at:k]) or rare.get(text[at:k])) in _RUN_ON_WORD_TAGS
               for k in range(shortest_end, longest_end + 1))



def one_character_words(stretch: str, lex: Lexicon) -> bool:
    """Whether a stretch of two characters or more is all one-character verbs, adverbs,
    prepositions or conjunctions jieba counts often, or particles (得 ud; events.yaml
    `aspect_particles`): what a Chinese name runs on into, 王珉|先请, 毕京京|做了, 杜玲|急得."""
    characters = character_word_tags(CHARACTER_WORD_COUNT)
    return len(stretch) >= SHORTEST_NAME and all(
        characters.get(c) in _RUN_ON_CHARACTER_TAGS | _PARTICLE_TAGS or c in lex.words("aspect_particles")
        for c in stretch)
