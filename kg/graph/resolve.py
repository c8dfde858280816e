"""Resolution across documents: which name mentions are one person.

Within one document a name is one person (the recogniser's assumption: a
report does not introduce two officials of one name). Across documents, the
per-document people (`Candidate`: a name in one document, with the
jurisdictions and posts it holds there, the report's place and date) are
clustered name by name. One name is one person unless something says it is
two:

- two candidates conflict when no post's jurisdiction of one is inside or
  around a post's jurisdiction of the other (张健, 秦州区委书记, vs 张健,
  江苏省副省长) — except for a transfer: a report naming posts on two chains
  (任江苏省委书记，不再担任浙江省省长) joins the reports of either, and a
  province's own posts in one province, then in another, are one person
  (李强: 浙江省省长, then 上海市委书记) — or one holds the deputy post of an
  organisation (副书记) as of the date the other holds, or has already held,
  its principal post (书记): a promotion reads deputy-then-principal, never
  the reverse;
- a candidate joins a cluster only when it conflicts with none of its
  members. Where several clusters of the name would take it, it joins the
  first that shares evidence with it (a post in one named organisation, or a
  place on one chain — here the report's place counts too); with no evidence
  either way, the one most reports name.

The report's place is evidence for, never against: national news names a
leader in reports about every province, and a post-less mention says nothing
about whose jurisdiction the person has.

Candidates are visited in date order (then document id), so the result is a
function of the set of candidates: the order of files, workers or incremental
batches cannot change it. The earliest candidate names the cluster, so adding
later reports keeps a person's IRI. Each cluster keeps a summary of its
members (their jurisdictions, the earliest date of each principal post, the
latest of each deputy post), so a candidate is checked against a cluster in
time independent of its size: resolution is linear in the mentions of a name
times the few people who bear it. `explain` gives the reason for every join
and every split (`kg why`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from kg.lang.lexicon import Gazetteer, load_lexicon


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name in one document, with what the document says about its bearer.

    Attributes:
        name: the canonical (simplified) name.
        doc: the document's id.
        date: the document's date, if known.
        places: division codes of the jurisdictions of the posts held here.
        posts: (organisation, role) pairs held here; the organisation is
            `division code|label` of the body, "" for a bare role.
        report_place: division code of the report's place, if known.
        spans: (organisation, role, start, end) of the posts held here over
            the span the text gives (a biography's line, a notice), start and
            end ISO 8601 as precise as written (1983, 1991-09) or None; a
            span with no end is held on the report's date and is in `posts`
            and `places` too.
        span_places: division codes of the jurisdictions of `spans`.
        continuations: the two characters after each of the name's mentions here
            (kg.graph.cut_names).
    """

    name: str
    doc: str
    date: dt.date | None
    places: tuple[str, ...]
    posts: tuple[tuple[str, str], ...]
    report_place: str | None = None
    spans: tuple[tuple[str, str, str | None, str | None], ...] = ()
    span_places: tuple[str, ...] = ()
    continuations: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.name, self.doc)

    def order(self) -> tuple:
        # undated documents after dated ones; ties broken by document id
        return (self.date or dt.date.max, self.doc)

    def evidence_places(self) -> tuple[str, ...]:
        """Places that may show two mentions are one person."""
        if self.places or self.span_places:
            return self.places + self.span_places
        return (self.report_place,) if self.report_place else ()

    def held(self) -> Iterator[tuple[str, str, dt.date | None, dt.date | None]]:
        """(organisation, role, first, last) of each post in a named body: when
        it was held at the latest from and at the earliest until — the most
        lenient reading of a span, so that only a certain overlap conflicts;
        a post with no span is held on the report's date."""
        for org, role in self.posts:
            if org:
                yield org, role, self.date, self.date
        for org, role, start, end in self.spans:
            if org and end is not None:
                yield (org, role, _latest(start) if start else _earliest(end), _earliest(end))


@dataclass(frozen=True, slots=True)
class Identity:
    """One resolved person: the candidates it was built from, earliest first."""

    name: str
    members: tuple[Candidate, ...]

    @property
    def key(self) -> str:
        """The identity key an IRI is minted from: the name in its first report."""
        return f"{self.name}|{self.members[0].doc}"


@dataclass(frozen=True, slots=True)
class Step:
    """One decision of the resolver: `candidate` became a member of person
    number `person` (0-based, in order of first report) for `reason`."""

    candidate: Candidate
    person: int
    reason: str


def org_key(code: str | None, label: str) -> str:
    return f"{code or ''}|{label}"


def _deputy_of(role: str) -> str | None:
    """The principal of a deputy role: 副书记 → 书记, 常务副区长 → 区长 (roles.yaml)."""
    for prefix in load_lexicon().words("deputy_prefixes"):
        if role.startswith(prefix) and len(role) > len(prefix):
            return role[len(prefix):]
    return None


def _label(org: str) -> str:
    return org.split("|", 1)[1]


def _when(date: dt.date | None) -> str:
    return str(date) if date else "an unknown date"


@dataclass
class _Cluster:
    """What the members of one person say, kept so that a candidate is
    checked against the whole cluster at once; each fact remembers the
    member that first said it, to name in an explanation."""

    members: list[Candidate] = field(default_factory=list)
    # the jurisdictions of its members' posts, as chains: places all inside or around one
    # another, each with the member that first named it. One chain, unless a member's own
    # posts lie on two (a transfer: 任江苏省委书记，不再担任浙江省省长)
    chains: list[dict[str, Candidate]] = field(default_factory=list)
    evidence_places: set[str] = field(default_factory=set)
    orgs: set[str] = field(default_factory=set)
    # (org, principal role) → since when a member holds it, and that member
    # (undated: earliest of all)
    principal: dict[tuple[str, str], tuple[dt.date | None, Candidate]] = field(default_factory=dict)
    # (org, principal role) → until when a member holds its deputy, and that
    # member (undated: latest of all)
    deputy: dict[tuple[str, str], tuple[dt.date | None, Candidate]] = field(default_factory=dict)

    def add(self, c: Candidate, gazetteer: Gazetteer) -> None:
        self.members.append(c)
        for own in _chains(c.places, gazetteer):
            chain = next((ch for ch in self.chains if _fits(own, ch, gazetteer)), None)
            if chain is None:
                self.chains.append(chain := {})
            for place in own:
                chain.setdefault(place, c)
        self.evidence_places.update(c.evidence_places())
        self.orgs.update(org for org, _ in c.posts if org)
        self.orgs.update(org for org, _, _, _ in c.spans if org)
        for org, role, first, last in c.held():
            key = (org, role)
            if _earlier(first, self.principal.get(key)):
                self.principal[key] = (first, c)
            head = _deputy_of(role)
            if head is not None and _later(last, self.deputy.get((org, head))):
                self.deputy[(org, head)] = (last, c)

    def conflict(self, c: Candidate, gazetteer: Gazetteer,
                 report: Callable[[str], str] = str) -> str | None:
        """Why `c` cannot be this person, or None when nothing says so
        (`report` names a member's document in the reason)."""
        own = _chains(c.places, gazetteer)
        # a candidate on one chain must fit one of the person's chains whole; one on two
        # (a transfer) needs one of them to fit, and brings the other
        if self._off_chains(own, gazetteer) and not self._moved_between_provinces(own, gazetteer):
            place = own[0][0]
            other, member = next(iter(self.chains[0].items()))
            return (f"its post in {_place_name(place, gazetteer)} and the post in "
                    f"{_place_name(other, gazetteer)} of report {report(member.doc)} "
                    "are on different chains of places")
        for org, role, first, last in c.held():
            head = _deputy_of(role)
            principal = self.principal.get((org, head)) if head else None
            # unknown dates count as the same time: nothing shows a promotion
            if principal is not None and not _before(last, principal[0]):
                return (f"{role} of {_label(org)} until {_when(last)}, while report "
                        f"{report(principal[1].doc)} has {head} from {_when(principal[0])}")
            deputy = self.deputy.get((org, role))
            if deputy is not None and not _before(deputy[0], first):
                return (f"{role} of {_label(org)} from {_when(first)}, while report "
                        f"{report(deputy[1].doc)} has its deputy until {_when(deputy[0])}")
        return None

    def _off_chains(self, own: list[list[str]], gazetteer: Gazetteer) -> bool:
        """Whether none of a candidate's chains fits one of the person's whole."""
        return bool(self.chains and own) and not any(
            _fits(o, chain, gazetteer) for o in own for chain in self.chains)

    def _moved_between_provinces(self, own: list[list[str]], gazetteer: Gazetteer) -> bool:
        """Posts of a province's own (省委书记, 省长) in one province, then in another: a
        transfer, since candidates come in date order and no two leaders of provinces bear
        one name at a time. Lower down, homonyms are common and stay apart."""
        return all(_provincial(p, gazetteer) for chain in own for p in chain) and \
            all(_provincial(p, gazetteer) for chain in self.chains for p in chain)

    def support(self, c: Candidate, gazetteer: Gazetteer) -> str | None:
        """The evidence beyond the name that `c` is this person, if any."""
        own = _chains(c.places, gazetteer)
        if self._off_chains(own, gazetteer) and self._moved_between_provinces(own, gazetteer):
            before = " and ".join(_place_name(p, gazetteer) for ch in self.chains for p in ch)
            return f"the rank of a province's leader, held in {before} before (a transfer)"
        for org, role in c.posts:
            if org and org in self.orgs:
                return f"a post in {_label(org)}"
        for place in c.evidence_places():
            for other in self.evidence_places:
                if place == other:
                    return f"the place {_place_name(place, gazetteer)}"
                if _nested(place, other, gazetteer):
                    return (f"{_place_name(place, gazetteer)} and {_place_name(other, gazetteer)}, "
                            "one inside the other")
        return None


def _chains(places: tuple[str, ...], gazetteer: Gazetteer) -> list[list[str]]:
    """A candidate's jurisdictions grouped into chains (each place inside or around the
    others of its group), in the order first named."""
    chains: list[list[str]] = []
    for place in places:
        chain = next((ch for ch in chains
                      if all(_nested(place, other, gazetteer) for other in ch)), None)
        if chain is None:
            chains.append([place])
        else:
            chain.append(place)
    return chains


def _provincial(code: str, gazetteer: Gazetteer) -> bool:
    place = gazetteer.by_code.get(code)
    return place is not None and place.level == "province"


def _fits(places: list[str], chain: dict[str, Candidate], gazetteer: Gazetteer) -> bool:
    return all(_nested(place, other, gazetteer) for place in places for other in chain)


def _before(a: dt.date | None, b: dt.date | None) -> bool:
    return a is not None and b is not None and a < b


def _earlier(date: dt.date | None, held: tuple[dt.date | None, Candidate] | None) -> bool:
    if held is None:
        return True
    return held[0] is not None and (date is None or date < held[0])


def _later(date: dt.date | None, held: tuple[dt.date | None, Candidate] | None) -> bool:
    if held is None:
        return True
    return held[0] is not None and (date is None or date > held[0])


def _earliest(value: str) -> dt.date:
    """The first day an ISO year, month or date can mean: 1991-09 → 1991-09-01."""
    year, month, day = (value.split("-") + ["1", "1"])[:3]
    return dt.date(int(year), int(month), int(day))


def _latest(value: str) -> dt.date:
    """The last day an ISO year, month or date can mean: 1991-09 → 1991-09-30."""
    parts = value.split("-")
    if len(parts) == 3:
        return dt.date(*map(int, parts))
    if len(parts) == 2:
        year, month = map(int, parts)
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(int(parts[0]), 12, 31)


def _steps(candidates: Iterable[Candidate], gazetteer: Gazetteer,
           report: Callable[[str], str] = str) -> Iterator[Step]:
    """The resolver's decisions for candidates of one name, in visiting order."""
    clusters: list[_Cluster] = []
    for c in sorted({c.key: c for c in candidates}.values(), key=Candidate.order):
        open_to = []
        refusals = []
        for number, cluster in enumerate(clusters):
            why_not = cluster.conflict(c, gazetteer, report)
            if why_not is None:
                open_to.append(number)
            else:
                refusals.append(f"not person {number + 1}: {why_not}")
        home, reason = None, ""
        for number in open_to:
            evidence = clusters[number].support(c, gazetteer)
            if evidence is not None:
                home, reason = number, f"shares {evidence}"
                break
        if home is None and len(open_to) == 1:
            home, reason = open_to[0], "nothing says it is someone else"
        elif home is None and open_to:
            # nothing tells which: the person most reports name is the likeliest
            home = max(open_to, key=lambda n: (len(clusters[n].members), -n))
            reason = (f"could be person {', '.join(str(n + 1) for n in open_to)}; joined the "
                      "one named in most reports")
        if home is None:
            home = len(clusters)
            clusters.append(_Cluster())
            reason = "; ".join(refusals) if refusals else "first report of the name"
        clusters[home].add(c, gazetteer)
        yield Step(c, home, reason)


def resolve(candidates: Iterable[Candidate], gazetteer: Gazetteer) -> list[Identity]:
    """Cluster candidates into people; see the module doc for the rules.

    Candidates with the same key (name and document) are taken once.
    Returns identities sorted by name, then by their first member.
    """
    by_name: dict[str, list[Candidate]] = defaultdict(list)
    for c in candidates:
        by_name[c.name].append(c)
    identities = []
    for name in sorted(by_name):
        people: list[list[Candidate]] = []
        for step in _steps(by_name[name], gazetteer):
            if step.person == len(people):
                people.append([])
            people[step.person].append(step.candidate)
        identities += [Identity(name, tuple(members)) for members in people]
    return identities


def explain(candidates: Iterable[Candidate], gazetteer: Gazetteer,
            report: Callable[[str], str] = str) -> list[Step]:
    """Every decision `resolve` takes for these candidates (of one name), in
    order; `report` names a document (its id, by default) in the reasons."""
    return list(_steps(candidates, gazetteer, report))


def _nested(a: str, b: str, gazetteer: Gazetteer) -> bool:
    if a == b:
        return True
    pa, pb = gazetteer.by_code.get(a), gazetteer.by_code.get(b)
    if pa is None or pb is None:
        return False
    return gazetteer.contains(pa, pb) or gazetteer.contains(pb, pa)


def _place_name(code: str, gazetteer: Gazetteer) -> str:
    place = gazetteer.by_code.get(code)
    return place.name if place else code
