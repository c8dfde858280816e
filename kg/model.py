"""The one data model that flows through the stages.

Every stage takes and returns these frozen objects; nothing passes dicts or
rdflib terms before the RDF stage. A `Mention` can only be made by slicing a
`Document`'s text, so its offsets and its surface form cannot disagree, and
every normalised span maps back to the characters of the original file
through the document's `OffsetMap`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

MentionKind = Literal["person", "role", "organization", "place", "meeting",
                      "document", "campaign", "date"]


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """For each character of the normalised text, the span of the original
    text it came from. Characters that normalisation dropped (pinyin glosses)
    are covered by no entry, so they never leak into a mapped span."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the normalised span [start, end)."""
        if not 0 <= start < end <= len(self.starts):
            raise ValueError(f"span {start}:{end} outside 0:{len(self.starts)}")
        return self.starts[start], self.ends[end - 1]


@dataclass(frozen=True, slots=True)
class Document:
    """One input file, decoded and normalised.

    Attributes:
        id: stable identifier (derived from content and name, not run order).
        path: the path as the user gave it.
        raw_text: the decoded original text; offsets in the graph point here.
        text: normalised text (glosses removed, simplified, NFKC, unified
            punctuation) that the recognisers read.
        hant_text: where the source was traditional, the normalised text
            before conversion to simplified (same length as `text`), else None.
        offsets: maps `text` back to `raw_text`.
        date: the publication date, if known.
        encoding: how the bytes were decoded.
        url, title: where the document was published and its headline, where
            its source gives them (a corpus line's `url` and `title`).
    """

    id: str
    path: str
    raw_text: str
    text: str
    hant_text: str | None
    offsets: OffsetMap
    date: dt.date | None = None
    encoding: str = "utf-8"
    url: str | None = None
    title: str | None = None

    @property
    def is_traditional(self) -> bool:
        return self.hant_text is not None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_original(start, end)

    def hant(self, start: int, end: int) -> str | None:
        """The traditional form of a normalised span, where it differs."""
        if self.hant_text is None:
            return None
        form = self.hant_text[start:end]
        return form if form != self.text[start:end] else None


@dataclass(frozen=True, slots=True)
class Tokens:
    """The segmenter's tokens of one text, as spans that tile it end to end.

    Readers ask two things of them: does a token start here (a name or a body
    can only start on a word boundary), and where does the token that starts
    here end (the next word's length).
    """

    spans: tuple[tuple[int, int], ...]
    _ends: dict[int, int] = field(init=False, repr=False, compare=False)
    _starts: dict[int, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_ends", dict(self.spans))
        object.__setattr__(self, "_starts", {end: start for start, end in self.spans})

    def __iter__(self):
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def starts_at(self, pos: int) -> bool:
        return pos in self._ends

    def end_of(self, start: int, default: int | None = None) -> int | None:
        """The end of the token that starts at `start`, else `default`."""
        return self._ends.get(start, default)

    def start_of(self, end: int) -> int | None:
        """The start of the token that ends at `end`, if one does."""
        return self._starts.get(end)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as a span of the normalised text of one document."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of normalised text recognised as something.

    Build with `Mention.of`, which slices the text itself.
    """

    doc_id: str
    start: int
    end: int
    text: str
    kind: MentionKind
    sentence: int

    @classmethod
    def of(cls, doc: Document, start: int, end: int, kind: MentionKind,
           sentence: int) -> Mention:
        if not 0 <= start < end <= len(doc.text):
            raise ValueError(f"mention {start}:{end} outside {doc.path}")
        return cls(doc.id, start, end, doc.text[start:end], kind, sentence)


@dataclass(frozen=True, slots=True)
class Place:
    """An administrative division from the gazetteer."""

    code: str
    name: str
    level: str
    parent: str | None


@dataclass(frozen=True, slots=True)
class OrgRef:
    """An organisation resolved to its canonical name and jurisdiction.

    `level` is the level word of a place the text leaves unresolved: 县委 in a
    report that names no county is the committee of some county (place None,
    level 县), not dropped and not guessed.
    """

    label: str
    org_type: str
    place: Place | None
    aliases: tuple[str, ...] = ()
    parent: OrgRef | None = None
    level: str = ""

    @property
    def key(self) -> str:
        return f"{self.org_type}|{self.place.code if self.place else ''}|{self.label}"


@dataclass(frozen=True, slots=True)
class PostRef:
    """One position in one organisation."""

    role: str
    org: OrgRef | None
    label: str
    aliases: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.org.key if self.org else ''}|{self.role}"


@dataclass(frozen=True, slots=True)
class PostHolding:
    """Person `person` held `post`, per `mention` (the name in its title chain);
    from `start` to `end` where the text gives a span (ISO 8601 as precise as
    written: 1983, 1991-09, 2012-08-31; no end while still held)."""

    person: Mention
    post: PostRef
    title: Mention
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class MeetingFact:
    label: str
    aliases: tuple[str, ...]
    mention: Mention
    date: dt.date | None
    place: Place | None
    organizers: tuple[OrgRef, ...] = ()
    chair: tuple[Mention, ...] = ()
    speakers: tuple[Mention, ...] = ()
    campaigns: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentFact:
    title: str
    mention: Mention
    publishers: tuple[OrgRef, ...]
    read_at: str | None = None


@dataclass(frozen=True, slots=True)
class CampaignFact:
    key: str
    label: str
    surface: str
    mention: Mention
    place: Place | None = None
    launched_by: tuple[OrgRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Title:
    """区委常委 → organisation 秦州区委, role 常委."""

    mention: Mention
    role: str
    org: OrgRef | None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class TitleChain:
    """Titles joined by 、 or 兼 and the names that hold them all."""

    titles: tuple[Title, ...]
    names: tuple[Mention, ...]
    sentence: int
    end: int
    elected: bool = False  # 选举马思忠为…主席: the names come before the title


@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    """One document as the extraction stages see it (spaCy's `Doc` for zhkg).

    It starts with the document, its sentences and its tokens; each stage of
    `kg.extract.pipeline.STAGES` reads what earlier stages added and returns a
    copy with its own layer filled in (`dataclasses.replace`).
    """

    doc: Document
    sentences: tuple[Sentence, ...]
    tokens: Tokens
    places: tuple[tuple[Place, Mention], ...] = ()
    doc_place: Place | None = None
    # the report's place and the places containing it, most specific first:
    # 区委 in a 秦州区 report is 秦州区委, 市委 the committee of 天水市
    context: tuple[Place, ...] = ()
    organizations: tuple[tuple[OrgRef, Mention], ...] = ()
    chains: tuple[TitleChain, ...] = ()
    holdings: tuple[PostHolding, ...] = ()
    posts: tuple[tuple[PostRef, Mention], ...] = ()
    people: tuple[Mention, ...] = ()
    meetings: tuple[MeetingFact, ...] = ()
    documents: tuple[DocumentFact, ...] = ()
    campaigns: tuple[CampaignFact, ...] = ()
    talks: tuple[TalkFact, ...] = ()
    messages: tuple[MessageFact, ...] = ()
    inspections: tuple[InspectionFact, ...] = ()

    def extraction(self) -> Extraction:
        return Extraction(doc=self.doc, sentences=self.sentences, doc_place=self.doc_place,
                          places=self.places, holdings=self.holdings,
                          organizations=self.organizations, meetings=self.meetings,
                          documents=self.documents, campaigns=self.campaigns, posts=self.posts,
                          talks=self.talks, messages=self.messages,
                          inspections=self.inspections)


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything one document yields; the unit the map step returns."""

    doc: Document
    sentences: tuple[Sentence, ...]
    doc_place: Place | None
    places: tuple[tuple[Place, Mention | None], ...]
    holdings: tuple[PostHolding, ...]
    organizations: tuple[tuple[OrgRef, Mention], ...]
    meetings: tuple[MeetingFact, ...]
    documents: tuple[DocumentFact, ...]
    campaigns: tuple[CampaignFact, ...]
    warnings: tuple[str, ...] = field(default=())
    # posts named with no holder as of the report (原市委书记): structure, no holding
    posts: tuple[tuple[PostRef, Mention], ...] = field(default=())
    talks: tuple[TalkFact, ...] = field(default=())
    messages: tuple[MessageFact, ...] = field(default=())
    inspections: tuple[InspectionFact, ...] = field(default=())


# ---------------------------------------------------------------- events (issue 14)

@dataclass(frozen=True, slots=True)
class TalkFact:
    """A talk, meeting or call between named people (会见, 会谈, 通电话), per a sentence."""

    kind: str
    mention: Mention  # the event word
    participants: tuple[Mention, ...]  # every named participant, both sides
    present: tuple[Mention, ...]  # 参加会见, 陪同: there, not taking part
    date: dt.date | None
    place: Place | None = None


@dataclass(frozen=True, slots=True)
class MessageFact:
    """A letter or telegram (贺电, 致电, 复信) from a person or a body to a person or a body."""

    kind: str
    mention: Mention
    sender: Mention | None  # a person ...
    recipient: Mention | None  # a person ...
    recipient_body: OrgRef | None  # ... or a body
    date: dt.date | None
    recipient_meeting: Mention | None = None  # ... or the meeting it is read to: 向大会发来贺信
    sender_body: OrgRef | None = None  # ... or a body: 中共中央、国务院致电

    @property
    def sender_label(self) -> str:
        return self.sender.text if self.sender is not None else self.sender_body.label

    @property
    def recipient_label(self) -> str:
        if self.recipient is not None:
            return self.recipient.text
        if self.recipient_body is not None:
            return self.recipient_body.label
        return self.recipient_meeting.text


@dataclass(frozen=True, slots=True)
class Site:
    """A named place visited that is no division of the gazetteer: a village, a
    community, a company, a station (镇赉县英华村, 北京市祥龙出租客运有限公司)."""

    label: str
    within: Place | None  # the most specific division named with it, when one is
    mention: Mention


@dataclass(frozen=True, slots=True)
class InspectionFact:
    """An official's inspection or survey (考察, 调研, 视察) of the places named."""

    kind: str
    mention: Mention
    people: tuple[Mention, ...]
    present: tuple[Mention, ...]
    places: tuple[Place, ...]
    date: dt.date | None
    sites: tuple[Site, ...] = ()
