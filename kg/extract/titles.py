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

Each step tries named readers in an order that is data: a chain's first title
(posts.FIRST_READERS), each title after it (posts.NEXT_READERS) and who holds
the chain (HOLDER_READERS below). Other countries' officials are read in
foreign.py, names before a title in holders.py, the sentence and its role
words in clause.py; the words they look for are in kg/data/phrases.yaml.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from kg.extract.clause import Clause, Role, roles_in, word_ends_at
from kg.extract.foreign import head_after_foreign_name, held_abroad
from kg.extract.holders import (body_follows, chinese_name, elected_names, leader_before,
                                moved_from, name_before, name_before_copula, subject_before_you)
from kg.extract.orgs import town_at
from kg.extract.posts import first_titles, next_title, sent_by
from kg.extract.names import person_names
from kg.lang.language import Language
from kg.lang.patterns import MAX_TOWN_STEM
from kg.lang.words import Words
from kg.model import (AnnotatedDocument, Document, Mention, OrgRef, Place, PostHolding, PostRef,
                      Sentence, Title, TitleChain, Tokens)

# what may stand between two chains sharing a body: a separator and one more (，和)
MAX_GAP = 2


def titles(adoc: AnnotatedDocument, lang: Language) -> AnnotatedDocument:
    """Stage: title chains and who holds them; posts held by nobody named.

    Reads: doc, sentences, tokens, context, organizations. Adds: chains, organizations,
    holdings, posts.

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
    elif org.org_type == "government" and org.level and title.role.endswith(
            org.level + w.head_char):
        # ... and where the place is unresolved, by the role that names its level: 副县长
        aliases = (label, *aliases)
        label = title.role
    # an envoy's post is named with its mission, its role is the envoy's (…防治|亲善大使)
    role = max((r for r in w.mission_roles if title.role.endswith(r)), key=len, default=title.role)
    return PostRef(role, org, label, tuple(dict.fromkeys(a for a in aliases if a != label)))


def find_title_chains(doc: Document, sentences: tuple[Sentence, ...], tokens: Tokens,
                      lang: Language, context: list[Place], orgs: list[tuple[OrgRef, Mention]] = ()
                      ) -> tuple[list[TitleChain], list[Title]]:
    """Title chains with the names that hold them, and titles held by nobody
    as of the report (former posts), sentence by sentence.

    A title whose body's place the report does not name (县委书记 in a report
    naming no county) keeps the body with its place unresolved (OrgRef.level);
    a title with no body at all is dropped: a post without its organisation is
    no fact.
    """
    chains: list[TitleChain] = []
    unheld: list[Title] = []
    places_of = sentence_places(doc, sentences, tokens, context, lang)
    for sent in sentences:
        if not lang.patterns.role.search(doc.text, sent.start, sent.end):
            continue
        here = [(o, m) for o, m in orgs if m.sentence == sent.index]
        c = Clause(doc, sent, tokens, places_of(sent), here, lang)
        for chain, former in _chains_in(c):
            kept = tuple(t for t in chain.titles if t.org is not None
                         and not (t.org.level and (former or _doubtful(c, t.mention.start)))
                         and not (former and _implied_abroad(c, t)))
            if not kept:
                continue
            if former:
                unheld.extend(kept)
            else:
                chains.append(TitleChain(kept, chain.names, chain.sentence, chain.end,
                                         chain.elected))
    return chains, unheld


def sentence_places(doc: Document, sentences: tuple[Sentence, ...], tokens: Tokens,
                    context: list[Place], lang: Language) -> Callable[[Sentence], list[Place]]:
    """The places a sentence's titles are read in: the towns it names (the last
    first), the town the report is about, the report's context, the town named
    last before it."""
    towns = _towns(doc.text, tokens, context, lang)
    lead = _lead_town(towns, sentences)

    def places(sent: Sentence) -> list[Place]:
        named = [t for start, t in towns if sent.start <= start < sent.end][::-1]
        # 镇党委 in a later sentence is the town named last before it; a bare 纪委 is
        # the county's, unless the report is about the town (板浦镇召开…: see _lead_town)
        before = [t for start, t in towns if start < sent.start][-1:]
        return list(dict.fromkeys(named + lead + context + before))
    return places


def _towns(text: str, tokens: Tokens, context: list[Place],
           lang: Language) -> list[tuple[int, Place]]:
    """Towns the report names, with where: 初到公明镇，…镇长麦达通 is 公明镇's.

    A town is a word ending in 镇 or 乡 (公明镇, 马乡), with the one-character
    words jieba split off before it (后|沙峪镇 is 后沙峪镇, but 初到|公明镇 is 公明镇),
    or a 镇 or 乡 jieba split off a name it does not know (颛桥|镇, 吴泾|镇党委), where
    the report writes that name with it more than once or right after its county
    (泗洪县|双沟|镇): not 之后|镇|企业服务中心.
    """
    found = []
    for start, end in tokens:
        split = text[start] in lang.words.town_levels and (
            end - start == 1 or lang.patterns.org.fullmatch(text, start, end) is not None)
        if split:
            before, end = tokens.start_of(start), start + 1
            if before is None or not 1 < start - before <= MAX_TOWN_STEM:
                continue
            county = tokens.start_of(before)
            if (text.count(text[before:end]) < 2 and not (
                    county is not None and text[county:before] in lang.lexicon.gazetteer.by_name)):
                continue
            start = before
        elif end - start < 2 or text[end - 1] not in lang.words.town_levels:
            continue
        while (not split and (before := tokens.start_of(start)) is not None and start - before == 1
               and end - before <= MAX_TOWN_STEM + 1 and text[before] not in lang.words.stop_in_org):
            start = before
        town = town_at(text, start, end, context, lang)
        if town is not None and len(town.name) == end - start:
            found.append((start, town))
    return sorted(found, key=lambda item: item[0])


def _doubtful(c: Clause, start: int) -> bool:
    """A body left unresolved in a title at `start` is most likely another's, not read,
    and is dropped rather than kept as some unnamed place's: where the sentence names a
    place before it (在文昌担任市委书记, 张家口崇礼县副县长), where a word ends right
    before it (里约|市长, 马萨诸塞州|前州长), or where the title starts inside a word
    (石渠|县长|沙贡玛乡)."""
    return (not c.tokens.starts_at(start) or word_ends_at(c, start)
            or any(c.tokens.starts_at(m.start())
                   for m in c.pats.anchor_place.finditer(c.text, c.sent.start, start)))


def _implied_abroad(c: Clause, title: Title) -> bool:
    """澳大利亚总理特恩布尔…他将继续担任总理一职: a bare role, its body only implied (国务院),
    after another country is named in the sentence, is likely that country's: held by nobody
    named, it is no post of China's to keep."""
    return (title.mention.text in c.lex.role_rows and not title.country
            and any(m.group() != c.w.china
                    for m in c.pats.country.finditer(c.text, c.sent.start, title.mention.start)))


def _lead_town(towns: list[tuple[int, Place]], sentences: tuple[Sentence, ...]) -> list[Place]:
    """The town a report is about: the one its first sentence names (8月23日,板浦镇召开…),
    as a list of none or one."""
    if not sentences:
        return []
    first = sentences[0]
    return [town for start, town in towns if first.start <= start < first.end][:1]


def _adjoins(text: str, start: int, end: int, w: Words) -> bool:
    """Only a separator (and a rank or 同志) lies between two chains:
    民革中央常务副主席周铁农，名誉副主席贾亦斌 — the second shares the first's body."""
    gap = text[start:end]
    for word in w.gap_words:
        gap = gap.replace(word, "")
    return 0 < len(gap) <= MAX_GAP and all(c in w.separators for c in gap)


def _same_role_again(c: Clause, previous: TitleChain, role: Role) -> bool:
    """县人大常委会副主任陈德汉主持会议,副主任邓华明、胡维英参加会议: a role starting a
    clause, the same as (or the deputy of) the one of the chain before it in the
    sentence, is that body's again."""
    before = previous.titles[-1]
    if before.org is None or role.start <= c.sent.start or c.text[role.start - 1] not in c.w.separators:
        return False
    return role.role in (before.role, *(prefix + before.role for prefix in c.lex.words("deputy_prefixes")))


def _chains_in(c: Clause) -> list[tuple[TitleChain, bool]]:
    """(chain, former) for each chain in the sentence."""
    text, sent, w = c.text, c.sent, c.w
    roles = roles_in(text, sent.start, sent.end, c.lang)
    out: list[tuple[TitleChain, bool]] = []
    floor = sent.start
    previous: TitleChain | None = None
    for role in roles:
        if role.start < floor:
            continue
        elected = role.start > sent.start and text[role.start - 1] == w.elected
        inherit = previous if previous is not None and (
            (elected and previous.elected) or _adjoins(text, previous.end, role.start, w)
            or _same_role_again(c, previous, role)) else None
        after_name = leader_before(c, role, floor) or head_after_foreign_name(c, role, floor)
        if after_name is not None:
            out.append((after_name, False))
            previous = after_name
            floor = after_name.end
            continue
        titles = first_titles(c, role, floor, inherit, previous)
        if titles[0].org is None:
            continue  # a role no body can be found for: maybe a longer reading (教育部|部长) has one
        while True:
            nxt = next_title(c, titles[-1], roles)
            if nxt is None:
                break
            envoy = sent_by(c, titles[-1], nxt)
            if envoy is not None:
                titles[-1] = envoy
            else:
                titles.append(nxt)
        start = titles[0].mention.start
        former = text.endswith(w.former, sent.start, start) or (
            len(titles) == 1 and role.start > start and text[role.start - 1] in w.former_between
            and titles[0].mention.end == role.end)
        names, by_election = next(((found, elects) for _name, reader, elects in HOLDER_READERS
                                   if (found := reader(c, titles, role))), ([], False))
        titles = held_abroad(c, titles, names)
        if not names and (former or moved_from(c, start, titles[-1].mention.end)
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


HolderReader = Callable[[Clause, list[Title], Role], list[Mention]]


def _names_after(c: Clause, titles: list[Title], role: Role) -> list[Mention]:
    foreign = any(t.country for t in titles)
    if c.text.startswith(c.lex.words("title_compounds"), titles[-1].mention.end):
        return []  # 首相|官邸前: the building of the post, not its holder
    names = person_names(c.doc, titles[-1].mention.end, c.sent, c.tokens, c.lex, c.pats,
                         foreign=foreign)
    last = titles[-1].org
    if not names and not foreign and last is not None and _of_no_country(last):
        # 国际货币基金组织总裁拉加德, 上海合作组织秘书长阿利莫夫: after the title of a body of
        # no country, a name of transliteration characters is read as after a foreign title
        # where no surname's reading found one (…总指挥部总指挥回良玉 too: 回 is no surname of
        # surnames.txt)
        names = person_names(c.doc, titles[-1].mention.end, c.sent, c.tokens, c.lex, c.pats,
                             foreign=True)
    if (not names and not foreign and last is not None and last.place is not None
            and last.org_type != "other"):
        # 贡嘎县县长次仁: after a title of a place of China's, a name with no surname (Tibetan,
        # Mongolian …) where the tagger reads one; not after a national title, which another
        # country's holder may follow bare (国防部长帕内塔)
        names = person_names(c.doc, titles[-1].mention.end, c.sent, c.tokens, c.lex, c.pats,
                             unsurnamed=True)
    # 区委书记强调了…: a word that follows names (强调, 出席) starts none
    followers = [w for w in c.lex.words("name_followers") if len(w) > 1]
    names = [n for n in names if not body_follows(c, n.end)
             and not n.text.startswith(tuple(followers))]
    # 行政长官崔世安、国家发展和改革委员会主任何立峰: a national body's name ends the list, and
    # so does a country's (马里驻华大使科内、特立尼达和多巴哥驻华大使辛格: not 特立尼达)
    body_starts = next((i for i, n in enumerate(names) if c.pats.national.match(c.text, n.start)
                        or _country_beyond(c, n)), len(names))
    names = names[:body_starts]
    first = titles[0]
    if first.org is not None and first.org.label == c.w.state_council \
            and first.mention.text == role.word:
        # 巴总理谢里夫: a bare 总理 before a foreign name is not China's
        names = [n for n in names if chinese_name(c, n.start, n.end)]
    return names


def _of_no_country(org: OrgRef) -> bool:
    """A body of no place or level that is no government's or party's: an international
    one, or an institute or paper (whose heads a Chinese name reads first)."""
    return org.org_type == "other" and org.place is None and not org.level


def _country_beyond(c: Clause, name: Mention) -> bool:
    """A country's name starts where the name does and runs past it."""
    m = c.pats.country.match(c.text, name.start, c.sent.end)
    return m is not None and m.end() > name.end


def _names_elected(c: Clause, titles: list[Title], role: Role) -> list[Mention]:
    return elected_names(c, titles[0].mention.start)


def _name_right_before(c: Clause, titles: list[Title], role: Role) -> list[Mention]:
    before = name_before(c, titles[0]) if len(titles) == 1 else None
    return [before] if before is not None else []


def _name_before_copula(c: Clause, titles: list[Title], role: Role) -> list[Mention]:
    before = name_before_copula(c, titles)
    return [before] if before is not None else []


def _name_that_moved(c: Clause, titles: list[Title], role: Role) -> list[Mention]:
    start = titles[0].mention.start
    if not c.text.endswith(c.w.moved_to, c.sent.start, start):
        return []
    return subject_before_you(c, start)


# Who holds a chain: the first of these readers that finds names, in this order;
# the third element says the names were elected to it.
HOLDER_READERS: tuple[tuple[str, HolderReader, bool], ...] = (
    # the names right after the titles (区委书记张健) are the usual and surest reading
    ("names after", _names_after, False),
    # 选举马思忠为自治区政协主席: the names before 为
    ("elected", _names_elected, True),
    # 李鹏委员长: a name right before a lone title that may follow one
    ("name before", _name_right_before, False),
    # 肖更民由…调任公明镇党委书记: the name before 由, after a verb of moving
    ("moved", _name_that_moved, False),
    # 黄明山是吉潭镇镇长。: the name before the copula, the titles ending the clause
    ("copula", _name_before_copula, False),
)
