"""The calendar invitation (.ics) read back by icalendar and by a second parser (vobject):
what a calendar shows of the meeting, in the Paris time, updated rather than doubled."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

from clu_desktop.errors import UserError
from clu_desktop.interchange.calendar import (
    CalendarMeeting,
    CalendarPerson,
    calendar_bytes,
)

ORGANISER = CalendarPerson("Mylène BÉGUÉ", "mylene.begue@haute-marne.gouv.fr")
MEETING = CalendarMeeting(
    uid="5b0c7c1e-clu@clu-desktop",
    sequence=0,
    title="CLU – Comité local des usagers",
    date=dt.date(2023, 12, 20),
    start_time=dt.time(14, 30),
    end_time=dt.time(16, 30),
    place="Salle Louise Michel, 89 rue Victoire de la Marne, Chaumont",
    description="Ordre du jour :\n1. Bilan qualité 2022\n2. Indicateurs 2022",
    organiser=ORGANISER,
    attendees=(
        CalendarPerson("Jean de LA FONTAINE", "jean.de-la-fontaine@example.fr"),
        CalendarPerson("Éloïse D'ARCY-NGUYỄN", "eloise.darcy@example.fr"),
    ),
    stamp=dt.datetime(2023, 12, 1, 9, 0, tzinfo=dt.UTC),
)
PARIS = ZoneInfo("Europe/Paris")


def test_icalendar_reads_back_the_meeting_as_invited() -> None:
    data = calendar_bytes(MEETING)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    calendar = Calendar.from_ical(data)
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == MEETING.uid
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == dt.datetime(2023, 12, 20, 14, 30, tzinfo=PARIS)
    assert event.decoded("DTEND") == dt.datetime(2023, 12, 20, 16, 30, tzinfo=PARIS)
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert str(event["LOCATION"]) == MEETING.place
    assert str(event["DESCRIPTION"]) == MEETING.description
    assert str(event["SUMMARY"]) == MEETING.title
    assert str(event["ORGANIZER"]) == "mailto:mylene.begue@haute-marne.gouv.fr"
    assert event["ORGANIZER"].params["CN"] == "Mylène BÉGUÉ"
    attendees = [(str(a), a.params["CN"]) for a in event["ATTENDEE"]]
    assert attendees == [
        ("mailto:jean.de-la-fontaine@example.fr", "Jean de LA FONTAINE"),
        ("mailto:eloise.darcy@example.fr", "Éloïse D'ARCY-NGUYỄN"),
    ]
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Paris"


def test_vobject_reads_the_same_event_at_the_same_instant() -> None:
    parsed = vobject.readOne(calendar_bytes(MEETING).decode("utf-8"))
    event = parsed.vevent
    assert parsed.method.value == "REQUEST"
    assert event.uid.value == MEETING.uid
    assert event.dtstart.value == dt.datetime(2023, 12, 20, 13, 30, tzinfo=dt.UTC)
    assert event.dtend.value == dt.datetime(2023, 12, 20, 15, 30, tzinfo=dt.UTC)
    assert event.location.value == MEETING.place
    assert event.description.value == MEETING.description
    assert [a.value for a in event.attendee_list] == [
        "mailto:jean.de-la-fontaine@example.fr",
        "mailto:eloise.darcy@example.fr",
    ]


def test_a_summer_meeting_is_at_its_paris_hour() -> None:
    summer = CalendarMeeting(**{**MEETING.__dict__, "date": dt.date(2024, 6, 12)})
    event = vobject.readOne(calendar_bytes(summer).decode("utf-8")).vevent
    assert event.dtstart.value == dt.datetime(2024, 6, 12, 12, 30, tzinfo=dt.UTC)


def test_a_cancellation_keeps_the_uid_with_a_higher_sequence() -> None:
    cancelled = CalendarMeeting(**{**MEETING.__dict__, "sequence": 3})
    calendar = Calendar.from_ical(calendar_bytes(cancelled, cancel=True))
    (event,) = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert (str(event["UID"]), event["SEQUENCE"]) == (MEETING.uid, 3)


def test_a_meeting_without_hours_takes_the_whole_day() -> None:
    day = CalendarMeeting(**{**MEETING.__dict__, "start_time": None, "end_time": None})
    (event,) = Calendar.from_ical(calendar_bytes(day)).walk("VEVENT")
    assert event.decoded("DTSTART") == dt.date(2023, 12, 20)
    assert event.decoded("DTEND") == dt.date(2023, 12, 21)


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"date": None}, "n'a pas sa date."),
        ({"place": "  "}, "n'a pas son lieu."),
        ({"date": None, "place": None}, "n'a pas sa date ni son lieu."),
    ],
)
def test_a_meeting_without_date_or_place_makes_no_file_and_says_why(changes, said) -> None:
    with pytest.raises(UserError, match="L'invitation d'agenda") as caught:
        calendar_bytes(CalendarMeeting(**{**MEETING.__dict__, **changes}))
    assert said in str(caught.value)
    assert "page « Séance »" in str(caught.value)
