"""Resolution across documents: which name mentions are one person.

Within one document a name is one person (the recogniser's assumption: a
report does not introduce two officials of one name). Across documents, the
per-document people (`Candidate`: a name in one document, with the places and
posts it is seen with there and the document's date) are clustered name by
name:

- two candidates are kept apart when they conflict: a jurisdiction of one is
  neither inside nor around a jurisdiction of the other (张健 of 秦州区 vs 张健
  of 江苏省), or one holds the deputy post of an organisation (副书记) as of the
  date the other holds, or has already held, its principal post (书记) — a
  promotion reads deputy-then-principal, never the reverse;
- a candidate joins a cluster only when it conflicts with none of its members
  and shares evidence with at least one: a place on one chain of the
  gazetteer, or a post in one named organisation. A name alone merges nothing.

Candidates are visited in date order (then document id), each joining the
first cluster it fits, so the result is a function of the set of candidates:
the order of files, workers or incremental batches cannot change it. The
earliest candidate names the cluster, so adding later reports keeps a
person's IRI.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kg.lang.lexicon import Gazetteer, load_lexicon


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name in one document, with what the document says about its bearer.

    Attributes:
        name: the canonical (simplified) name.
        doc: the document's id.
        date: the document's date, if known.
        places: division codes of the jurisdictions of the posts held here,
            or of the report's place when no post names one.
        posts: (organisation, role) pairs held here; the organisation is
            `division code|label` of the body, "" for a bare role.
        past_posts, past_places: posts the document says were left (a
            biography's earlier lines, a removal) and their jurisdictions:
            evidence that two candidates are one, never a conflict (a career
            runs through places that contain none of one another).
    """

    name: str
    doc: str
    date: dt.date | None
    places: tuple[str, ...]
    posts: tuple[tuple[str, str], ...]
    past_posts: tuple[tuple[str, str], ...] = ()
    past_places: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.name, self.doc)

    def order(self) -> tuple:
        # undated documents after dated ones; ties broken by document id
        return (self.date or dt.date.max, self.doc)


@dataclass(frozen=True, slots=True)
class Identity:
    """One resolved person: the candidates it was built from, earliest first."""

    name: str
    members: tuple[Candidate, ...]

    @property
    def key(self) -> str:
        """The identity key an IRI is minted from: the name in its first report."""
        return f"{self.name}|{self.members[0].doc}"


def org_key(code: str | None, label: str) -> str:
    return f"{code or ''}|{label}"


def _deputy_of(role: str) -> str | None:
    """The principal of a deputy role: 副书记 → 书记, 常务副区长 → 区长 (roles.yaml)."""
    for prefix in load_lexicon().words("deputy_prefixes"):
        if role.startswith(prefix) and len(role) > len(prefix):
            return role[len(prefix):]
    return None


def conflict(a: Candidate, b: Candidate, gazetteer: Gazetteer) -> str | None:
    """Why `a` and `b` cannot be one person, or None when nothing says so."""
    for pa in a.places:
        for pb in b.places:
            if not _nested(pa, pb, gazetteer):
                return f"jurisdictions {_place_name(pa, gazetteer)} and {_place_name(pb, gazetteer)} do not contain one another"
    for deputy, principal in ((a, b), (b, a)):
        for org, role in deputy.posts:
            head = _deputy_of(role)
            if not org or head is None or (org, head) not in principal.posts:
                continue
            # unknown dates count as the same time: nothing shows a promotion
            if deputy.date is None or principal.date is None or deputy.date >= principal.date:
                return (f"{role} of {org.split('|', 1)[1]} as of {deputy.date or 'an unknown date'} "
                        f"while {head} as of {principal.date or 'an unknown date'}")
    return None


def supports(a: Candidate, b: Candidate, gazetteer: Gazetteer) -> bool:
    """Whether `a` and `b` share evidence beyond the name, held now or before."""
    if any(org for org, _ in {*a.posts, *a.past_posts} & {*b.posts, *b.past_posts}):
        return True
    return any(_nested(pa, pb, gazetteer) for pa in (*a.places, *a.past_places)
               for pb in (*b.places, *b.past_places))


def resolve(candidates: Iterable[Candidate], gazetteer: Gazetteer) -> list[Identity]:
    """Cluster candidates into people; see the module doc for the rules.

    Candidates with the same key (name and document) are taken once.
    Returns identities sorted by name, then by their first member.
    """
    by_name: dict[str, dict[tuple[str, str], Candidate]] = defaultdict(dict)
    for c in candidates:
        by_name[c.name].setdefault(c.key, c)
    identities = []
    for name in sorted(by_name):
        clusters: list[list[Candidate]] = []
        for c in sorted(by_name[name].values(), key=Candidate.order):
            home = next((cl for cl in clusters
                         if all(conflict(c, m, gazetteer) is None for m in cl)
                         and any(supports(c, m, gazetteer) for m in cl)), None)
            if home is None:
                clusters.append([c])
            else:
                home.append(c)
        identities += [Identity(name, tuple(cl)) for cl in clusters]
    return identities


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
