"""The name recogniser (kg/extract/names.py) against the not-names of the whole-corpus
audit at cb28aac (tests/gold/audits/people-xwlb-whole-cb28aac.tsv) and the persons
missed in tests/gold/xwlb-dev: one list per class of error, each on sentences of
新闻联播 2012-2019 (../shared/data/xwlb), with the wrong readings it gave before."""

from __future__ import annotations

from tests.test_names import _case, by_class, people

# a name runs on into the word after it, the tagger reading the two as one person
GLUED_INTO_A_WORD = [
    _case("央视网消息（新闻联播）：本台消息，国务院总理李克强3日晚应约同欧盟委员会主席巴罗佐通电话。",
          {"李克强", "巴罗佐"}, "the tagger's longer run into a word: 巴罗佐|通电话", {"巴罗佐通"}),
    _case("美国总统特朗普北京时间今天上午发表讲话称，由于叙利亚政府近期在东古塔展开化武袭击，美国已联合"
          "英法对叙化学武器相关设施实施精准军事打击。", {"特朗普"},
          "the tagger's longer run into a time word: 特朗普|北京时间", {"特朗普北京"}),
    _case("央视网消息(新闻联播)：本台消息，4月22日晚，国家主席习近平应约同俄罗斯总统普京通电话。",
          {"习近平", "普京"}, "a Han run after a title, to the sentence's end: 普京|通电话", {"普京通电话"}),
    _case("央视网消息(新闻联播)：本台消息：国家主席习近平6日就新南非首任总统曼德拉不幸逝世向南非总统"
          "祖马致唁电。", {"习近平", "祖马"}, "a Han run after a title through glue: 祖马|致唁电",
          {"祖马致唁电"}),
    _case("新任命的全国人大常委会预算工作委员会主任刘昆、监察部部长杨晓渡和因出访未能参加上一次宪法宣誓"
          "的财政部部长肖捷跟诵誓词。", {"刘昆", "杨晓渡", "肖捷"}, "a preposition the tagger ends at: 跟",
          {"肖捷跟诵"}),
]

# a name with · whose last part the proposal runs past into Chinese words
DOTTED_INTO_WORDS = [
    _case("9日，英国外交大臣鲍里斯·约翰逊向首相特雷莎·梅递交了辞呈，特雷莎·梅随后任命杰里米·亨特为"
          "新的外交大臣。", {"鲍里斯·约翰逊", "特雷莎·梅"}, "a verb after a short last part: 递交",
          {"特雷莎·梅递交了辞呈"}),
]

# a foreign name cut short
CUT_SHORT = [
    _case("央视网消息(新闻联播)：国家主席习近平8日就巴基斯坦一架客机失事坠毁向巴基斯坦总统"
          "马姆努恩·侯赛因致慰问电。", {"习近平", "马姆努恩·侯赛因"},
          "a last part jieba knows, ending in a glue character: 侯赛|因", {"马姆努恩·侯赛"}),
    _case("央视网消息（新闻联播）：据韩联社报道，韩国政府官员今天说，韩国外交部长官康京和与朝鲜外务相"
          "李勇浩6日晚在参加东亚合作系列外长会议欢迎晚宴时相遇。", {"康京和"},
          "和 before a function word joins nothing: 康京和|与", {"康京"}),
]

CLASSES = {"glued into a word": GLUED_INTO_A_WORD, "dotted into words": DOTTED_INTO_WORDS,
           "cut short": CUT_SHORT}


@by_class(CLASSES)
def test_names_of_the_audit_are_read_whole_and_alone(text, names, refused):
    found = people(text)
    assert names <= found and not found & refused
