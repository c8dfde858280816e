"""The titles of a chain: the first, ending with a role and preceded by the
bodies it is shared with, and each one after it (、 or 兼), with the body the
text names, the role implies or the chain is about."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kg.extract.clause import MAX_ORG_CHARS, Clause, Role, level_governed, place_role, word_ends_at
from kg.extract.foreign import (bare_foreign_head, foreign_body, foreign_chamber, foreign_listed,
                                foreign_local, foreign_next, foreign_twin, joined_ministry,
                                minister_title)
from kg.extract.orgs import (MIN_UNANCHORED_CHARS, Parsed, government, implied_org, parse_org,
                             pick_place, units_of)
from kg.lang.patterns import PUNCTUATION
from kg.model import OrgRef, Place, Title, TitleChain

# the longest body word looked for right before a role whose body went unread
# (联盟, 委员会, 办公室)
MAX_BODY_WORD = 5
# a unit inside a chain (法律委员会) is short, and its stem is two characters at
# least: a one-character stem names no body of its own
MAX_UNIT_CHARS = 8
MIN_UNIT_STEM = 2
# the longest mission between a body and an envoy's role (结核病和艾滋病防治, 促进女童和妇女教育)
MAX_MISSION_CHARS = 12
# bodies of a place, whose place a bare title after them is in (厦门市委常委、副市长);
# after another body (济南军区司令员、党委副书记) a bare title is that body's
PLACE_BODIES = frozenset({"party-committee", "government", "peoples-congress", "cppcc",
                          "discipline-commission"})


@dataclass(frozen=True)
class Seek:
    """A role whose first title is looked for, and what the sentence read before it."""

    role: Role
    floor: int                     # where the chain before it ended
    inherit: TitleChain | None     # the chain it shares a body with (…常务副主席周铁农，副主席…)
    previous: TitleChain | None    # the chain before it in the sentence


FirstReader = Callable[[Clause, Seek], list[Title] | None]


def first_titles(c: Clause, role: Role, floor: int, inherit: TitleChain | None,
                 previous: TitleChain | None = None) -> list[Title]:
    """The title that ends with `role`, preceded by the bodies it is shared
    with: 中共中央台湾工作办公室、国务院台湾事务办公室主任 → two posts.

    The readers of FIRST_READERS are tried in their order; the last always reads."""
    seek = Seek(role, floor, inherit, previous)
    return next(found for _name, reader in FIRST_READERS if (found := reader(c, seek)) is not None)


def _inherited_party_body(c: Clause, seek: Seek) -> list[Title] | None:
    """区人大常委会党组书记季晓春,党组副书记陈育群: a bare 党组 (or 党委) right after the
    chain it shares a body with is that chain's party group again."""
    before = seek.previous
    inherited = before.titles[-1].org if before is not None else None
    if inherited is None:
        return None
    for word in c.lex.words("own_party_bodies"):
        start = seek.role.start - len(word)
        gap = c.text[before.end:start] if start > before.end else ""
        if (c.text.startswith(word, start) and gap and all(ch in c.w.separators for ch in gap)
                and inherited.label.endswith(word)):
            return [Title(c.mention(start, seek.role.end, "role"), seek.role.role, inherited, None)]
    return None


def _listed_after_foreign(c: Clause, seek: Seek) -> list[Title] | None:
    listed = foreign_listed(c, seek.role, seek.previous)
    return [listed] if listed is not None else None


def _named_body(c: Clause, seek: Seek) -> list[Title] | None:
    """The body the text names before the role (with the bodies listed before
    it), or a minister with a portfolio after a country."""
    text, role, floor = c.text, seek.role, seek.floor
    lowest = max(floor, role.start - MAX_ORG_CHARS)
    term = c.pats.term_gloss.search(text, lowest, role.start)
    org_end = term.start() if term else role.start  # 中华全国工商业联合会（第九届）执行委员
    if org_end - 1 > lowest and text[org_end - 1] in c.w.former_between:
        org_end -= 1  # 美国前总统, 国务院原副总理: held before (see _chains_in)
    acting = next((w for w in c.w.acting_words if text.endswith(w, lowest, org_end)), "")
    if org_end - len(acting) > lowest:
        org_end -= len(acting)  # 以色列代理外长卡茨: the post is held, acting
    for loose in (False, True):  # units alone (研究所|研究部) only where nothing else fits
        for start in range(lowest, org_end):
            if text[start] in PUNCTUATION or not c.tokens.starts_at(start):
                continue  # a body's name starts a word: not 西区 inside 广西|区政府
            if loose and not (start == c.sent.start or text[start - 1] in c.w.opens
                              or text.startswith(c.w.china, start)):
                continue  # only these anchors are new in the loose reading
            parsed = parse_org(text, start, org_end, c.lang, c.context, None, loose)
            if parsed is None:
                minister = None if loose else minister_title(c, start, role)
                if minister is not None:
                    return [minister]
                continue
            org, place, country = parsed
            if org is not None and org.level and word_ends_at(c, start):
                continue  # 温岭|县人民政府: a place the gazetteer names otherwise now (温岭市)
            if org is None and country and not place_role(role, c.lang):
                org = foreign_body(c, role, country)  # 俄罗斯外长 → 俄罗斯外交部部长
            elif org is not None and country is None and org.place is None:
                twin = foreign_twin(c, org, start)
                if twin is not None:
                    org, country = twin
            if org is None and (place is None and not country or not place_role(role, c.lang)):
                continue
            title = _title(c, start, role, org, place, country, None)
            return [*_shared_bodies(c, start, role, floor), title]
    return None


def _envoy_with_mission(c: Clause, seek: Seek) -> list[Title] | None:
    """世界卫生组织结核病和艾滋病防治亲善大使, 联合国艾滋病规划署拉美区特别亲善大使: an
    envoy's role (phrases.yaml mission_roles) after a body and the mission or region it is
    sent for; the role keeps its mission, the post is named with it."""
    mission = _mission_title(c, seek.role, range(max(seek.floor, seek.role.start - MAX_ORG_CHARS),
                                                 seek.role.start - 1))
    return [mission] if mission is not None else None


def _mission_title(c: Clause, role: Role, starts: range) -> Title | None:
    """An envoy's title whose body starts at one of `starts`, the first that reads."""
    text = c.text
    if role.word not in c.w.mission_roles:
        return None
    for start in starts:
        if not c.tokens.starts_at(start) or text[start] in PUNCTUATION:
            continue
        # units alone (中国|政府) where a phrase starts, as _named_body's loose reading
        loose = (start == c.sent.start or text[start - 1] in c.w.opens
                 or text.startswith(c.w.china, start))
        for end in range(role.start - 1, max(start, role.start - MAX_MISSION_CHARS - 1), -1):
            mission = text[end:role.start]
            if any(ch in PUNCTUATION or ch in c.w.stop_in_org and ch not in c.w.mission_joiners
                   for ch in mission):
                break
            parsed = parse_org(text, start, end, c.lang, c.context, None, loose)
            if parsed is not None and parsed[0] is not None:
                return Title(c.mention(start, role.end, "role"), mission + role.role,
                             parsed[0], parsed[2])
    return None


def _foreign_place(c: Clause, seek: Seek) -> list[Title] | None:
    local = foreign_local(c, seek.role, seek.floor)
    return [local] if local is not None else None


def _foreign_chamber(c: Clause, seek: Seek) -> list[Title] | None:
    chamber = foreign_chamber(c, seek.role, seek.floor)
    return [chamber] if chamber is not None else None


def _place_pointed_at(c: Clause, seek: Seek) -> list[Title] | None:
    this = _this_place(c, seek.role, seek.floor)
    return [this] if this is not None else None


def _unread_body(c: Clause, seek: Seek) -> list[Title] | None:
    """进步联盟总书记: the role of a body we could not read, not the one it
    implies (but 、政府副市长 is the bare government's): a title with no body."""
    text, role = c.text, seek.role
    end = role.start - next((len(q) for q in c.lex.words("role_qualifiers")
                             if text.endswith(q, c.sent.start, role.start)), 0)
    ends = (*c.lex.org_suffixes, *c.lex.words("unread_body_ends"))
    if any(text[end - k:end] in ends
           and text[end - k - 1] not in c.w.stop_in_org
           and text[end - k - 1] not in PUNCTUATION
           for k in range(1, MAX_BODY_WORD + 1)
           if end - k - 1 >= max(seek.floor, c.sent.start)) or _after_a_gloss(c, end):
        # … 民主阵线|总书记, 人民联盟|联合|总书记, 印度共产党(马克思主义)|总书记
        return [Title(c.mention(role.start, role.end, "role"), role.role, None, None)]
    return None


def _after_a_gloss(c: Clause, end: int) -> bool:
    """Whether a bracketed gloss to a name ends at `end`: 印度共产党(马克思主义)| (a name right
    before the bracket opens), not a credit in brackets before the clause ((记者张三)|)."""
    closer = c.text[end - 1] if end > c.sent.start else ""
    if closer not in c.lex.words("gloss_closers"):
        return False
    opened = max(c.text.rfind(o, c.sent.start, end) for o in c.lex.words("gloss_openers"))
    return opened > c.sent.start and c.text[opened - 1] not in PUNCTUATION and (
        c.text[opened - 1] not in c.w.stop_in_org)


def _implied_body(c: Clause, seek: Seek) -> list[Title]:
    role = seek.role
    if role.start > c.sent.start and c.text[role.start - 1:role.end] in c.lex.role_rows:
        # 党的副总书记: a role of its own one character longer, whose body is not named, is
        # not the shorter one's (总书记 implies the CPC's, 副总书记 nothing)
        return [Title(c.mention(role.start - 1, role.end, "role"), c.text[role.start - 1:role.end],
                      None, None)]
    return [_title(c, role.start, role, None, None, None, seek.inherit)]


# The first title's readers, tried in this order until one reads.
FIRST_READERS: tuple[tuple[str, FirstReader], ...] = (
    # a bare party group after the chain whose party group it is: no place's committee
    ("party group inherited", _inherited_party_body),
    # before any body the text names: such a body has no anchor and would be read as China's
    ("listed after a foreign holder", _listed_after_foreign),
    # a body the text names is the surest reading
    ("body named", _named_body),
    # ... or one with an envoy's mission between it and the role (…组织结核病和艾滋病防治亲善大使)
    ("envoy with a mission", _envoy_with_mission),
    # where none is named: a foreign city or region the gazetteer lacks (里昂市市长)
    ("foreign place", _foreign_place),
    # ... a legislature only other countries have (联邦委员会主席)
    ("foreign chamber", _foreign_chamber),
    # ... a pointer to a place named before (该市市长)
    ("this place", _place_pointed_at),
    # a body's last word right before the role: its body went unread, so it implies none
    ("unread body", _unread_body),
    # else the body the role implies, inherits or names before (副区长, 总理; always reads)
    ("implied body", _implied_body),
)


def next_title(c: Clause, last: Title, roles: list[Role]) -> Title | None:
    """The title after `last` in a chain (after 、 or 兼), if any: for the first
    role within reach, the readers of NEXT_READERS in their order."""
    pos = last.mention.end
    if pos < c.sent.end and c.text[pos] in c.w.chain_joiners:
        pos += 1
    for role in roles:
        if role.start < pos or role.start - pos > MAX_ORG_CHARS:
            continue
        parsed = (parse_org(c.text, pos, role.start, c.lang, c.context, last.org)
                  if role.start > pos else None)
        for _name, reader in NEXT_READERS:
            found = reader(c, last, pos, role, parsed)
            if found is not None:
                return found
    return None


def sent_by(c: Clause, last: Title, nxt: Title) -> Title | None:
    """菲律宾总统特使裴瑞兹, 越共中央总书记特使: an envoy's role right after a title, with no
    joiner between, is the envoy of that title's holder: one post (菲律宾总统特使), not the
    title itself and an envoy's."""
    if (nxt.mention.start != last.mention.end or last.org is None
            or nxt.role not in c.w.mission_roles):
        return None
    return Title(c.mention(last.mention.start, nxt.mention.end, "role"), last.role + nxt.role,
                 last.org, last.country)


NextReader = Callable[[Clause, Title, int, Role, Parsed], Title | None]


def _bare_role(c: Clause, last: Title, pos: int, role: Role, parsed: Parsed) -> Title | None:
    return _bare_in_chain(c, pos, role, last) if role.start == pos else None


def _next_named_body(c: Clause, last: Title, pos: int, role: Role, parsed: Parsed) -> Title | None:
    if parsed is None:
        return None
    org, place, country = parsed
    if org is None and not place_role(role, c.lang):
        return None
    if last.country and country is None and org is not None and org.place is None:
        # 马来西亚副总理兼财政部长: the ministry is Malaysia's, not China's
        country = last.country
        org = OrgRef(country + org.label, "government-department", None, ())
    return _title(c, pos, role, org, place, country or None, None)


def _next_foreign_place(c: Clause, last: Title, pos: int, role: Role, parsed: Parsed) -> Title | None:
    if not _unparsed_after_joiner(c, pos, role, parsed):
        return None
    return foreign_local(c, role, pos)  # 阿尔萨斯大区区长兼下莱茵省省长


def _next_unit(c: Clause, last: Title, pos: int, role: Role, parsed: Parsed) -> Title | None:
    if not _unparsed_after_joiner(c, pos, role, parsed):
        return None
    return _unit_of(c, last, pos, role)  # 全国人大常委会委员、法律委员会副主任委员


def _unparsed_after_joiner(c: Clause, pos: int, role: Role, parsed: Parsed) -> bool:
    """No organisation phrase reads before the role, right after 、 or 兼."""
    return role.start > pos and parsed is None and c.text[pos - 1] in c.w.chain_joiners


def _next_foreign_body(c: Clause, last: Title, pos: int, role: Role, parsed: Parsed) -> Title | None:
    if not _unparsed_after_joiner(c, pos, role, parsed):
        return None
    return foreign_next(c, last, pos, role, chained=True)  # 朝鲜劳动党委员长、国务委员会委员长


def _next_envoy(c: Clause, last: Title, pos: int, role: Role, parsed: Parsed) -> Title | None:
    if not _unparsed_after_joiner(c, pos, role, parsed):
        return None
    return _mission_title(c, role, range(pos, pos + 1))  # …亲善大使、联合国教科文组织…特使


def _next_joined_ministry(c: Clause, last: Title, pos: int, role: Role, parsed: Parsed
                          ) -> Title | None:
    return joined_ministry(c, last, pos, role) if parsed is None else None


def _own_party_body(c: Clause, last: Title, pos: int, role: Role, parsed: Parsed) -> Title | None:
    """文化部副部长、党组副书记 → 文化部党组; 济南军区司令员、党委副书记 →
    济南军区党委, 国务院总理、党组书记 → 国务院党组: a bare party group after a
    body's post is that body's. After a place's body the place's own reading stands."""
    parent = last.org
    word = c.text[pos:role.start]
    if (parent is None or last.country
            or parent.org_type in PLACE_BODIES and parent.place is not None or word not in c.lex.words("own_party_bodies")):
        return None
    kind = c.lex.org_suffixes[word][1] or c.lex.org_suffixes[word][0]
    org = OrgRef(parent.label + word, kind, parent.place,
                 tuple(a + word for a in parent.aliases), parent)
    return Title(c.mention(pos, role.end, "role"), role.role, org, None)


def _next_unanchored(c: Clause, last: Title, pos: int, role: Role, parsed: Parsed) -> Title | None:
    """中央纪委副书记、监察部部长、纪律检查体制改革专项小组副组长黄树贤: a body with no
    anchor after the joiner, that is no unit of the body before it, is named as written."""
    if not _unparsed_after_joiner(c, pos, role, parsed) or last.country:
        return None
    surface = c.text[pos:role.start]
    # its last word a body's (领导小组), the stem before it any length: 推动长江经济带发展
    suffix = max((surface[-k:] for k in range(1, min(MAX_BODY_WORD, len(surface) - MIN_UNIT_STEM) + 1)
                  if surface[-k:] in c.lex.org_suffixes), key=len, default=None)
    if (suffix is None or len(surface) < MIN_UNANCHORED_CHARS or surface[0] in c.w.pointers
            or any(ch in c.w.stop_in_org or ch in c.w.not_in_unanchored or ch in PUNCTUATION
                   for ch in surface)
            or c.pats.ordinal.search(c.text, pos, role.start)):
        return None  # 发展中国家科学院新一届院长: a term of office is no part of a body's name
    org = OrgRef(surface, c.lex.org_suffixes[suffix][0], None, ())
    return Title(c.mention(pos, role.end, "role"), role.role, org, None)


# The readers of a chain's next title, tried in this order for each role within reach.
NEXT_READERS: tuple[tuple[str, NextReader], ...] = (
    # a role right after the joiner has no body of its own (…党组书记、部长)
    ("bare role", _bare_role),
    # before any body named: a bare 党组 would read as the place's party committee
    ("own party body", _own_party_body),
    # a body the text names before the role
    ("body named", _next_named_body),
    # where none reads: a foreign city or region the gazetteer lacks
    ("foreign place", _next_foreign_place),
    # ... or an envoy's, with its mission (…亲善大使、联合国教科文组织促进女童和妇女教育特使)
    ("envoy with a mission", _next_envoy),
    # ... or a foreign ministry of portfolios joined by 、 or 和 (…兼经济、能源部长)
    ("joined portfolios", _next_joined_ministry),
    # ... or a body of the foreign country the chain is about (…、国务委员会委员长)
    ("foreign country's body", _next_foreign_body),
    # ... or a unit of the body before it (…常委会委员、法律委员会副主任委员)
    ("unit of the last body", _next_unit),
    # ... or else a body of its own, named as written (…、推动长江经济带发展领导小组组长)
    ("body with no anchor", _next_unanchored),
)


def _title(c: Clause, start: int, role: Role, org: OrgRef | None, place: Place | None,
           country: str | None, inherit: TitleChain | None) -> Title:
    if org is None:
        if place is not None or country:
            org = government(place, country, c.lang)  # 河南省省长, 法国总统
        else:
            inherited = inherit.titles[-1] if inherit is not None else None
            abroad_country = inherited.country if inherited is not None else None
            if abroad_country and role.role in c.lex.head_roles:
                # 法国总统希拉克和总理若斯潘: the second head is France's too
                country = abroad_country
                org = government(None, country, c.lang)
            elif abroad_country and (abroad := foreign_body(c, role, abroad_country)) is not None:
                # 俄罗斯总统普京、外长拉夫罗夫: the minister is Russia's, not China's
                org, country = abroad, abroad_country
            else:
                org = (implied_org(role.word, c.lang, c.context)
                       or (inherited.org if inherited is not None else None)
                       or _named_before(c, role))
                country = None if org is not None else bare_foreign_head(c, role)
                if country:
                    org = government(None, country, c.lang)  # 首相卡梅伦, Britain named before
    return Title(c.mention(start, role.end, "role"), role.role, org, country)


def _named_before(c: Clause, role: Role) -> OrgRef | None:
    """济宁市公安局建立局长接访制度，这是局长朱献海: a head (局长) of the body
    of that kind named last before it in the sentence."""
    if len(role.role) < 2 or not role.role.endswith(c.w.head_char):
        return None
    kind = role.role[-2]
    for org, mention in reversed(c.orgs):
        if mention.end <= role.start and org.label.endswith(kind):
            return org
    return None


def _this_place(c: Clause, role: Role, floor: int) -> Title | None:
    """在波尔多市与该市市长朱佩会见: 该市 (该省, 该县) is the last place of that
    level named before it in the sentence."""
    level = level_governed(c, role)
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
        place = pick_place(c.pats.anchor_places[last.group()], c.context, c.lang)
        if place is not None:
            org = government(place, None, c.lang)
            return Title(c.mention(start, role.end, "role"), role.role, org, None)
    at = text.rfind(level, c.sent.start, start)
    if at < 0 or (last is not None and last.end() > at):
        return None
    named = foreign_local(c, Role(at + 1, at + 1 + len(role.word), role.word, role.role),
                           c.sent.start, fake_end=at + 1)
    if named is None:
        return None
    return Title(c.mention(start, role.end, "role"), role.role, named.org, named.country)


def _shared_bodies(c: Clause, start: int, role: Role, floor: int) -> list[Title]:
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


def _unit_of(c: Clause, last: Title, pos: int, role: Role) -> Title | None:
    """A body with no anchor inside a chain is a unit of the body before it:
    全国人大常委会委员、法律委员会副主任委员 → 全国人大常委会法律委员会."""
    parent = last.org
    if parent is None or last.country or parent.org_type == "government" and parent.place:
        return None
    units = units_of(c.text, pos, role.start, c.lang)
    office = bool(units) and not units[0][0] and units[0][1] in c.lex.words("office_units")
    if office and parent.parent is not None and parent.label.endswith(
            tuple(c.lex.words("own_party_bodies"))):
        parent = parent.parent  # 县政协党组成员、办公室主任: the office is 县政协's, not its 党组's
    if (not units or len(units[0][0]) < MIN_UNIT_STEM and not office
            or role.start - pos > MAX_UNIT_CHARS
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


def _bare_in_chain(c: Clause, pos: int, role: Role, last: Title) -> Title:
    """A role with no body inside a chain: its own body (副省长 → the province's
    government), else the body the chain is about (文化和旅游部党组书记、部长 →
    文化和旅游部部长: the party group's parent)."""
    mention = c.mention(pos, role.end, "role")
    if last.country and role.role in c.lex.head_roles:
        return Title(mention, role.role, government(None, last.country, c.lang), last.country)
    abroad = foreign_body(c, role, last.country) if last.country else None
    if abroad is not None and abroad.org_type == "government":
        # 老挝人民革命党中央总书记、国家主席本扬: the head of Laos, named as written
        return Title(mention, role.word, government(None, last.country, c.lang), last.country)
    if abroad is not None:  # 缅甸总统特使、外交部长: Myanmar's foreign minister
        return Title(mention, role.role, abroad, last.country)
    org = implied_org(role.word, c.lang, c.context)
    if org is None and last.org is not None:
        org = last.org
        if org.org_type == "party-committee" and org.parent is not None:
            org = org.parent
    return Title(mention, role.role, org, last.country)
