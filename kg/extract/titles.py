"""Titles and the people who hold them.

A title is an organisation phrase and a role: 区委|常委, 国务院|副总理,
广东省|文化厅|厅长, 俄罗斯|总统. An organisation phrase starts at an anchor
the lexicons know (a national body, a body named after a place or a level
marker, a place, a country) and may go on with units that end in a body word
(文化厅, 国税局, 港澳办). Titles joined by 、 or 兼 form a chain shared by the
names after it:

    区委常委、区政府副区长王小林      → two posts, one person
    中央军委副主席张震、张万年        → one post, two people
    马来西亚副总理兼财政部长安瓦尔    → 马来西亚副总理, 马来西亚财政部部长

Where the text names no organisation, the role's own (副区长 → the district
government, 总理 → 国务院) or the one of the chain before it in the sentence
(民革中央常务副主席周铁农，副主席李赣骝 → 民革中央副主席) is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.lang.language import Language
from kg.model import (AnnotatedDocument, Document, Mention, OrgRef, Place, PostHolding, PostRef,
                      Sentence, Title, TitleChain, Tokens)
from kg.extract.orgs import _pick_place, _units, government, implied_org, parse_org
from kg.lang.lexicon import Lexicon
from kg.lang.patterns import PUNCTUATION, Patterns
from kg.lang.words import Words

MAX_ORG_CHARS = 30


def titles(adoc: AnnotatedDocument, lang: Language) -> AnnotatedDocument:
    """Stage: title chains and who holds them; posts held by nobody named.

    A body read as part of a title is part of a longer name, not a body named
    apart (宝安区委 inside 宝安区委办公室副主任); each title's own body is.
    """
    chains, unheld = find_title_chains(adoc.doc, adoc.sentences, adoc.tokens, lang,
                                       list(adoc.context), list(adoc.organizations))
    read = [t for chain in chains for t in chain.titles] + unheld
    spans = [(t.mention.start, t.mention.end) for t in read]
    organizations = [(o, m) for o, m in adoc.organizations
                     if not any(s <= m.start and m.end <= e for s, e in spans)]
    organizations += [(t.org, t.mention) for t in read]
    w = lang.words
    holdings = tuple(PostHolding(name, post_of(title, w), title.mention)
                     for chain in chains for name in chain.names for title in chain.titles)
    return replace(adoc, chains=tuple(chains), organizations=tuple(organizations),
                   holdings=holdings, posts=tuple((post_of(t, w), t.mention) for t in unheld))


def post_of(title: Title, w: Words) -> PostRef:
    org = title.org
    if org is None:
        return PostRef(title.role, None, title.role)
    label = org.label + title.role
    aliases = tuple(alias + title.role for alias in org.aliases)
    head = org.place.name if org.place is not None else title.country
    if org.label.endswith(w.embassy) and title.role == w.ambassador:
        aliases = (label, *aliases)
        stem = next(org.label[:-len(name)] for name in (w.embassy_long, w.embassy)
                    if org.label.endswith(name))
        label = stem + title.role  # 南非驻华使馆 → 南非驻华大使
    elif org.org_type == "government" and head:
        # a people's government's post is named after the place: 秦州区副区长, 法国总统
        aliases = (label, *aliases)
        label = head + title.role
    return PostRef(title.role, org, label, tuple(dict.fromkeys(a for a in aliases if a != label)))


# ---------------------------------------------------------------- titles

@dataclass(frozen=True, slots=True)
class _Role:
    start: int
    end: int
    word: str   # the role as written (外长, 部长)
    role: str   # canonical (部长)


def _roles_in(text: str, start: int, end: int, lang: Language) -> list[_Role]:
    """Role words, overlapping ones included (常委 and 委员长 in 常委会委员长).

    A 长 right after a body word is that body's head: 财政部长 is 财政部 + 部长.
    """
    found = []
    for i in range(start, end):
        char = text[i]
        if char in lang.patterns.role_first:
            m = lang.patterns.role.match(text, i, end)
            if m and not any(text.startswith(s, i) for s in lang.patterns.suffixes_by_role.get(m.group(), ())):
                word = m.group()  # (书记处, 委员会 are bodies, not the roles 书记, 委员)
                found.append(_Role(i, m.end(), word, lang.lexicon.role_rows[word].canonical or word))
        if char == lang.words.head_char and i > start and (head := text[i - 1] + char) in lang.lexicon.role_rows:
            found.append(_Role(i, i + 1, head, head))
    # 财政经济部长官: where two roles cross, the later one is meant (部|长官, not 部长|官)
    return [r for r in found if not any(r.start < o.start < r.end < o.end for o in found)]


@dataclass(frozen=True)
class _Sentence:
    """What parsing one sentence needs."""

    doc: Document
    sent: Sentence
    tokens: Tokens
    context: list[Place]
    orgs: list[tuple[OrgRef, Mention]]  # bodies named in the sentence (for 这是局长…)
    lang: Language

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def lex(self) -> Lexicon:
        return self.lang.lexicon

    @property
    def pats(self) -> Patterns:
        return self.lang.patterns

    @property
    def w(self) -> Words:
        return self.lang.words

    def mention(self, start: int, end: int, kind) -> Mention:
        return Mention.of(self.doc, start, end, kind, self.sent.index)


def find_title_chains(doc: Document, sentences: tuple[Sentence, ...], tokens: Tokens,
                      lang: Language, context: list[Place], orgs: list[tuple[OrgRef, Mention]] = ()
                      ) -> tuple[list[TitleChain], list[Title]]:
    """Title chains with the names that hold them, and titles held by nobody
    as of the report (former posts), sentence by sentence.

    Titles whose organisation cannot be known (市委书记 in a report that names
    no city) are dropped: a post without its organisation is no fact.
    """
    chains: list[TitleChain] = []
    unheld: list[Title] = []
    towns = _towns(doc.text, tokens, context, lang)
    for sent in sentences:
        if not lang.patterns.role.search(doc.text, sent.start, sent.end):
            continue
        here = [(o, m) for o, m in orgs if m.sentence == sent.index]
        named = [t for start, t in towns if sent.start <= start < sent.end][::-1]
        c = _Sentence(doc, sent, tokens, named + context, here, lang)
        for chain, former in _chains_in(c):
            kept = tuple(t for t in chain.titles if t.org is not None)
            if not kept:
                continue
            if former:
                unheld.extend(kept)
            else:
                chains.append(TitleChain(kept, chain.names, chain.sentence, chain.end,
                                         chain.elected))
    return chains, unheld


def _towns(text: str, tokens: Tokens, context: list[Place], lang: Language) -> list[tuple[int, Place]]:
    """Towns the report names, with where: 初到公明镇，…镇长麦达通 is 公明镇's.

    A town is a word ending in 镇 or 乡 (公明镇, 马乡), with the one-character
    words jieba split off before it (后|沙峪镇 is 后沙峪镇, but 初到|公明镇 is 公明镇).
    """
    from kg.extract.orgs import town_at
    found = []
    for start, end in tokens:
        if end - start < 2 or text[end - 1] not in lang.words.town_levels:
            continue
        while ((before := tokens.start_of(start)) is not None and start - before == 1
               and end - before <= 5 and text[before] not in lang.words.stop_in_org):
            start = before
        town = town_at(text, start, end, context, lang)
        if town is not None and len(town.name) == end - start:
            found.append((start, town))
    return sorted(found, key=lambda item: item[0])


def _adjoins(text: str, start: int, end: int, w: Words) -> bool:
    """Only a separator (and a rank or 同志) lies between two chains:
    民革中央常务副主席周铁农，名誉副主席贾亦斌 — the second shares the first's body."""
    gap = text[start:end]
    for word in w.gap_words:
        gap = gap.replace(word, "")
    return 0 < len(gap) <= 2 and all(c in w.separators for c in gap)


def _chains_in(c: _Sentence) -> list[tuple[TitleChain, bool]]:
    """(chain, former) for each chain in the sentence."""
    from kg.extract.recognize import person_names
    text, sent, w = c.text, c.sent, c.w
    roles = _roles_in(text, sent.start, sent.end, c.lang)
    out: list[tuple[TitleChain, bool]] = []
    floor = sent.start
    previous: TitleChain | None = None
    for role in roles:
        if role.start < floor:
            continue
        elected = role.start > sent.start and text[role.start - 1] == w.elected
        inherit = previous if previous is not None and (
            (elected and previous.elected) or _adjoins(text, previous.end, role.start, w)) else None
        titles = _first_titles(c, role, floor, inherit, previous)
        after_name = _head_after_foreign_name(c, role, floor)
        if after_name is not None:
            out.append((after_name, False))
            previous = after_name
            floor = after_name.end
            continue
        if titles[0].org is None:
            continue  # a role no body can be found for: maybe a longer reading (教育部|部长) has one
        while True:
            nxt = _next_title(c, titles[-1], roles)
            if nxt is None:
                break
            titles.append(nxt)
        start = titles[0].mention.start
        former = text.endswith(w.former, sent.start, start) or (
            len(titles) == 1 and role.start > start and text[role.start - 1] in w.former_between
            and titles[0].mention.end == role.end)
        names = person_names(c.doc, titles[-1].mention.end, sent, c.tokens, c.lex, c.pats,
                             foreign=any(t.country for t in titles))
        names = [n for n in names if not _body_follows(c, n.end)]
        if titles[0].org is not None and titles[0].org.label == w.state_council \
                and titles[0].mention.text == role.word:
            # 巴总理谢里夫: a bare 总理 before a foreign name is not China's
            names = [n for n in names if _chinese_name(c, n.start, n.end)]
        by_election = False
        if not names:
            names = _elected(c, start)
            by_election = bool(names)
        if not names and len(titles) == 1:
            before = _name_before(c, titles[0])
            names = [before] if before is not None else []
        if not names and text.endswith(w.moved_to, sent.start, start):
            names = _subject_before_you(c, start)
        if not names and (former or _moved_from(c, start, titles[-1].mention.end)
                          or any(word in text[sent.start:start] for word in w.former_context)
                          or text.startswith(w.during, titles[-1].mention.end)):
            former = True  # 在文昌担任市委书记、市长: posts, held before
        elif not names:
            continue
        end = max([n.end for n in names] + [titles[-1].mention.end])
        chain = TitleChain(tuple(titles), tuple(names), sent.index, end, by_election)
        out.append((chain, former))
        previous = chain
        floor = max(chain.end, titles[-1].mention.end)
    return out


def _moved_from(c: _Sentence, start: int, end: int) -> bool:
    """由 TITLE 调任…: the title before the move."""
    return c.text.endswith(c.w.moved_from, c.sent.start, start) and c.text.startswith(c.w.moved_to, end)


def _subject_before_you(c: _Sentence, title_start: int) -> list[Mention]:
    """The person who moved: the name right before 由 (or starting the sentence)."""
    from kg.extract.recognize import name_length
    you = c.text.rfind(c.w.moved_from, c.sent.start, title_start)
    ends = [you] if you > c.sent.start else []
    for end in ends:
        for length in (3, 2, 4):
            start = end - length
            if start >= c.sent.start and name_length(
                    c.text, start, end + 1, c.tokens, c.lex, c.pats) == length:
                return [c.mention(start, end, "person")]
    return []


_NOTE = re.compile(r"（[^（）]{1,8}）$")


def _elected(c: _Sentence, title_start: int) -> list[Mention]:
    """选举马思忠（回族）为自治区政协主席, 任怀祥、周文吉为副主席: the names
    before 为 hold the title after it."""
    from kg.extract.recognize import name_length
    text, sent = c.text, c.sent
    if title_start <= sent.start or text[title_start - 1] != c.w.elected:
        return []
    names: list[Mention] = []
    end = title_start - 1
    while end > sent.start:
        note = _NOTE.search(text, sent.start, end)
        if note:
            end = note.start()  # （回族）, （女，回族）
        for length in (3, 2, 4):
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


def _head_after_foreign_name(c: _Sentence, role: _Role, floor: int) -> TitleChain | None:
    """斯卡尔法罗总统, in a sentence that has named 意大利: a head of government
    after a transliterated name is the head of the country named before it."""
    if role.role not in c.lex.head_roles:
        return None
    text, lex, before_name = c.text, c.lex, c.w.before_name
    start = role.start
    while start > floor and role.start - start < 10 and (
            text[start - 1] in lex.translit_any or text[start - 1] == "·"):
        start -= 1
    def bounded(i: int) -> bool:
        return i == c.sent.start or text[i - 1] in before_name or text.endswith(
            tuple(before_name), c.sent.start, i)

    while start < role.start and not bounded(start) and text[start] not in lex.translit:
        start += 1  # a name starts after a boundary, or with a character names start with
    if role.start - start < 2 or not (bounded(start) or role.start - start >= 3):
        return None  # a run of three or more transliteration characters is a name anyway
    if c.pats.country.fullmatch(text, start, role.start):
        return None  # 伊朗总统: a country, not a name
    # the country named last before it, in the sentence or earlier in the report
    countries = [m for m in c.pats.country.finditer(text, 0, start) if m.group() != c.w.china]
    if not countries:
        return None
    country = countries[-1].group()
    title = Title(c.mention(role.start, role.end, "role"), role.role,
                  government(None, country, c.lang), country)
    name = c.mention(start, role.start, "person")
    return TitleChain((title,), (name,), c.sent.index, role.end)


def _name_before(c: _Sentence, title: Title) -> Mention | None:
    """李鹏委员长: a name right before a role that may follow one."""
    from kg.extract.recognize import name_length
    row = c.lex.role_rows.get(title.mention.text)
    # 冯志明乌审旗建设局局长: a caption, a name and then a title with its body
    caption = (title.org is not None and title.mention.text.endswith(title.role)
               and len(title.mention.text) > len(title.role) + 1)
    if title.org is None or not (caption or row is not None and row.after_name):
        return None
    end = title.mention.start
    for length in (3, 2, 4):
        start = end - length
        if start < c.sent.start or c.tokens.end_of(start) not in (end, start + 1, start + 2):
            continue
        if start > c.sent.start and c.text[start - 1] not in (
                c.w.caption_opens if caption else c.w.name_before_opens):
            continue
        if name_length(c.text, start, end, c.tokens, c.lex, c.pats) == length:
            if row is not None and row.implies == c.w.state_council and not _chinese_name(c, start, end):
                return None  # 瓦杰帕伊总理 is no premier of the State Council
            return c.mention(start, end, "person")
    return None


def _body_follows(c: _Sentence, end: int) -> bool:
    """菲律宾总统|廉政|委员会主席: what a body's name ends with, right after a
    "name", shows it was the start of a body's name instead."""
    m = c.pats.org_suffix.match(c.text, end, c.sent.end)
    if m is None or not (c.tokens.starts_at(m.end()) or m.end() == c.sent.end):
        return False  # not 陈德铭|办公桌
    role = c.pats.role.match(c.text, end, c.sent.end)
    return role is None or role.end() < m.end()  # 李鹏|部长 is a title after a name


def _chinese_name(c: _Sentence, start: int, end: int) -> bool:
    """A name that reads as Chinese: a surname, and not all transliteration
    characters (李鹏, not 哈西娜 or 基里延科)."""
    lex, name = c.lex, c.text[start:end]
    surname = name[0] in lex.surnames or name[:2] in lex.compound_surnames
    return surname and (len(name) == 2 or len(name) == 3 and not all(
        ch in lex.translit_any for ch in name))  # 罗干 may be, 谢里夫 is not


def _title(c: _Sentence, start: int, role: _Role, org: OrgRef | None, place: Place | None,
           country: str | None, inherit: TitleChain | None) -> Title:
    if org is None:
        if place is not None or country:
            org = government(place, country, c.lang)  # 河南省省长, 法国总统
        else:
            inherited = inherit.titles[-1] if inherit is not None else None
            if inherited is not None and inherited.country and role.role in c.lex.head_roles:
                # 法国总统希拉克和总理若斯潘: the second head is France's too
                country = inherited.country
                org = government(None, country, c.lang)
            else:
                org = (implied_org(role.word, c.lang, c.context)
                       or (inherited.org if inherited is not None else None)
                       or _named_before(c, role))
    return Title(c.mention(start, role.end, "role"), role.role, org, country)


def _named_before(c: _Sentence, role: _Role) -> OrgRef | None:
    """济宁市公安局建立局长接访制度，这是局长朱献海: a head (局长) of the body
    of that kind named last before it in the sentence."""
    if len(role.role) < 2 or not role.role.endswith(c.w.head_char):
        return None
    kind = role.role[-2]
    for org, mention in reversed(c.orgs):
        if mention.end <= role.start and org.label.endswith(kind):
            return org
    return None


def _first_titles(c: _Sentence, role: _Role, floor: int, inherit: TitleChain | None,
                  previous: TitleChain | None = None) -> list[Title]:
    """The title that ends with `role`, preceded by the bodies it is shared
    with: 中共中央台湾工作办公室、国务院台湾事务办公室主任 → two posts."""
    text = c.text
    listed = _foreign_listed(c, role, previous)
    if listed is not None:
        return [listed]
    lowest = max(floor, role.start - MAX_ORG_CHARS)
    term = c.pats.term_gloss.search(text, lowest, role.start)
    org_end = term.start() if term else role.start  # 中华全国工商业联合会（第九届）执行委员
    if org_end - 1 > lowest and text[org_end - 1] in c.w.former_between:
        org_end -= 1  # 美国前总统, 国务院原副总理: held before (see _chains_in)
    for loose in (False, True):  # units alone (研究所|研究部) only where nothing else fits
        for start in range(lowest, org_end):
            if text[start] in PUNCTUATION or not c.tokens.starts_at(start):
                continue  # a body's name starts a word: not 西区 inside 广西|区政府
            if loose and not (start == c.sent.start or text[start - 1] in c.w.opens
                              or text.startswith(c.w.china, start)):
                continue  # only these anchors are new in the loose reading
            parsed = parse_org(text, start, org_end, c.lang, c.context, None, loose)
            if parsed is None:
                minister = None if loose else _minister(c, start, role)
                if minister is not None:
                    return [minister]
                continue
            org, place, country = parsed
            if org is None and country and not _place_role(role, c.lang):
                org = _foreign_body(c, role, country)  # 俄罗斯外长 → 俄罗斯外交部部长
            elif org is not None and country is None and org.place is None:
                twin = _foreign_twin(c, org, start)
                if twin is not None:
                    org, country = twin
            if org is None and (place is None and not country or not _place_role(role, c.lang)):
                continue
            title = _title(c, start, role, org, place, country, None)
            return [*_shared_bodies(c, start, role, floor), title]
    local = (_foreign_local(c, role, floor) or _foreign_chamber(c, role, floor)
             or _this_place(c, role, floor))
    if local is not None:
        return [local]
    if any(text[role.start - k:role.start] in c.lex.org_suffixes and text[role.start - k - 1] not in c.w.stop_in_org
           and text[role.start - k - 1] not in PUNCTUATION
           for k in range(1, 6) if role.start - k - 1 >= max(floor, c.sent.start)):
        # 进步联盟总书记: the role of a body we could not read, not the one it implies
        # (but 、政府副市长 is the bare government's)
        return [Title(c.mention(role.start, role.end, "role"), role.role, None, None)]
    return [_title(c, role.start, role, None, None, None, inherit)]


def _this_place(c: _Sentence, role: _Role, floor: int) -> Title | None:
    """在波尔多市与该市市长朱佩会见: 该市 (该省, 该县) is the last place of that
    level named before it in the sentence."""
    level = _level_governed(c, role)
    if level is None:
        return None
    text = c.text
    pointer = c.w.this + level
    if not text.endswith(pointer, floor, role.start):
        return None
    start = role.start - len(pointer)
    last = None
    for m in c.pats.anchor_place.finditer(text, c.sent.start, start):
        if m.group().endswith(level):
            last = m
    if last is not None:
        place = _pick_place(c.pats.anchor_places[last.group()], c.context, c.lang)
        if place is not None:
            org = government(place, None, c.lang)
            return Title(c.mention(start, role.end, "role"), role.role, org, None)
    at = text.rfind(level, c.sent.start, start)
    if at < 0 or (last is not None and last.end() > at):
        return None
    named = _foreign_local(c, _Role(at + 1, at + 1 + len(role.word), role.word, role.role),
                           c.sent.start, fake_end=at + 1)
    if named is None:
        return None
    return Title(c.mention(start, role.end, "role"), role.role, named.org, named.country)


_GLOSS = re.compile(r"（[^（）]{1,8}）$")


def _foreign_chamber(c: _Sentence, role: _Role, floor: int) -> Title | None:
    """会见了联邦委员会（议会上院）主席斯特罗耶夫, in a sentence that has named
    俄罗斯: a legislature only foreign countries have, named bare (with or
    without a gloss in brackets), is the last named country's."""
    text = c.text
    end = role.start
    if not any(word in text[max(floor, end - 20):end] for word in c.w.chambers):
        return None
    gloss = _GLOSS.search(text, floor, end)
    if gloss:
        end = gloss.start()
    for start in range(max(floor, end - 12), end - 1):
        if not c.tokens.starts_at(start) or start > c.sent.start and text[start - 1] not in c.w.chamber_opens:
            continue
        units = _units(text, start, end, c.lang)
        if not units or len(units[0][0]) > 4 or not (units[0][0] + units[0][1]).endswith(c.w.chambers):
            continue
        countries = [m.group() for m in c.pats.country.finditer(text, c.sent.start, start)
                     if m.group() != c.w.china]
        if not countries or text.endswith(countries[-1], c.sent.start, start):
            return None  # none named, or named right here (parsed as such already)
        bare = text[start:end]
        org = OrgRef(countries[-1] + bare, "other", None, (bare,))
        return Title(c.mention(start, role.end, "role"), role.role, org, countries[-1])
    return None


def _foreign_local(c: _Sentence, role: _Role, floor: int, fake_end: int | None = None
                   ) -> Title | None:
    """斯特拉斯堡市市长, 阿尔萨斯大区区长: the head of a foreign city, province
    or region the gazetteer does not know, named by its level word.

    The place is a run of two to six characters after a clause opening, most
    of them typical of transliterations, or any when the sentence names a
    foreign country."""
    level = _level_governed(c, role)
    if level is None:
        return None
    text, w = c.text, c.w
    end = role.start if fake_end is None else fake_end
    if not text.endswith(level, floor, end):
        return None
    stop = end
    end -= len(level)
    prefix = w.level_prefixes.get(level)
    if prefix and text.endswith(prefix, floor, end):
        end -= len(prefix)  # 阿尔萨斯大区
    start = end
    while start > floor and end - start < 6 and text[start - 1] not in w.stop_in_org \
            and text[start - 1] not in w.local_opens and text[start - 1] not in PUNCTUATION:
        start -= 1
    name = text[start:end]
    opening = text[start - 1] if start > c.sent.start else ""
    if not 2 <= len(name) <= 5 or opening and opening not in w.local_opens:
        return None
    typical = sum(ch in c.lex.translit_any for ch in name)
    abroad = any(m.group() != w.china for m in c.pats.country.finditer(text, c.sent.start, c.sent.end))
    if not (typical >= 2 and 2 * typical >= len(name) or abroad):
        return None
    kind = c.lex.bodies[w.government]
    place = text[start:stop]
    org = OrgRef(kind.label.format(place=place), kind.org_type, None,
                 tuple(a.format(place=place) for a in kind.aliases))
    return Title(c.mention(start, role.end, "role"), role.role, org, place)


def _level_governed(c: _Sentence, role: _Role) -> str | None:
    """The level word of the place whose government a role heads (市长 → 市),
    or None for other roles."""
    row = c.lex.role_rows.get(role.word)
    implies = row.implies if row is not None else ""
    level = implies.removesuffix(c.w.government)
    return level if len(level) == 1 and implies.endswith(c.w.government) else None


def _foreign_listed(c: _Sentence, role: _Role, previous: TitleChain | None) -> Title | None:
    """韩国代总理金钟泌、监查院长韩胜宪: a body with no anchor, listed after a
    foreign title and its holder, is the same country's."""
    if previous is None or not previous.titles[-1].country or not previous.names:
        return None
    country = previous.titles[-1].country
    start = previous.end + 1
    if not c.text.startswith("、", previous.end) or not start < role.start <= start + MAX_ORG_CHARS:
        return None
    units = _units(c.text, start, role.start, c.lang)
    if not units:
        return None
    org = None
    for stem, suffix in units:
        kind = c.lex.org_suffixes[suffix][0]
        label = (org.label if org is not None else country) + stem + suffix
        org = OrgRef(label, kind, None, (), org)
    return Title(c.mention(start, role.end, "role"), role.role, org, country)


def _foreign_twin(c: _Sentence, org: OrgRef, start: int) -> tuple[OrgRef, str] | None:
    """美国财政部长鲁宾…财政部副部长萨默斯: a body named bare after the same
    body of a foreign country, in one sentence, is that country's."""
    if org.label not in c.pats.national_names:
        return None
    for m in c.pats.country.finditer(c.text, c.sent.start, start):
        if m.group() != c.w.china and c.text.startswith(org.label, m.end()):
            return OrgRef(m.group() + org.label, org.org_type, None, ()), m.group()
    return None


def _foreign_body(c: _Sentence, role: _Role, country: str) -> OrgRef | None:
    """The foreign counterpart of the body a role implies: 外长 after 俄罗斯 is
    Russia's foreign minister, not China's."""
    implied = implied_org(role.word, c.lang, [])
    if implied is None or implied.place is not None:
        return None
    return OrgRef(country + implied.label, implied.org_type, None, ())


def _minister(c: _Sentence, start: int, role: _Role) -> Title | None:
    """瑞典工商大臣, 阿曼苏丹国外交国务大臣: a country (in its long form or
    not), a portfolio and 大臣 — the role keeps its portfolio."""
    if not role.role.endswith(c.w.minister):
        return None
    m = c.pats.country.match(c.text, start, role.start)
    long_form = c.pats.minister_long_form.match(c.text, m.end(), role.start) if m else None
    portfolio = c.text[(long_form or m).end():role.start] if m else ""
    if not m or not 1 <= len(portfolio) <= 4 or any(ch in c.w.stop_in_org for ch in portfolio):
        return None
    return Title(c.mention(start, role.end, "role"), portfolio + role.role,
                 government(None, m.group(), c.lang), m.group())


def _shared_bodies(c: _Sentence, start: int, role: _Role, floor: int) -> list[Title]:
    text = c.text
    shared: list[Title] = []
    while start - 1 > floor and text[start - 1] == "、":
        end = start - 1
        for begin in range(max(floor, end - MAX_ORG_CHARS), end):
            parsed = parse_org(text, begin, end, c.lang, c.context, None)
            if parsed is not None and parsed[0] is not None:
                shared.insert(0, Title(c.mention(begin, role.end, "role"), role.role,
                                       parsed[0], parsed[2]))
                start = begin
                break
        else:
            break
    return shared


def _place_role(role: _Role, lang: Language) -> bool:
    """Roles that follow a bare place or country: 河南省省长, 法国总统."""
    return role.role in lang.lexicon.head_roles


def _next_title(c: _Sentence, last: Title, roles: list[_Role]) -> Title | None:
    text = c.text
    pos = last.mention.end
    joined = c.w.chain_joiners
    if pos < c.sent.end and text[pos] in joined:
        pos += 1
    level_place = last.org.place if last.org is not None else None
    for role in roles:
        if role.start < pos or role.start - pos > MAX_ORG_CHARS:
            continue
        if role.start == pos:
            return _bare_in_chain(c, pos, role, last)
        parsed = parse_org(text, pos, role.start, c.lang, c.context, level_place)
        if parsed is None:
            local = _foreign_local(c, role, pos) if text[pos - 1] in joined else None
            if local is not None:
                return local  # 阿尔萨斯大区区长兼下莱茵省省长
            unit = _unit_of(c, last, pos, role) if text[pos - 1] in joined else None
            if unit is not None:
                return unit  # 全国人大常委会委员、法律委员会副主任委员
            continue
        org, place, country = parsed
        if org is None and not _place_role(role, c.lang):
            continue
        if last.country and country is None and org is not None and org.place is None:
            # 马来西亚副总理兼财政部长: the ministry is Malaysia's, not China's
            country = last.country
            org = OrgRef(country + org.label, "government-department", None, ())
        return _title(c, pos, role, org, place, country or None, None)
    return None


def _unit_of(c: _Sentence, last: Title, pos: int, role: _Role) -> Title | None:
    """A body with no anchor inside a chain is a unit of the body before it:
    全国人大常委会委员、法律委员会副主任委员 → 全国人大常委会法律委员会."""
    parent = last.org
    if parent is None or last.country or parent.org_type == "government" and parent.place:
        return None
    units = _units(c.text, pos, role.start, c.lang)
    if (not units or len(units[0][0]) < 2 or role.start - pos > 8
            or units[0][0].startswith(c.w.national_prefixes)
            or any(suffix not in c.w.inner_units for _, suffix in units)):
        return None  # 全国政协委员、香港繁荣集团董事长: another body
    org = parent
    for stem, suffix in units:
        kind, party_kind = c.lex.org_suffixes[suffix]
        if parent.org_type == "party-committee" and party_kind:
            kind = party_kind
        org = OrgRef(org.label + stem + suffix, kind, org.place,
                     tuple(a + stem + suffix for a in org.aliases), org)
    return Title(c.mention(pos, role.end, "role"), role.role, org, None)


def _bare_in_chain(c: _Sentence, pos: int, role: _Role, last: Title) -> Title:
    """A role with no body inside a chain: its own body (副省长 → the province's
    government), else the body the chain is about (文化和旅游部党组书记、部长 →
    文化和旅游部部长: the party group's parent)."""
    mention = c.mention(pos, role.end, "role")
    if last.country and role.role in c.lex.head_roles:
        return Title(mention, role.role, government(None, last.country, c.lang), last.country)
    org = implied_org(role.word, c.lang, c.context)
    if org is None and last.org is not None:
        org = last.org
        if org.org_type == "party-committee" and org.parent is not None:
            org = org.parent
    return Title(mention, role.role, org, last.country)
