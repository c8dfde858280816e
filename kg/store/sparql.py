"""A lexer for SPARQL query text, by SPARQL's own token rules: enough to find
keywords, variables and braces without being fooled by the same characters
inside a comment, string, IRI, prefixed name or language tag.

The query runner uses it to write bound variables in as constants, to refuse
queries nested deeper than a parser can take and to refuse SERVICE
(`kg.store.query`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from kg.errors import QueryError

# Oxigraph's parser recurses once per level and dies of a stack overflow (SIGSEGV, no
# exception) near 5,000 nested `(` or 2,500 `{`, and takes seconds on a few dozen nested
# `[ ]`; no real query nests half this deep
MAX_NESTING = 32
# rdflib's parser, the second reader of a query that mentions SERVICE, takes about a
# second per 8 KB and holds the interpreter while it does
MAX_SERVICE_CHECK_CHARS = 8192

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
    | (?P<bracket> [()\[\]] )
""", re.X)


def tokens(query_text: str) -> Iterator[re.Match]:
    """The tokens of `query_text` that matter to these checks, in order; a
    match's `lastgroup` names its kind (comment, string, iri, var, language,
    name, word, brace, bracket). Numbers, operators and punctuation are skipped."""
    return _TOKEN.finditer(query_text)


def keywords(query_text: str) -> Iterator[str]:
    """The bare words of a query (keywords and function names), upper-cased."""
    return (token["word"].upper() for token in tokens(query_text) if token["word"])


def check_nesting(query_text: str, limit: int = MAX_NESTING) -> None:
    """Refuses a query whose braces, brackets and parentheses nest deeper than
    `limit`, before any parser sees it.

    Raises:
        QueryError: naming the line and column where the limit is passed.
    """
    depth = 0
    for token in tokens(query_text):
        mark = token["brace"] or token["bracket"]
        if not mark:
            continue
        depth += 1 if mark in "{[(" else -1
        if depth > limit:
            line = query_text.count("\n", 0, token.start()) + 1
            column = token.start() - query_text.rfind("\n", 0, token.start())
            raise QueryError(f"nested more than {limit} levels deep (braces, brackets and "
                             "parentheses together); split the query or flatten its groups",
                             line=line, column=column)


_SERVICE_LETTERS = re.compile("service", re.I)


def uses_service(query_text: str) -> bool:
    """Whether a query may call SERVICE, which would make the server fetch URLs.

    SPARQL's token rules (`tokens`) read the keyword where it is one, so the
    word inside a string, comment, IRI or name (`"SERVICE"`, `?service`,
    `ex:service`) does not count. But one reading of the text is not the
    query engine's: `BIND(1<'a>#' AS ?q)` is a comparison to Oxigraph and an
    IRI and a comment to a lexer. So where the word appears at all and the
    lexer does not see the keyword, rdflib's parser reads the query too, and
    a query it cannot read (a syntax error, or too long to read quickly) counts
    as calling SERVICE. Oxigraph reads a keyword only as written (no `\\u`
    escapes outside strings), so a query without the letters never calls it.
    """
    if not _SERVICE_LETTERS.search(query_text):
        return False
    if "SERVICE" in keywords(query_text):
        return True
    if len(query_text) > MAX_SERVICE_CHECK_CHARS:
        return True
    return _parsed_service(query_text)


def _parsed_service(query_text: str) -> bool:
    from pyparsing import ParseBaseException, ParseResults
    from rdflib.plugins.sparql.parser import parseQuery
    # the grammar recurses for each triple pattern and each operator level:
    # a query of MAX_SERVICE_CHECK_CHARS needs ~20 frames per character at most
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20 * MAX_SERVICE_CHECK_CHARS))
    try:
        return _has_service(parseQuery(query_text), ParseResults)
    except (ParseBaseException, RecursionError, ValueError):
        return True
    finally:
        sys.setrecursionlimit(limit)


def _has_service(node, sequence: type) -> bool:
    """Whether rdflib's parse tree holds a SERVICE pattern anywhere."""
    if getattr(node, "name", None) == "ServiceGraphPattern":
        return True
    if isinstance(node, dict):
        return any(_has_service(value, sequence) for value in node.values())
    if isinstance(node, (list, tuple, sequence)):
        return any(_has_service(value, sequence) for value in node)
    return False
