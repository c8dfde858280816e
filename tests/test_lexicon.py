"""The language data files: the shipped ones load; a defect in one stops the load
with an error naming the file and the line (checked on copies in a temp folder)."""

from __future__ import annotations

import dataclasses
import pickle
import re
import shutil
from pathlib import Path

import pytest
import yaml

from kg.errors import LexiconError
from kg.lang.datafiles import (LINE_LISTS, TABLES, WORD_LISTS, organization_types,
                               read_entries, read_table, read_word_lists, shipped_data)
from kg.lang.lexicon import load_lexicon, read_lexicon
from kg.lang.patterns import compile_patterns, patterns
from kg.lang.words import load_words


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the shipped data files, to break one at a time."""
    for name in {*TABLES, *LINE_LISTS, *WORD_LISTS.values()}:
        shutil.copy(Path(str(shipped_data().joinpath(name))), tmp_path / name)
    return tmp_path


def append(folder: Path, name: str, line: str) -> int:
    """Add `line` at the end of the file; its line number."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    text = text if text.endswith("\n") else text + "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def replace_line(folder: Path, name: str, old: str, new: str) -> int:
    """Replace the line starting with `old` by `new`; its line number."""
    path = folder / name
    lines = path.read_text(encoding="utf-8").split("\n")
    (number,) = [i for i, line in enumerate(lines) if line.startswith(old)]
    lines[number] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def load_error(folder: Path) -> LexiconError:
    with pytest.raises(LexiconError) as caught:
        read_lexicon(folder)
    return caught.value


def test_shipped_data_loads():
    lex = load_lexicon()
    assert "书记" in lex.roles and "秦州区" in lex.gazetteer.by_name
    assert lex.words("name_followers").count("宣布") == 1


def test_a_copy_of_the_shipped_data_reads_as_the_shipped_data(data):
    copy, shipped = read_lexicon(data), load_lexicon()
    assert (copy.roles, copy.bodies, copy.lists) == (shipped.roles, shipped.bodies, shipped.lists)
    assert copy.gazetteer.by_code == shipped.gazetteer.by_code


def test_organization_types_are_the_ontologys():
    from kg.graph.ns import org_type_concepts
    assert organization_types() == set(org_type_concepts())


@pytest.mark.parametrize("name, line, reason", [
    ("triggers.yaml", "chair_verbs: [主持, 主持]", "'主持' again"),
    ("triggers.yaml", "speach_verbs: [讲话]", "unknown list 'speach_verbs'"),
    ("triggers.yaml", "read_verbs: [宣读]", "list 'read_verbs' again"),
    ("triggers.yaml", "chair_verbs: [主持, '']", "expected a word"),
    ("triggers.yaml", "chair_verbs: 主持", "expected a list of words"),
    ("triggers.yaml", "chair_verbs: [主持]]", "not valid YAML"),
    ("roles.tsv", "书记\t\t", "3 cells; expected 4"),
    ("roles.tsv", "书记\t\t\t", "role '书记' again"),
    ("roles.tsv", "组长\t\t\tno", "after_name 'no'; expected one of yes"),
    ("bodies.tsv", "工委\t\t{place}工委\t\tno", "empty type"),
    ("bodies.tsv", "工委\tparty-comittee\t{place}工委\t\tno", "type 'party-comittee'"),
    ("bodies.tsv", "工委\tother\t{place}工委\t{place}工委;;\tno", "none empty or repeated"),
    ("bodies.tsv", "工委\tother\t{place}工委\t\tmaybe", "bare 'maybe'; expected one of no, yes"),
    ("divisions.tsv", "999999\t新区\t11\tcity", "level 'city'"),
    ("divisions.tsv", "999999\t新区\t99\tcounty", "parent '99' is no code"),
    ("historical_divisions.tsv", "崇礼县\t130733\t河北省/张家口市\t130799\t崇礼区\t2016\t撤县设区\tx",
     "new_code '130799' is no code of divisions.tsv, old_code of this table"),
    ("historical_divisions.tsv", "崇礼县\t130733\t河北省/张家口市\t130709\t崇礼区\t2016\t撤县设区\tx",
     "old_name/old_code/new_code/year '崇礼县/130733/130709/2016' again"),
    ("historical_divisions.tsv", "崇礼县\t130733\t\t130709\t崇礼区\t216\t撤县设区\tx", "year '216'"),
    ("leaders.tsv", "李鹏\t国务院\t总理\t1988-04-31\t\tx", "start '1988-04-31' is no date"),
    ("leaders.tsv", "李鹏\t国务院\t总理\t1988-04-09\t\tx",
     "name/body/role/start '李鹏/国务院/总理/1988-04-09' again"),
    ("leaders.tsv", "李鹏\t国务员\t总理\t1988-04-09\t\tx", "body '国务员' is no label"),
    ("leaders.tsv", "李鹏\t国务院\t总里\t1988-04-09\t\tx", "role '总里' is no role"),
    ("surnames.txt", "王", "'王' again"),
    ("countries.txt", "苏联", "'苏联' again"),
])
def test_a_defect_names_the_file_and_line(data, name, line, reason):
    if line.startswith("chair_verbs"):
        number = replace_line(data, name, "chair_verbs:", line)
    else:
        number = append(data, name, line)
    error = load_error(data)
    assert (error.path, error.line) == (str(data / name), number)
    assert f"{data / name}:{number}: " in str(error) and reason in error.reason


def test_an_unclosed_list_names_where_it_started(data):
    number = replace_line(data, "triggers.yaml", "chair_verbs:", "chair_verbs: [主持")
    assert f"flow sequence started on line {number}" in load_error(data).reason


def test_a_list_declared_but_missing_is_named(data):
    replace_line(data, "triggers.yaml", "chair_verbs:", "")
    error = load_error(data)
    assert error.path == str(data / "triggers.yaml") and "no list chair_verbs" in error.reason


def test_a_wrong_header_names_the_expected_columns(data):
    number = replace_line(data, "roles.tsv", "role\t", "role\timplies\tas")
    error = load_error(data)
    assert error.line == number and "['role', 'implies', 'as', 'after_name']" in error.reason


def test_transliteration_characters_are_two_lines_without_repeats(data):
    append(data, "translit_chars.txt", "阿")
    assert "expected two" in load_error(data).reason
    path = data / "translit_chars.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(lines[:-2]).replace("尔", "尔尔", 1) + "\n", encoding="utf-8")
    assert "尔 more than once" in load_error(data).reason


def test_every_declared_list_is_read_from_its_file():
    assert set(read_word_lists(shipped_data())) == set(WORD_LISTS)


def test_the_error_survives_a_worker_process():
    error = LexiconError("kg/data/roles.tsv", "empty role", line=7)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.line, str(copy)) == (error.path, 7, "kg/data/roles.tsv:7: empty role")


def test_short_names_drop_the_longest_level_suffix(data):
    names = ("天水市", "广西壮族自治区", "香港特别行政区", "神农架林区", "和县")
    expected = ["天水", "广西", "香港", "神农架", "和县"]
    assert [load_lexicon().gazetteer.short_name(n) for n in names] == expected
    # the file's order does not decide: 区 listed first still leaves 广西, not 广西壮族自治
    path = data / "places.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("short_name_suffixes: [", "short_name_suffixes: [区, ")
                    .replace(", 区, 县, 盟", ", 县, 盟"), encoding="utf-8")
    assert [read_lexicon(data).gazetteer.short_name(n) for n in names] == expected


def test_a_missing_or_undecodable_file_is_named(data):
    (data / "roles.yaml").unlink()
    assert load_error(data).path == str(data / "roles.yaml")
    shutil.copy(Path(str(shipped_data().joinpath("roles.yaml"))), data / "roles.yaml")
    (data / "surnames.txt").write_bytes("王\n李\n".encode() + "张\n".encode("gb18030"))
    error = load_error(data)
    assert (error.path, error.line) == (str(data / "surnames.txt"), 3) and "UTF-8" in error.reason


def test_trie_regex_over_many_first_characters_matches_as_plain_alternatives():
    # enough first characters that the trie's alternatives are split into guarded groups,
    # words that are prefixes of others, and characters re treats specially
    import random
    from kg.lang.lexicon import _TRIE_SPLIT, trie_regex
    rng = random.Random(7)
    alphabet = [chr(0x4E00 + i) for i in range(3 * _TRIE_SPLIT * 16)] + list("-]^\\.")
    words = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(6000)}
    words |= {w[:2] for w in list(words)[:500]}
    plain = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    trie = re.compile(trie_regex(words))
    assert len({w[0] for w in words}) > _TRIE_SPLIT * 16
    text = "".join(rng.choice(alphabet[:400] + list("-]^\\.")) for _ in range(5000))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    def spans(pattern):
        return [m and m.span() for m in (pattern.match(text, i) for i in range(len(text)))]
    assert spans(trie) == spans(plain)


def test_townships_are_read_and_checked_when_a_town_is_first_looked_up(data):
    number = append(data, "townships.tsv", "999999001\t九九镇\t999999")
    gazetteer = read_lexicon(data).gazetteer  # the load itself reads no town
    with pytest.raises(LexiconError) as caught:
        gazetteer.listed_town("孟村镇")
    error = caught.value
    assert (error.path, error.line) == (str(data / "townships.tsv"), number)
    assert "county '999999' is no code of divisions.tsv" in error.reason


def test_cached_patterns_are_the_compiled_ones():
    compiled = compile_patterns(load_lexicon(), load_words())
    for field in dataclasses.fields(compiled):
        kept, fresh = getattr(patterns(), field.name), getattr(compiled, field.name)
        if isinstance(fresh, re.Pattern):
            assert (kept.pattern, kept.groupindex, kept.flags) == (fresh.pattern, fresh.groupindex, fresh.flags)
        else:
            assert kept == fresh, field.name


def _yaml_tree(node):
    children = node.value if isinstance(node.value, list) else []
    return (type(node).__name__, node.tag, node.start_mark.line,
            node.value if isinstance(node, yaml.ScalarNode)
            else [_yaml_tree(c) if isinstance(c, yaml.Node) else tuple(map(_yaml_tree, c))
                  for c in children])


def test_data_files_parse_as_with_the_pure_python_yaml_parser():
    # the libyaml loader is for speed: it must read exactly the nodes PyYAML's own does
    folder = shipped_data()
    for name in sorted({*WORD_LISTS.values(), "phrases.yaml"}):
        entries = read_entries(folder, name)
        text = folder.joinpath(name).read_text(encoding="utf-8")
        plain = yaml.compose(text, Loader=yaml.SafeLoader).value
        assert [(key, _yaml_tree(node), line) for key, node, line in entries] == \
            [(k.value, _yaml_tree(v), k.start_mark.line + 1) for k, v in plain], name


def test_a_checked_table_is_checked_again_when_a_table_it_refers_to_changes(data, tmp_path_factory,
                                                                           monkeypatch):
    monkeypatch.setenv("ZHKG_CACHE", str(tmp_path_factory.mktemp("cache")))
    rows = read_table(data, "historical_divisions.tsv")
    assert read_table(data, "historical_divisions.tsv") == rows  # the second from the cache
    successor = rows[0]["new_code"]
    divisions = (data / "divisions.tsv").read_text(encoding="utf-8").splitlines(keepends=True)
    (data / "divisions.tsv").write_text(
        "".join(line for line in divisions if not line.startswith(successor + "\t")), encoding="utf-8")
    with pytest.raises(LexiconError, match=f"'{successor}' is no code"):
        read_table(data, "historical_divisions.tsv")


def test_lists_read_item_by_item_must_be_equally_long(data):
    replace_line(data, "events.yaml", "letter_purpose_kinds:", "letter_purpose_kinds: [贺信, 慰问信]")
    error = load_error(data)
    assert "events.yaml" in error.path and "letter_purpose_kinds" in error.reason
