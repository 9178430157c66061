"""Event dates (events/dates.py): ``resolve(expression, published)`` as a table of expression
-> date at the precision the text gives (a day, an ISO week, a month), beyond the cases of
test_events.py; then the date of an event in a sentence, taken from its own clause only.
"""

from __future__ import annotations

import datetime as dt

import pytest
from event_cases import Code, Coded

from communique.events.dates import resolve

THURSDAY = dt.date(2022, 3, 10)
NEW_YEAR = dt.date(2022, 1, 5)  # a Wednesday; the week before is 2021-W52
LEAP = dt.date(2024, 3, 1)


@pytest.mark.parametrize(
    "expression, published, expected",
    [
        ("tomorrow", THURSDAY, "2022-03-11"),
        ("this week", THURSDAY, "2022-W10"),
        ("next week", THURSDAY, "2022-W11"),
        ("last week", NEW_YEAR, "2021-W52"),
        ("on Friday", NEW_YEAR, "2021-12-31"),
        ("December 30", NEW_YEAR, "2021-12-30"),
        ("yesterday", LEAP, "2024-02-29"),
        ("February 24, 2021", THURSDAY, "2021-02-24"),
        ("on 2 March", THURSDAY, "2022-03-02"),
        ("February 30", THURSDAY, None),
        # Abbreviated months (AP style: Jan., Feb., Aug., Sept., Oct., Nov., Dec.; also
        # without the point, and before the day or after it).
        ("Feb. 24", THURSDAY, "2022-02-24"),
        ("Jan. 27", THURSDAY, "2022-01-27"),
        ("Sept. 3", THURSDAY, "2021-09-03"),
        ("Dec. 3, 2021", THURSDAY, "2021-12-03"),
        ("27 Jan", THURSDAY, "2022-01-27"),
        ("Thursday, Jan. 20", THURSDAY, "2022-01-20"),
        # A month with a year and no day gives the month.
        ("March 2021", THURSDAY, "2021-03"),
        ("in February 2021", THURSDAY, "2021-02"),
        ("Oct. 2019", THURSDAY, "2019-10"),
        ("the summer of 2021", THURSDAY, None),
    ],
)
def test_resolve(expression: str, published: dt.date, expected: str | None) -> None:
    assert resolve(expression, published) == expected


def dated(coded: Coded, kind: str) -> str | None:
    (event,) = coded.of_type(kind)
    return event.date


@pytest.mark.parametrize(
    "sentence, kind, expected",
    [
        pytest.param(
            "Poland expelled 45 Russian diplomats on Wednesday.",
            "SANCTION",
            "2022-03-09",
            id="weekday",
        ),
        pytest.param(
            "Last week, Lithuania expelled the Russian ambassador.",
            "SANCTION",
            "2022-W09",
            id="last-week",
        ),
        pytest.param("Japan sent aid to Tonga yesterday.", "AID", "2022-03-09", id="yesterday"),
        pytest.param(
            "On 24 February, Russia invaded Ukraine.", "ASSAULT", "2022-02-24", id="explicit-date"
        ),
        pytest.param("Egypt sent aid to Gaza.", "AID", None, id="no-date"),
        # A date of another clause is not the event's: Monday is when Russia said so, Tuesday
        # when Germany suspended the pipeline.
        pytest.param(
            "Russia said on Monday that it had withdrawn some troops from the border.",
            "RETREAT",
            None,
            id="date-of-the-saying",
        ),
        pytest.param(
            "Germany, which suspended the pipeline on Tuesday, imposed sanctions on Russia.",
            "SANCTION",
            None,
            id="date-of-a-relative-clause",
        ),
    ],
)
def test_event_date_against_the_publication_date(
    code: Code, sentence: str, kind: str, expected: str | None
) -> None:
    assert dated(code(sentence), kind) == expected


# An explicit date beats a weekday: a story filed a week later may still write "on Wednesday,
# 2 March", and the weekday alone would put the call on 9 March. Each dated event keeps the
# words it was dated from (``date_expression``, offsets into the text).
DATED_FROM = [
    pytest.param(
        "Polish President Andrzej Duda spoke by phone with Ukrainian President Volodymyr "
        "Zelensky on Wednesday, 2 March.",
        "CONSULT",
        "2022-03-02",
        "2 March",
        id="explicit-date-beats-weekday",
    ),
    pytest.param(
        "Chinese Foreign Minister Wang Yi held talks with Russian Foreign Minister Sergei Lavrov "
        "on Jan. 27 in Beijing.",
        "CONSULT",
        "2022-01-27",
        "Jan. 27",
        id="abbreviated-month",
    ),
    pytest.param(
        "Myanmar's army seized power in February 2021.",
        "COERCE",
        "2021-02",
        "February 2021",
        id="month-and-year",
    ),
    pytest.param(
        "Poland expelled 45 Russian diplomats on Wednesday.",
        "SANCTION",
        "2022-03-09",
        "Wednesday",
        id="weekday",
    ),
    pytest.param(
        "Japan sent aid to Tonga yesterday.", "AID", "2022-03-09", "yesterday", id="yesterday"
    ),
    pytest.param("Egypt sent aid to Gaza.", "AID", None, None, id="no-date-no-expression"),
]


@pytest.mark.parametrize("sentence, kind, date, expression", DATED_FROM)
def test_the_words_an_event_is_dated_from(
    code: Code, sentence: str, kind: str, date: str | None, expression: str | None
) -> None:
    coded = code(sentence)
    (event,) = coded.of_type(kind)
    dated_from = event.date_expression
    assert (event.date, dated_from and dated_from.text) == (date, expression), coded.describe()
    if dated_from is not None:
        assert sentence[dated_from.start : dated_from.end] == dated_from.text


def test_no_publication_date_no_event_date(code: Code) -> None:
    assert dated(code("Japan sent aid to Tonga yesterday.", published=None), "AID") is None
