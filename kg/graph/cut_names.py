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


def complete_cut_names(people: dict[str, dict[str, PersonFacts]], parts: PersonParts) -> set[str]:
    """Move what each report says of a name it cut short to the longer name (in `people`, the
    builder's own documents and a graph's read back, and `parts`, its workers'), whichever
    documents came first; the names, shorter and longer, whose people must be written again."""
    counts = Counter({name: len(by_doc) for name, by_doc in people.items()})
    for name in parts.names():
        counts[name] += len(parts.docs(name))
    moved = set()
    for name in sorted(counts):
        for doc, facts in sorted(people.get(name, {}).items()):
            longer = completion(name, facts.continuations, counts)
            if longer is not None:
                _move_facts(people, name, doc, longer)
                moved |= {name, longer}
        for doc in parts.docs(name):
            longer = completion(name, parts.candidate(name, doc).continuations, counts)
            if longer is not None:
                parts.rename(name, doc, longer, joined)
                moved |= {name, longer}
    return moved


def _rest(continuations: Iterable[str], name: str, longer: str) -> tuple[str, ...]:
    """What follows the longer name, of what followed the shorter (生手 → 手)."""
    cut = len(longer) - len(name)
    return tuple(sorted({following[cut:] for following in continuations}))


def joined(into: Candidate | None, moved: Candidate, name: str) -> Candidate:
    """One report's candidate for a longer name with what it said under `name`, cut short,
    sorted as `PersonFacts.candidate` sorts them."""
    moved = dataclasses.replace(moved, continuations=_rest(moved.continuations, name, moved.name))
    if into is None:
        return moved
    def union(field: str, **order) -> tuple:
        return tuple(sorted(set(getattr(into, field)) | set(getattr(moved, field)), **order))
    return dataclasses.replace(into, places=union("places"), posts=union("posts"),
                               spans=union("spans", key=str), span_places=union("span_places"),
                               continuations=union("continuations"))


def _move_facts(people: dict[str, dict[str, PersonFacts]], name: str, doc: str,
                longer: str) -> None:
    facts = people[name].pop(doc)
    if not people[name]:
        del people[name]
    facts.name = longer
    facts.continuations = set(_rest(facts.continuations, name, longer))
    into = people.setdefault(longer, {}).get(doc)
    if into is None:
        people[longer][doc] = facts
        return
    for field in dataclasses.fields(PersonFacts):
        value = getattr(into, field.name)
        if isinstance(value, set):
            value |= getattr(facts, field.name)
