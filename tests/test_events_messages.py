"""Messages (issue 14): who sent one to whom, on the causes of the hand audit of
tests/gold/audits/events-xwlb-sample-*.tsv and the corpus sentences checked with it."""

from __future__ import annotations

import pytest


def _messages(text: str) -> list[tuple[str, str]]:
    from kg.extract.pipeline import extract
    from kg.text.document import make_document
    x = extract(make_document(text, doc_id="t", path="t.txt"))
    return [(m.sender_label, m.recipient_label) for m in x.messages]


@pytest.mark.parametrize("text, expected", [
    # a list after the word of the verbs that name their recipient after them
    ("国家主席习近平7月25日就阿尔及利亚航空公司客机坠毁事件分别致电阿尔及利亚总统布特弗利卡、"
     "法国总统奥朗德表示慰问。", [("习近平", "布特弗利卡"), ("习近平", "奥朗德")]),
    # 分别 with as many senders as recipients: one each, in order
    ("国家主席习近平、国务院总理李克强25号就巴基斯坦发生强震分别向巴总统侯赛因、总理谢里夫致慰问电。",
     [("习近平", "侯赛因"), ("李克强", "谢里夫")]),
    # a regnal number is no more than a title after the recipient's name
    ("国家主席习近平25日分别向德国总统高克、西班牙国王费利佩六世致慰问电。",
     [("习近平", "高克"), ("习近平", "费利佩")]),
    # senders listed after the message
    ("向习近平主席发来贺电或贺函的还有：贝宁总统塔隆、佛得角总统丰塞卡、拉脱维亚总统韦约尼斯等。",
     [("塔隆", "习近平"), ("丰塞卡", "习近平"), ("韦约尼斯", "习近平")]),
    # 为 marks a meeting as recipient
    ("联合国秘书长潘基文也为论坛发来贺信。", [("潘基文", "论坛")]),
    # the meeting's name, not where it is held
    ("国务院总理李克强6日向在北京开幕的第二十届太平洋地区核能大会致贺信。",
     [("李克强", "第二十届太平洋地区核能大会")]),
    ("国务院总理李克强23日向在广东湛江举行的巴斯夫（广东）一体化基地项目启动仪式致贺信。",
     [("李克强", "巴斯夫（广东）一体化基地项目启动仪式")]),
    # 分别 with two lists on the two sides of a mutual message: one pair each, in order
    ("国家主席胡锦涛、国务院总理温家宝今天分别和韩国总统李明博、国务总理金滉植互致贺电，"
     "热烈祝贺中韩建交二十周年。", [("胡锦涛", "李明博"), ("李明博", "胡锦涛"),
                                   ("温家宝", "金滉植"), ("金滉植", "温家宝")]),
    # the name ends before what the message is for, and a full stop may join its parts
    ("国务院总理李克强今天致电拉尼尔.维克拉马辛哈祝贺他就任斯里兰卡民主社会主义共和国总理。",
     [("李克强", "拉尼尔·维克拉马辛哈")]),
    # a message ending its clause goes to those the next one greets
    ("中国女排夺得2019年女排世界杯冠军。中共中央总书记、国家主席、中央军委主席习近平致电，"
     "向中国女排全体队员、教练员表示热烈的祝贺和诚挚的问候。", [("习近平", "中国女排全体队员、教练员")]),
    ("国家重大科技基础设施500米口径球面射电望远镜9月25日落成启用。中共中央总书记习近平发来贺信，"
     "向参加研制和建设的广大科技工作者、工程技术人员、建设者表示热烈的祝贺。",
     [("习近平", "广大科技工作者、工程技术人员、建设者")]),
])
def test_senders_and_recipients_listed(text, expected):
    assert _messages(text) == expected


@pytest.mark.parametrize("text, expected", [
    # those a letter went to are his descendants, not he: a group, named as written
    ("习近平总书记写给库尔班大叔后人的回信，给新疆各族群众提前带来了春天般的温暖。",
     [("习近平", "库尔班大叔后人")]),
    ("习近平总书记4日给福建省寿宁县下党乡的乡亲们回信，祝贺他们实现了脱贫。",
     [("习近平", "福建省寿宁县下党乡的乡亲们")]),
    # a school's pupils are the school; the school told of before is none
    ("习近平5月30日给陕西照金北梁红军小学的学生回信，祝他们节日快乐。",
     [("习近平", "陕西照金北梁红军小学")]),
    ("习近平给学校师生回信，勉励他们做中老友好的接班人。", []),
    ("雷亚莱校长表示，习近平主席给学校的回信是对学校和同学们的极大鼓舞。", []),
    # who hands a letter over sends nothing, nor receives it
    ("傅自应来到街坊总会社区服务大楼，向颐骏中心的长者代表宣读和转交了习近平主席的回信。", []),
])
def test_a_letter_to_a_group(text, expected):
    assert _messages(text) == expected


def test_a_mutual_message_goes_to_each_of_a_list_and_a_name_stops_before_its_marker():
    assert sorted(_messages("国家主席习近平6日同欧洲理事会主席图斯克、欧盟委员会主席容克互致贺电。")) == [
        ("习近平", "图斯克"), ("习近平", "容克"), ("图斯克", "习近平"), ("容克", "习近平")]
    assert sorted(_messages("当天，国家主席习近平与老挝人民革命党中央总书记、国家主席朱马里互致贺电。")) == [
        ("习近平", "朱马里"), ("朱马里", "习近平")]


@pytest.mark.parametrize("text, expected", [
    # no recipient named: the meeting the report, or its sentence, has just opened with
    ("联合国世界地理信息大会11月19日在浙江德清举行。国务院总理李克强致贺信。",
     [("李克强", "联合国世界地理信息大会")]),
    ("中国-中东欧国家最高法院院长会议4日在江苏苏州开幕，国家主席习近平致贺信。",
     [("习近平", "中国-中东欧国家最高法院院长会议")]),
    # ... or the one the next clause names
    ("国家主席习近平发来贺信，向大会表示热烈祝贺。", [("习近平", "大会")]),
    # ... never a clause naming who attends it
    ("中共中央政治局常委、国务院副总理韩正19日出席在山东青岛举行的跨国公司领导人青岛峰会开幕式。"
     "韩正指出，习近平主席专门发来贺信。", [("习近平", "跨国公司领导人青岛峰会")]),
])
def test_a_message_with_no_recipient_named_goes_to_the_meeting_just_told_of(text, expected):
    assert _messages(text) == expected


@pytest.mark.parametrize("text", [
    # a message read out names no recipient after it
    "中共中央政治局委员、国务院副总理刘延东在会上宣读了习近平的贺信和李克强的批示并讲话。",
    # what is studied is a message sent before
    "为深入学习贯彻习近平总书记给内蒙古自治区苏尼特右旗乌兰牧骑队员们回信的重要指示精神，定于明年举办活动。",
    # 致 of 致辞 marks no recipient
    "莫拉莱斯总统在仪式上致辞感谢习主席专门发来贺电。",
    # a country sends nothing, nor who is named in a clause telling when
    "沙特阿拉伯、卡塔尔等国领导人向埃及临时总统曼苏尔发去贺电。",
    "埃及军方宣布罢免穆尔西之后，沙特阿拉伯、卡塔尔等国领导人向埃及临时总统曼苏尔发去贺电。",
    "在习近平同志当选为中共中央总书记后，许多国家政党、政府及其领导人向中共中央发来贺电。",
])
def test_no_message_where_none_is_sent_from_one_named_to_one_named(text):
    assert _messages(text) == []


_GUANGXI = ("10日下午，广西壮族自治区成立60周年庆祝大会在广西体育中心隆重举行。"
            "中共中央、全国人大常委会、国务院、全国政协、中央军委发来贺电。")


@pytest.mark.parametrize("text, expected", [
    # bodies listed before the word send one message each
    (_GUANGXI, [(body, "广西壮族自治区成立60周年庆祝大会")
                for body in ("中共中央", "全国人大常委会", "国务院", "全国政协", "中央军委")]),
    ("中共中央、全国人大常委会、国务院、全国政协、中央军委向大会发来贺电。",
     [(body, "大会") for body in ("中共中央", "全国人大常委会", "国务院", "全国政协", "中央军委")]),
    # a foreign body is named with its country, not taken for China's; a day may follow it
    ("叙利亚外交部5日致信联合国，指出，美国主导的所谓国际联盟近日袭击了哈塞克省的多个村镇。",
     [("叙利亚外交部", "联合国")]),
    # a person named sends it, not the body of the title
    ("中共中央总书记、国家主席、中央军委主席习近平发来贺信，向大会表示热烈祝贺。", [("习近平", "大会")]),
    # no recipient named, none told of: no message
    ("中共中央、国务院、中央军委致电祝贺长征五号运载火箭首次飞行任务圆满成功。", []),
    # a body named right after the word is its recipient (中 of 中国国民党 is no 在贺电中)
    ("本台消息：中国共产党中央委员会10日致电中国国民党中央委员会，祝贺中国国民党第十九次代表大会召开。",
     [("中共中央", "中国国民党")]),
    # anything else named before the word: the bodies send nothing
    ("全国双拥工作领导小组、民政部、中央军委政治工作部近日联合致信慰问人民解放军指战员。", []),
])
def test_bodies_named_before_the_word_send_it_when_no_one_does(text, expected):
    assert _messages(text) == expected


def test_a_body_sender_is_an_organisation_the_shapes_and_the_messages_query_accept():
    from kg.extract.pipeline import extract
    from kg.graph.ns import PREFIXES
    from kg.graph.rdf import build_graph
    from kg.graph.validate import validate
    from kg.store.bundled import load_query
    from kg.text.document import make_document
    from rdflib import Literal
    graph = build_graph([extract(make_document(_GUANGXI, doc_id="t", path="t.txt"))])
    validate(graph)
    rows = graph.query(load_query("messages"), initNs=PREFIXES,
                       initBindings={"name": Literal("国务院", lang="zh-Hans")})
    assert [(str(r.sender), str(r.recipient)) for r in rows] == [
        ("国务院", "广西壮族自治区成立60周年庆祝大会")]


@pytest.mark.parametrize("text, expected", [
    # a group told as receiving a message, named before who are in it and 收到
    ("央视网消息（新闻联播）：7日重阳节当天，澳门街坊总会颐骏中心长者义工组的30位老人收到国家主席习近平的回信，"
     "在澳门各界引起热烈反响。", [("习近平", "澳门街坊总会颐骏中心长者义工组")]),
    ("内蒙古苏尼特右旗乌兰牧骑的队员们收到了习近平总书记的回信。", [("习近平", "内蒙古苏尼特右旗乌兰牧骑")]),
    # those who receive it not named as a group: none
    ("孩子们惊喜地收到了总书记的回信。", []),
    ("他们收到了习近平总书记的回信。", []),
])
def test_a_group_that_receives_a_message_is_its_recipient(text, expected):
    assert _messages(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the one thanked sent it, the one who thanks received it, whichever is named first
    ("国家主席习近平同法国总统马克龙通电话。习近平感谢马克龙在新中国成立70周年之际发来热情洋溢的贺信。",
     [("马克龙", "习近平")]),
    ("国家主席习近平同美国总统奥巴马通电话。习近平感谢奥巴马不久前致电，就马来西亚航空公司失联客机事件"
     "向中方表示慰问。", [("奥巴马", "习近平")]),
    ("国务院总理李克强对俄罗斯总理梅德韦杰夫第一时间发来贺信并打来电话祝贺表示感谢。",
     [("梅德韦杰夫", "李克强")]),
    # thanks given in another clause thank for nothing sent here
    ("李克强对普京表示感谢，并向大会致贺信。", [("李克强", "大会")]),
])
def test_a_message_thanked_for_goes_to_the_one_who_thanks(text, expected):
    assert _messages(text) == expected


def test_a_greeting_to_a_meetings_opening_leaves_the_meeting_the_recipient():
    # 新闻联播 2015-12-02: 向峰会召开表示热烈祝贺 greets the summit, not a group called 召开
    [(sender, recipient)] = _messages("2015中非媒体领袖峰会1号在南非开普敦举行。"
                                      "国家主席习近平发来贺信，向峰会召开表示热烈祝贺。")
    assert sender == "习近平" and recipient.endswith("峰会")


def test_a_letter_for_a_purpose_is_that_letter():
    from kg.extract.pipeline import extract
    from kg.text.document import make_document
    x = extract(make_document("国务院总理李克强致信祝贺第十届中国-拉美企业家高峰会开幕。"
                              "中共中央总书记习近平致电祝贺阮富仲当选越共中央总书记。",
                              doc_id="t", path="t.txt"))
    assert sorted((m.kind, m.recipient_label) for m in x.messages) == [
        ("贺信", "第十届中国-拉美企业家高峰会"), ("贺电", "阮富仲")]


@pytest.mark.parametrize("text, expected", [
    # what a message for a purpose celebrates is named before its occasion (新闻联播 2012-07-26)
    ("胡锦涛致信祝贺三联书店创建80周年。", [("胡锦涛", "三联书店")]),
    # ... before where it is held and how
    ("国务院总理李克强致信祝贺中国-以色列政府创新合作联合委员会第一次会议在北京召开。",
     [("李克强", "中国-以色列政府创新合作联合委员会第一次会议")]),
    ("国务院总理李克强致信祝贺匈塞铁路项目塞尔维亚段正式启动。", [("李克强", "匈塞铁路项目塞尔维亚段")]),
])
def test_what_a_message_for_a_purpose_celebrates_receives_it(text, expected):
    assert _messages(text) == expected


def test_a_name_ending_in_guo_sends_and_a_count_of_countries_does_not():
    # 新闻联播 2012-10-17: 吴邦国 was read as a country (…国) and his message given to others
    assert _messages("同日，全国人大常委会委员长吴邦国、国务院总理温家宝、全国政协主席贾庆林分别向"
                     "柬埔寨参议院主席谢辛、国会主席韩桑林、首相洪森致唁电。") == [
        ("吴邦国", "谢辛"), ("温家宝", "韩桑林"), ("贾庆林", "洪森")]
    # 2019-10-07: 六国 is a count of countries, no one a message goes to or comes from
    assert _messages("国家主席习近平同保加利亚、罗马尼亚、捷克、斯洛伐克、匈牙利和波兰六国元首互致贺电。\n"
                     "国务院总理李克强也分别同六国总理互致贺电。李克强表示，中方愿同六国深化政治互信。"
                     "六国总理表示，愿不断提升与中方务实合作水平。") == []


def test_a_name_opens_with_no_title_and_a_title_vouches_for_the_name_after_it():
    # 新闻联播 2014-09-11: not 埃米尔萨巴赫
    assert _messages("阿拉伯国家联盟首脑理事会轮值主席国科威特埃米尔萨巴赫也向中阿友好年暨第三届阿拉伯艺术节"
                     "开幕式发来贺信。") == [("萨巴赫", "中阿友好年暨第三届阿拉伯艺术节开幕式")]


@pytest.mark.parametrize("text, recipient", [
    # 新闻联播 2015-09-23: 会议 and 大会 refer to the meeting the report opened with
    ("第二十二届国际历史科学大会23日在山东济南开幕。国家主席习近平发来贺信，向会议的召开表示热烈的祝贺。",
     "第二十二届国际历史科学大会"),
    # 2018-11-04: either part names a joint meeting
    ("11月4日，“一带一路”国际科学组织联盟成立大会暨第二届“一带一路”科技创新国际研讨会在北京召开，"
     "国家主席习近平向大会致贺信。",
     "“一带一路”国际科学组织联盟成立大会暨第二届“一带一路”科技创新国际研讨会"),
    # 2012-10-25: who attend a meeting name none (…两千余人参加了|论坛开幕式)
    ("第三届国际道教论坛25日在中国道教圣地江西鹰潭龙虎山开幕。来自27个国家和地区的高道大德、中外嘉宾和"
     "道教信众两千余人参加了论坛开幕式。\n中共中央政治局常委、全国政协主席俞正声向大会发来贺信。",
     "第三届国际道教论坛"),
    # 2019-12-05: 向大会的召开表示祝贺 after 在…大会召开之际, which opens no name with 在
    ("在中国志愿服务联合会第二届会员代表大会召开之际，中共中央总书记习近平发来贺信，"
     "向大会的召开表示热烈的祝贺。", "中国志愿服务联合会第二届会员代表大会"),
    # 2014-07-11: a word of the meeting's name refers to it
    ("生态文明贵阳国际论坛2014年年会11日在贵阳开幕。国务院总理李克强向论坛发来贺信。",
     "生态文明贵阳国际论坛2014年年会"),
    # 2014-12-16: its day written in words; 2014-04-07: after a dateline of its own
    ("第二次中国-中东欧国家地方领导人会议今天在捷克首都布拉格举行。国务院总理李克强向会议致贺信。",
     "第二次中国-中东欧国家地方领导人会议"),
    ("央视网消息（新闻联播）：\n本台消息：2014中国－东盟文化交流年开幕式4月7日在北京举行。\n"
     "李克强对交流年开幕表示祝贺。\n缅甸总统吴登盛也向开幕式发来贺信。", "2014中国-东盟文化交流年开幕式"),
])
def test_a_meeting_referred_to_is_the_one_the_report_names(text, recipient):
    [(_, received)] = _messages(text)
    assert received == recipient


def test_where_a_celebrated_meeting_is_held_is_a_word_of_its_own():
    # not the 于 of 于都县
    assert _messages("国务院总理李克强致信祝贺江西于都县长征文化节开幕。") == [
        ("李克强", "江西于都县长征文化节")]


def test_a_message_thanked_for_is_not_one_to_come():
    assert _messages("国家主席习近平同美国总统奥巴马通电话。习近平感谢奥巴马，并表示将致电普京。") == []


def test_a_partner_marker_that_may_join_a_list_yields_to_another():
    # 和 joins the senders; 同 marks the other side
    assert _messages("国家主席习近平和国务院总理李克强分别同俄罗斯总统普京和总理梅德韦杰夫互致贺电。") == [
        ("习近平", "普京"), ("普京", "习近平"), ("李克强", "梅德韦杰夫"), ("梅德韦杰夫", "李克强")]


SCHOOL = ("央视网消息（新闻联播）：在老挝中老友好农冰村小学师生代表来华参加民心相通分论坛前夕，"
          "全体师生致信中共中央总书记、国家主席习近平，表达真诚谢意。习近平给学校师生回信，勉励他们。")


def test_a_school_written_by_its_members_alone_is_the_one_named_before():
    # a group written by its members alone (全体师生, 学校师生) is the school the report named,
    # without the country it is in; 中 of 中共中央 after 致信 is no 在贺电中表示
    assert _messages(SCHOOL) == [("中老友好农冰村小学", "习近平"), ("习近平", "中老友好农冰村小学")]


@pytest.mark.parametrize("text, expected", [
    ("中国国民党主席吴敦义致电中共中央，表示感谢。", [("吴敦义", "中共中央")]),
    # a message word inside a title names a book, and 中 after one tells what it says
    ("学生们向习近平赠送了专门制作的《习近平主席回信纪念专刊》。", []),
    ("习近平总书记在给学生们的回信中说，希望大家扎根中国大地。", []),
])
def test_what_follows_a_message_word_and_a_title_holding_one(text, expected):
    assert _messages(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a country before a common word is part of the name, not where the group is
    ("习近平给新加坡国立大学学生回信，勉励他们。", [("习近平", "新加坡国立大学")]),
    # a body an earlier message went to is no school its members alone stand for
    ("中共中央致电中国国民党，表示祝贺。全体师生致信国家主席习近平，表达谢意。",
     [("中共中央", "中国国民党")]),
])
def test_a_group_keeps_its_countrys_name_and_only_a_school_is_written_by_its_members(
        text, expected):
    assert _messages(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a message's word vouches for the name after it where the clause or the purpose ends it
    # (xwlb-messages-dev 19164)
    ("央视网消息（新闻联播）：中共中央总书记习近平26日致电洪秀柱，祝贺她当选中国国民党主席。",
     [("习近平", "洪秀柱")]),
    ("国家主席习近平4日致电波罗申科，祝贺他当选乌克兰总统。", [("习近平", "波罗申科")]),
    # a reply by telegram names its recipient after it, and no name runs into it (19164)
    ("中共中央总书记习近平26日致电洪秀柱，祝贺她当选中国国民党主席。\n同日，中国国民党主席洪秀柱复电习近平"
     "表示感谢。", [("习近平", "洪秀柱"), ("洪秀柱", "习近平")]),
    # an occasion between the mutual marker and the word (28580)
    ("2月8日，中共中央总书记、国家主席习近平与越共中央总书记阮富仲互致新年贺信。",
     [("习近平", "阮富仲"), ("阮富仲", "习近平")]),
    # a partner marker opening a word before anyone is named is no partner's (37809)
    ("同日，国务院总理李克强同俄罗斯总理梅德韦杰夫也互致贺电。",
     [("李克强", "梅德韦杰夫"), ("梅德韦杰夫", "李克强")]),
])
def test_messages_of_the_messages_dev_set(text, expected):
    assert _messages(text) == expected


def test_leaders_quoted_from_their_messages_sent_them_to_the_one_congratulated():
    # xwlb-messages-dev 27104; not a quote of a message the report told before
    text = ("央视网消息（新闻联播）：一些国家和政党领导人、友好人士近日致电或致函，热烈祝贺习近平当选中国共产党第十九届"
            "中央委员会总书记。\n俄罗斯总统普京在贺电中表示，选举的结果充分表明您拥有很高政治威望。\n"
            "德国总理默克尔在贺电中说，我谨对您再次当选表示衷心祝贺。")
    assert _messages(text) == [("普京", "习近平"), ("默克尔", "习近平")]
    assert _messages("国家主席习近平和俄罗斯总统普京12月31日互致新年贺电。\n习近平在贺电中表示，值此新年来临之际，"
                     "我谨代表中国政府和中国人民致以祝贺。") == [("习近平", "普京"), ("普京", "习近平")]


def test_a_mutual_marker_is_looked_for_inside_the_sentence_only():
    from kg.extract.event_text import _mutually
    from kg.lang.language import default_language
    lex = default_language().lexicon
    # a word at the text's start: no marker from the text's end (negative slice bounds)
    assert _mutually("贺信全文如下，两国互致。", 0, 0, lex) is None
    text = "习近平与阮富仲互致新年贺信。"
    assert _mutually(text, 0, text.index("贺信"), lex) == text.index("互致")
