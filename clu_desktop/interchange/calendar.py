"""The calendar invitation of a meeting: an iCalendar file (RFC 5545) made from plain data.

One event per file, in the Europe/Paris time zone with its VTIMEZONE (so that Outlook,
Thunderbird and phones show the same hour), ``METHOD:REQUEST`` to invite or
``METHOD:CANCEL`` to cancel. The UID stays the same for a meeting and the SEQUENCE grows
when its date, hours or place change (the services keep both): calendars then update the
event they already hold instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

from clu_desktop.errors import UserError

TIME_ZONE = "Europe/Paris"
#: How long a meeting lasts when its end is not given.
DEFAULT_DURATION = dt.timedelta(hours=2)
PRODUCT = "-//CLU Desktop//Convocation//FR"


@dataclass(frozen=True)
class CalendarPerson:
    name: str
    email: str


@dataclass(frozen=True)
class CalendarMeeting:
    """What the invitation says of a meeting."""

    uid: str
    sequence: int
    title: str
    date: dt.date | None
    start_time: dt.time | None
    end_time: dt.time | None
    place: str | None
    description: str
    organiser: CalendarPerson | None
    attendees: tuple[CalendarPerson, ...] = ()
    #: when the file is made (DTSTAMP), in UTC
    stamp: dt.datetime | None = None


def missing_for_calendar(meeting: CalendarMeeting) -> str | None:
    """Why no invitation can be made of this meeting (in French), or None."""
    missing = []
    if meeting.date is None:
        missing.append("sa date")
    if not (meeting.place or "").strip():
        missing.append("son lieu")
    if not missing:
        return None
    return (
        f"L'invitation d'agenda (.ics) ne peut pas être faite : la séance n'a pas "
        f"{' ni '.join(missing)}. Renseignez-les sur la page « Séance », puis recommencez."
    )


def _address(person: CalendarPerson, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = vText(person.name)
    for key, value in params.items():
        address.params[key] = vText(value)
    return address


def calendar_bytes(meeting: CalendarMeeting, *, cancel: bool = False) -> bytes:
    """The .ics file of ``meeting`` (an invitation, or its cancellation with ``cancel``);
    a UserError saying why when its date or place is missing."""
    problem = missing_for_calendar(meeting)
    if problem is not None:
        raise UserError(problem)
    assert meeting.date is not None and meeting.place is not None
    paris = ZoneInfo(TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancel else "REQUEST")
    event = Event()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    stamp = meeting.stamp or dt.datetime.now(dt.UTC)
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    if meeting.start_time is None:
        # A day without hours: an event of the whole day.
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + dt.timedelta(days=1))
    else:
        start = dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=paris)
        end = (
            dt.datetime.combine(meeting.date, meeting.end_time, tzinfo=paris)
            if meeting.end_time is not None and meeting.end_time > meeting.start_time
            else start + DEFAULT_DURATION
        )
        event.add("dtstart", start)
        event.add("dtend", end)
    event.add("summary", meeting.title)
    event.add("location", meeting.place.strip())
    if meeting.description:
        event.add("description", meeting.description)
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    event.add("transp", "OPAQUE")
    if meeting.organiser is not None:
        event.add("organizer", _address(meeting.organiser))
    for attendee in meeting.attendees:
        event.add(
            "attendee",
            _address(attendee, ROLE="REQ-PARTICIPANT", PARTSTAT="NEEDS-ACTION", RSVP="TRUE"),
        )
    calendar.add_component(event)
    # The time zone's rules over the years around the meeting (not since 1970).
    year = dt.timedelta(days=366)
    calendar.add_missing_timezones(meeting.date - year, meeting.date + year)
    return bytes(calendar.to_ical())
