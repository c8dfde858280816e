"""Title chains on snippets modelled on real reports (People's Daily style).

Each case is a pattern the recogniser must read; the expected holdings are
(name, post label). The development gold in tests/gold/dev scores the same
rules on real corpus sentences (kg eval tests/gold/dev).
"""

from __future__ import annotations

import pytest

from kg.extract.pipeline import extract
from kg.text.document import make_document


def holdings(text: str) -> set[tuple[str, str]]:
    x = extract(make_document(text, doc_id="t", path="t.txt"))
    return {(h.person.text, h.post.label) for h in x.holdings}


CASES = [
    # chain with 、 and 兼, bare role in a chain implied by the role
    ("中央军委副主席、国务委员兼国防部长迟浩田上将今晚会见了客人。",
     {("迟浩田", "中央军委副主席"), ("迟浩田", "国务院国务委员"), ("迟浩田", "国防部部长")}),
    # 部长 sharing its 部 with the body: 财政部长 → 财政部部长, Malaysia's
    ("马来西亚副总理兼财政部长安瓦尔·易卜拉欣20日晚宣布了决定。",
     {("安瓦尔·易卜拉欣", "马来西亚副总理"), ("安瓦尔·易卜拉欣", "马来西亚财政部部长")}),
    # a province qualifying a county; a unit after a place
    ("广东省文化厅厅长阎宪奇说，山区人民不会被遗忘。", {("阎宪奇", "广东省文化厅厅长")}),
    # two bodies sharing one role
    ("中共中央台湾工作办公室、国务院台湾事务办公室主任陈云林参加了会见。",
     {("陈云林", "中共中央台湾工作办公室主任"), ("陈云林", "国务院台湾事务办公室主任")}),
    # a party group's parent for the bare role after it
    ("文化和旅游部党组书记、部长雒树刚出席。",
     {("雒树刚", "文化和旅游部党组书记"), ("雒树刚", "文化和旅游部部长")}),
    # foreign heads: the second head shares the country
    ("法国总统希拉克和总理若斯潘联名提出了候选人。",
     {("希拉克", "法国总统"), ("若斯潘", "法国总理")}),
    ("俄罗斯外长普里马科夫今天抵达北京。", {("普里马科夫", "俄罗斯外交部部长")}),
    ("日本众议院议长伊藤宗一郎会见了代表团。", {("伊藤宗一郎", "日本众议院议长")}),
    ("瑞典工商大臣安德斯·松德斯特伦一行抵京。", {("安德斯·松德斯特伦", "瑞典工商大臣")}),
    ("中国驻美国大使李肇星出席了招待会。", {("李肇星", "中国驻美国大使")}),
    # a head after a transliterated name, the country named before
    ("会见时，以色列客人说，内塔尼亚胡总理重视两国关系。", {("内塔尼亚胡", "以色列总理")}),
    # title after a name, the body implied by the role
    ("李瑞环首先转达了李鹏委员长的问候。", {("李鹏", "全国人大常委会委员长")}),
    # elected: names before 为, the second title inheriting the first's body
    ("会议选举马思忠（回族）为自治区七届政协主席，任怀祥、周文吉（回族）为副主席。宁夏回族自治区",
     {("马思忠", "宁夏回族自治区政协主席"), ("任怀祥", "宁夏回族自治区政协副主席"),
      ("周文吉", "宁夏回族自治区政协副主席")}),
    # moved: the name before 由 holds the title after 调任; the one after 由 was before
    ("肖更民由广东省深圳市宝安区委办公室副主任调任公明镇党委书记。", {("肖更民", "公明镇党委书记")}),
    # former posts give no holding
    ("齐齐哈尔市原市委书记王树斌出席。", set()),
    # 时任: the post held then, not on the report's date (xwlb 2015)
    ("3年前，时任国家副主席习近平访问俄罗斯时，向时任俄罗斯总统梅德韦杰夫赠送了礼物。", set()),
    # a town the gazetteer lacks, and a bare town head naming it before
    ("初到公明镇，肖更民和镇长麦达通走遍了全镇。深圳市宝安区", {("麦达通", "公明镇镇长")}),
    # the Youth League's committee is not the Party's
    ("共青团四川省委书记黄新初告诉记者。", {("黄新初", "共青团四川省委书记")}),
    # an autonomous region's committee is its 党委
    ("自治区党委常委兼纪委书记曹洪兴介绍了广西纪委的意见。",
     {("曹洪兴", "广西壮族自治区党委常委"), ("曹洪兴", "广西壮族自治区纪委书记")}),
    # a body's name starts a word: not 礼县 inside 崇礼县, a former county (today's 崇礼区)
    ("首先有请张家口崇礼县副县长于有斌致辞。", {("于有斌", "崇礼县副县长")}),
    # bodies of places the text does not name are kept, their places unresolved (issue 12)
    ("省委常委、市委书记纪馨芳深入企业调研。", {("纪馨芳", "省委常委"), ("纪馨芳", "市委书记")}),
    # an acting head keeps 代 in the role; a body listed after a foreign holder is the same country's
    ("泰国代总理他信、审计院长巴蒙出席了仪式。",
     {("他信", "泰国代总理"), ("巴蒙", "泰国审计院院长")}),
    # a bare ministry after the same foreign ministry in the sentence
    ("德国财政部长魏格尔表示，财政部副部长科赫将访华。",
     {("魏格尔", "德国财政部部长"), ("科赫", "德国财政部副部长")}),
    # a national body the lexicon lacks, after 中国; a company's officers
    ("中国城市规划协会副会长柯焕章说，规划要先行。", {("柯焕章", "中国城市规划协会副会长")}),
    ("英国石油公司首席执行官布朗说，油价会回落。", {("布朗", "英国石油公司首席执行官")}),
    # units with no anchor where a clause starts
    ("布鲁金斯学会东北亚研究中心主任卜睿哲说，局势会缓和。",
     {("卜睿哲", "布鲁金斯学会东北亚研究中心主任")}),
    # a caption: a name, then a title with its body
    ("刘建华鄂托克旗交通局局长", {("刘建华", "鄂托克旗交通局局长")}),
    # ... but not a body whose owner is unknown
    ("该公司总经理张立新说，销量会增长。", set()),
    ("管委会主任刘明说，园区会扩大。", set()),
    ("党支部书记李富林带头捐款。", set()),
    # a legislature only other countries have, glossed in brackets: the country named before
    ("俄罗斯总统普京会见了联邦委员会（议会上院）主席米罗诺夫。",
     {("普京", "俄罗斯总统"), ("米罗诺夫", "俄罗斯联邦委员会主席")}),
    # a foreign city the gazetteer does not know, named by its level word
    ("法国总理若斯潘出席，里昂市市长巴尔致辞。", {("若斯潘", "法国总理"), ("巴尔", "里昂市市长")}),
    # a transliterated name longer than the one jieba knows, but not into the next word
    ("美国总统克林顿利用广播讲话。", {("克林顿", "美国总统")}),
    # 该市 is the city named before it
    ("代表团在南京市访问，该市市长王宏民会见了代表团。", {("王宏民", "南京市市长")}),
    # a country in its long form before a minister with a portfolio
    ("沙特阿拉伯王国外交国务大臣朱贝尔说，会谈很成功。", {("朱贝尔", "沙特阿拉伯外交国务大臣")}),
    # China's embassy written with the state's full name; the ambassador's full title
    ("中华人民共和国驻乌克兰特命全权大使潘占林出席。", {("潘占林", "中国驻乌克兰大使")}),
    # 前 between the body and the role: held before
    ("美国前总统卡特今天抵达北京。", set()),
    # bare 人大 is the people's congress of the report's place
    ("聊城市召开大会。人大副主任刘新东出席。", {("刘新东", "聊城市人大副主任")}),
    # a bare 总理 before a foreign name is not the State Council's
    ("巴总理谢里夫出席。", set()),
    ("瓦杰帕伊总理近日宣称，印度不会签署条约。", set()),
    # a short country name the CLDR list lacks
    ("阿联酋外长哈姆丹表示欢迎。", {("哈姆丹", "阿联酋外交部部长")}),
    # a committee listed after its parent's title is the parent's
    ("全国人大常委会委员、财经委员会副主任委员周正平出席。",
     {("周正平", "全国人大常委会委员"), ("周正平", "全国人大常委会财经委员会副主任委员")}),
    # a "name" followed by a body's last word started the body's name
    ("研究报告已经交到商务部部长陈德铭办公桌上。", {("陈德铭", "商务部部长")}),
    # Korean and Japanese ministers: 部|长官 (the later of two crossing roles), 外务省|次官
    ("韩国外交通商部长官朴定洙说，两国关系良好。", {("朴定洙", "韩国外交通商部长官")}),
    ("日本外务省次官柳井俊二说，会谈有成果。", {("柳井俊二", "日本外务省次官")}),
    # a foreign party's leader is not the CPC's (党 ends a body's name)
    ("朝鲜劳动党总书记金正日近日提出方针。", {("金正日", "朝鲜劳动党总书记")}),
    # a country in its long form; 国家 before a ministry, like 中国, is transparent
    ("苏里南共和国总统尤勒斯·韦登博斯今天结束访问。", {("尤勒斯·韦登博斯", "苏里南总统")}),
    ("原国家建设部副部长刘志峰表示，房价会稳定。", set()),
    # a chamber of commerce under a national body
    ("全国工商联房地产商会秘书长钟彬先生发言。", {("钟彬", "全国工商联房地产商会秘书长")}),
    # a country is no name before a head's title
    ("据伊朗通讯社报道，伊朗总统哈塔米会见了客人。", {("哈塔米", "伊朗总统")}),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:12] for c in CASES])
def test_titles_read_real_patterns(text, expected):
    assert holdings(text) == expected


# Sentences the recogniser once read wrongly: the (name, post) it must not
# produce again, None matching any; what it should read is a known miss below.
WRONG = [
    # a "name" followed by a body's last word started the body's name (廉政|委员会)
    ("菲律宾总统廉政委员会主席圭尼贡多宣布。", (None, "菲律宾总统")),
    # the role of a body that could not be read does not fall back to the one it implies
    ("与政府僵持的安纳德拉维达进步联盟总书记贾亚拉莉达称病。", (None, "中共中央总书记")),
    # 兼 starts no name
    ("埃及副总理兼农业和土地开发部长瓦利宣布。", ("兼农业", None)),
]

KNOWN_MISSES = [
    ("菲律宾总统廉政委员会主席圭尼贡多宣布。", {("圭尼贡多", "菲律宾总统廉政委员会主席")},
     "a foreign body named by a country and units (总统廉政委员会) is not read"),
    ("与政府僵持的安纳德拉维达进步联盟总书记贾亚拉莉达称病。",
     {("贾亚拉莉达", "安纳德拉维达进步联盟总书记")},
     "a foreign party with no country named before it is not read"),
]


@pytest.mark.parametrize("text, wrong", WRONG, ids=[c[0][:12] for c in WRONG])
def test_titles_do_not_read_a_wrong_pair(text, wrong):
    def matches(pair):
        return all(want is None or want == got for want, got in zip(wrong, pair))
    assert not [pair for pair in holdings(text) if matches(pair)]


@pytest.mark.parametrize("text, expected", [
    pytest.param(text, expected, marks=pytest.mark.xfail(strict=True, reason=reason), id=text[:12])
    for text, expected, reason in KNOWN_MISSES])
def test_titles_known_misses(text, expected):
    assert holdings(text) == expected


def test_titles_units_are_sub_organisations():
    from kg.graph.rdf import build_graph
    from kg.graph.ns import ORG, RDFS
    from rdflib import Literal
    x = extract(make_document("福州市国税局党组书记、局长方齐连出席。", doc_id="t", path="t.txt"))
    g = build_graph([x])
    unit = next(g.subjects(RDFS.label, Literal("福州市国税局党组", lang="zh-Hans")))
    parent = next(g.objects(unit, ORG.subOrganizationOf))
    assert (parent, RDFS.label, Literal("福州市国税局", lang="zh-Hans")) in g


def test_phrase_words_refuse_unknown_missing_and_repeated_keys(tmp_path):
    from kg.errors import LexiconError
    from kg.lang.datafiles import shipped_data
    from kg.lang.words import read_words
    text = shipped_data().joinpath("phrases.yaml").read_text(encoding="utf-8")

    def read(changed: str):
        (tmp_path / "phrases.yaml").write_text(changed, encoding="utf-8")
        return read_words(tmp_path)

    read(text)
    line = text[:text.index("\nchambers:")].count("\n") + 2
    with pytest.raises(LexiconError, match=f"phrases.yaml:{line}: unknown key 'chamber'"):
        read(text.replace("\nchambers:", "\nchamber:"))
    with pytest.raises(LexiconError, match="missing keys 'chambers'"):
        read(text.replace("\nchambers:", "\n#"))
    with pytest.raises(LexiconError, match=r"phrases.yaml:\d+: china: expected str"):
        read(text.replace("\nchina: 中国", "\nchina: [中国]"))
    with pytest.raises(LexiconError, match=r"phrases.yaml:\d+: former: '时任' again"):
        read(text.replace("\nformer: [时任,", "\nformer: [时任, 时任,"))
    with pytest.raises(LexiconError, match=r"phrases.yaml:\d+: list 'china' again"):
        read(text + "\nchina: 中国\n")


def test_an_embassy_is_a_department_of_its_government():
    # 新闻联播 2013: an ambassador's body is the embassy, of the type org_suffixes.tsv gives 使馆
    x = extract(make_document("坦桑尼亚驻华大使卡哈马向习近平递交国书。", doc_id="t", path="t.txt"))
    (holding,) = [h for h in x.holdings if h.person.text == "卡哈马"]
    assert holding.post.org.label == "坦桑尼亚驻华使馆"
    assert holding.post.org.org_type == "government-department"


@pytest.mark.parametrize("text, expected, wrong", [
    # a country written by its first character is the one the report names that starts with it
    ("俄罗斯总统普京会见了他。此外，贾米勒还表示，他和俄外长拉夫罗夫达成共识，俄方在叙利亚问题上立场没有改变。",
     ("拉夫罗夫", "俄罗斯外交部部长"), ("拉夫罗夫", "外交部部长")),
    ("在哈萨克斯坦期间，韩正还会见了哈总理马明。", ("马明", "哈萨克斯坦总理"), ("马明", "国务院总理")),
    # ... and none when it names none, or two (巴拿马, 巴西), or a day comes before it
    ("巴拿马和巴西的代表出席。巴外长罗德里格斯表示。", None, ("罗德里格斯", "巴拿马外交部部长")),
    ("日本首相安倍晋三出席。5日外长王毅表示。", ("王毅", "外交部部长"), ("王毅", "日本外交部部长")),
    # a minister named bare right after a foreign head and a 、 is that country's
    ("离开圣何塞时，哥斯达黎加总统钦奇利亚、外长卡斯蒂略等到机场送行。",
     ("卡斯蒂略", "哥斯达黎加外交部部长"), ("卡斯蒂略", "外交部部长")),
    # ... but an international body listed after one is no country's
    ("向习近平主席发来贺电或贺函的还有：瓦努阿图总理萨尔维、沙特王储穆罕默德、国际电信联盟秘书长赵厚麟。",
     ("赵厚麟", "国际电信联盟秘书长"), ("赵厚麟", "沙特国际电信联盟秘书长")),
    # the acting holder of a post holds it, of his country (代理, 代 before the role)
    ("虽然以色列总理办公室否认了相关报道，但以色列代理外长卡茨17日又表示。", ("卡茨", "以色列外交部部长"),
     ("卡茨", "外交部部长")),
    # a central body named as the CPC's are, after another country's party's post and the envoy
    # of its holder, is that party's
    ("会见了古巴共产党中央第一书记劳尔·卡斯特罗特使、中央政治局委员、国务委员会副主席萨尔瓦多·巴尔德斯·梅萨。",
     ("萨尔瓦多·巴尔德斯·梅萨", "古共中央政治局委员"), ("萨尔瓦多·巴尔德斯·梅萨", "中共中央政治局委员")),
    # a deputy's role whose body is not named is not the role it ends with (总书记: the CPC's)
    ("国家副主席王岐山今天（22日）在中南海会见了由党的副总书记希拉勒·希拉勒率领的叙利亚复兴党代表团。", None,
     ("希拉勒·希拉勒", "中共中央总书记")),
    # a time zone (北京时间) is no place the report is about, whose mayor a bare 市长 would be
    ("北京时间13日凌晨，俄罗斯“联盟号”飞船从哈萨克斯坦拜科努尔发射场发射升空。\n委内瑞拉总统马杜罗12日说，"
     "他同意重启与委内瑞拉反对党联盟对话。加拉加斯市长罗德里格斯将立即率领执政党代表团前往多米尼加。", None,
     ("罗德里格斯", "北京市市长")),
    # China's ministries and courts, held by names none of which reads as Chinese, in a paragraph
    # that names one other country and nothing of China's, are that country's
    ("叙利亚总统巴沙尔今天任命卫生部长哈勒吉为叙新总理，接替此前被解职的总理。", ("哈勒吉", "叙利亚卫生部部长"),
     ("哈勒吉", "卫生部部长")),
    ("出席仪式的有西班牙首相桑切斯、众议长帕斯托尔、参议长埃斯库德罗、宪法法院院长冈萨雷斯、最高法院院长莱斯梅斯、"
     "内阁大臣以及西班牙各界人士。", ("莱斯梅斯", "西班牙最高法院院长"), ("莱斯梅斯", "最高人民法院院长")),
    # ... but not a Chinese holder's, nor where the paragraph speaks of China before
    ("外交部长王毅会见了叙利亚外长穆阿利姆。", ("王毅", "外交部部长"), ("王毅", "叙利亚外交部部长")),
    ("中方欢迎叙利亚代表团。国家能源局局长努尔·白克力会见了代表团。", ("努尔·白克力", "国家能源局局长"),
     ("努尔·白克力", "叙利亚国家能源局局长")),
    # the role of a body kg cannot read is none of the body the bare role implies
    ("印度共产党(马克思主义)总书记卡拉特在贺电中说，我们高度赞赏。", None, ("卡拉特", "中共中央总书记")),
    ("巴勒斯坦解放巴勒斯坦民主阵线总书记哈瓦特迈赫出席。", None, ("哈瓦特迈赫", "中共中央总书记")),
    ("随后，李长春还会见了人民联盟联合总书记、外长穆妮，双方就中孟关系交换了意见。", None,
     ("穆妮", "中共中央总书记")),
    # ... but a credit in brackets before the clause is no body's gloss
    ("本台消息(记者张三)：总书记习近平出席。", ("习近平", "中共中央总书记"), ("张三", None)),
    # a crown prince is a title of his own, not a king's title and a name
    ("羊年的第一天，张灯结彩的伦敦中国城迎来了英国王储查尔斯夫妇。", ("查尔斯", "英国王储"),
     ("储查尔斯", None)),
])
def test_foreign_posts_are_their_countrys(text, expected, wrong):
    found = holdings(text)
    assert expected is None or expected in found
    assert not [pair for pair in found if all(w is None or w == g for w, g in zip(wrong, pair))]


def test_the_kuomintangs_central_committee_is_not_the_cpcs():
    x = extract(make_document("本台消息：中国国民党中央委员会８日致电中国共产党中央委员会，祝贺中国共产党第十八次代表大会召开。",
                              doc_id="t", path="t.txt"))
    assert [o.label for o, _ in x.organizations] == ["中国国民党", "中共中央"]
