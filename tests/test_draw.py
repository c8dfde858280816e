"""kg.views.draw: RDF → entity graph → one offline HTML page.

`qinzhou_graph` is the hand-built sample that test_export.py and test_browser.py
import too: two source documents, people with posts, a meeting, a document with
two publishers, a campaign, and a sentence carrying an HTML and a CSV payload.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
import rdflib
from rdflib import BNode, Literal, URIRef

from kg.cli import main
from kg.views.draw import DrawSummary, draw_graph
from kg.views.network import co_attendance, entity_graph
from kg.errors import UsageError
from kg.views.export import export_graph
# XSD and TIME only through ns: pytest probes module globals and those two warn
from kg.graph import ns
from kg.graph.ns import DCTERMS, FOAF, KG, NIF, ORG, PROV, RDF, RDFS, SCHEMA, SKOS

ID = "https://w3id.org/zhkg/id/"
PAYLOAD = '张健称"=cmd"<script>alert(1)</script>。'


def iri(path: str) -> URIRef:
    return URIRef(ID + path)


ZHANG = iri("person/zhang-jian-3f2a")
SONG = iri("person/song-jian-ping-91c0")
MEETING = iri("meeting/qin-zhou-zheng-fa-b3e1")
CAMPAIGN = iri("campaign/ping-an-qin-zhou-77d2")
DOC1 = iri("source/qinzhou-2007-04-03")
DOC2 = iri("source/tianshui-2007-05-01")


def qinzhou_graph() -> rdflib.Graph:
    """A small graph in the zhkg vocabulary, written out by hand."""
    g = rdflib.Graph()
    sentences: dict[str, URIRef] = {}

    def source(doc: URIRef, path: str, date: str, texts: list[tuple[str, str]]) -> None:
        full = "".join(t for _, t in texts)
        g.add((doc, RDF.type, KG.SourceDocument))
        g.add((doc, DCTERMS.source, Literal(path)))
        g.add((doc, SCHEMA.datePublished, Literal(date, datatype=ns.XSD.date)))
        g.add((doc, NIF.isString, Literal(full)))
        at = 0
        for key, text in texts:
            s = URIRef(f"{doc}#char={at},{at + len(text)}")
            sentences[key] = s
            g.add((s, RDF.type, KG.Sentence))
            g.add((s, NIF.referenceContext, doc))
            g.add((s, NIF.beginIndex, Literal(at, datatype=ns.XSD.nonNegativeInteger)))
            g.add((s, NIF.endIndex, Literal(at + len(text), datatype=ns.XSD.nonNegativeInteger)))
            g.add((s, NIF.anchorOf, Literal(text)))
            at += len(text)

    source(DOC1, "seeds/qinzhou-2007-04-03.txt", "2007-04-03", [
        ("chair", "4月3日，秦州区政法、综治暨禁毒工作会议召开，区委副书记宋建平主持会议。"),
        ("zhang", "天水市委常委、秦州区委书记张健作重要讲话。"),
        ("payload", PAYLOAD),
        ("doc", "会议宣读了秦州区委、秦州区政府《关于表彰综治工作先进集体的决定》。"),
        ("campaign", "全面推进“平安秦州”建设。"),
    ])
    source(DOC2, "news/tianshui-2007-05-01.txt", "2007-05-01", [
        ("later", "天水市委常委张健出席会议。"),
    ])

    def entity(node: URIRef, cls: URIRef, label: str, *keys: str, pinyin: str | None = None,
               extra: tuple[URIRef, ...] = ()) -> URIRef:
        for c in (cls, *extra):
            g.add((node, RDF.type, c))
        g.add((node, RDFS.label, Literal(label, lang="zh-Hans")))
        if pinyin:
            g.add((node, RDFS.label, Literal(pinyin, lang="zh-Latn-pinyin")))
        for key in keys:
            g.add((node, PROV.wasDerivedFrom, sentences[key]))
        return node

    qinzhou = entity(iri("place/qin-zhou-qu-6205"), KG.Place, "秦州区", "chair",
                     pinyin="Qínzhōu Qū", extra=(SCHEMA.AdministrativeArea,))
    tianshui = entity(iri("place/tian-shui-shi-6205"), KG.Place, "天水市", "zhang",
                      pinyin="Tiānshuǐ Shì")
    g.add((qinzhou, SCHEMA.containedInPlace, tianshui))
    g.add((qinzhou, KG.divisionCode, Literal("620502")))

    def org(slug: str, label: str, place: URIRef, kind: URIRef, *keys: str) -> URIRef:
        node = entity(iri("org/" + slug), KG.Organization, label, *keys, extra=(ORG.Organization,))
        g.add((node, KG.jurisdiction, place))
        g.add((node, KG.orgType, kind))
        return node

    g.add((KG.PartyCommittee, SKOS.prefLabel, Literal("党委", lang="zh-Hans")))
    g.add((KG.PartyCommittee, SKOS.notation, Literal("party-committee")))
    qz_party = org("qin-zhou-qu-wei", "秦州区委", qinzhou, KG.PartyCommittee, "zhang", "doc")
    g.add((qz_party, SKOS.altLabel, Literal("中共秦州区委", lang="zh-Hans")))
    qz_gov = org("qin-zhou-qu-zheng-fu", "秦州区政府", qinzhou, KG.Government, "doc")
    ts_party = org("tian-shui-shi-wei", "天水市委", tianshui, KG.PartyCommittee, "zhang", "later")

    roles = {name: entity(iri("role/" + slug), KG.Role, name, key)
             for name, slug, key in [("书记", "shu-ji", "zhang"), ("常委", "chang-wei", "zhang"),
                                     ("副书记", "fu-shu-ji", "chair")]}

    def post(slug: str, label: str, organisation: URIRef, role: str, key: str) -> URIRef:
        node = entity(iri("post/" + slug), KG.Post, label, key, extra=(ORG.Post,))
        g.add((node, ORG.postIn, organisation))
        g.add((organisation, ORG.hasPost, node))
        g.add((node, ORG.role, roles[role]))
        return node

    secretary = post("qin-zhou-qu-wei-shu-ji", "秦州区委书记", qz_party, "书记", "zhang")
    standing = post("tian-shui-shi-wei-chang-wei", "天水市委常委", ts_party, "常委", "zhang")
    deputy = post("qin-zhou-qu-wei-fu-shu-ji", "秦州区委副书记", qz_party, "副书记", "chair")

    entity(ZHANG, KG.Person, "张健", "zhang", "payload", "later", pinyin="Zhāng Jiàn",
           extra=(FOAF.Person,))
    entity(SONG, KG.Person, "宋建平", "chair")

    def holding(slug: str, person: URIRef, held: URIRef, organisation: URIRef, role: str,
                key: str, date: str) -> None:
        h = iri("holding/" + slug)
        g.add((h, RDF.type, KG.PostHolding))
        g.add((h, ORG.member, person))
        g.add((h, KG.post, held))
        g.add((h, ORG.organization, organisation))
        g.add((h, ORG.role, roles[role]))
        g.add((h, KG.asOf, Literal(date, datatype=ns.XSD.date)))
        during, inside = BNode(), BNode()
        g.add((h, ORG.memberDuring, during))
        g.add((during, ns.TIME.inside, inside))
        g.add((inside, ns.TIME.inXSDDate, Literal(date, datatype=ns.XSD.date)))
        g.add((h, PROV.wasDerivedFrom, sentences[key]))
        g.add((person, ORG.holds, held))

    holding("zhang-jian-shu-ji", ZHANG, secretary, qz_party, "书记", "zhang", "2007-04-03")
    holding("zhang-jian-chang-wei", ZHANG, standing, ts_party, "常委", "zhang", "2007-04-03")
    holding("song-jian-ping-fu-shu-ji", SONG, deputy, qz_party, "副书记", "chair", "2007-04-03")

    entity(MEETING, KG.Meeting, "秦州区政法、综治暨禁毒工作会议", "chair", extra=(SCHEMA.Event,))
    g.add((MEETING, SCHEMA.startDate, Literal("2007-04-03", datatype=ns.XSD.date)))
    g.add((MEETING, SCHEMA.location, qinzhou))
    g.add((MEETING, KG.chair, SONG))
    g.add((MEETING, KG.speaker, ZHANG))
    g.add((MEETING, KG.mentions, CAMPAIGN))
    entity(CAMPAIGN, KG.Campaign, "平安秦州", "campaign")
    g.add((CAMPAIGN, KG.launchedBy, qz_party))
    g.add((CAMPAIGN, SCHEMA.location, qinzhou))
    decision = entity(iri("document/guan-yu-biao-zhang-4c1d"), KG.Document,
                      "关于表彰综治工作先进集体的决定", "doc")
    g.add((decision, SCHEMA.publisher, qz_party))
    g.add((decision, SCHEMA.publisher, qz_gov))
    g.add((decision, KG.readAt, MEETING))
    return g


# 2 people, 2 places, 3 organisations, 3 roles, 3 posts, a meeting, a campaign, a document
ENTITY_COUNT = 16


class _Refs(HTMLParser):
    """Collects the URLs a page would load: script src, link href, and so on."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.scripts = 0
        self.css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts += tag == "script"
        self._in_style = tag == "style"
        for name, value in attrs:
            if name in ("src", "href", "data", "srcset") and value:
                self.loads.append(value)
            elif name == "style" and value:
                self.css.append(value)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.css.append(data)


# CSS that fetches: @import of anything, url() of anything but inline data
_CSS_LOADS = re.compile(r"@import\b[^;]*|url\(\s*['\"]?(?!data:)[^)'\"]+", re.IGNORECASE)


def external_loads(html: str) -> list[str]:
    """Every script, stylesheet, image or frame a page would fetch rather than carry inline."""
    refs = _Refs()
    refs.feed(html)
    return refs.loads + [m for css in refs.css for m in _CSS_LOADS.findall(css)]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, DrawSummary]:
    out = tmp_path_factory.mktemp("draw") / "qinzhou.html"
    summary = draw_graph(qinzhou_graph(), out, title="秦州 <测试>")
    return out.read_text(encoding="utf-8"), summary


def page_data(html: str) -> dict:
    match = re.search(r"const DATA = (\{.*?\});\n", html)
    return json.loads(match.group(1))


def test_entity_graph_has_domain_entities_only() -> None:
    g = entity_graph(qinzhou_graph())
    assert g.number_of_nodes() == ENTITY_COUNT
    assert g.nodes[str(ZHANG)]["class"] == "Person"
    assert g.nodes[str(ZHANG)]["pinyin"] == "Zhāng Jiàn"
    assert str(DOC1) not in g and not any("#char=" in n for n in g)


def test_entity_graph_holding_becomes_dated_edge() -> None:
    g = entity_graph(qinzhou_graph())
    held = [(v, d) for _, v, d in g.out_edges(str(ZHANG), data=True) if d["relation"] == "任职"]
    assert {g.nodes[v]["label"] for v, _ in held} == {"秦州区委书记", "天水市委常委"}
    assert {d["date"] for _, d in held} == {"2007-04-03"}
    # org:holds is not drawn a second time beside the holding, nor org:hasPost beside org:postIn
    assert len(held) == 2
    secretary = next(v for v, _ in held if g.nodes[v]["label"] == "秦州区委书记")
    assert [d["relation"] for _, _, d in g.in_edges(secretary, data=True)] == ["任职"]


def test_entity_graph_reads_language_tags_in_any_case() -> None:
    g = rdflib.Graph()
    g.add((ZHANG, RDF.type, KG.Person))
    # Oxigraph writes tags in lower case; the Chinese label must still win over the pinyin
    g.add((ZHANG, RDFS.label, Literal("张健", lang="zh-hans")))
    g.add((ZHANG, RDFS.label, Literal("Zhāng Jiàn", lang="zh-latn-pinyin")))
    g.add((ZHANG, SKOS.altLabel, Literal("张健同志", lang="zh-hans")))
    node = entity_graph(g).nodes[str(ZHANG)]
    assert (node["label"], node["pinyin"]) == ("张健", "Zhāng Jiàn")


def test_entity_graph_facts_name_concepts_by_label() -> None:
    g = entity_graph(qinzhou_graph())
    assert ("orgType", "党委") in g.nodes[str(iri("org/qin-zhou-qu-wei"))]["facts"]
    assert ("divisionCode", "620502") in g.nodes[str(iri("place/qin-zhou-qu-6205"))]["facts"]


def test_entity_graph_document_has_two_publishers_and_computed_pinyin() -> None:
    g = entity_graph(qinzhou_graph())
    doc = next(n for n, d in g.nodes(data=True) if d["class"] == "Document")
    publishers = {g.nodes[v]["label"] for _, v, d in g.out_edges(doc, data=True)
                  if d["relation"] == "发布"}
    assert publishers == {"秦州区委", "秦州区政府"}
    assert g.nodes[str(SONG)]["pinyin"] == "Sòng Jiànpíng"


def test_entity_graph_edge_sources_are_shared_sentences() -> None:
    g = entity_graph(qinzhou_graph())
    chair = next(d for _, v, d in g.out_edges(str(MEETING), data=True) if v == str(SONG))
    assert chair["relation"] == "主持"
    assert [g.graph["sentences"][s][2][:5] for s in chair["sources"]] == ["4月3日，"]


def test_draw_summary_counts(page: tuple[str, DrawSummary]) -> None:
    html, summary = page
    assert summary == DrawSummary(nodes_drawn=ENTITY_COUNT, edges_drawn=summary.edges_drawn,
                                  nodes_in_graph=ENTITY_COUNT, truncated=False)
    assert summary.edges_drawn == len(page_data(html)["edges"]) > 20
    assert f'data-graph-node-count="{ENTITY_COUNT}"' in html and 'data-node-count=""' in html


def test_external_loads_finds_remote_scripts_and_styles() -> None:
    remote = ('<link rel="stylesheet" href="https://cdn.example/b.css">'
              '<script src="http://cdn.example/vis.js"></script>'
              '<style>@import "x.css"; .a { background: url(https://cdn.example/p.png) }'
              ' .b { background: url("data:image/png;base64,AAAA") }</style>')
    assert external_loads(remote) == ["https://cdn.example/b.css", "http://cdn.example/vis.js",
                                      '@import "x.css"', "url(https://cdn.example/p.png"]


def test_draw_page_is_self_contained(page: tuple[str, DrawSummary]) -> None:
    html, _ = page
    refs = _Refs()
    refs.feed(html)
    assert external_loads(html) == []
    assert refs.scripts == 2
    assert '<meta charset="utf-8">' in html
    assert "vis.Network" in html and len(html) > 400_000  # vis-network itself is inline


def test_draw_escapes_document_text(page: tuple[str, DrawSummary]) -> None:
    html, _ = page
    assert "<script>alert(1)" not in html
    assert "<title>秦州 &lt;测试&gt;</title>" in html
    sentences = [s for s, _ in page_data(html)["sentences"]]
    assert PAYLOAD in sentences  # kept verbatim in the data, rendered through textContent
    assert "innerHTML" not in html.split("const DATA")[1]


def test_draw_tooltips_cite_sentence_and_document(page: tuple[str, DrawSummary]) -> None:
    data = page_data(page[0])
    zhang = next(n for n in data["nodes"] if n["iri"] == str(ZHANG))
    cited = [data["sentences"][i] for i in zhang["src"]]
    assert [data["docs"][d] for _, d in cited] == ["news/tianshui-2007-05-01.txt"] + [
        "seeds/qinzhou-2007-04-03.txt"] * 2
    assert all(e["src"] for e in data["edges"])
    assert all(n["src"] for n in data["nodes"])


def test_draw_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    draw_graph(qinzhou_graph(), a)
    draw_graph(qinzhou_graph(), b)
    assert a.read_bytes() == b.read_bytes()


def test_draw_focus_keeps_ego_network(tmp_path: Path) -> None:
    summary = draw_graph(qinzhou_graph(), tmp_path / "ego.html", focus="张健", depth=1)
    labels = {n["label"] for n in page_data((tmp_path / "ego.html").read_text("utf-8"))["nodes"]}
    assert labels == {"张健", "秦州区委书记", "天水市委常委", "秦州区政法、综治暨禁毒工作会议"}
    assert summary.nodes_drawn == 4 and summary.nodes_in_graph == ENTITY_COUNT
    assert draw_graph(qinzhou_graph(), tmp_path / "iri.html", focus=str(ZHANG),
                      depth=0).nodes_drawn == 1


def test_draw_unknown_focus_is_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="王五"):
        draw_graph(qinzhou_graph(), tmp_path / "x.html", focus="王五")


def test_draw_truncates_to_most_connected(tmp_path: Path) -> None:
    summary = draw_graph(qinzhou_graph(), tmp_path / "t.html", max_nodes=5)
    html = (tmp_path / "t.html").read_text("utf-8")
    assert summary.truncated and summary.nodes_drawn == 5
    assert 'id="truncated"' in html
    g = entity_graph(qinzhou_graph())
    top = sorted(g.nodes, key=lambda n: (-g.degree(n), n))[:5]
    assert {n["iri"] for n in page_data(html)["nodes"]} == set(top)
    assert str(iri("org/qin-zhou-qu-wei")) in top


def synthetic_graph(n_people: int) -> rdflib.Graph:
    """People holding posts in organisations: about 2.2 entities per person."""
    g = rdflib.Graph()
    n_orgs = max(1, n_people // 5)
    for o in range(n_orgs):
        org = iri(f"org/o{o}")
        g.add((org, RDF.type, KG.Organization))
        g.add((org, RDFS.label, Literal(f"机构{o}", lang="zh-Hans")))
        if o:
            g.add((org, ORG.subOrganizationOf, iri(f"org/o{(o - 1) // 3}")))
    for p in range(n_people):
        person, post = iri(f"person/p{p}"), iri(f"post/p{p}")
        g.add((person, RDF.type, KG.Person))
        g.add((person, RDFS.label, Literal(f"人物{p}", lang="zh-Hans")))
        g.add((person, RDFS.label, Literal(f"renwu {p}", lang="zh-Latn-pinyin")))
        g.add((post, RDF.type, KG.Post))
        g.add((post, RDFS.label, Literal(f"职务{p}", lang="zh-Hans")))
        g.add((post, ORG.postIn, iri(f"org/o{p % n_orgs}")))
        g.add((person, ORG.holds, post))
    return g


@pytest.mark.parametrize("people", [450, 2250])
def test_draw_large_graph_is_fast_and_static(tmp_path: Path, people: int) -> None:
    g = synthetic_graph(people)
    started = time.perf_counter()
    summary = draw_graph(g, tmp_path / "big.html", max_nodes=10_000)
    elapsed = time.perf_counter() - started
    assert summary.nodes_drawn == summary.nodes_in_graph == people * 2 + people // 5
    data = page_data((tmp_path / "big.html").read_text("utf-8"))
    assert data["physics"] is False
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == summary.nodes_drawn
    assert external_loads((tmp_path / "big.html").read_text("utf-8")) == []
    assert elapsed < 30


def test_draw_seed_page_is_offline_and_cites_every_item(seed_graph, tmp_path: Path) -> None:
    summary = draw_graph(seed_graph, tmp_path / "seed.html")
    html = (tmp_path / "seed.html").read_text("utf-8")
    assert external_loads(html) == []
    data = page_data(html)
    assert summary.nodes_drawn == len(data["nodes"]) == entity_graph(seed_graph).number_of_nodes()
    # every node and edge carries a source sentence and its document for its tooltip
    assert all(n["src"] for n in data["nodes"]) and all(e["src"] for e in data["edges"])
    assert data["docs"] == ["seeds/qinzhou-2007-04-03.txt"]
    zhang = next(n for n in data["nodes"] if n["label"] == "张健")
    assert zhang["py"] == "Zhāng Jiàn"
    assert any("張健" in data["sentences"][i][0] for i in zhang["src"])


def meetings_graph() -> rdflib.Graph:
    """Four people, three meetings: 甲 and 乙 meet twice, 丙 once with them, 丁 alone."""
    g = rdflib.Graph()
    doc = iri("source/m")
    people = {name: iri(f"person/{slug}") for name, slug in
              [("甲", "jia"), ("乙", "yi"), ("丙", "bing"), ("丁", "ding")]}
    for name, node in people.items():
        g.add((node, RDF.type, KG.Person))
        g.add((node, RDFS.label, Literal(name, lang="zh-Hans")))
    g.add((people["甲"], RDFS.label, Literal("Jiǎ", lang="zh-Latn-pinyin")))

    def meeting(slug: str, text: str, chair: str | None, *speakers: str) -> None:
        node, sentence = iri(f"meeting/{slug}"), URIRef(f"{doc}#{slug}")
        g.add((node, RDF.type, KG.Meeting))
        g.add((node, RDFS.label, Literal(slug, lang="zh-Hans")))
        g.add((sentence, NIF.anchorOf, Literal(text)))
        g.add((sentence, NIF.referenceContext, doc))
        g.add((node, PROV.wasDerivedFrom, sentence))
        if chair:
            g.add((node, KG.chair, people[chair]))
        for name in speakers:
            g.add((node, KG.speaker, people[name]))

    meeting("m1", "甲主持会议，乙、丙讲话。", "甲", "乙", "丙")
    # chairing and speaking at one meeting is still one meeting
    meeting("m2", "甲主持并讲话，乙讲话。", "甲", "甲", "乙")
    meeting("m3", "丁讲话。", None, "丁")
    return g


def test_co_attendance_weights_shared_meetings() -> None:
    people = co_attendance(meetings_graph())
    label = {n: d["label"] for n, d in people.nodes(data=True)}
    assert sorted(label.values()) == ["丁", "丙", "乙", "甲"]
    weights = {frozenset((label[a], label[b])): d["weight"] for a, b, d in people.edges(data=True)}
    assert weights == {frozenset("甲乙"): 2, frozenset("甲丙"): 1, frozenset("乙丙"): 1}
    assert people.degree(str(iri("person/ding"))) == 0
    jia = people.nodes[str(iri("person/jia"))]
    assert jia["pinyin"] == "Jiǎ" and people.nodes[str(iri("person/yi"))]["pinyin"] == "Yǐ"
    both = people.edges[str(iri("person/jia")), str(iri("person/yi"))]
    assert both["meetings"] == (str(iri("meeting/m1")), str(iri("meeting/m2")))
    assert [people.graph["sentences"][s][2] for s in both["sources"]] == [
        "甲主持会议，乙、丙讲话。", "甲主持并讲话，乙讲话。"]


def test_draw_co_attendance_view(tmp_path: Path) -> None:
    summary = draw_graph(meetings_graph(), tmp_path / "co.html", view="co-attendance")
    html = (tmp_path / "co.html").read_text("utf-8")
    data = page_data(html)
    assert {n["cls"] for n in data["nodes"]} == {"Person"} and summary.nodes_drawn == 4
    assert sorted(e["label"] for e in data["edges"]) == ["同会×1", "同会×1", "同会×2"]
    heavy = next(e for e in data["edges"] if e["value"] == 2)
    assert heavy["meetings"] == ["m1", "m2"] and heavy["src"]
    # who met whom has no direction: no arrowheads
    options = json.loads(re.search(r"const OPTIONS = (\{.*?\});\n", html).group(1))
    assert options["edges"]["arrows"]["to"]["enabled"] is False
    with pytest.raises(UsageError, match="unknown view"):
        draw_graph(meetings_graph(), tmp_path / "x.html", view="people")


def test_cli_draw_focus_depth(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    export_graph(qinzhou_graph(), tmp_path / "g.ttl")
    out = tmp_path / "ego.html"
    assert main(["draw", str(tmp_path / "g.ttl"), "-o", str(out),
                 "--focus", "张健", "--depth", "1"]) == 0
    labels = {n["label"] for n in page_data(out.read_text("utf-8"))["nodes"]}
    assert labels == {"张健", "秦州区委书记", "天水市委常委", "秦州区政法、综治暨禁毒工作会议"}
    assert "kg draw: 4 nodes" in capsys.readouterr().err
    assert main(["draw", str(tmp_path / "g.ttl"), "-o", str(out), "--focus", "王五"]) == 2
    assert "王五" in capsys.readouterr().err


def test_cli_draw_co_attendance(tmp_path: Path) -> None:
    export_graph(qinzhou_graph(), tmp_path / "g.ttl")
    out = tmp_path / "co.html"
    assert main(["draw", str(tmp_path / "g.ttl"), "-o", str(out), "--co-attendance"]) == 0
    data = page_data(out.read_text("utf-8"))
    assert sorted(n["label"] for n in data["nodes"]) == ["宋建平", "张健"]
    assert [e["label"] for e in data["edges"]] == ["同会×1"]


def test_viewer_labels_come_from_the_data_file() -> None:
    from kg.graph.ns import ORG
    from kg.views.labels import viewer_labels
    labels = viewer_labels()
    assert list(labels.classes)[:2] == ["Person", "Organization"]  # priority order kept
    assert labels.classes["Person"] == ("人物", "#e15759", "dot")
    assert labels.relations[ORG.holds] == "任职"
    assert labels.derived == {"co-attendance": "同会", "talks": "会见会谈"}


@pytest.mark.parametrize("row, reason", [
    ("Person\tclass\t人物\t#e15759\tdot", "key 'Person' again"),
    ("Persona\tclass\t人物\t#e15759\tdot", "not a class of the kg: vocabulary"),
    ("Place\tclass\t地\tred\tdot", "is not #rrggbb"),
    ("Place\tclass\t地\t#e15759\tblob", "shape 'blob'"),
    ("ex:holds\trelation\t任职\t\t", "expected a prefixed name"),
    ("org:role\trelation\t职位\t\t", "key 'org:role' again"),
    ("org:member\trelation\t成员\t#e15759\t", "only classes have a colour"),
    ("org:member\tedge\t成员\t\t", "kind 'edge'; expected one of"),
    ("org:member\trelation\t成员", "3 cells; expected 5"),
])
def test_viewer_labels_errors_name_the_line(tmp_path, row: str, reason: str) -> None:
    from kg.errors import LexiconError
    from kg.views.labels import read_viewer_labels
    (tmp_path / "viewer_labels.tsv").write_text(
        "# comment\nkey\tkind\tlabel\tcolour\tshape\nPerson\tclass\t人物\t#e15759\tdot\n"
        "org:role\trelation\t职位\t\t\n" + row + "\nco-attendance\tderived\t同会\t\t\n",
        encoding="utf-8")
    with pytest.raises(LexiconError, match=f"viewer_labels.tsv:5: .*{reason}"):
        read_viewer_labels(tmp_path)


def test_corpus_view_opens_on_people_posts_bodies_sized_by_centrality(tmp_path: Path) -> None:
    g = synthetic_graph(450)
    hub = iri("person/p0")
    for post in range(10, 40):
        g.add((hub, ORG.holds, iri(f"post/p{post}")))
    place = iri("place/x")
    g.add((place, RDF.type, KG.Place))
    g.add((place, RDFS.label, Literal("某地", lang="zh-Hans")))
    g.add((iri("org/o0"), KG.jurisdiction, place))
    draw_graph(g, tmp_path / "corpus.html")
    data = page_data((tmp_path / "corpus.html").read_text("utf-8"))
    # places are one click away, not drawn over the people
    assert data["hidden"] == ["Place"]
    nodes = {n["iri"]: n for n in data["nodes"]}
    central, lone = nodes[str(hub)], nodes[str(iri("person/p400"))]
    assert central["size"] > 2 * lone["size"]
    # the lone one's label is too small to draw until the reader zooms in
    assert central["font"]["size"] > 14 and lone["font"]["size"] < central["font"]["size"] / 3
    assert "vadjust" in central["font"] and "vadjust" not in lone["font"]


def test_small_view_shows_every_class(tmp_path: Path) -> None:
    draw_graph(qinzhou_graph(), tmp_path / "seed.html")
    assert page_data((tmp_path / "seed.html").read_text("utf-8"))["hidden"] == []


def hubs_graph(hubs: int = 3) -> rdflib.Graph:
    """synthetic_graph(450), 1,080 nodes, with `hubs` officials who hold 30 posts each."""
    g = synthetic_graph(450)
    for hub in range(hubs):
        for post in range(10 + 10 * hub, 40 + 10 * hub):
            g.add((iri(f"person/p{hub}"), ORG.holds, iri(f"post/p{post}")))
    return g


def circles_graph() -> rdflib.Graph:
    """hubs_graph(0) and an official who alone holds 30 posts of his own."""
    g = hubs_graph(0)
    for k in range(30):
        post = iri(f"post/own{k}")
        g.add((post, RDF.type, KG.Post))
        g.add((post, RDFS.label, Literal(f"专职{k}", lang="zh-Hans")))
        g.add((iri("person/p0"), ORG.holds, post))
    return g


def test_corpus_view_colours_communities_with_a_legend(tmp_path: Path) -> None:
    draw_graph(circles_graph(), tmp_path / "a.html")
    draw_graph(circles_graph(), tmp_path / "b.html")
    # the same graph, the same page: communities and layout are seeded and sorted
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    data = page_data((tmp_path / "a.html").read_text("utf-8"))
    legend = data["communities"]
    assert len(legend) >= 5 and len({c[1] for c in legend}) == len(legend)
    nodes = {n["iri"]: n for n in data["nodes"]}
    for n in nodes.values():
        if n["grp"] < len(legend):
            assert n["color"] == legend[n["grp"]][1]
    # the official and the posts only he holds are one community, named after him
    hub = nodes[str(iri("person/p0"))]
    assert {nodes[str(iri(f"post/own{k}"))]["grp"] for k in range(30)} == {hub["grp"]}
    assert legend[hub["grp"]][0] == "人物0"
    # a class is told by its shape once colour means community
    assert {n["shape"] for n in nodes.values() if n["cls"] == "Post"} == {"diamond"}


def test_small_view_keeps_class_colours(tmp_path: Path) -> None:
    draw_graph(qinzhou_graph(), tmp_path / "seed.html")
    data = page_data((tmp_path / "seed.html").read_text("utf-8"))
    assert data["communities"] == []
    assert {n["color"] for n in data["nodes"] if n["cls"] == "Person"} == {"#e15759"}


@pytest.mark.slow  # two Python processes
def test_communities_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    script = ("import sys; sys.path.insert(0, 'tests'); from test_draw import hubs_graph; "
              "from kg.views.draw import draw_graph; from pathlib import Path; "
              "draw_graph(hubs_graph(), Path(sys.argv[1]))")
    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}.html"
        subprocess.run([sys.executable, "-c", script, str(out)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]


def test_labels_are_placed_where_they_fit() -> None:
    from kg.views.layout import node_box, place_labels
    # five labels for five nodes at one spot: below, above, a line further off each way,
    # then nowhere
    crowd = [(f"n{i}", (100.0, 100.0), 5.0, 10.0, 3) for i in range(5)]
    line = 12.0 + 2 * 3.0  # a label's height and the clearance above and below it
    assert place_labels([(5, crowd)], {}) == {"n0": 0.0, "n1": -(2 * 5.0 + 12.0), "n2": line,
                                             "n3": -(2 * 5.0 + 12.0) - line}
    # a group gives at most its limit, and a big node keeps other labels off it
    far = [(f"m{i}", (100.0 * i, 500.0), 5.0, 10.0, 3) for i in range(4)]
    hub = {"hub": node_box(200.0, 510.0, 60.0)}
    assert sorted(place_labels([(2, far)], hub)) == ["m0", "m1"]
    assert sorted(place_labels([(4, far)], hub)) == ["m0", "m1", "m3"]
