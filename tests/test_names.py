"""The name recogniser (kg/extract/names.py), one test per class of error it
refuses, on sentences of 新闻联播 2019 (../shared/data/xwlb), and a property:
no name it reads is glued to a word names are never glued to."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import holders
from kg.extract.names import judged
from kg.extract.pipeline import extract
from kg.lang.language import default_language
from kg.text.document import make_document


def people(text: str) -> set[str]:
    """Every person the extraction names: holders, speakers, event participants."""
    x = extract(make_document(text, doc_id="t", path="t.txt"))
    names = {h.person.text for h in x.holdings}
    names.update(p.text for m in x.meetings for p in m.chair + m.speakers)
    names.update(p.text for t in x.talks for p in t.participants + t.present)
    names.update(m.sender.text for m in x.messages)
    names.update(m.recipient.text for m in x.messages if m.recipient is not None)
    names.update(p.text for v in x.inspections for p in v.people + v.present)
    return names


def _case(text: str, names: set[str], why: str, refused: set[str] = frozenset()):
    """A sentence, the names it must give, and the wrong ones it gave before."""
    return pytest.param(text, names, refused, id=why)


# Each list is one class of error the recogniser must not make, or one reading it must make.


GLUED = [
    _case("国家主席习近平致贺信，对中国非洲研究院成立表示热烈祝贺。", {"习近平"}, "a verb: 致", {"习近平致"}),
    _case("伊朗外长扎里夫当天表示，欧洲“没有任何借口不以坚定的立场来维护伊核协议，"
          "并对抗美国的单边主义行为”。", {"扎里夫"}, "a date word: 当天", {"扎里夫当天"}),
    _case("当地时间9月30日晚，委内瑞拉总统马杜罗受邀参加中国驻委内瑞拉使馆国庆活动，"
          "庆祝新中国成立70周年。", {"马杜罗"}, "a verb: 受邀", {"马杜罗受邀"}),
    _case("同一天，俄罗斯总统普京再次表示，反对太空军事化。", {"普京"}, "an adverb: 再次", {"普京再次"}),
    _case("央视网消息（新闻联播）：8日下午，中共中央政治局常委、国务院副总理韩正到国家能源局"
          "调研并主持召开座谈会。", {"韩正"}, "a verb: 到", {"韩正到"}),
    _case("央视网消息（新闻联播）：当地时间3月23日，在中国国家主席习近平和意大利总理孔特共同见证下，"
          "意大利返还796件套中国文物艺术品。", {"习近平", "孔特"}, "an adverb: 共同", {"孔特共"}),
    _case("央视网消息（新闻联播）：2019年10月11日至13日，国家主席习近平应邀赴印度出席中印领导人第二次"
          "非正式会晤、对尼泊尔进行国事访问。", {"习近平"}, "opening with a verb: 赴", {"赴印"}),
]

COMMON_WORDS = [
    _case("他指出，建设“学习强国”学习平台，是贯彻落实习近平总书记关于加强学习、建设学习大国重要"
          "指示精神、推动全党大学习的有力抓手。", set(), "a preposition: 关于", {"关于"}),
    _case("看到总书记来了，学生们围拢过来，纷纷问习爷爷好，总书记高兴地同大家交谈，"
          "询问他们学习和生活情况。", set(), "a word and its particle: 高兴地", {"高兴地"}),
    _case("乌克兰总统选举将进行第二轮投票", set(), "a noun: 选举", {"选举"}),
]

PLACES_AND_BODIES = [
    _case("全会指出，坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和"
          "集中统一领导。", set(), "a body: 党中央", {"党中央"}),
    _case("加州州长加文·纽瑟姆呼吁美国政府提供援助。", set(), "a place: 加州", {"加州"}),
    _case("央视网消息（新闻联播）：12日至14日，汪洋来到昭觉县、金阳县，走访村寨、学校、卫生院、"
          "产业园区、易地扶贫搬迁安置点和在建工地。", set(), "a body listed: 卫生院", {"卫生院"}),
    _case("央视网消息（新闻联播）：中共中央政治局常委、中央书记处书记王沪宁31日上午，代表习近平总书记"
          "和党中央看望文化界知名人士和科技专家。", {"王沪宁"}, "ending in a body: 和党中央",
          {"和党中央"}),
    _case("新宪法对古巴的政治、经济方面作出了规定，例如新设国家主席和总理职位。", set(),
          "opening with a conjunction: 和总理", {"和总理"}),
]

FRAGMENTS = [
    _case("央视网消息（新闻联播）：国家副主席王岐山25日在钓鱼台国宾馆会见印度尼西亚副总统卡拉。",
          {"王岐山", "卡拉"}, "the tail of a country: 尼西亚", {"尼西亚"}),
    _case("俄罗斯副外长韦尔希宁当天也表示，恐怖分子本来就不包含在伊德利卜停火协议中。",
          {"韦尔希宁"}, "the head of a foreign name: 韦尔", {"韦尔"}),
    _case("伊朗副外长阿拉格齐表示，他相信与会各国解决问题的诚意。", {"阿拉格齐"},
          "the head of a foreign name: 阿拉", {"阿拉"}),
    _case("中央军委委员魏凤和、李作成、苗华、张升民出席会议。",
          {"魏凤和", "李作成", "苗华", "张升民"}, "a name cut before 和", {"魏凤"}),
]

FOREIGN = [
    _case("央视网消息（新闻联播）：全国人大常委会委员长栗战书今天（17日）在北京会见利比里亚临时"
          "参议长阿尔伯特·切。", {"栗战书", "阿尔伯特·切"}, "with ·, a short last part"),
    _case("巴基斯坦总理伊姆兰·汗27日针对近期印巴冲突发表讲话，呼吁两国保持理智。",
          {"伊姆兰·汗"}, "with ·, before a date"),
    _case("托卡耶夫当天与俄罗斯总统普京举行会谈并举行了发布会。", {"托卡耶夫", "普京"},
          "without ·, glued to 当天 and 举行", {"托卡耶夫当天", "普京举行会"}),
    _case("央视网消息（新闻联播）：应巴基斯坦总理伊姆兰·汗邀请，国家副主席王岐山5月26日至28日访问"
          "巴基斯坦，在伊斯兰堡分别会见阿尔维总统和伊姆兰·汗总理。", {"伊姆兰·汗"},
          "with ·, glued to a common word: 邀请", {"伊姆兰·汗邀请"}),
    _case("央视网消息（新闻联播）： 5月21日，国家主席习近平向印尼总统佐科·维多多致贺电，代表中国政府"
          "和中国人民。", {"习近平", "佐科·维多多"}, "with ·, glued to 致", {"佐科·维多多致贺电"}),
    # the tagger ends the name where a common word starts (xwlb 2018, 2019)
    _case("美国《华盛顿邮报》近日曝光的一段录音显示，美国国务卿蓬佩奥暗示将“尽最大努力”阻止工党领袖"
          "科尔宾当选英国首相。", {"蓬佩奥"}, "the tagger's end before a common word: 暗示", {"蓬佩奥暗示"}),
    _case("应捷克共和国总统泽曼邀请，国家主席习近平将于3月28日至30日对捷克进行国事访问。", {"泽曼"},
          "the tagger's end before a common word: 邀请", {"泽曼邀请"}),
]


# the tagger's body over a name is its doubt where nothing else says body
TAGGER_BODIES = [
    _case("会议决定任命祝庆盟为金湾区人民政府副区长,任命方卫春、曹环球、蓝永兴、杨振华、罗华平为区人大常委会"
          "代表资格审查委员会组成人员。", {"方卫春", "曹环球", "蓝永兴", "杨振华", "罗华平"},
          "read exactly over a name, no body's ending: 曹环球 (a local 任免 report)"),
    _case("欢送习近平。斐济总理姆拜尼马拉马\n在机场为习近平举行隆重欢送仪式。", {"姆拜尼马拉马"},
          "the title read into a body up to the name: 斐济总理|姆拜尼马拉马"),
]


CLASSES = {"tagger's body": TAGGER_BODIES, "glued": GLUED, "common word": COMMON_WORDS, "place or body": PLACES_AND_BODIES,
           "fragment": FRAGMENTS, "foreign": FOREIGN}


@pytest.mark.parametrize("text, names, refused", [
    pytest.param(*case.values, id=f"{name}: {case.id}")
    for name, cases in CLASSES.items() for case in cases])
def test_names_read_in_real_sentences(text, names, refused):
    found = people(text)
    assert names <= found and not found & refused
    assert all(len(name) >= 2 for name in found)


@pytest.mark.parametrize("tagged, expected", [(True, {("习近平", "中共中央总书记")}), (False, set())])
def test_a_name_right_before_a_title_needs_no_opening_where_the_tagger_reads_it(
        monkeypatch, tagged, expected):
    monkeypatch.setattr(holders, "tagged_person", lambda *_: tagged)
    x = extract(make_document("是贯彻落实习近平总书记关于加强学习、建设学习大国重要指示精神的有力抓手。",
                              doc_id="t", path="t.txt"))
    assert {(h.person.text, h.post.label) for h in x.holdings} == expected


_LANG = default_language()


def test_two_names_the_tagger_runs_together_across_a_partner_word_are_two():
    # the tagger reads 李克强同普连科维奇 as one person; 普连科维奇 is asked about alone
    text = "央视网消息（新闻联播）：欢迎仪式后，李克强同普连科维奇举行会谈。"
    start = text.index("普连科维奇")
    assert judged(text, start, start + 5, len(text), _LANG.lexicon, _LANG.patterns) == (
        start, start + 5)
_GLUE_AFTER = _LANG.lexicon.words("name_glue_after")
_GLUE_BEFORE = _LANG.lexicon.words("name_glue_before")
# names, title words and the glue itself, so that glued stretches are proposed often
_PIECES = ["习近平", "普京", "托卡耶夫", "王建国", "总统", "主席", "会见", "，", "。",
           *_GLUE_AFTER, *_GLUE_BEFORE]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8),
       st.integers(0, 30), st.integers(1, 12))
def test_a_judged_name_never_starts_or_ends_with_glue(pieces, start, length):
    text = "".join(pieces)
    start = min(start, len(text) - 1)
    span = judged(text, start, min(len(text), start + length), len(text),
                  _LANG.lexicon, _LANG.patterns)
    if span is not None:
        name = text[span[0]:span[1]]
        assert not name.endswith(_GLUE_AFTER) and not name.startswith(_GLUE_BEFORE)
        assert len(name) >= 2


def test_a_window_read_in_one_document_is_not_tagged_again_in_another(monkeypatch):
    from kg.extract import names
    windows = []

    def counting_tag(window):
        windows.append(window)
        return tag(window)
    tag = names.tag
    monkeypatch.setattr(names, "tag", counting_tag)
    names._window_spans.cache_clear()
    lang = default_language()
    sentence = "国家主席习近平致贺信。"
    first, second = "本台消息。" + sentence, "据新华社报道。" + sentence
    readings = []
    for text in (first, second):
        at = text.index(sentence) + len("国家主席")
        readings.append(judged(text, at, at + 3, len(text), lang.lexicon, lang.patterns))
        assert readings[-1] == (at, at + 3)
    assert len(windows) == 1
