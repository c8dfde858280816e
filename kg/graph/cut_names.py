"""Names cut short in one report that the corpus names whole.

The recogniser reads each report alone, and the tagger may end a name where its last
syllable makes a word with what follows (陈宝|生手抚宪法, 萨尔基|相, 谷垣|祯一): the report names
陈宝生 once, and nothing in it tells. The build can tell: where the corpus names the longer
name — the name and the one or two characters that follow each of the shorter one's mentions
in that report — in at least `MIN_REPORTS` reports and `RATIO` times as many as the shorter,
the report's mentions are the longer name's. A name is never completed into one the corpus
names less often (杨伟 of a report with no 杨伟民 after it stays 杨伟), and resolution then
clusters the longer name's candidates as always.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable

from kg.graph.people import PersonFacts, PersonParts
from kg.graph.resolve import Candidate

MIN_REPORTS = 3
RATIO = 2
# the longest completion looked for: 谷垣|祯一
_LONGEST_REST = 2


def completion(name: str, continuations: Iterable[str], counts: Counter) -> str | None:
    """The longer name every mention of `name` in one report runs on into, if the corpus
    names it often enough; None where any mention does not, or two complete differently."""
    found = set()
    for following in continuations:
        longer = next((name + following[:k] for k in range(_LONGEST_REST, 0, -1)
                       if len(following) >= k and counts[name + following[:k]]
                       >= max(MIN_REPORTS, RATIO * counts[name])), None)
        if longer is None:
            return None
        found.add(longer)
    return found.pop() if len(found) == 1 else None


def complete_cut_names(names: Iterable[str], people: dict[str, dict[str, PersonFacts]],
                       parts: PersonParts) -> set[str]:
    """Move what each report says of one of `names` it cut short to the longer name (in
    `people`, the builder's own documents, and `parts`, its workers'); the longer names
    whose people must be resolved again."""
    counts = Counter({name: len(by_doc) for name, by_doc in people.items()})
    for name in parts.names():
        counts[name] += len(parts.docs(name))
    completed = set()
    for name in sorted(names):
        for doc, facts in sorted(people.get(name, {}).items()):
            longer = completion(name, facts.continuations, counts)
            if longer is not None:
                _move_facts(people, name, doc, longer)
                completed.add(longer)
        for doc in parts.docs(name):
            longer = completion(name, parts.candidate(name, doc).continuations, counts)
            if longer is not None:
                parts.rename(name, doc, longer, joined)
                completed.add(longer)
    return completed


def joined(into: Candidate | None, moved: Candidate) -> Candidate:
    """One report's candidate for a name with what it said under the name cut short."""
    if into is None:
        return moved
    def union(field: str) -> tuple:
        return tuple(sorted(set(getattr(into, field)) | set(getattr(moved, field)), key=str))
    return dataclasses.replace(into, **{f: union(f) for f in (
        "places", "posts", "spans", "span_places", "continuations")})


def _move_facts(people: dict[str, dict[str, PersonFacts]], name: str, doc: str,
                longer: str) -> None:
    facts = people[name].pop(doc)
    if not people[name]:
        del people[name]
    facts.name = longer
    into = people.setdefault(longer, {}).get(doc)
    if into is None:
        people[longer][doc] = facts
        return
    for field in dataclasses.fields(PersonFacts):
        value = getattr(into, field.name)
        if isinstance(value, set):
            value |= getattr(facts, field.name)
