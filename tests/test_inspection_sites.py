"""Inspections (issue 14): the stops a report names after the inspection, as sites
in the divisions named with them, and their triples."""

from __future__ import annotations

import pytest

from kg.graph.ns import KG, RDF, RDFS, SCHEMA


def _extract(text: str):
    from kg.extract.pipeline import extract
    from kg.text.document import make_document
    return extract(make_document(text, doc_id="t", path="t.txt"))


def _stops(text: str) -> list[tuple[list[str], list[str], list[tuple[str, str | None]]]]:
    """(people, places, (site, the division it lies in)) of each inspection of `text`."""
    return [([m.text for m in v.people], [p.name for p in v.places],
             [(s.label, s.within.name if s.within else None) for s in v.sites])
            for v in _extract(text).inspections]


QINGHAI = ("中共中央政治局常委刘云山在青海调研。\n"
           "在海东市互助土族自治县总寨村菜篮子基地、西宁市南山西社区，当地干部群众介绍了情况。"
           "刘云山表示赞赏。\n"
           "刘云山来到互助土族自治县中医院、青海藏医药文化博物馆，了解情况。")


def test_the_sites_visited_replace_the_province_inspected_and_lie_in_their_divisions():
    # the stop of the second paragraph is told in a sentence that does not name him;
    # a village is the site, not what in it is named after it (总寨村|菜篮子基地)
    assert _stops(QINGHAI) == [(["刘云山"], [], [
        ("互助土族自治县总寨村", "互助土族自治县"), ("西宁市南山西社区", "西宁市"),
        ("互助土族自治县中医院", "互助土族自治县"), ("青海藏医药文化博物馆", "青海省")])]


def test_a_county_inspected_stays_beside_the_village_visited_in_it():
    # 大兴安岭 (a prefecture of Heilongjiang) is no place of this inspection in Jilin
    assert _stops("国务院总理李克强在吉林白城市镇赉县考察。"
                  "李克强来到大兴安岭南麓集中连片特困地区镇赉县英华村的贫困户家中。") == [
        (["李克强"], ["镇赉县"], [("镇赉县英华村", "镇赉县")])]


def test_a_pronoun_inspects_as_the_report_subject_and_a_list_of_kinds_names_no_site():
    assert _stops("中共中央总书记习近平来到地铁施工现场、派出所、环卫站，看望劳动者。"
                  "随后，他来到厂桥派出所，视察了办事大厅。") == [
        (["习近平"], [], [("厂桥派出所", None)])]


def test_a_place_name_inside_a_site_name_is_no_division_and_a_site_elsewhere_no_stop():
    # 马鞍山 of 马鞍山林场 is not 马鞍山市 of Anhui: it does not lie in 喀喇沁旗
    assert _stops("中共中央总书记习近平在赤峰市考察。总书记专程来到赤峰市喀喇沁旗马鞍山林场。") == [
        (["习近平"], [], [("喀喇沁旗马鞍山林场", "喀喇沁旗")])]
    assert _stops("国务院总理李克强在江苏南京考察。\n国务院总理李克强来到深圳市华为公司。") == [
        (["李克强"], ["南京市"], [])]


def test_sites_are_typed_placed_derived_and_conform_to_the_shapes():
    from kg.graph.ns import PROV
    from kg.graph.rdf import build_graph
    from kg.graph.validate import validate
    g = build_graph([_extract(QINGHAI)])
    [visit] = g.subjects(RDF.type, KG.Inspection)
    sites = list(g.objects(visit, SCHEMA.location))
    assert {str(g.value(s, RDFS.label)) for s in sites} == {
        "互助土族自治县总寨村", "西宁市南山西社区", "互助土族自治县中医院", "青海藏医药文化博物馆"}
    for site in sites:
        assert (site, RDF.type, KG.Site) in g and g.value(site, PROV.wasDerivedFrom) is not None
        assert (g.value(site, SCHEMA.containedInPlace), RDF.type, KG.Place) in g
    validate(g)


def test_those_who_went_along_join_the_inspection_told_before():
    assert _stops("中共中央政治局常委刘云山在青海调研。刘云山来到西宁市南山西社区。\n"
                  "中共中央政治局委员、中央组织部部长赵乐际一同调研。") == [
        (["刘云山", "赵乐际"], [], [("西宁市南山西社区", "西宁市")])]


def test_a_town_is_a_site_and_what_a_de_joins_to_a_name_is_not_in_it():
    assert _stops("11月21日上午，县人大主任张孝木深入定点帮扶的部官乡调研指导脱贫攻坚工作。"
                  "随后，张孝木一行又来到皂坡村部分贫困户家中。") == [
        (["张孝木"], [], [("部官乡", None), ("皂坡村", None)])]


def test_a_local_leaders_checks_on_the_ground_are_inspections():
    # county and banner reports (../shared/data/localnews) say 检查指导, 督导检查, 实地检查
    text = ("东乌珠穆沁旗讯 8月2日，旗委副书记、政府代旗长、旗疫情防控指挥部总指挥周玉龙深入"
            "旗医院、汽车站、珠恩嘎达布其口岸等地实地检查指导疫情防控措施落实情况。")
    ((people, places, sites),) = _stops(text)
    assert people == ["周玉龙"] and places == ["东乌珠穆沁旗"]
    # 旗医院 is the banner's hospital: named by the level's word (旗), it lies in the banner
    assert sites == [("旗医院", "东乌珠穆沁旗"), ("汽车站", None), ("珠恩嘎达布其口岸", None)]
    # a body's inspection with no inspector named is none
    assert _stops("北京市派出14个督导组到各区县督导检查。") == []


def test_a_site_of_the_city_pointed_at_lies_in_the_city_named_before():
    # 该市 is 伊春, named before it: the site is in 伊春市, which it replaces
    assert _stops("中共中央总书记习近平在黑龙江考察调研。23日上午，习近平一到伊春，"
                  "就前往该市生态经济开发区规划展示厅，听取开发区规划建设情况介绍。") == [
        (["习近平"], [], [("生态经济开发区规划展示厅", "伊春市")])]


def test_a_site_named_by_its_level_word_is_a_stop_but_not_a_common_word():
    # 镇卫生院: the town's (旗医院: test_a_local_leaders_checks_on_the_ground_are_inspections);
    # 深入乡镇 names no site
    assert _stops("中共中央政治局常委俞正声在四川阿坝调研。在镇卫生院，俞正声进药房、看诊室，"
                  "与医务人员亲切交谈。") == [(["俞正声"], ["四川省"], [("镇卫生院", None)])]
    assert _stops("中共中央政治局常委、全国政协主席俞正声近日在甘肃甘南藏族自治州调研。7日至8日，"
                  "俞正声专程来到甘南藏族自治州，深入乡镇和农牧区，与基层干部群众共商发展稳定大计。"
                  ) == [(["俞正声"], ["甘南藏族自治州"], [])]


def test_the_items_of_a_list_closed_by_a_kind_of_site_are_sites_but_not_sectors():
    # 等企业 says what 科兴, 百度 … are: companies visited, with no site word of their own
    text = ("3月28日下午，中共中央政治局常委、国务院副总理张高丽到北京中关村国家自主创新示范区调研，"
            "在科兴、百度、联想、曙光等企业了解生产经营情况，与企业家、科技人员深入交流。")
    ((people, places, sites),) = _stops(text)
    assert people == ["张高丽"] and places == [] and [label for label, _ in sites] == [
        "北京中关村国家自主创新示范区", "科兴", "百度", "联想", "曙光"]
    # 西藏电力 names a division (西藏), and is no site of the list
    assert _stops("中共中央政治局常委俞正声在西藏调研。在西藏电力、甘露藏药等企业，"
                  "他详细了解生产经营情况。")[0][2] == [("甘露藏药", None)]
    # a list of sectors is none of sites
    assert _stops("中共中央政治局常委栗战书在江西调研。栗战书先后来到新材料、新能源、电子信息、"
                  "飞机制造等企业，调研产品研发、市场推广和企业发展情况。") == [
        (["栗战书"], ["江西省"], [])]
    assert _stops("全国人大常委会委员长栗战书在内蒙古调研。在电力、钢铁、煤炭、化工、新能源汽车等企业，"
                  "栗战书深入厂矿车间详细了解企业技术升级改造情况。")[0][2] == []


def test_a_site_gone_to_for_an_inspection_and_a_zone_wider_than_its_village():
    # 到 starts a stop where an inspection word ends its clause; 中关村国家自主创新示范区 is a
    # zone named after 中关村, not the village
    assert _stops("3月28日下午，中共中央政治局常委、国务院副总理张高丽到北京中关村国家自主创新示范区调研。"
                  ) == [(["张高丽"], [], [("北京中关村国家自主创新示范区", "北京市")])]
    assert _stops("中共中央政治局常委、中央纪委书记王岐山到江苏恒顺醋业有限公司考察。")[0][2] == [
        ("江苏恒顺醋业有限公司", "江苏省")]
    # 成为在…示范区 tells what a zone is to become, not a stop
    assert _stops("中共中央政治局常委贺国强在北京调研。贺国强高兴地勉励开发区把握发展定位和发展目标，"
                  "努力把开发区建设成为在国内外有影响力的高新产业聚集区和自主创新示范区。") == [
        (["贺国强"], ["北京市"], [])]


def test_a_place_that_is_a_word_of_a_sites_name_is_no_place_visited():
    # 长春 of 资阳区长春镇紫薇村 is no 长春市; 中关村 named again is the zone visited, not a site
    # of its own
    ((_, places, _),) = _stops(
        "8月14日至16日，张德江率全国人大常委会执法检查组到郴州、益阳、长沙等地开展执法检查。"
        "张德江考察了郴州市永兴县城乡智能环卫垃圾处理中心、益阳市高新区生活垃圾焚烧发电厂、"
        "资阳区长春镇紫薇村和长沙县农牧企业，了解垃圾和畜禽养殖废弃物处置情况。")
    assert "长春市" not in places
    assert _stops("3月28日下午，中共中央政治局常委、国务院副总理张高丽到北京中关村国家自主创新示范区调研。\n"
                  "在中关村调研时，张高丽说，实施创新驱动发展战略，是中央作出的重大决策。")[0][2] == [
        ("北京中关村国家自主创新示范区", "北京市")]


def test_a_stop_ends_before_what_the_inspector_does_there_and_some_villages_are_no_site():
    # 进行, 开展, 实地 end the stop (来到…海桂中学|进行实地调研, 深入南林桥镇|实地查看); 出版社,
    # 杂志社, 报社 are sites' words, and a 和 after one joins two
    assert _stops("1月14日,省林业局副局长宋丛文一行来我县督导检查森林防火工作。宋丛文一行深入南林桥镇"
                  "实地查看防火措施落实情况,听取了日常巡查、火源管控等方面工作的汇报。") == [
        (["宋丛文"], [], [("南林桥镇", None)])]
    assert _stops("2月23日上午,省政协党组副书记、副主席李国梁率省政协调研组到我市调研省政协委员企业。"
                  "在市政协主席刘宁的陪同下,省政协调研组来到由省政协常委莫海涛创办的海桂中学进行实地调研。"
                  ) == [(["李国梁"], [], [("海桂中学", None)])]
    assert _stops("中共中央政治局常委、中央纪委书记贺国强今天到中国监察杂志社、中国纪检监察报社、"
                  "中国方正出版社和中央纪委电化教育中心进行调研。")[0][2] == [
        ("中国监察杂志社", None), ("中国纪检监察报社", None), ("中国方正出版社", None),
        ("中央纪委电化教育中心", None)]
    # 部分村镇 is some villages of 大理市: the towns named next are the stops
    text = ("央视网消息（新闻联播）：2月24日至26日，中共中央政治局常委、国务院副总理韩正在云南大理、昆明，"
            "就当前经济运行、企业生产经营、生态环境保护等进行调研。\n在大理白族自治州，韩正重点考察洱海保护"
            "治理情况。韩正来到大理州洱海保护治理及流域转型发展指挥部，看望慰问工作人员，详细了解洱海监控预警"
            "信息管理平台运行情况，随后深入大理市部分村镇实地考察。在湾桥镇，考察村容村貌，到洱海边查看水质，"
            "了解阳溪河道综合治理工作；在喜洲镇，现场考察生态拆迁进展，走进美坝村村民家中，询问生活污水收集"
            "情况；在双廊镇，考察污水处理、建筑环境整治、旅游转型升级等情况；在海东镇，了解城市发展空间布局"
            "调整、人口疏解和产业转型转移规划。韩正还登船查看现场水样检测，听取专家对源头治理的意见建议。\n")
    inspections = _stops(text)
    assert inspections and all([label for label, _ in sites] == ["湾桥镇", "喜洲镇", "美坝村", "双廊镇"]
                               for _, _, sites in inspections)


def test_zones_reserves_and_a_site_named_with_its_division_in_brackets():
    # 保护区, 试验区, 科技园 … are site words; a division in a site's brackets does not start
    # its name (中国（上海）自由贸易试验区, not 上海）自由贸易试验区)
    assert _stops("央视网消息（新闻联播）：11月9日至11日，中共中央政治局常委、国务院副总理韩正在海南调研。"
                  "韩正强调，海南要按照习近平总书记的重要指示和要求，坚决贯彻新发展理念。\n"
                  "韩正来到五指山国家级自然保护区，考察热带雨林保护和热带雨林国家公园建设情况。")[0][2] == [
        ("五指山国家级自然保护区", "五指山市")]
    ((_, _, sites),) = _stops(
        "央视网消息(新闻联播)：11月1日至4日，中共中央政治局常委、国务院副总理张高丽赴上海、浙江调研，"
        "了解经济运行、城乡建设、环境保护、民生保障等情况。调研期间，实地了解企业经济经营状况，"
        "前往中国(上海)自由贸易试验区考察建设进展情况。")
    assert sites == [("中国（上海）自由贸易试验区", "上海市")]
    ((_, _, sites),) = _stops(
        "央视网消息（新闻联播）：中共中央政治局常委、国务院副总理韩正6月19日在天津市调研京津冀协同发展"
        "工作。韩正考察天津深之蓝水下新视界科技有限公司、零氪科技（天津）有限公司，了解企业自主创新发展情况。")
    assert [label for label, _ in sites] == ["天津深之蓝水下新视界科技有限公司", "零氪科技（天津）有限公司"]


def test_a_stop_ends_before_what_the_inspector_does_there():
    # 看望, 了解 … end the stop: 来到安康救助站|看望, 曹县大集镇|了解
    text = ("央视网消息(新闻联播)：26日至28日，中共中央政治局常委、国务院总理李克强来到陕西商洛、安康、"
            "西安考察慰问，代表党中央国务院向广大干部群众致以新春祝福。\n"
            "李克强来到安康救助站看望无家儿童和老人。")
    assert ("安康救助站", "安康市") in _stops(text)[0][2]
    text = ("央视网消息（新闻联播）：22日至23日，中共中央政治局常委、国务院副总理张高丽在山东调研扶贫工作情况。"
            "张高丽先后到菏泽市巨野县田庄镇后屯村、定陶县杜堂镇辘湾村、曹县大集镇了解政策保障脱贫、"
            "产业扶持脱贫和自主创业脱贫情况。")
    assert "曹县大集镇" in [label for label, _ in _stops(text)[0][2]]


def test_kinds_of_villages_and_towns_and_a_network_of_levels_are_no_sites():
    # 民族乡镇, 两个行政村: kinds, not names; 吕梁山区深度贫困村 says what 赵家洼村 is
    assert _stops("央视网消息(新闻联播)：中共中央政治局常委、全国政协主席俞正声近日在新疆调研。\n"
                  "23日至28日，俞正声先后来到和田、喀什、伊犁、乌鲁木齐等地，深入民族乡镇、兵团团场、"
                  "工业园区、边境口岸，并多次召开座谈会。")[0][2] == [("工业园区", None), ("边境口岸", None)]
    assert _stops("中共中央总书记、中央军委主席习近平元旦前来到这里。\n30号上午，习近平顶风踏雪来到"
                  "位于太行山深处龙泉关镇的两个行政村考察。") == []
    assert _stops("中共中央总书记习近平在山西考察。习近平总书记在吕梁山区深度贫困村赵家洼村考察，"
                  "走访了因病致贫的特困家庭。")[0][2] == [("赵家洼村", "吕梁市")]
    # 构建主体在县、延伸到乡、落实到村: levels of a network, told with verbs
    assert _stops("中共中央政治局常委、全国政协主席汪洋近日在河南调研宗教工作。汪洋指出，各级党委要"
                  "构建主体在县、延伸到乡、落实到村、规范到点的工作网络。")[0][2] == []


def test_a_site_after_what_it_is_one_of_and_a_count_that_names_none():
    # 之一 and —— join what a site is to its name, as 的 does; 一处军事指挥中心 names no site
    cases = {
        "央视网消息（新闻联播）：6月21日至23日，习近平总书记来到山西，深入农村、企业考察调研。\n"
        "总书记不光走访了山坳里的赵家洼村，还冒雨来到岢岚县规划的8个易地搬迁集中安置点之一宋家沟村，"
        "考察新村建设情况。": [("赵家洼村", None), ("宋家沟村", "岢岚县")],
        "央视网消息（新闻联播）：习近平总书记近日在湖北考察时强调，要坚持新发展理念。\n"
        "在另一家科技企业——烽火科技集团，总书记同样关注着高质量发展。": [("烽火科技集团", None)],
        "央视网消息（新闻联播）：当天土耳其总统埃尔多安视察了位于土叙边境附近的一处军事要地。\n"
        "当天，土耳其总统埃尔多安视察了土耳其南部哈塔伊省、靠近土叙边境的的一处军事指挥中心，"
        "听取了军方关于阿夫林地区的战事汇报。": []}
    for text, sites in cases.items():
        assert all(found == sites for _, _, found in _stops(text)), text


def test_a_visit_of_years_ago_told_before_the_inspector_is_recalled_not_reported():
    assert _stops("央视网消息（新闻联播）：五年前，习近平总书记考察山东临沂时指出：沂蒙精神与延安精神、"
                  "井冈山精神、西柏坡精神一样，是党和国家的宝贵精神财富。") == []
    assert _stops("3年前，习近平总书记来到中国科技大学考察，鼓励青年学子向老一辈杰出科学家学习。") == []
    # told after him, the count of years dates what he goes to see
    assert _stops("李克强首先来到三年前发生强烈地震的芦山县震中重灾区考察恢复重建和群众生活。") == [
        (["李克强"], ["芦山县"], [])]


def test_a_towns_name_ending_in_a_kinds_word_stays_in_the_villages_label():
    # 东城镇, 南蔡村镇 are towns: their 城镇, 村镇 say no kind (cf. 吕梁山区深度贫困村|赵家洼村)
    text = ("中共中央总书记习近平在吉林调研。习近平来到和龙市东城镇光东村，察看稻田长势。")
    assert [label for label, _ in _stops(text)[0][2]] == ["和龙市东城镇光东村"]


def test_headquarters_memorial_sites_and_science_parks_are_sites():
    # sentences of 新闻联播 2015-07-03, 2013-01-14 and 2016-05-19
    assert _stops("当地时间7月2日下午，李克强在法国总理瓦尔斯陪同下，来到空中客车公司总部"
                  "考察中法合作生产项目。")[0][2] == [("空中客车公司总部", None)]
    assert ("遵义会议会址", "遵义市") in _stops(
        "习近平在贵州考察。习近平来到遵义会议会址，参观了陈列馆。")[0][2]
    assert ("香港科学园", "香港特别行政区") in _stops(
        "张德江17日至19日视察了香港特别行政区。在香港科学园，他详细了解了香港创新科技的进展情况。")[0][2]


def test_kinds_of_places_joined_by_a_conjunction_are_no_site():
    # 新闻联播 2015-07-11: what follows 等地的 are kinds of places, the last two joined by 和
    stops = _stops("刘云山7月9日至11日在宁夏调研。刘云山深入固原、石嘴山、银川等地的村镇、企业和社区，"
                   "就基层党建工作进行调研。在固原市和润移民村、银川市新胜村和市民大厅，他详细询问群众生产生活情况。")
    sites = [site for _, _, sites in stops for site, _ in sites]
    assert "企业和社区" not in sites and "固原市和润移民村" in sites
    # a 和 inside a name joins nothing
    assert ("武汉协和医院", "武汉市") in _stops("李克强在湖北考察。李克强来到武汉协和医院，看望医护人员。")[0][2]
    assert ("查干珠日和嘎查", None) in _stops("李克强在内蒙古考察。李克强来到查干珠日和嘎查，看望牧民。")[0][2]


@pytest.mark.parametrize("text, site", [
    # what the site is before its name (新闻联播 2014, 2015): the name alone
    ("李克强在山西考察。李克强来到民营企业华翔集团，了解生产情况。", "华翔集团"),
    ("李克强在云南考察。李克强来到当年震中龙头山镇，看望群众。", "龙头山镇"),
    # a name opening with its quotation keeps it
    ("王岐山在俄罗斯考察。王岐山来到“波罗的海明珠”综合社区，参观了社区。", "“波罗的海明珠”综合社区"),
])
def test_a_sites_name_without_its_kind_and_with_its_quotation(text, site):
    assert site in [s for _, _, sites in _stops(text) for s, _ in sites]


@pytest.mark.parametrize("text", [
    "习近平在宁夏考察。习近平来到两个村，看望群众。",  # a count names no one site
    # a quotation cut (新闻联播 2018-11-16: “万村|通卫星电视项目”)
    ("全国人大常委会委员长栗战书12日至15日对莫桑比克进行正式友好访问，在马普托与总统纽西、"
     "议长马卡莫分别举行会见会谈，出席在非中资企业座谈会、莫中文化中心项目奠基仪式、"
     "“万村通卫星电视项目”启动仪式，考察中莫农业技术示范中心。"),
])
def test_counts_and_cut_quotations_are_no_site(text):
    sites = [s for _, _, sites in _stops(text) for s, _ in sites]
    assert not any(s.endswith("村") for s in sites)


def test_a_leaders_thematic_inspection_is_one_and_one_told_last_year_is_not():
    # 新闻联播 2015-04-11: 专题调研 by a leader is his inspection
    assert _stops("中共中央政治局常委、国务院总理李克强在吉林省就一季度经济形势和民生状况专题调研。") == [
        (["李克强"], ["吉林省"], [])]
    # 2016-05-14: a sentence opening with a time not the report's tells an earlier one
    assert _stops("去年7月，习近平总书记在吉林考察时说，振兴东北到了关键阶段。") == []
    # 2018-02-15: 去年6月30日， is seven characters long
    assert _stops("去年6月30日，习近平在香港考察了“少年警讯”永久活动中心暨青少年综合训练营。") == []


@pytest.mark.parametrize("text, site", [
    # 新闻联播 2013-01-15, 2013-06-17, 2018-06-15: the body visited is the stop
    ("国务院总理温家宝15日在财政部调研时强调，财政工作要更好地服务国家经济社会发展。", "财政部"),
    ("国务院总理李克强17日考察审计署。", "审计署"),
    # 2014-06-29: 到 a body, then what the inspection is about
    ("中共中央政治局常委、中央书记处书记刘云山29日下午到人民日报社就做好新形势下宣传舆论工作进行调研。",
     "人民日报社"),
])
def test_a_body_visited_is_the_inspections_stop(text, site):
    assert [s for _, _, sites in _stops(text) for s, _ in sites] == [site]


def test_bodies_named_one_after_another_are_stops_each():
    # 新闻联播 2018-04-09
    assert [s for _, _, sites in _stops("8日和9日，中共中央政治局常委、国务院副总理韩正分别到生态环境部、"
                                        "住房城乡建设部调研。") for s, _ in sites] == [
        "生态环境部", "住房城乡建设部"]


def test_bodies_named_together_are_one_stop():
    # 中国人民解放军|北部战区|海军: one unit of another, not three stops
    assert [s for _, _, sites in _stops("中共中央总书记习近平视察中国人民解放军北部战区海军。")
            for s, _ in sites] == ["中国人民解放军北部战区海军"]


def test_a_meeting_the_clause_dates_does_not_date_the_visit_and_a_landing_is_no_stop():
    # 新闻联播 2017-06-29: 将于 is the meeting's; the airport is where the plane lands
    assert _stops("中共中央总书记、国家主席、中央军委主席习近平29日中午乘专机抵达香港，出席将于7月1日举行的"
                  "庆祝香港回归祖国20周年大会暨香港特别行政区第五届政府就职典礼并视察香港。\n"
                  "中午12时许，习近平乘坐的专机徐徐降落在香港国际机场。") == [
        (["习近平"], ["香港特别行政区"], [])]
    assert _stops("习近平将于下月视察香港。") == []
    # the mark before the meeting attended, or after it, tells the visit's time too
    assert _stops("中共中央总书记习近平将于近日出席在香港举行的庆祝大会并视察香港。") == []
    assert _stops("习近平29日抵达香港，出席将于7月1日举行的庆祝大会并将视察香港。") == []



@pytest.mark.parametrize("text, site", [
    ("李克强在辽宁考察。李克强来到沈阳市于洪区三家子村，看望村民。", "于洪区三家子村"),
    ("李克强在海南考察。李克强来到东方市八所镇，察看市场。", "东方市八所镇"),
])
def test_a_place_named_with_a_numeral_is_no_count(text, site):
    assert site in [s for _, _, sites in _stops(text) for s, _ in sites]


def test_a_one_character_mark_of_another_time_is_a_word_of_its_own():
    # 将 of 将乐县 tells no future
    assert _stops("国务院总理李克强在福建将乐县考察。") == [(["李克强"], ["将乐县"], [])]
    assert _stops("国务院总理李克强将在福建考察。") == []


@pytest.mark.parametrize("text, sites", [
    # 和 joins two sites after a hall's, a park's, a quarter's or an office's word
    ("19日下午，习近平在银川考察了宁浙创业园和宁东能源化工基地。", ["宁浙创业园", "宁东能源化工基地"]),
    ("访问期间，国务院副总理韩正考察了新加坡城市规划馆和新加坡国际港务集团。",
     ["新加坡城市规划馆", "新加坡国际港务集团"]),
    ("俞正声来到网格化管理办公室和便民服务站调研。", ["网格化管理办公室", "便民服务站"]),
    # ... but not inside one name, nor is a campus or a sentence a site
    ("习近平来到白俄罗斯国家儿童和青少年艺术创作中心考察。", ["白俄罗斯国家儿童和青少年艺术创作中心"]),
    ("李克强来到北大校园考察。", []),
])
def test_halls_parks_and_offices_are_sites_and_a_conjunction_after_one_joins_two(text, sites):
    assert [label for _, _, found in _stops(text) for label, _ in found] == sites
