"""Who holds a title when no name follows it: names elected to it (选举…为),
the one who moved to it (…由…调任), a name right before it (李鹏委员长), a
leader before a short title (习近平主席: who that is, is leaders.tsv's)."""

from __future__ import annotations

from kg.extract.clause import BRACKETED, Clause, Role
from kg.extract.name_words import ends_with_any_common_word
from kg.extract.names import name_length, tagged_person
from kg.extract.orgs import national_body
from kg.lang.patterns import PUNCTUATION
from kg.model import Mention, Title, TitleChain

# the lengths a Chinese name is tried in: most have three characters, then two;
# four (巴音朝鲁) only when neither fits
NAME_LENGTHS = (3, 2, 4)


def moved_from(c: Clause, start: int, end: int) -> bool:
    """由 TITLE 调任…: the title before the move."""
    return (c.text.endswith(c.w.moved_from, c.sent.start, start)
            and c.text.startswith(c.w.moved_to, end))


def subject_before_you(c: Clause, title_start: int) -> list[Mention]:
    """The person who moved: the name right before 由 (or starting the sentence)."""
    you = c.text.rfind(c.w.moved_from, c.sent.start, title_start)
    ends = [you] if you > c.sent.start else []
    for end in ends:
        for length in NAME_LENGTHS:
            start = end - length
            if start >= c.sent.start and name_length(
                    c.text, start, end + 1, c.tokens, c.lex, c.pats) == length:
                return [c.mention(start, end, "person")]
    return []


def elected_names(c: Clause, title_start: int) -> list[Mention]:
    """选举马思忠（回族）为自治区政协主席, 任怀祥、周文吉为副主席: the names
    before 为 hold the title after it."""
    text, sent = c.text, c.sent
    if title_start <= sent.start or text[title_start - 1] != c.w.elected:
        return []
    names: list[Mention] = []
    end = title_start - 1
    # 姜建军当选为区委书记: the names before the verb
    verb = next((v for v in c.lex.words("elected_verbs") if v.endswith(c.w.elected)
                 and text.endswith(v, sent.start, title_start)), None)
    if verb is not None:
        end = title_start - len(verb)
    while end > sent.start:
        note = BRACKETED.search(text, sent.start, end)
        if note:
            end = note.start()  # （回族）, （女，回族）
        for length in NAME_LENGTHS:
            start = end - length
            if start >= sent.start and name_length(text, start, end + 2, c.tokens, c.lex,
                                                   c.pats) == length:
                names.insert(0, c.mention(start, end, "person"))
                break
        else:
            break
        end = names[0].start
        if end - 1 > sent.start and text[end - 1] == "、":
            end -= 1
        else:
            break
    return names


def name_before(c: Clause, title: Title) -> Mention | None:
    """李鹏委员长: a name right before a role that may follow one."""
    row = c.lex.role_rows.get(title.mention.text)
    # 冯志明乌审旗建设局局长: a caption, a name and then a title with its body
    caption = (title.org is not None and title.mention.text.endswith(title.role)
               and len(title.mention.text) > len(title.role) + 1)
    if title.org is None or not (caption or row is not None and row.after_name):
        return None
    end = title.mention.start
    for length in NAME_LENGTHS:
        start = end - length
        if start < c.sent.start or c.tokens.end_of(start) not in (end, start + 1, start + 2):
            continue
        if start > c.sent.start and c.text[start - 1] not in (
                c.w.caption_opens if caption else c.w.name_before_opens) and not (
                tagged_person(c.text, start, end, c.sent.end)):
            continue  # no opening before it, and the tagger reads no name: 落实|习近平总书记
        if name_length(c.text, start, end, c.tokens, c.lex, c.pats) == length:
            if c.text[start] not in c.lex.surnames and ends_with_any_common_word(c.text[start:end]):
                return None  # words, no name: ，大力支持|澳门行政长官和特区政府
            if not caption and _not_listed(c, title, c.text[start:end]):
                return None  # 阮富仲总书记 is no 中共中央总书记
            if (row is not None and row.implies == c.w.state_council
                    and not chinese_name(c, start, end)):
                return None  # 瓦杰帕伊总理 is no premier of the State Council
            return c.mention(start, end, "person")
    return None


def name_before_copula(c: Clause, titles: list[Title]) -> Mention | None:
    """今年30岁的黄明山是吉潭镇镇长。: the name right before 是, where the titles end the
    clause; not where a word before 是 puts it in the past (生前是)."""
    start, after = titles[0].mention.start, titles[-1].mention.end
    end = start - len(c.w.copula)
    if (end <= c.sent.start or not c.text.startswith(c.w.copula, end)
            or after < c.sent.end and c.text[after] not in PUNCTUATION
            or c.text.endswith(c.w.copula_not_after, c.sent.start, end)
            or any(c.text[t.mention.start:t.mention.end].endswith(
                tuple(ch + t.role for ch in c.w.former_between)) for t in titles)):
        return None  # 周恩义是…区委原常委、宣传部长: held before
    for length in NAME_LENGTHS:
        begin = end - length
        if (begin >= c.sent.start and c.tokens.starts_at(begin)
                and (begin == c.sent.start or c.text[begin - 1] in c.w.name_before_opens)
                and name_length(c.text, begin, end + 1, c.tokens, c.lex, c.pats) == length):
            return c.mention(begin, end, "person")
    return None


def _not_listed(c: Clause, title: Title, name: str) -> bool:
    """leaders.tsv lists every holder of the national post a short title stands for
    (总书记 of 中共中央, 总理 of 国务院) on the report's date, and not `name`."""
    day, body, word = c.doc.date, title.org.label if title.org is not None else None, title.mention.text
    if day is None or any(t.body == body and t.held_on(day) for t in c.lex.terms.get((name, word), ())):
        return False
    return any(term.body == body and term.start <= day
               for (_name, role), terms in c.lex.terms.items() if role == word for term in terms)


def leader_before(c: Clause, role: Role, floor: int) -> TitleChain | None:
    """习近平主席, 李克强总理, 贾庆林主席: a short title right after a leader's name is the
    post leaders.tsv says that leader held in that role on the report's date (国家主席,
    国务院总理, 全国政协主席). Who holds which post when is knowledge, not grammar: a report
    with no date, a name the table does not list, or a date outside the terms reads nothing
    here (普京总统 is foreign.py's)."""
    day = c.doc.date
    if day is None:
        return None
    for length in NAME_LENGTHS:
        start = role.start - length
        terms = c.lex.terms.get((c.text[start:role.start], role.word)) if start >= floor else None
        if not terms:
            continue
        if not (start == c.sent.start or c.tokens.starts_at(start)
                or c.text[start - 1] in c.w.name_before_opens):
            return None  # the name's first character ends another word
        if c.text.startswith(c.lex.words("leader_envoys"), role.end):
            return None  # 习近平主席特别代表刘延东: the leader is not in the scene
        term = next((t for t in terms if t.held_on(day)), None)
        if term is None:
            return None
        title = Title(c.mention(role.start, role.end, "role"), role.role,
                      national_body(c.lex.national[term.body], term.body))
        return TitleChain((title,), (c.mention(start, role.start, "person"),), c.sent.index,
                          role.end)
    return None


def body_follows(c: Clause, end: int) -> bool:
    """菲律宾总统|廉政|委员会主席: what a body's name ends with, right after a
    "name", shows it was the start of a body's name instead."""
    m = c.pats.org_suffix.match(c.text, end, c.sent.end)
    if m is None or not (c.tokens.starts_at(m.end()) or m.end() == c.sent.end):
        return False  # not 陈德铭|办公桌
    role = c.pats.role.match(c.text, end, c.sent.end)
    return role is None or role.end() < m.end()  # 李鹏|部长 is a title after a name


def chinese_name(c: Clause, start: int, end: int) -> bool:
    """A name that reads as Chinese: a surname, and not all transliteration
    characters (李鹏, not 哈西娜 or 基里延科)."""
    lex, name = c.lex, c.text[start:end]
    surname = name[0] in lex.surnames or name[:2] in lex.compound_surnames
    return surname and (len(name) == 2 or len(name) == 3 and not all(
        ch in lex.translit_any for ch in name))  # 罗干 may be, 谢里夫 is not
