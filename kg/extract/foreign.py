"""Titles of other countries' officials: heads named after their name
(斯卡尔法罗总统), legislatures and cities named bare (联邦委员会主席, 里昂市市长),
bodies listed after a foreign holder, ministers with a portfolio (瑞典工商大臣)."""

from __future__ import annotations

import re

from kg.extract.clause import BRACKETED, MAX_ORG_CHARS, Clause, Role, level_governed
from kg.extract.holders import chinese_name
from kg.extract.name_words import opens_with_a_verb_before
from kg.extract.name_tokens import inside_word
from kg.extract.names import judged, name_length, tagged_person
from kg.extract.orgs import government, implied_org, place_body, units_of
from kg.lang.patterns import PUNCTUATION
from kg.model import Mention, OrgRef, Title, TitleChain

# a transliterated name before a head's title is shorter than this (斯卡尔法罗)
MAX_NAME_BEFORE_HEAD = 10
# ... has two characters at least, and three or more are a name even where no
# boundary is seen before them
MIN_NAME_CHARS = 2
UNBOUNDED_NAME_CHARS = 3
# a chamber's word is looked for this far before the role (联邦委员会（议会上院）)
CHAMBER_WINDOW = 20
# ... and its name starts no farther than this before the role or the gloss
MAX_CHAMBER_CHARS = 12
# a chamber's first unit has a short stem (联邦|委员会, 众|议院): a longer one names another body
MAX_CHAMBER_STEM = 4
# a foreign place named by its level word: two to five characters before it (里昂, 斯特拉斯堡)
MIN_FOREIGN_PLACE, MAX_FOREIGN_PLACE = 2, 5
# ... of which at least two, and at least half, typical of transliterations
MIN_TYPICAL_CHARS = 2
TYPICAL_SHARE = 0.5
# the longest portfolio before 大臣 (外交国务)
MAX_PORTFOLIO = 4
# a paragraph ends here: a 国际联播快讯 item is one paragraph, about one country
PARAGRAPH_BREAK = "\n"


def head_after_foreign_name(c: Clause, role: Role, floor: int) -> TitleChain | None:
    """斯卡尔法罗总统, in a sentence that has named 意大利: a head of government
    after a transliterated name is the head of the country named before it."""
    if role.role not in c.lex.head_roles:
        return None
    text, lex, before_name = c.text, c.lex, c.w.before_name
    start = role.start
    while start > floor and role.start - start < MAX_NAME_BEFORE_HEAD and (
            text[start - 1] in lex.translit_any or text[start - 1] == "·"):
        start -= 1
    def bounded(i: int) -> bool:
        return i == c.sent.start or text[i - 1] in before_name or text.endswith(
            tuple(before_name), c.sent.start, i)

    while start < role.start and not bounded(start) and text[start] not in lex.translit:
        start += 1  # a name starts after a boundary, or with a character names start with
    if role.start - start < MIN_NAME_CHARS or not (
            bounded(start) or role.start - start >= UNBOUNDED_NAME_CHARS):
        return None  # a run of three or more transliteration characters is a name anyway
    if c.pats.country.fullmatch(text, start, role.start):
        return None  # 伊朗总统: a country, not a name
    read = judged(text, start, role.start, c.sent.end, lex, c.pats)
    if read is None or read[1] != role.start:
        return None  # no name, or one that ends before the title: 汉堡|市长
    start = read[0]
    if opens_with_a_verb_before(text, start, role.start, c.pats):
        start += 1  # 首先|祝|西哈莫尼国王, the document naming 西哈莫尼 elsewhere
    if inside_word(text, start, c.tokens) is not None:
        return None  # it starts inside a word of jieba's: 津|巴布韦总统, 感|谢布朗州长, 丈|夫拉吉夫
    after = name_length(text, role.end, c.sent.end, c.tokens, lex, c.pats, foreign=True)
    if after and tagged_person(text, role.end, role.end + after, c.sent.end):
        return None  # a name the tagger reads follows the title: what comes before it is
        # the place the head governs (克里米亚总理阿克肖诺夫, 米兰市长萨拉, 特多总理比塞萨尔;
        # not 奥巴马总统|派我)
    # the country named last before it, in the sentence or earlier in the report, else
    # in its headline (习近平与印度总统举行会谈 | 欢迎仪式后，习近平主席同慕克吉总统举行会谈)
    country = _last_country(c, text, 0, start) or _headline_country(c)
    if country is None:
        return None
    title = Title(c.mention(role.start, role.end, "role"), role.role,
                  government(None, country, c.lang), country)
    name = c.mention(start, role.start, "person")
    return TitleChain((title,), (name,), c.sent.index, role.end)


def _headline_country(c: Clause) -> str | None:
    """The one other country the report's headline names, if it names one."""
    named = _countries(c, c.doc.title or "", 0, None)
    return named[0] if len(named) == 1 else None


def _countries(c: Clause, text: str, start: int, end: int | None) -> list[str]:
    """The other countries named in text[start:end], each once."""
    return list(dict.fromkeys(m.group() for m in c.pats.country.finditer(
        text, start, len(text) if end is None else end) if m.group() != c.w.china))


def _last_country(c: Clause, text: str, start: int, end: int) -> str | None:
    countries = [m.group() for m in c.pats.country.finditer(text, start, end)
                 if m.group() != c.w.china]
    return countries[-1] if countries else None


def bare_foreign_head(c: Clause, role: Role) -> str | None:
    """英国政府声明说…。首相卡梅伦和政府都已表明: a head only other countries have (its
    role implies a bare government: 首相, 总统), named with no country, is the head of
    the one country the paragraph names before it, else the headline."""
    row = c.lex.role_rows.get(role.word)
    if row is None or row.implies != c.w.government or not c.tokens.starts_at(role.end):
        return None  # not a word of its own: 总统府正门 is a building's
    paragraph = c.text.rfind(PARAGRAPH_BREAK, 0, role.start) + 1
    named = _countries(c, c.text, paragraph, role.start)
    country = (_headline_country(c) if not named
               else named[0] if len(named) == 1 else None)  # 韩国…日本…现任总统李明博: whose?
    before = c.tokens.start_of(role.start)
    if (country is not None and before is not None and role.start - before == 1
            and c.text[before] != country[0]
            and any(name.startswith(c.text[before]) for name in c.lex.countries)):
        return None  # 美国…叙总统巴沙尔: another country, abbreviated (but 乌兹别克斯坦…乌总统)
    return country


def foreign_chamber(c: Clause, role: Role, floor: int) -> Title | None:
    """会见了联邦委员会（议会上院）主席斯特罗耶夫, in a sentence that has named
    俄罗斯: a legislature only foreign countries have, named bare (with or
    without a gloss in brackets), is the last named country's."""
    text = c.text
    end = role.start
    if not any(word in text[max(floor, end - CHAMBER_WINDOW):end] for word in c.w.chambers):
        return None
    gloss = BRACKETED.search(text, floor, end)
    if gloss:
        end = gloss.start()
    for start in range(max(floor, end - MAX_CHAMBER_CHARS), end - 1):
        if not c.tokens.starts_at(start) or (start > c.sent.start
                                             and text[start - 1] not in c.w.chamber_opens):
            continue
        units = units_of(text, start, end, c.lang)
        if (not units or len(units[0][0]) > MAX_CHAMBER_STEM
                or not (units[0][0] + units[0][1]).endswith(c.w.chambers)):
            continue
        countries = [m.group() for m in c.pats.country.finditer(text, c.sent.start, start)
                     if m.group() != c.w.china]
        if not countries or text.endswith(countries[-1], c.sent.start, start):
            return None  # none named, or named right here (parsed as such already)
        bare = text[start:end]
        org = OrgRef(countries[-1] + bare, "other", None, (bare,))
        return Title(c.mention(start, role.end, "role"), role.role, org, countries[-1])
    return None


def foreign_local(c: Clause, role: Role, floor: int, fake_end: int | None = None
                   ) -> Title | None:
    """斯特拉斯堡市市长, 阿尔萨斯大区区长: the head of a foreign city, province
    or region the gazetteer does not know, named by its level word.

    The place is a run of two to five characters after a clause opening, most
    of them typical of transliterations, or any when the sentence names a
    foreign country."""
    level = level_governed(c, role)
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
    while start > floor and end - start <= MAX_FOREIGN_PLACE and text[start - 1] not in w.stop_in_org \
            and text[start - 1] not in w.local_opens and text[start - 1] not in PUNCTUATION:
        start -= 1
    name = text[start:end]
    opening = text[start - 1] if start > c.sent.start else ""
    if (not MIN_FOREIGN_PLACE <= len(name) <= MAX_FOREIGN_PLACE
            or opening and opening not in w.local_opens):
        return None
    typical = sum(ch in c.lex.translit_any for ch in name)
    abroad = any(m.group() != w.china for m in c.pats.country.finditer(text, c.sent.start, c.sent.end))
    if not (typical >= MIN_TYPICAL_CHARS and typical >= TYPICAL_SHARE * len(name) or abroad):
        return None
    place = text[start:stop]
    org = place_body(c.lex.bodies[w.government], place, None)
    return Title(c.mention(start, role.end, "role"), role.role, org, place)


def foreign_listed(c: Clause, role: Role, previous: TitleChain | None) -> Title | None:
    """韩国代总理金钟泌、监查院长韩胜宪: a body with no anchor, listed after a
    foreign title and its holder, is the same country's."""
    if previous is None or not previous.titles[-1].country or not previous.names:
        return None
    party_body = _party_body(c, role, previous)
    if party_body is not None:
        return party_body
    start = previous.end + 1
    if not c.text.startswith("、", previous.end) or not start < role.start <= start + MAX_ORG_CHARS:
        return None
    named = c.pats.national.match(c.text, start, role.start)
    if named and c.pats.national_names[named.group()].org_type == "other":
        return None  # an international body is no country's: 沙特王储穆罕默德、国际电信联盟秘书长
    return foreign_next(c, previous.titles[-1], start, role)


def _party_body(c: Clause, role: Role, previous: TitleChain) -> Title | None:
    """古巴共产党中央第一书记劳尔·卡斯特罗特使、中央政治局委员: a central body named as the
    CPC's are (中央政治局), listed after the holder of a post in another country's party or
    the envoy he sent, is that party's body (古共中央政治局), not the CPC's."""
    party = _foreign_party(c, previous.titles[-1].org)
    if party is None:
        return None
    at = previous.end
    at += next((len(w) for w in c.w.mission_roles if c.text.startswith(w, at)), 0)
    if not c.text.startswith("、", at):
        return None
    named = c.pats.national.match(c.text, at + 1, role.start)
    if (named is None or named.end() != role.start or not named.group().startswith(c.w.central)
            or not c.pats.national_names[named.group()].label.startswith(c.w.cpc_central)):
        return None
    org = OrgRef(party.label + named.group().removeprefix(c.w.central), party.org_type, None, (),
                 party)
    return Title(c.mention(at + 1, role.end, "role"), role.role, org,
                 previous.titles[-1].country)


def _foreign_party(c: Clause, org: OrgRef | None) -> OrgRef | None:
    """The other country's party's central committee `org` is or is a body of (越共中央)."""
    while org is not None and org.label not in c.w.foreign_party_countries:
        org = org.parent
    return org


def foreign_next(c: Clause, last: Title, pos: int, role: Role, *, chained: bool = False
                 ) -> Title | None:
    """朝鲜劳动党委员长、国务委员会委员长金正恩: a body with no anchor after a foreign
    title in its chain is the same country's. `chained`: in a chain, only one with a short
    first stem that names no body of its own (not 巴西科学院院长、发展中国家科学院院长, nor
    南非内政部长、新任非盟委员会主席)."""
    country = last.country
    units = units_of(c.text, pos, role.start, c.lang) if country else None
    if not units or chained and (len(units[0][0]) > MAX_CHAMBER_STEM or any(
            c.tokens.starts_at(m.start()) for m in c.pats.national.finditer(c.text, pos, role.start))):
        return None
    org = None
    for stem, suffix in units:
        label = (org.label if org is not None else country) + stem + suffix
        org = OrgRef(label, c.lex.org_suffixes[suffix][0], None, (), org)
    return Title(c.mention(pos, role.end, "role"), role.role, org, country)


def joined_ministry(c: Clause, last: Title, pos: int, role: Role) -> Title | None:
    """德国副总理兼经济、能源部长, 埃及副总理兼农业和土地开发部长: portfolios joined by 、 or 和
    before 部长, in a foreign chain, name one ministry (德国经济和能源部)."""
    text, country = c.text, last.country
    if (not country or role.start <= pos or not text.startswith(c.w.ministry, role.start)
            or text[pos - 1] not in c.w.chain_joiners):
        return None
    # 经济和能源部部长 names its ministry whole; 经济、能源部长 shares the 部 of 部长
    portfolios = text[pos:role.start].removesuffix(c.w.ministry)
    parts = re.split(f"[{''.join(c.w.portfolio_joiners)}]", portfolios)
    if len(parts) < 2 or not all(MIN_NAME_CHARS <= len(p) <= MAX_PORTFOLIO and not any(
            ch in c.w.stop_in_org or ch in PUNCTUATION for ch in p) for p in parts):
        return None
    label = country + c.w.portfolio_joined.join(parts) + c.w.ministry
    org = OrgRef(label, c.lex.org_suffixes[c.w.ministry][0], None, ())
    return Title(c.mention(pos, role.end, "role"), role.role, org, country)


def foreign_twin(c: Clause, org: OrgRef, start: int) -> tuple[OrgRef, str] | None:
    """美国财政部长鲁宾…财政部副部长萨默斯: a body named bare after the same
    body of a foreign country, in one sentence, is that country's."""
    if org.label not in c.pats.national_names:
        return None
    for m in c.pats.country.finditer(c.text, c.sent.start, start):
        if m.group() != c.w.china and c.text.startswith(org.label, m.end()):
            return OrgRef(m.group() + org.label, org.org_type, None, ()), m.group()
    return None


def foreign_body(c: Clause, role: Role, country: str) -> OrgRef | None:
    """The foreign counterpart of the body a role implies: 外长 after 俄罗斯 is
    Russia's foreign minister, not China's."""
    implied = implied_org(role.word, c.lang, [])
    if implied is None or implied.place is not None:
        return None
    return OrgRef(country + implied.label, implied.org_type, None, ())


def minister_title(c: Clause, start: int, role: Role) -> Title | None:
    """瑞典工商大臣, 阿曼苏丹国外交国务大臣: a country (in its long form or
    not), a portfolio and 大臣 — the role keeps its portfolio."""
    if not role.role.endswith(c.w.minister):
        return None
    m = c.pats.country.match(c.text, start, role.start)
    long_form = c.pats.minister_long_form.match(c.text, m.end(), role.start) if m else None
    portfolio = c.text[(long_form or m).end():role.start] if m else ""
    if (not m or not 1 <= len(portfolio) <= MAX_PORTFOLIO
            or any(ch in c.w.stop_in_org for ch in portfolio)):
        return None
    return Title(c.mention(start, role.end, "role"), portfolio + role.role,
                 government(None, m.group(), c.lang), m.group())


def held_abroad(c: Clause, titles: list[Title], names: list[Mention]) -> list[Title]:
    """叙利亚总统巴沙尔今天任命卫生部长哈勒吉为叙新总理: titles of China's ministries, courts or
    forces, held by names none of which reads as Chinese, in a paragraph that names one other
    country and neither China nor a place of China's before them, are that country's."""
    if not names or any(chinese_name(c, n.start, n.end) for n in names):
        return titles
    bodies = [c.pats.national_names.get(t.org.label) if t.org is not None and not t.country
              else None for t in titles]
    if not all(b is not None and b.org_type in c.w.twinned_types for b in bodies):
        return titles
    start = titles[0].mention.start
    paragraph = c.text.rfind(PARAGRAPH_BREAK, 0, start) + 1
    countries = _countries(c, c.text, paragraph, start)
    before = c.text[paragraph:start]
    if (len(countries) != 1 or any(w in before for w in c.lex.words("own_country_words"))
            or c.pats.place.search(before) or c.pats.anchor_place.search(before)):
        return titles
    return [Title(t.mention, t.role, OrgRef(countries[0] + _as_written(t), t.org.org_type, None, ()),
                  countries[0]) for t in titles]


def _as_written(title: Title) -> str:
    """The name of a title's body as the title writes it (最高法院 of 最高法院院长), else its
    label (外交部 of 外长)."""
    names = sorted((title.org.label, *title.org.aliases), key=len, reverse=True)
    return next((n for n in names if title.mention.text.startswith(n)), title.org.label)
