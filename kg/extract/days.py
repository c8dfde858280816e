"""The day a notice dates its posts from: the day of the session that decided it.

A report names that day itself, often relative to its own date:

    本报讯 5月24日，县十七届人大常委会第三十八次会议召开，任命陈建平为…
    昨日，金湾区第四届人大常委会第三十七次会议召开…   (the report is of 7月16日)
    13日，县十七届人大常委会召开第二十八次会议…       (of 2016-05-16)

The report's own date is the document's (kg.text.document.date_from_text: its lead's,
or the day in the address it was fetched from, a first line
http://…/2016-05/16/014233.html). The words (昨日, 今天) are lists of
kg/data/careers.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from kg.lang.language import Language
from kg.model import AnnotatedDocument, Sentence


@lru_cache(maxsize=4)
def _day_pattern(year: str, month: str, day: str, relative: tuple[str, ...]) -> re.Pattern:
    """2016年12月16日, 5月24日, 13日, 昨日 (not 1983年 nor 9月, which name no day)."""
    words = "|".join(map(re.escape, sorted(relative, key=len, reverse=True)))
    return re.compile(rf"(?<!\d)(?:(?:(?P<y>\d{{4}}){re.escape(year)})?(?P<m>\d{{1,2}})"
                      rf"{re.escape(month)})?(?P<d>\d{{1,2}}){re.escape(day)}|(?P<rel>{words})")


def notice_day(adoc: AnnotatedDocument, sent: Sentence, lang: Language) -> str | None:
    """The session's day for a notice in `sent`: the day the sentence names, else
    the first the report names (its lead: 5月24日，…会议召开), else the report's
    date; None where no day is known."""
    base = adoc.doc.date
    lex, w = lang.lexicon, lang.words
    yesterday, today = lex.words("yesterday_words"), lex.words("today_words")
    pattern = _day_pattern(w.year_word, w.month_word, w.day_word, yesterday + today)
    text = adoc.doc.text
    for m in (pattern.search(text, sent.start, sent.end), pattern.search(text)):
        day = _day_of(m, base, yesterday) if m is not None else None
        if day is not None:
            return day.isoformat()
    return base.isoformat() if base is not None else None


def _day_of(m: re.Match, base: dt.date | None, yesterday: tuple[str, ...]) -> dt.date | None:
    """The day a match names; a day short of its year or month is the latest
    such day on or before the report's date."""
    if m.group("rel"):
        if base is None:
            return None
        return base - dt.timedelta(days=1) if m.group("rel") in yesterday else base
    day = int(m.group("d"))
    try:
        if m.group("y"):
            return dt.date(int(m.group("y")), int(m.group("m")), day)
        if base is None:
            return None
        if m.group("m"):
            found = dt.date(base.year, int(m.group("m")), day)
            return found if found <= base else found.replace(year=base.year - 1)
        found = dt.date(base.year, base.month, day)
        if found <= base:
            return found
        before = base.replace(day=1) - dt.timedelta(days=1)
        return before.replace(day=day)
    except ValueError:
        return None  # 2月30日: no day
