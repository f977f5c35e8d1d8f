"""Races through a live server on PostgreSQL (issue 13): many browsers, each with its own
session and CSRF token, open a form and then post at the same moment (a barrier releases
them), against Django's threaded live server, where every request has its own database
connection and transaction. Each scenario runs for several rounds and counts duplicates,
overbookings and server errors; all must be zero, and everyone turned away must be told why.

Scenarios: event registration (capacity N, 3N people and one person posting three times),
double-clicked registration cancellations (waiting-list promotions), office hours (many
residents, one slot; double-clicked cancellation, then the freed slot raced for again), the
one-time personal data export link opened in several tabs, a double-submitted subscription
and its confirmation link, the anonymous message limit, a campaign's feedback link, and
participatory budgeting: one voter's ballot posted from many browsers at once (each identified
through the development identity provider; valid ballots and ones over the plan limit or the
budget), the same person voting online while officers enter their paper ballot, and the
results counted (then published) by two coordinators pressing at once.

PostgreSQL only: the guarantees under test are its row locks (SELECT … FOR UPDATE) and
partial unique indexes under real concurrent transactions. SQLite serialises every writer,
and the suite's in-memory SQLite database is shared with the live server thread, so the
same tests there would prove nothing. `make test-security` runs them on PostgreSQL.
"""

import datetime
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone

from luotsi.accounts.models import Role
from luotsi.budgeting.models import (
    Ballot,
    BallotChannel,
    BallotChoice,
    BallotFormat,
    Cycle,
    Phase,
    PlanResult,
)
from luotsi.campaigns.models import QuestionKind, Response
from luotsi.concerns.models import Message
from luotsi.events.models import ACTIVE_REGISTRATION, Registration, RegistrationStatus
from luotsi.officehours import services as officehours
from luotsi.officehours.models import Appointment, AppointmentStatus
from luotsi.privacy.models import AuditAction, AuditEvent
from luotsi.subscriptions.models import Subscriber
from luotsi.testing import budgeting as pb
from luotsi.testing import budgeting_results as br
from luotsi.testing import campaigns as cp
from luotsi.testing import concerns as cn
from luotsi.testing import events as ev
from luotsi.testing import officehours as oh
from luotsi.testing.factories import UserFactory
from luotsi.testing.personas import Personas
from tests.security.race_clients import Answer, Browser, Contender, Start, Tally, race

SKIP_REASON = (
    "!!! RACE TESTS NOT RUN: they need PostgreSQL (row locks and concurrent transactions); "
    "this run uses SQLite. Run `make test-security` (DATABASE_URL=postgres://...). !!!"
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason=SKIP_REASON),
]

# The answers people must get (English: every browser asks for it).
ALREADY_REGISTERED = "This e-mail address is already registered for the event."
PLACE_CONFIRMED = "Your place is confirmed."
ON_WAITING_LIST = "You are on the waiting list."
REGISTRATION_CANCELLED = "Your registration has been cancelled."
REGISTRATION_ALREADY_CANCELLED = "This registration has already been cancelled."
SLOT_TAKEN = "Someone has just booked this time. Please choose another one."
APPOINTMENT_CANCELLED = "Your appointment has been cancelled."
APPOINTMENT_ALREADY_CANCELLED = "This appointment has already been cancelled."
ALREADY_SUBSCRIBED = (
    "This address is already subscribed — check your e-mail for the link to manage it."
)
TOO_MANY_MESSAGES = "Too many messages from your address in the last hour. Please try again later."
FEEDBACK_SAVED = "Thank you! Your answers have been saved."

REGISTRATION_PAGE = re.compile(r"^/events/registrations/([\w-]+)/$")
APPOINTMENT_PAGE = re.compile(r"^/officers/appointments/([\w-]+)/$")
EXPORT_LINK = re.compile(r'href="(/privacy/export/[\w-]{20,}/)"')


@pytest.fixture(scope="module")
def race_report(request: pytest.FixtureRequest) -> Iterator[list[Tally]]:
    """Collects every scenario's figures and prints them at the end, past pytest's capture."""
    tallies: list[Tally] = []
    yield tallies
    if not tallies:
        return
    lines = ["", "=== races through the live server on PostgreSQL ==="]
    lines += [tally.line() for tally in tallies]
    lines.append(
        f"total: {sum(t.rounds for t in tallies)} rounds, "
        f"{sum(t.requests for t in tallies)} concurrent requests; duplicates "
        f"{sum(t.duplicates for t in tallies)}, overbookings "
        f"{sum(t.overbookings for t in tallies)}, 5xx/no answer "
        f"{sum(t.server_errors for t in tallies)}"
    )
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print("\n".join(lines))


def finish(tally: Tally, report: list[Tally]) -> None:
    report.append(tally)
    assert tally.server_errors == 0, tally.line()
    assert tally.duplicates == 0, tally.line()
    assert tally.overbookings == 0, tally.line()
    assert tally.problems == [], "\n".join([tally.line(), *tally.problems[:20]])


def poster(browser: Browser, form: str, action: str, data: Mapping[str, object]) -> Contender:
    """A contender: `browser` opens `form`, waits for the start, posts to `action`."""

    def contender(start: Start) -> Answer:
        browser.open(form)
        start()
        return browser.post(action, data)

    return contender


def fired_flashes(browser: Browser, answer: Answer) -> list[str]:
    """The messages shown on the page a post redirected to, in the poster's own browser."""
    if answer.status != 302:
        return []
    return browser.get(answer.location).flashes()


# --- Events ------------------------------------------------------------------------------------

REGISTRATION_ROUNDS = 20
CAPACITY = 4
PEOPLE = 3 * CAPACITY  # different people per round
SAME_PERSON_POSTS = 3  # and one more person posting the form this many times at once


def registration_data(email: str) -> dict[str, object]:
    return {
        "name": email.split("@")[0],
        "email": email,
        "phone": "",
        "language": "en",
        "language_needs": "",
        "accessibility_needs": "",
        "consent": "on",
    }


def test_registration_never_overbooks_nor_duplicates(
    live_server, personas: Personas, race_report: list[Tally]
):
    tally = Tally(
        f"event registration (capacity {CAPACITY}, {PEOPLE} people + 1 person ×{SAME_PERSON_POSTS})"
    )
    reader = Browser(live_server.url)
    for round_ in range(REGISTRATION_ROUNDS):
        event = ev.event(personas, capacity=CAPACITY)
        form, action = f"/events/{event.pk}/", f"/events/{event.pk}/register/"
        emails = [f"person{n}.round{round_}@example.org" for n in range(PEOPLE)]
        twin = f"twin.round{round_}@example.org"
        posted = emails + [twin] * SAME_PERSON_POSTS
        answers = race(
            [poster(Browser(live_server.url), form, action, registration_data(e)) for e in posted]
        )
        tally.rounds += 1
        tally.add(answers)

        active = list(event.registrations.filter(ACTIVE_REGISTRATION))
        per_email = Counter(r.email for r in active)
        tally.duplicates += sum(n - 1 for n in per_email.values() if n > 1)
        confirmed = sum(r.status == RegistrationStatus.CONFIRMED for r in active)
        tally.overbookings += max(0, confirmed - CAPACITY)
        # Nobody is refused a free place either, and everyone else waits.
        tally.check(
            confirmed == CAPACITY and len(active) == PEOPLE + 1,
            f"round {round_}: {confirmed} confirmed of {len(active)} active",
        )
        by_token = {r.token: r for r in active}
        for email, answer in zip(posted, answers, strict=True):
            matched = REGISTRATION_PAGE.match(answer.location)
            if answer.status == 302 and matched:
                registration = by_token.get(matched.group(1))
                tally.check(
                    registration is not None and registration.email == email,
                    f"round {round_}: {email} sent to someone else's registration",
                )
            elif answer.status == 400:
                tally.check(
                    email == twin and answer.says(ALREADY_REGISTERED),
                    f"round {round_}: {email} refused without the reason",
                )
            else:
                tally.check(False, f"round {round_}: {email} got {answer.status}")
        twin_places = [
            a for e, a in zip(posted, answers, strict=True) if e == twin and a.status == 302
        ]
        tally.check(len(twin_places) == 1, f"round {round_}: the twin got {len(twin_places)}")
        # Each person's page says where they stand (read in two rounds: pages are slow).
        for registration in active if round_ in (0, REGISTRATION_ROUNDS - 1) else []:
            page = reader.get(f"/events/registrations/{registration.token}/")
            expected = (
                PLACE_CONFIRMED
                if registration.status == RegistrationStatus.CONFIRMED
                else ON_WAITING_LIST
            )
            tally.check(page.says(expected), f"round {round_}: the page misses {expected!r}")
    finish(tally, race_report)


CANCEL_ROUNDS = 6
SMALL_CAPACITY = 3
WAITING = 4


def test_double_clicked_cancellations_promote_one_person_each(
    live_server, personas: Personas, race_report: list[Tally]
):
    tally = Tally(
        f"registration cancellation (capacity {SMALL_CAPACITY}, each link posted twice, "
        f"{WAITING} waiting)"
    )
    for round_ in range(CANCEL_ROUNDS):
        event = ev.event(personas, capacity=SMALL_CAPACITY)
        places = [
            ev.registration(event, f"c{n}.round{round_}@example.org", language="en")
            for n in range(SMALL_CAPACITY)
        ]
        waiting = [
            ev.registration(
                event,
                f"w{n}.round{round_}@example.org",
                language="en",
                status=RegistrationStatus.WAITLISTED,
            )
            for n in range(WAITING)
        ]
        mail.outbox.clear()
        pages = [f"/events/registrations/{r.token}/" for r in places for _ in range(2)]
        browsers = [Browser(live_server.url) for _ in pages]
        answers = race(
            [poster(b, page, f"{page}cancel/", {}) for b, page in zip(browsers, pages, strict=True)]
        )
        tally.rounds += 1
        tally.add(answers)

        statuses = {
            r.email: r.status for r in Registration.objects.filter(event=event).order_by("pk")
        }
        confirmed = sum(s == RegistrationStatus.CONFIRMED for s in statuses.values())
        tally.overbookings += max(0, confirmed - SMALL_CAPACITY)
        tally.check(
            all(statuses[r.email] == RegistrationStatus.CANCELLED for r in places),
            f"round {round_}: not all cancelled: {statuses}",
        )
        # The first three in the queue move up, in order; the fourth still waits.
        tally.check(
            [statuses[r.email] for r in waiting]
            == [RegistrationStatus.CONFIRMED] * SMALL_CAPACITY + [RegistrationStatus.WAITLISTED],
            f"round {round_}: promotions {statuses}",
        )
        # One cancellation e-mail per person who left, one promotion e-mail per person moved
        # up: a second click sends nothing.
        recipients = Counter(address for m in mail.outbox for address in m.to)
        expected = Counter({r.email: 1 for r in places + waiting[:SMALL_CAPACITY]})
        tally.duplicates += sum(max(0, n - expected[a]) for a, n in recipients.items())
        tally.check(recipients == expected, f"round {round_}: e-mails {dict(recipients)}")
        tally.check(
            all(a.status == 302 and REGISTRATION_PAGE.match(a.location) for a in answers),
            f"round {round_}: answers {[a.status for a in answers]}",
        )
        # Of each double click, one browser is told it is cancelled, the other that it
        # already was.
        told = Counter(
            message
            for browser, answer in zip(browsers, answers, strict=True)
            for message in fired_flashes(browser, answer)
        )
        tally.check(
            told
            == Counter(
                {
                    REGISTRATION_CANCELLED: SMALL_CAPACITY,
                    REGISTRATION_ALREADY_CANCELLED: SMALL_CAPACITY,
                }
            ),
            f"round {round_}: messages {dict(told)}",
        )
    finish(tally, race_report)


# --- Office hours --------------------------------------------------------------------------------

BOOKING_ROUNDS = 8
BOOKERS = 10
SLOT = datetime.timedelta(minutes=15)


def booking_data(slot: datetime.datetime, email: str) -> dict[str, object]:
    return {
        "slot": slot.isoformat(),
        "name": email.split("@")[0],
        "email": email,
        "language": "en",
        "interpreter_language": "",
        "topic": "",
        "consent": "on",
    }


def office_hours_day(officer) -> datetime.date:
    """A day with twelve 15-minute slots (9:00–12:00), two days from now."""
    day = timezone.localdate() + datetime.timedelta(days=2)
    oh.office_hours(
        officer,
        weekday=day.weekday(),
        start=datetime.time(9),
        end=datetime.time(12),
        slot_minutes=15,
    )
    return day


def book_race(
    base_url: str, officer, slot: datetime.datetime, label: str
) -> tuple[list[str], list[Answer]]:
    profile = f"/officers/{officer.pk}/"
    emails = [f"booker{n}.{label}@example.org" for n in range(BOOKERS)]
    answers = race(
        [
            poster(Browser(base_url), profile, f"{profile}book/", booking_data(slot, e))
            for e in emails
        ]
    )
    return emails, answers


def check_one_booking(
    tally: Tally, officer, slot: datetime.datetime, emails: list[str], answers: list[Answer]
) -> None:
    booked = list(Appointment.objects.booked().filter(officer=officer, starts_at=slot))
    tally.overbookings += max(0, len(booked) - 1)
    tally.check(len(booked) == 1, f"{slot}: {len(booked)} bookings")
    won = [(e, a) for e, a in zip(emails, answers, strict=True) if a.status == 302]
    tally.check(len(won) == 1, f"{slot}: {len(won)} people were told they booked it")
    if len(won) == 1 and len(booked) == 1:
        email, answer = won[0]
        matched = APPOINTMENT_PAGE.match(answer.location)
        tally.check(
            matched is not None
            and matched.group(1) == booked[0].token
            and booked[0].email == email,
            f"{slot}: the winner was sent to {answer.location}",
        )
    for email, answer in zip(emails, answers, strict=True):
        if answer.status != 302:
            tally.check(
                answer.status == 400 and answer.says(SLOT_TAKEN),
                f"{slot}: {email} got {answer.status} without being told the time is taken",
            )


def test_one_slot_many_residents_gives_one_appointment(
    live_server, personas: Personas, race_report: list[Tally]
):
    tally = Tally(f"office hours booking (1 slot, {BOOKERS} residents)")
    officer = personas.officer_south
    day = office_hours_day(officer)
    for round_ in range(BOOKING_ROUNDS):
        slot = oh.at(day, 9) + round_ * SLOT
        mail.outbox.clear()
        emails, answers = book_race(live_server.url, officer, slot, f"round{round_}")
        tally.rounds += 1
        tally.add(answers)
        check_one_booking(tally, officer, slot, emails, answers)
        # Only the winner is e-mailed a confirmation.
        tally.check(len(mail.outbox) == 1, f"round {round_}: {len(mail.outbox)} e-mails")
    finish(tally, race_report)


APPOINTMENT_ROUNDS = 4
CANCEL_CLICKS = 6


def test_cancelled_appointment_is_cancelled_once_and_rebooked_once(
    live_server, personas: Personas, race_report: list[Tally]
):
    tally = Tally(
        f"office hours cancellation ({CANCEL_CLICKS} clicks) then rebooking ({BOOKERS} residents)"
    )
    officer = personas.officer_south
    day = office_hours_day(officer)
    for round_ in range(APPOINTMENT_ROUNDS):
        slot = oh.at(day, 9) + round_ * SLOT
        appointment = officehours.appointment_book(
            officer=officer,
            starts_at=slot,
            name="First",
            email=f"first.round{round_}@example.org",
            language="en",
        )
        mail.outbox.clear()
        page = f"/officers/appointments/{appointment.token}/"
        browsers = [Browser(live_server.url) for _ in range(CANCEL_CLICKS)]
        answers = race([poster(b, page, f"{page}cancel/", {}) for b in browsers])
        tally.rounds += 1
        tally.add(answers)
        appointment.refresh_from_db()
        tally.check(
            appointment.status == AppointmentStatus.CANCELLED,
            f"round {round_}: still {appointment.status}",
        )
        tally.check(
            all(a.status == 302 and a.location == page for a in answers),
            f"round {round_}: answers {[a.status for a in answers]}",
        )
        tally.duplicates += max(0, len(mail.outbox) - 1)
        tally.check(len(mail.outbox) == 1, f"round {round_}: {len(mail.outbox)} e-mails")
        told = Counter(
            message
            for browser, answer in zip(browsers, answers, strict=True)
            for message in fired_flashes(browser, answer)
        )
        tally.check(
            told
            == Counter(
                {APPOINTMENT_CANCELLED: 1, APPOINTMENT_ALREADY_CANCELLED: CANCEL_CLICKS - 1}
            ),
            f"round {round_}: messages {dict(told)}",
        )
        # The freed slot is raced for again: still one appointment.
        emails, answers = book_race(live_server.url, officer, slot, f"again{round_}")
        tally.add(answers)
        check_one_booking(tally, officer, slot, emails, answers)
    finish(tally, race_report)


# --- The one-time export link ----------------------------------------------------------------

EXPORT_ROUNDS = 4
TABS = 8
STRANGERS = 2


def signed_in(user) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


def getter(browser: Browser, path: str) -> Contender:
    def contender(start: Start) -> Answer:
        start()
        return browser.get(path)

    return contender


def test_export_link_opened_in_many_tabs_gives_one_file(
    live_server, personas: Personas, race_report: list[Tally]
):
    tally = Tally(
        f"one-time export link ({TABS} tabs of the owner's session, {STRANGERS} strangers)"
    )
    resident = personas.resident
    for round_ in range(EXPORT_ROUNDS):
        session = signed_in(resident)
        asker = Browser(live_server.url, cookies=session)
        asker.open("/privacy/export/")
        prepared = asker.post("/privacy/export/", {})
        ready = asker.get(prepared.location)
        link = EXPORT_LINK.search(ready.body)
        assert prepared.status == 302 and link, (prepared.status, ready.status)
        before = AuditEvent.objects.filter(action=AuditAction.EXPORT).count()
        tabs = [Browser(live_server.url, cookies=session) for _ in range(TABS)]
        strangers = [
            Browser(live_server.url, cookies=signed_in(personas.official)) for _ in range(STRANGERS)
        ]
        answers = race([getter(b, link.group(1)) for b in tabs + strangers])
        tally.rounds += 1
        tally.add(answers)
        files = [a for a in answers[:TABS] if a.status == 200]
        tally.duplicates += max(0, len(files) - 1)
        tally.check(
            len(files) == 1 and files[0].content_type.startswith("application/json"),
            f"round {round_}: {len(files)} files",
        )
        tally.check(
            sorted(a.status for a in answers[:TABS]) == [200] + [410] * (TABS - 1),
            f"round {round_}: tabs got {[a.status for a in answers[:TABS]]}",
        )
        # Someone else's session never gets the file, nor learns the link exists.
        tally.check(
            all(a.status == 404 for a in answers[TABS:]),
            f"round {round_}: strangers got {[a.status for a in answers[TABS:]]}",
        )
        exports = AuditEvent.objects.filter(action=AuditAction.EXPORT).count() - before
        tally.check(exports == 1, f"round {round_}: {exports} exports audited")
    finish(tally, race_report)


# --- Subscriptions -------------------------------------------------------------------------------

SUBSCRIBE_ROUNDS = 4
SAME_ADDRESS_POSTS = 8


def test_double_submitted_subscription_is_one_subscriber(
    live_server, personas: Personas, race_report: list[Tally]
):
    tally = Tally(
        f"subscription ({SAME_ADDRESS_POSTS} posts of one address, then its confirmation link "
        f"{SAME_ADDRESS_POSTS} times)"
    )
    cache.clear()  # the anonymous rate limit counts per address and hour
    for round_ in range(SUBSCRIBE_ROUNDS):
        email = f"subscriber.round{round_}@example.org"
        data = {"email": email, "language": "en", "areas": ["101"], "consent": "on"}
        answers = race(
            [
                poster(Browser(live_server.url), "/subscribe/", "/subscribe/", data)
                for _ in range(SAME_ADDRESS_POSTS)
            ]
        )
        tally.rounds += 1
        tally.add(answers)
        subscribers = list(Subscriber.objects.active().filter(email=email))
        tally.duplicates += max(0, len(subscribers) - 1)
        tally.check(len(subscribers) == 1, f"round {round_}: {len(subscribers)} subscribers")
        statuses = sorted(a.status for a in answers)
        tally.check(
            statuses == [200] + [400] * (SAME_ADDRESS_POSTS - 1)
            and all(a.says(ALREADY_SUBSCRIBED) for a in answers if a.status == 400),
            f"round {round_}: answers {statuses}",
        )
        if len(subscribers) != 1:
            continue
        confirm = f"/subscribe/confirm/{subscribers[0].token}/"
        answers = race(
            [getter(Browser(live_server.url), confirm) for _ in range(SAME_ADDRESS_POSTS)]
        )
        tally.add(answers)
        tally.check(
            all(a.status == 200 for a in answers),
            f"round {round_}: confirmation answers {[a.status for a in answers]}",
        )
        subscribers[0].refresh_from_db()
        tally.check(subscribers[0].is_confirmed, f"round {round_}: not confirmed")
    cache.clear()
    finish(tally, race_report)


# --- The anonymous message limit -------------------------------------------------------------

LIMIT_ROUNDS = 4
LIMIT = 4
SENDERS = 3 * LIMIT


def test_anonymous_message_limit_holds_under_a_burst(
    live_server, personas: Personas, settings, race_report: list[Tally]
):
    tally = Tally(f"anonymous message limit ({LIMIT} an hour, {SENDERS} at once from one address)")
    settings.CONCERNS_ANONYMOUS_PER_HOUR = LIMIT
    data = {
        "kind": "idea",
        "service": cn.service("parks").pk,
        "description": "More benches, please.",
        "language": "en",
    }
    for round_ in range(LIMIT_ROUNDS):
        cache.clear()
        before = Message.objects.count()
        answers = race(
            [
                poster(Browser(live_server.url), "/concerns/new/", "/concerns/new/", data)
                for _ in range(SENDERS)
            ]
        )
        tally.rounds += 1
        tally.add(answers)
        stored = Message.objects.count() - before
        tally.overbookings += max(0, stored - LIMIT)
        tally.check(stored == LIMIT, f"round {round_}: {stored} messages stored")
        statuses = sorted(a.status for a in answers)
        tally.check(
            statuses == [302] * LIMIT + [429] * (SENDERS - LIMIT)
            and all(a.says(TOO_MANY_MESSAGES) for a in answers if a.status == 429),
            f"round {round_}: answers {statuses}",
        )
    cache.clear()
    finish(tally, race_report)


# --- A campaign's feedback link --------------------------------------------------------------

FEEDBACK_ROUNDS = 4
FEEDBACK_POSTS = 8


def test_feedback_link_posted_at_once_keeps_one_response(
    live_server, personas: Personas, race_report: list[Tally]
):
    tally = Tally(f"campaign feedback link ({FEEDBACK_POSTS} first answers at once)")
    campaign = cp.campaign(personas)
    question = cp.question(campaign, "Miten toimitukset kulkevat?", QuestionKind.TEXT)
    for round_ in range(FEEDBACK_ROUNDS):
        target = cp.target(campaign, cp.business(personas, f"Kahvila {round_}"))
        page = f"/campaigns/f/{target.token}/"
        texts = [f"Answer {n} of round {round_}" for n in range(FEEDBACK_POSTS)]
        answers = race(
            [
                poster(
                    Browser(live_server.url),
                    f"{page}?lang=en",
                    page,
                    {"lang": "en", f"q_{question.pk}": text},
                )
                for text in texts
            ]
        )
        tally.rounds += 1
        tally.add(answers)
        responses = list(Response.objects.filter(target=target))
        tally.duplicates += max(0, len(responses) - 1)
        tally.check(
            len(responses) == 1 and responses[0].answers.get(str(question.pk)) in texts,
            f"round {round_}: {len(responses)} responses",
        )
        tally.check(
            all(a.status == 302 for a in answers),
            f"round {round_}: answers {[a.status for a in answers]}",
        )
    finish(tally, race_report)


# --- Participatory budgeting: the ballot -----------------------------------------------------

VOTE_ROUNDS = 6  # alternately "one district, up to K plans" and "within the budgets"
SAME_VOTER_BROWSERS = 12  # one person's browsers, each identified on its own, posting at once
K = 2
OVER_K = "You may choose at most 2 plans; you chose 3."
OVER_BUDGET = "more than its budget of"
VOTE_RECORDED = "Thank you: your vote has been recorded."
VOTE_CHANGED = "Your vote has been changed."
PAPER_REFUSED_ONLINE = "A paper ballot cannot be changed online."
ALREADY_VOTED_ONLINE = "This person has already voted online"
ALREADY_VOTED_ON_PAPER = "This person has already voted on paper"


def hetu(serial: int, born: str = "010180") -> str:
    """A valid personal identity code (born 1 January 1980), one per serial number."""
    digits = f"{born}{serial:03d}"
    return f"{born}-{serial:03d}{'0123456789ABCDEFHJKLMNPRSTUVWXY'[int(digits) % 31]}"


def identified(base_url: str, person_id: str, next_url: str) -> Browser:
    """A browser of its own that went through the development identity provider (the real
    OpenID Connect flow: our request view, the provider's form, the callback)."""
    browser = Browser(base_url)
    start = browser.get("/budgeting/identify/oidc/?" + urlencode({"next": next_url}))
    assert start.status == 302, start
    browser.open(start.location)
    params = {k: v[0] for k, v in parse_qs(urlsplit(start.location).query).items()}
    authorized = browser.post(
        "/budgeting/identify/dev/authorize/",
        {**params, "person_id": person_id, "birthdate": "1980-01-01", "municipality": "091"},
    )
    assert authorized.status == 302, authorized
    callback = urlsplit(authorized.location)
    back = browser.get(f"{callback.path}?{callback.query}")
    assert back.status == 302 and back.location.endswith(next_url), back
    return browser


def voting_cycle(personas: Personas, round_: int) -> tuple[Cycle, list[list[int]], list[int]]:
    """A cycle open for voting in the Southern district, the valid choices people make and a
    refused one (K+1 plans, or over the district's budget)."""
    if round_ % 2 == 0:
        cycle = pb.cycle(personas, phase=Phase.VOTING, max_choices=K)
        plans = [pb.plan(personas, cycle).pk for _ in range(4)]
        return cycle, [plans[0:2], plans[1:3], plans[2:4], plans[3:4]], plans[0:3]
    cycle = br.manual_cycle(
        personas,
        phase=Phase.VOTING,
        budgets={1: 100_000, None: 50_000},
        ballot_format=BallotFormat.DISTRICT_BUDGET,
    )
    south = [pb.plan(personas, cycle, cost=cost).pk for cost in (30_000, 40_000, 50_000)]
    citywide = [pb.plan(personas, cycle, major_number=None, cost=c).pk for c in (20_000, 25_000)]
    valid = [south[0:2], south[1:3], [south[0], south[2], *citywide], [south[1], citywide[0]]]
    return cycle, valid, south  # all three Southern plans: 120 000 € of a 100 000 € budget


def test_one_person_voting_in_many_browsers_at_once_gets_one_ballot(
    live_server, personas: Personas, race_report: list[Tally]
):
    tally = Tally(
        f"PB vote ({SAME_VOTER_BROWSERS} browsers of one identified voter at once, every "
        f"fourth over {K} plans or over budget)"
    )
    for round_ in range(VOTE_ROUNDS):
        cycle, valid, refused = voting_cycle(personas, round_)
        page = f"/budgeting/{cycle.slug}/vote/"
        person = hetu(100 + round_)
        browsers = [identified(live_server.url, person, page) for _ in range(SAME_VOTER_BROWSERS)]
        chosen = [
            refused if n % 4 == 0 else valid[n % len(valid)] for n in range(SAME_VOTER_BROWSERS)
        ]
        answers = race(
            [
                poster(b, f"{page}?district=1", page, {"major_district": 1, "plans": plans})
                for b, plans in zip(browsers, chosen, strict=True)
            ]
        )
        tally.rounds += 1
        tally.add(answers)
        ballots = list(Ballot.objects.filter(cycle=cycle))
        tally.duplicates += max(0, len(ballots) - 1)
        accepted = [plans for plans, a in zip(chosen, answers, strict=True) if a.status == 302]
        tally.check(
            len(ballots) == 1 and len(accepted) == SAME_VOTER_BROWSERS - len(chosen[::4]),
            f"round {round_}: {len(ballots)} ballots, {len(accepted)} accepted",
        )
        if len(ballots) == 1:
            ballot = ballots[0]
            stored = sorted(
                BallotChoice.objects.filter(ballot=ballot).values_list("plan", flat=True)
            )
            # The ballot is one of the valid submissions, whole: never over K nor over budget,
            # never a mix of two.
            tally.overbookings += stored not in [sorted(p) for p in valid]
            # Every accepted submission changed the one ballot once: nothing was lost.
            tally.check(
                ballot.revision == len(accepted) - 1,
                f"round {round_}: revision {ballot.revision} after {len(accepted)} accepted",
            )
        for n, answer in enumerate(answers):
            if n % 4 == 0:
                tally.check(
                    answer.status == 400
                    and answer.says(OVER_K if round_ % 2 == 0 else OVER_BUDGET),
                    f"round {round_}: a refused ballot got {answer.status} without the reason",
                )
            else:
                tally.check(
                    answer.status == 302, f"round {round_}: a valid ballot got {answer.status}"
                )
        # One browser was told the vote was recorded, the others that it was changed.
        told = Counter(
            message
            for browser, answer in zip(browsers, answers, strict=True)
            for message in fired_flashes(browser, answer)
        )
        first = [m for m in told if m.startswith(VOTE_RECORDED)]
        tally.check(
            len(first) == 1 and told[first[0]] == 1 and told[VOTE_CHANGED] == len(accepted) - 1,
            f"round {round_}: messages {dict(told)}",
        )
    finish(tally, race_report)


PAPER_ROUNDS = 4
ONLINE_TABS = 4
OFFICER_TABS = 4


def test_the_same_person_online_and_on_paper_at_once_gets_one_ballot(
    live_server, personas: Personas, race_report: list[Tally]
):
    tally = Tally(
        f"PB vote online ({ONLINE_TABS} browsers) and on paper ({OFFICER_TABS} officers' "
        "browsers) for one person at once"
    )
    outcomes: Counter[str] = Counter()
    for round_ in range(PAPER_ROUNDS):
        cycle = pb.cycle(personas, phase=Phase.VOTING)
        plan = pb.plan(personas, cycle).pk
        page = f"/budgeting/{cycle.slug}/vote/"
        paper_page = f"/budgeting/{cycle.slug}/paper-ballots/new/"
        person = hetu(200 + round_)
        online = [identified(live_server.url, person, page) for _ in range(ONLINE_TABS)]
        officers = [
            Browser(live_server.url, cookies=signed_in(personas.officer_south))
            for _ in range(OFFICER_TABS)
        ]
        paper = {
            "polling_place": "Kallio library",
            "identity_code": person,
            "resident": "on",
            "major_district": 1,
            "plans": [plan],
        }
        answers = race(
            [
                poster(b, f"{page}?district=1", page, {"major_district": 1, "plans": [plan]})
                for b in online
            ]
            + [poster(b, f"{paper_page}?district=1", paper_page, paper) for b in officers]
        )
        tally.rounds += 1
        tally.add(answers)
        ballots = list(Ballot.objects.filter(cycle=cycle))
        tally.duplicates += max(0, len(ballots) - 1)
        tally.check(len(ballots) == 1, f"round {round_}: {len(ballots)} ballots")
        if len(ballots) != 1:
            continue
        channel = ballots[0].channel
        outcomes[channel] += 1
        on, off = answers[:ONLINE_TABS], answers[ONLINE_TABS:]
        if channel == BallotChannel.PAPER:
            # One officer entered it; the other officers and every online tab were refused.
            tally.check(
                sorted(a.status for a in off) == [302] + [400] * (OFFICER_TABS - 1)
                and all(a.says(ALREADY_VOTED_ON_PAPER) for a in off if a.status == 400),
                f"round {round_}: officers got {[a.status for a in off]}",
            )
            tally.check(
                all(a.status == 400 and a.says(PAPER_REFUSED_ONLINE) for a in on),
                f"round {round_}: online tabs got {[a.status for a in on]}",
            )
        else:
            # Online first: every online tab saved (the later ones as changes), no paper.
            tally.check(all(a.status == 302 for a in on), f"round {round_}: online got {on}")
            tally.check(
                all(a.status == 400 and a.says(ALREADY_VOTED_ONLINE) for a in off),
                f"round {round_}: officers got {[a.status for a in off]}",
            )
    tally.name += f" (won: {dict(outcomes)})"
    finish(tally, race_report)


# --- Participatory budgeting: counting -------------------------------------------------------

COUNT_ROUNDS = 3
COUNT_CLICKS = 3  # per coordinator: two coordinators' browsers press "count" at once
PUBLISH_CLICKS = 2  # then "publish", as many times
RESULTS_PUBLISHED = "The results have been published."
ALREADY_PUBLISHED = "The results have already been published."


def test_counting_pressed_at_once_gives_one_set_of_results(
    live_server, personas: Personas, race_report: list[Tally]
):
    tally = Tally(
        f"PB count ({2 * COUNT_CLICKS} presses by two coordinators at once), then publish "
        f"({2 * PUBLISH_CLICKS} presses)"
    )
    second = UserFactory.create(email="second.coordinator@example.org", role=Role.COORDINATOR)
    for round_ in range(COUNT_ROUNDS):
        example = br.greedy_example(personas, count=False, slug=f"race-count-{round_}")
        cycle, plans = example.cycle, example.plans
        page = f"/budgeting/{cycle.slug}/results/count/"
        sessions = [signed_in(personas.coordinator), signed_in(second)]
        browsers = [
            Browser(live_server.url, cookies=sessions[n % 2]) for n in range(2 * COUNT_CLICKS)
        ]
        answers = race([poster(b, page, page, {"action": "count"}) for b in browsers])
        tally.rounds += 1
        tally.add(answers)
        tally.check(
            all(a.status == 302 for a in answers),
            f"round {round_}: counts got {[a.status for a in answers]}",
        )
        results = list(PlanResult.objects.filter(plan__cycle=cycle))
        per_plan = Counter(r.plan_id for r in results)
        tally.duplicates += sum(n - 1 for n in per_plan.values())
        selected = sorted(r.plan.title_en or "" for r in results if r.selected)
        votes = {r.plan.title_en: r.votes for r in results}
        tally.check(
            set(per_plan) == {p.pk for p in plans.values()}
            and selected == ["A", "B", "D"]
            and votes == {"A": 5, "B": 4, "C": 3, "D": 2, "E": 0},
            f"round {round_}: results {selected} {votes}",
        )
        counted = AuditEvent.objects.filter(
            object_type="budgeting.cycle",
            object_id=str(cycle.pk),
            summary__startswith="PB votes counted",
        ).count()
        tally.check(counted == len(answers), f"round {round_}: {counted} counts audited")
        # Publishing pressed at once: published once, everyone else told it already is.
        browsers = [
            Browser(live_server.url, cookies=sessions[n % 2]) for n in range(2 * PUBLISH_CLICKS)
        ]
        answers = race([poster(b, page, page, {"action": "publish"}) for b in browsers])
        tally.add(answers)
        statuses = sorted(a.status for a in answers)
        tally.check(
            statuses == [302] + [400] * (len(answers) - 1)
            and all(a.says(ALREADY_PUBLISHED) for a in answers if a.status == 400),
            f"round {round_}: publishing got {statuses}",
        )
        published = AuditEvent.objects.filter(
            object_type="budgeting.cycle", object_id=str(cycle.pk), summary="PB results published"
        ).count()
        tally.duplicates += max(0, published - 1)
        tally.check(published == 1, f"round {round_}: published {published} times")
        told = [
            message
            for browser, answer in zip(browsers, answers, strict=True)
            for message in fired_flashes(browser, answer)
        ]
        tally.check(told == [RESULTS_PUBLISHED], f"round {round_}: messages {told}")
        tally.check(
            PlanResult.objects.filter(plan__cycle=cycle).count() == len(plans),
            f"round {round_}: results changed by publishing",
        )
    finish(tally, race_report)
