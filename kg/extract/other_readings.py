"""Stretches the name recogniser would read as a person that the words around them read
otherwise (kg.extract.names.judged asks): the head of a longer word of jieba's dictionary
(秘书长|南南|合作特使), where something is held (在南非|德班|举行), a country named by the
start of its name (中国和|坦桑|等非洲国家, in a report writing 坦桑尼亚), two countries paired
(中哈|总理定期会晤机制), a clause or an idiom of four characters (县委书记|干在实处,
总统|近两年来); and a word no name is glued to before a name jieba knows (国王|致习近平, which
the tagger reads as one)."""

from __future__ import annotations

from functools import lru_cache

from kg.extract.name_words import SHORTEST_NAME, WORD_TAGS
from kg.lang.lexicon import Lexicon
from kg.text.segment import idioms, known_names, long_words, short_word_tags

# the longest word of jieba's dictionary looked for past a name's end (南南合作特使 is no word,
# 中华人民共和国 is)
_LONGEST_WORD = 8
# four characters are a name only in the names that take four (巴音朝鲁, 向巴平措)
_FOUR = 4


def runs_into_a_word(text: str, start: int, end: int, limit: int) -> bool:
    """Whether a word of jieba's dictionary of three characters or more starts at `start` and
    ends past `end` (南南|合作, 张家|口, 坦桑|尼亚): no name ends inside a word it opens, however
    the tagger reads it; not a name jieba knows (胡锦涛|同志 is no word anyway)."""
    if text[start:end] in known_names():
        return False
    words = long_words()
    return any(text[start:k] in words for k in range(max(end + 1, start + 3),
                                                    min(limit, start + _LONGEST_WORD) + 1))


def where_held(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether `text[start:end]` is where something is held: a venue marker before it, or
    before the country's name before it, and an occasion word after it (在南非|德班|举行,
    于|达沃斯|开幕; events.yaml venue_markers, occasion_words)."""
    if not text.startswith(lex.words("occasion_words"), end):
        return False
    country = max((c for c in lex.countries if text.endswith(c, 0, start)), key=len, default="")
    return text.endswith(lex.words("venue_markers"), 0, start - len(country))


@lru_cache(maxsize=4)
def _country_heads(countries: frozenset[str]) -> dict[str, tuple[str, ...]]:
    heads: dict[str, list[str]] = {}
    for country in sorted(countries):
        for k in range(SHORTEST_NAME, len(country)):
            heads.setdefault(country[:k], []).append(country)
    return {head: tuple(names) for head, names in heads.items()}


def country_head(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether `text[start:end]` opens the name of a country the report writes whole: the
    country's short name (坦桑 of 坦桑尼亚: 中国和|坦桑|等非洲国家, 中方愿同|埃塞|一道), no person;
    not after a title, which names one (格林纳达总督|格林). A person whose name opens a country's
    the report names is not told apart (库克 in a report of 库克群岛): on the whole corpus the
    only such label was 格林, after his title."""
    countries = _country_heads(lex.countries).get(text[start:end], ())
    if not any(country in text for country in countries):
        return False
    return not text.endswith(tuple(lex.roles), 0, start)


def countries_paired(name: str, lex: Lexicon) -> bool:
    """Whether `name` is China's one-character name and another country's (中哈, 中美):
    the two sides of a relation, a mechanism or a meeting (中哈|总理定期会晤机制), no name
    (places.yaml own_country_abbreviations, country_abbreviations)."""
    return (len(name) == SHORTEST_NAME and name[0] in lex.words("own_country_abbreviations")
            and name[1] in lex.words("country_abbreviations"))


def clause_of_four(name: str, lex: Lexicon) -> bool:
    """Whether `name` is four characters with a function word second (干|在|实处), or two
    words of jieba's dictionary that are neither names nor places (总统|礼宾|马车, 勤政|爱民),
    or an idiom or set phrase of it (总统|近两年来, 廉洁自律): the words of a clause, since
    names of four characters (巴音朝鲁, 白玛赤林) are none of these."""
    if name in idioms():
        return True
    if len(name) != _FOUR or name in known_names():
        return False
    words = short_word_tags()
    return (name[1] in lex.function_chars
            or words.get(name[:2]) in WORD_TAGS and words.get(name[2:]) in WORD_TAGS)


# jieba's names this long, or leaders.tsv's, are the name after a word glued to them (its names
# of two characters are mostly words: 文明 nr)
_LONG_NAME = 3


def glued_to_known_name(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether `text[start:end]` is a word no name is glued to, of one character, and a name
    jieba knows (three characters or more) or leaders.tsv lists: 致|习近平, where the name is."""
    rest = text[start + 1:end]
    return (text[start] in lex.words("name_glue_after")
            and (len(rest) >= _LONG_NAME and rest in known_names()
                 or rest in lex.leader_names))
