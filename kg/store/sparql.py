"""A lexer for SPARQL query text, by SPARQL's own token rules: enough to find
keywords, variables and braces without being fooled by the same characters
inside a comment, string, IRI, prefixed name or language tag.

The query runner uses it to write bound variables in as constants
(`kg.store.query`), the endpoint to refuse SERVICE (`kg.store.serve`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_TOKEN = re.compile(r"""
      (?P<comment> \#[^\r\n]* )
    | (?P<string> '''(?:[^'\\]|\\.|'(?!''))*''' | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                | '(?:[^'\\\r\n]|\\.)*' | "(?:[^"\\\r\n]|\\.)*" )
    | (?P<iri> <[^<>"{}|^`\\\x00-\x20]*> )
    | (?P<var> [?$]\w+ )
    | (?P<language> @[A-Za-z]+(?:-[A-Za-z0-9]+)* )
    | (?P<name> (?:[^\W\d][\w.\-]*)?:(?:[\w.\-:%]|\\.)* )
    | (?P<word> [^\W\d]\w* )
    | (?P<brace> [{}] )
""", re.X)


def tokens(query_text: str) -> Iterator[re.Match]:
    """The tokens of `query_text` that matter to these checks, in order; a
    match's `lastgroup` names its kind (comment, string, iri, var, language,
    name, word, brace). Numbers, operators and punctuation are skipped."""
    return _TOKEN.finditer(query_text)


def keywords(query_text: str) -> Iterator[str]:
    """The bare words of a query (keywords and function names), upper-cased."""
    return (token["word"].upper() for token in tokens(query_text) if token["word"])
