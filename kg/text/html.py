"""HTML pages to text, keeping the way back to the page.

Scraped news arrives as whole pages: the report sits in <p> elements between
navigation, scripts and footers. `html_to_text` keeps what a reader sees as the
article (text outside script, style, nav, header, footer, aside, noscript and
template; entities decoded; block elements as line breaks) and, for every
character it keeps, the span of the page it came from. Composed with the
normalisation map, sentence offsets in the graph then index the page as it was,
markup and entities included.

Only the standard library's tokenizer is used: pages are read, never rendered,
and a missing end tag costs at most the rest of one skipped element.
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import PurePath

from kg.model import OffsetMap

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
# page furniture, not the report
SKIPPED = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript",
                     "template"})
# elements a browser starts on a new line; their tags end a sentence for split_sentences
BLOCKS = frozenset({
    "address", "article", "blockquote", "br", "caption", "center", "dd", "div", "dl", "dt",
    "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main",
    "ol", "p", "pre", "section", "table", "td", "th", "title", "tr", "ul",
})
_PREFORMATTED = frozenset({"pre", "textarea"})
# a page usually says so in its first bytes, even when saved as .txt
_PAGE_HEAD_CHARS = 4096
_PAGE_START = re.compile(r"\ufeff?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)

_TEXT, _SPACE, _BREAK = 0, 1, 2


def looks_like_html(path: str, text: str) -> bool:
    """Whether a file is an HTML page: by its suffix, or by how its text begins."""
    return (PurePath(path).suffix.lower() in HTML_SUFFIXES
            or _PAGE_START.match(text[:_PAGE_HEAD_CHARS]) is not None)


def html_to_text(page: str) -> tuple[str, OffsetMap]:
    """The readable text of an HTML page and, per character, its span in `page`.

    White space collapses as a browser shows it: a run becomes one space, none
    at the start or end of a line, and a line break inside a run between two
    Chinese characters disappears (CSS Text's rule for wide characters), so
    `张\\n健` in the source reads 张健. Each entity (`&amp;`, `&#x5F20;`) is
    decoded on its own and maps to its whole source span.
    """
    parser = _Extractor(page)
    parser.feed(page)
    parser.close()
    return _assemble(parser.items)


class _Extractor(HTMLParser):
    """Collects (kind, character, start, end) items in page order."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=False)
        self.page = page
        # html.parser reports (line, column) with lines counted at "\n" only
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", page)]
        self.items: list[tuple[int, str, int, int]] = []
        self.skipping: list[str] = []
        self.preformatted = 0

    def _pos(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _tag_end(self, start: int) -> int:
        end = self.page.find(">", start)
        return len(self.page) if end == -1 else end + 1

    def handle_starttag(self, tag: str, attrs) -> None:
        start = self._pos()
        if tag in SKIPPED:
            self.skipping.append(tag)
        elif not self.skipping:
            if tag in _PREFORMATTED:
                self.preformatted += 1
            if tag in BLOCKS:
                self.items.append((_BREAK, "\n", start, start + len(self.get_starttag_text())))

    def handle_startendtag(self, tag: str, attrs) -> None:
        # <nav/> holds nothing to skip; <br/> still breaks the line
        if tag in BLOCKS and not self.skipping:
            start = self._pos()
            self.items.append((_BREAK, "\n", start, start + len(self.get_starttag_text())))

    def handle_endtag(self, tag: str) -> None:
        start = self._pos()
        if tag in ("body", "html"):
            # a skipped element left open (<nav> with no </nav>) ends with the page body
            self.skipping.clear()
        if self.skipping:
            if tag in self.skipping:
                del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag):]
            return
        if tag in _PREFORMATTED and self.preformatted:
            self.preformatted -= 1
        if tag in BLOCKS:
            self.items.append((_BREAK, "\n", start, self._tag_end(start)))

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        start = self._pos()
        items = self.items
        for i, char in enumerate(data, start):
            if self.preformatted:
                items.append((_BREAK if char == "\n" else _TEXT, char, i, i + 1))
            else:
                items.append((_SPACE if char in " \t\n\r\f" else _TEXT, char, i, i + 1))

    def _reference(self, raw_start: int, name_end: int) -> None:
        if self.skipping:
            return
        end = name_end + 1 if self.page.startswith(";", name_end) else name_end
        for char in html.unescape(self.page[raw_start:end]):
            self.items.append((_TEXT, char, raw_start, end))

    def handle_entityref(self, name: str) -> None:
        start = self._pos()
        self._reference(start, start + 1 + len(name))

    def handle_charref(self, name: str) -> None:
        start = self._pos()
        self._reference(start, start + 2 + len(name))


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _assemble(items: list[tuple[int, str, int, int]]) -> tuple[str, OffsetMap]:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(items)
    while i < n:
        kind, char, start, end = items[i]
        if kind == _TEXT:
            chars.append(char); starts.append(start); ends.append(end)
            i += 1
            continue
        j = i
        while j < n and items[j][0] != _TEXT:
            j += 1
        run = items[i:j]
        breaks = [item for item in run if item[0] == _BREAK]
        at_line_start = not chars or chars[-1] == "\n"
        if breaks:
            # </p><p> and the white space around it: one line end
            if not at_line_start:
                chars.append("\n"); starts.append(breaks[0][2]); ends.append(breaks[0][3])
        elif j < n and not at_line_start:
            if not ("\n" in (c for _, c, _, _ in run) and _wide(chars[-1]) and _wide(items[j][1])):
                chars.append(" "); starts.append(run[0][2]); ends.append(run[-1][3])
        i = j
    while chars and chars[-1] == "\n":
        chars.pop(); starts.pop(); ends.pop()
    return "".join(chars), OffsetMap(tuple(starts), tuple(ends))
