"""Dates keep their honest precision, sort chronologically and read naturally."""

from __future__ import annotations

from datetime import date

import pytest

from arguments.dates import DateError, parse_date


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("1922-04-16", date(1922, 4, 16), date(1922, 4, 16), "16 April 1922"),
        ("1921-03", date(1921, 3, 1), date(1921, 3, 31), "March 1921"),
        ("1936", date(1936, 1, 1), date(1936, 12, 31), "1936"),
        ("1935-07-25/1935-08-20", date(1935, 7, 25), date(1935, 8, 20), "25 July – 20 August 1935"),
        ("1936-08-19/1936-08-24", date(1936, 8, 19), date(1936, 8, 24), "19–24 August 1936"),
        ("1936-10/1936-11", date(1936, 10, 1), date(1936, 11, 30), "October – November 1936"),
        ("1936-12/1937-02", date(1936, 12, 1), date(1937, 2, 28), "December 1936 – February 1937"),
        ("1922/1933", date(1922, 1, 1), date(1933, 12, 31), "1922–1933"),
        ("1940-02", date(1940, 2, 1), date(1940, 2, 29), "February 1940"),
    ],
)
def test_precision_and_labels(text, start, end, label):
    parsed = parse_date(text)
    assert (parsed.start, parsed.end, parsed.label, parsed.text) == (start, end, label, text)


@pytest.mark.parametrize("bad", ["", "1935-5-2", "35", "1935-00", "1939-02-29", "0999", "1936/1935", "May 1935"])
def test_rejects_bad_dates(bad):
    with pytest.raises(DateError):
        parse_date(bad)


def test_rejects_the_future():
    with pytest.raises(DateError):
        parse_date(str(date.today().year + 1))


def test_sorting_is_chronological():
    texts = ["1939-08-23", "1939", "1939-08", "1938-09-29/1938-09-30", "1922-04-16"]
    ordered = [d.text for d in sorted(parse_date(t) for t in texts)]
    assert ordered == ["1922-04-16", "1938-09-29/1938-09-30", "1939", "1939-08", "1939-08-23"]
