"""Typed errors. Each names the input at fault and what was expected.

The command line maps each type to an exit status: InputError and
ShapeViolation to 1 (the batch went on without that input), LexiconError (the
language data in kg/data/ is malformed) to 1, UsageError and QueryError to 2.
"""

from __future__ import annotations


class KGError(Exception):
    """Base of every error zhkg raises on purpose."""


class UsageError(KGError):
    """The command was called wrongly (unknown format, missing file...)."""


class InputError(KGError):
    """An input file could not be read or processed.

    Attributes:
        path: the file as the user named it.
        line, column: 1-based position of the fault where one is known.
        reason: what was wrong, in words for a researcher.
    """

    def __init__(self, path: str, reason: str, *, line: int | None = None,
                 column: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        self.column = column
        where = self.path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):
        # worker processes send these back to the parent: keep them picklable
        return (_make_input_error, (self.path, self.reason, self.line, self.column))


class QueryError(KGError):
    """A SPARQL query is malformed or names an unknown bundled query."""

    def __init__(self, reason: str, *, line: int | None = None,
                 column: int | None = None) -> None:
        self.reason = reason
        self.line = line
        self.column = column
        where = f"line {line}, column {column}: " if line is not None else ""
        super().__init__(f"SPARQL query: {where}{reason}")

    def __reduce__(self):
        return (type(self), (self.reason,), {"line": self.line, "column": self.column,
                                             "args": self.args})


class ShapeViolation(KGError):
    """The built graph does not conform to ontology/shapes.ttl."""

    def __init__(self, report: str) -> None:
        self.report = report
        super().__init__("the graph does not conform to the SHACL shapes:\n" + report)


class LexiconError(KGError):
    """A language data file (kg/data/) is malformed: every run would read it wrongly.

    Attributes:
        path: the data file.
        line: 1-based line of the fault, where there is one.
        reason: what was found and what was expected.
    """

    def __init__(self, path: str, reason: str, *, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = self.path if line is None else f"{self.path}:{line}"
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):
        return (_make_lexicon_error, (self.path, self.reason, self.line))


class GoldError(KGError):
    """A gold YAML file is malformed."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")

    def __reduce__(self):
        return (GoldError, (self.path, self.reason))


def _make_input_error(path: str, reason: str, line: int | None, column: int | None) -> InputError:
    return InputError(path, reason, line=line, column=column)


def _make_lexicon_error(path: str, reason: str, line: int | None) -> LexiconError:
    return LexiconError(path, reason, line=line)
