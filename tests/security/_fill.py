"""One of everything, for the XSS sweep and the canary scan: a realistic data set built with
the project's own builders (luotsi/testing/*.py) and services, so every page and feed has
something of every kind to show. The sweeps then overwrite the text in the database.

`build` returns the records whose own pages are worth requesting (`Dataset.pages`): the
authorization matrix makes fresh, bare records for its URLs, while these have children (a
case with stakeholders and steps, a message with replies, a campaign with answers…).
"""

import datetime
import io
import secrets
from dataclasses import dataclass, field
from typing import Any

from axes.models import AccessAttempt
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image

from luotsi.accounts.models import OfficerAssignment
from luotsi.accounts.services import api_token_create
from luotsi.areas.models import District, MajorDistrict
from luotsi.budgeting.models import MemberRole, Phase, PlanResult, ProposalStatus
from luotsi.budgeting.services import coproduction as pb_coproduction
from luotsi.budgeting.services import plans as pb_plans
from luotsi.budgeting.services import proposals as pb_proposals
from luotsi.budgeting.services import voting as pb_voting
from luotsi.campaigns import feedback as campaign_feedback
from luotsi.campaigns.models import Campaign, QuestionKind, Target
from luotsi.concerns import cases as case_services
from luotsi.concerns import workflow
from luotsi.concerns.models import ConflictCase, Message, ServiceAttribute
from luotsi.events import registrations
from luotsi.events.models import AttendanceCount, Event, EventCost, EventsBudget, Registration
from luotsi.materials.models import Item
from luotsi.network import services as network_services
from luotsi.network.models import (
    Contact,
    KnowledgeNote,
    Organisation,
    RelationshipType,
    Topic,
    Visibility,
)
from luotsi.officehours import services as office_services
from luotsi.officehours.models import Appointment, OfficerProfile
from luotsi.opportunities.models import Opportunity
from luotsi.privacy.models import AuditAction, AuditEvent
from luotsi.subscriptions import announcements
from luotsi.subscriptions.models import DigestDelivery, Subscriber
from luotsi.testing import budgeting as pb
from luotsi.testing import campaigns as cp
from luotsi.testing import cases as cs
from luotsi.testing import concerns as cn
from luotsi.testing import events as ev
from luotsi.testing import insights as ins
from luotsi.testing import materials as mat
from luotsi.testing import network as net
from luotsi.testing import officehours as oh
from luotsi.testing import opportunities as opp
from luotsi.testing import subscriptions as sub
from luotsi.testing import voting as voters
from luotsi.testing.factories import UserFactory
from luotsi.testing.personas import Personas


def primary_keys(model: type[models.Model]) -> list[Any]:
    quote, pk = connection.ops.quote_name, model._meta.pk
    assert pk is not None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote(pk.column)} FROM {quote(model._meta.db_table)}")  # noqa: S608
        return sorted(row[0] for row in cursor.fetchall())


def raw_update(
    model: type[models.Model], f: models.Field[Any, Any], rows: list[tuple[Any, Any]]
) -> set[Any]:
    """Write (value, pk) rows of one column by SQL, and return the primary keys written.

    By SQL because modeltranslation's manager would redirect `name` to the active language's
    column, and saving through the ORM would run code the sweeps are not about. When a
    constraint wants the field empty in some rows (a message's sender's name only with
    consent), only the rows that already hold a value are written."""
    quote, pk = connection.ops.quote_name, model._meta.pk
    assert pk is not None
    table, column, pk_column = quote(model._meta.db_table), quote(f.column), quote(pk.column)
    update = f"UPDATE {table} SET {column} = %s WHERE {pk_column} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        try:
            with transaction.atomic():
                cursor.executemany(update, rows)
            return {row[1] for row in rows}
        except IntegrityError:
            cursor.execute(f"SELECT {pk_column} FROM {table} WHERE {column} <> ''")  # noqa: S608
            filled = {row[0] for row in cursor.fetchall()}
            kept = [row for row in rows if row[1] in filled]
            cursor.executemany(update, kept)
            return {row[1] for row in kept}


@dataclass
class Dataset:
    event: Event
    registration: Registration
    public_message: Message
    private_message: Message
    case: ConflictCase
    contact: Contact
    organisation: Organisation
    note: KnowledgeNote
    campaign: Campaign
    target: Target
    item: Item
    opportunity: Opportunity
    subscriber: Subscriber
    appointment: Appointment
    extra: dict[str, Any] = field(default_factory=dict)

    def pages(self, p: Personas) -> list[str]:
        """The pages of these records (the matrix covers every route; these show the
        children too). Staff pages answer 302/403/404 to those who may not see them."""
        e, m, c, k = self.event.pk, self.private_message.pk, self.case.pk, self.campaign.pk
        assignment = OfficerAssignment.objects.filter(officer=p.officer_south).first()
        item_pk, variant = self.item.pk, self.item.variants.order_by("pk").first()
        return [
            f"/events/{e}/",
            f"/events/{e}/calendar.ics",
            f"/events/manage/{e}/",
            f"/events/manage/{e}/edit/",
            f"/events/manage/{e}/attendance/",
            f"/events/registrations/{self.registration.token}/",
            f"/events/venues/{self.event.venue_id}/edit/",
            f"/concerns/{m}/",
            f"/concerns/{self.public_message.pk}/",
            f"/concerns/m/{self.private_message.token}/",
            f"/concerns/m/{self.public_message.token}/",
            f"/open311/v2/requests/{self.public_message.reference}.json",
            f"/open311/v2/requests/{self.public_message.reference}.xml",
            f"/concerns/cases/{c}/",
            f"/concerns/cases/{c}/edit/",
            f"/concerns/cases/{c}/map/",
            f"/concerns/cases/{c}/summary/",
            f"/network/contacts/{self.contact.pk}/",
            f"/network/contacts/{self.contact.pk}/edit/",
            f"/network/contacts/{self.contact.pk}/merge/",
            f"/network/contacts/{self.contact.pk}/erase/",
            f"/network/organisations/{self.organisation.pk}/",
            f"/network/organisations/{self.organisation.pk}/edit/",
            f"/network/notes/{self.note.pk}/",
            f"/network/notes/{self.note.pk}/edit/",
            f"/network/imports/{self.extra['import_batch'].pk}/",
            f"/network/handover/{assignment.pk if assignment else 0}/",
            "/network/search/?q=alert",
            "/network/search/?q=canary",
            f"/campaigns/{k}/",
            f"/campaigns/{k}/edit/",
            f"/campaigns/{k}/coverage/",
            f"/campaigns/{k}/questions/",
            f"/campaigns/{k}/letters/",
            f"/campaigns/{k}/letters/{self.target.pk}/",
            f"/campaigns/{k}/walking-list/",
            f"/campaigns/{k}/export.csv",
            f"/campaigns/f/{self.target.token}/",
            f"/materials/{item_pk}/",
            f"/materials/manage/{item_pk}/",
            f"/materials/manage/{item_pk}/edit/",
            f"/materials/manage/{item_pk}/needs/",
            f"/materials/manage/versions/{variant.pk if variant else 0}/",
            f"/take-part/manage/{self.opportunity.pk}/edit/",
            "/take-part/101/",
            "/take-part/101.txt",
            "/take-part/101/feed.atom",
            "/take-part/1/feed.atom",
            f"/officers/{p.officer_south.pk}/",
            f"/officers/appointments/{self.appointment.token}/",
            f"/subscribe/manage/{self.subscriber.token}/",
            f"/subscribe/unsubscribe/{self.subscriber.token}/",
            "/events/venues/?q=alert",
            "/areas/suggest/?address=alert",
            f"/privacy/subject/?email={self.registration.email}",
            "/privacy/audit/",
            "/inclusion/districts/101/",
            "/api/v1/events/?page_size=100",
            f"/api/v1/events/{e}",
            f"/api/v1/network/contacts/{self.contact.pk}",
            f"/api/v1/network/organisations/{self.organisation.pk}",
            "/api/v1/materials/items",
            "/api/v1/materials/coverage",
            "/open311/v2/requests.json",
            "/open311/v2/requests.xml",
            "/open311/v2/services.json",
            "/open311/v2/services/parks.xml",
            "/events/calendar/all.ics",
            "/events/calendar/101.ics",
            *self.budgeting_pages(),
        ]

    def budgeting_pages(self) -> list[str]:
        """Participatory budgeting: proposals in every state, a plan made of some, a workspace
        with members, tasks and updates, paper and online ballots, published results."""
        if "pb_proposals" not in self.extra:
            return []
        b, i, v = (f"/budgeting/{self.extra[k].slug}/" for k in ("pb_cycle", "pb_done", "pb_vote"))
        plan, done, ws = (
            self.extra["pb_plan"].pk,
            self.extra["pb_done_plan"].pk,
            self.extra["pb_ws"],
        )
        api = "/api/v1/budgeting/cycles/"
        return [
            b,
            f"{b}proposals/",
            f"{b}proposals/?area=1",
            f"{b}proposals/mine/",
            *(f"{b}proposals/{x.pk}/" for x in self.extra["pb_proposals"]),
            *(f"{b}proposals/{x.pk}/image/" for x in self.extra["pb_proposals"]),
            f"{b}plans/",
            f"{b}plans/{plan}/",
            f"{b}plans/{plan}/edit/",
            f"{b}manage/",
            i,
            f"{i}results/",
            f"{i}results/1/",
            f"{i}results/1.pb",
            f"{i}tracker/",
            f"{i}tracker/{done}/",
            f"{i}workspaces/",
            f"{i}workspaces/{ws.pk}/",
            v,
            f"{v}vote/",
            f"{v}paper-ballots/",
            f"{v}paper-ballots/{self.extra['pb_paper'].pk}/",
            "/budgeting/",
            f"{api}{self.extra['pb_cycle'].slug}",
            f"{api}{self.extra['pb_cycle'].slug}/plans",
            f"{api}{self.extra['pb_done'].slug}",
            f"{api}{self.extra['pb_done'].slug}/plans",
            f"{api}{self.extra['pb_done'].slug}/results",
            f"{api}{self.extra['pb_vote'].slug}/plans",
        ]


def _png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, format="PNG")
    return SimpleUploadedFile("photo.png", out.getvalue(), "image/png")


def _network(p: Personas) -> dict[str, Any]:
    south = net.district("101")
    topic = Topic.objects.get_or_create(slug="parks", defaults={"name": "Puistot"})[0]
    organisation = net.organisation(p, visibility=Visibility.SHARED)
    business = net.business(p, email="shop@example.org", phone="+358 9 310 1234")
    contact = net.contact(
        p,
        email="paula@example.org",
        phone="+358 40 123 4567",
        title="Chair",
        visibility=Visibility.SHARED,
    )
    other = net.contact(p, name="Pekka Private", email="pekka@example.org")
    network_services.affiliation_add(
        contact=contact,
        organisation=organisation,
        role="Chair",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=None,
        by=p.officer_south,
    )
    kind = RelationshipType.objects.get_or_create(forward="chairs", backward="is chaired by")[0]
    network_services.relationship_add(
        kind=kind, from_contact=contact, to_contact=other, to_organisation=None, by=p.officer_south
    )
    interaction = network_services.interaction_log(
        by=p.officer_south,
        occurred_on=timezone.localdate() - datetime.timedelta(days=2),
        channel="meeting",
        summary="Talked about the park",
        district=south,
        contacts=[contact, other],
        organisations=[organisation],
        topics=[topic],
        commitment="Send the plan",
        commitment_due_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    note = net.note(p)
    batch = net.import_batch(p)
    api_token_create(user=p.officer_south, name="Reporting script")
    TOTPDevice.objects.create(user=p.officer_south, name="Phone", confirmed=True)
    AccessAttempt.objects.create(
        username="someone@example.org",
        ip_address="192.0.2.1",
        user_agent="Mozilla/5.0",
        http_accept="text/html",
        path_info="/accounts/login/",
        attempt_time=timezone.now(),
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    AuditEvent.objects.create(
        actor=p.coordinator,
        action=AuditAction.VIEW,
        object_type="network.contact",
        object_id=str(contact.pk),
        summary="Viewed the contact",
    )
    return {
        "topic": topic,
        "organisation": organisation,
        "business": business,
        "contact": contact,
        "other_contact": other,
        "interaction": interaction,
        "note": note,
        "import_batch": batch,
    }


def _events(p: Personas) -> dict[str, Any]:
    event = ev.event(
        p,
        description="Kahvia ja keskustelua.",
        description_fi="Kahvia ja keskustelua.",
        location_details="Second floor",
        price="Free",
        audiences="seniors",
    )
    registration = registrations.registration_create(
        event=event,
        name="Rita Registrant",
        email="rita@example.org",
        language="fi",
        consent=True,
        phone="+358 40 765 4321",
        accessibility_needs="Wheelchair",
        language_needs="Arabic, please",
    )
    registrations.registration_create(
        event=event, name="Olli Other", email="olli@example.org", language="sv", consent=True
    )
    held = ins.held_event(p, came={"fi": 2, "sv": 1}, needs=1, ages={"65+": 3}, interpreted=1)
    held.outcome_notes = "Good turnout"
    held.save(update_fields=["outcome_notes"])
    AttendanceCount.objects.get_or_create(
        event=held, dimension="age", code="18-29", defaults={"count": 2}
    )
    EventCost.objects.create(
        event=event,
        category="catering",
        description="Coffee and buns",
        amount=40,
        status="committed",
        recorded_by=p.officer_south,
    )
    EventsBudget.objects.create(
        major_district=MajorDistrict.objects.get(city__slug="helsinki", number=1),
        year=timezone.localdate().year,
        allocated=1000,
        updated_by=p.coordinator,
    )
    ins.refreshed()
    return {"event": event, "registration": registration, "held": held}


def _concerns(p: Personas, contact: Contact, organisation: Organisation) -> dict[str, Any]:
    ServiceAttribute.objects.get_or_create(
        service=cn.service(),
        code="size",
        defaults={
            "datatype": "string",
            "description": "How big is it?",
            "description_fi": "Kuinka suuri?",
            "order": 1,
        },
    )
    private = cn.message(
        contact_name="Maija Meikäläinen",
        contact_email="maija@example.org",
        consent=True,
        address_string="Kruununhaka 1",
        attributes={"size": "About a metre"},
        photos=[_png()],
    )
    workflow.message_reply(message=private, by=p.officer_south, text="Thank you, we look into it")
    workflow.message_note(message=private, by=p.officer_south, text="Internal: call the city")
    public = cn.message(contact_name="Matti", contact_email="matti@example.org", consent=True)
    workflow.message_publish(message=public, by=p.officer_south, public_text="A broken fence")
    workflow.message_reply(message=public, by=p.officer_south, text="Fixed next week")
    case = cs.case(p)
    case_services.stakeholder_add(
        case=case,
        by=p.officer_south,
        contact=contact,
        position="opposes",
        interest=4,
        influence=3,
        notes="Worried about the trees",
    )
    case_services.stakeholder_add(
        case=case,
        by=p.officer_south,
        organisation=organisation,
        position="supports",
        interest=3,
        influence=4,
        notes="Wants the building",
    )
    case_services.case_step_add(
        case=case,
        by=p.officer_south,
        happened_on=timezone.localdate() - datetime.timedelta(days=1),
        text="Residents' meeting held",
        document_title="Minutes",
        document_url="https://www.hel.fi/minutes.pdf",
    )
    case_services.case_link_message(case=case, by=p.officer_south, message=private)
    return {"private": private, "public": public, "case": case}


def _campaigns(p: Personas) -> dict[str, Any]:
    campaign = cp.campaign(
        p,
        description="Street works all summer",
        city_project="Bulevardi 2026",
        department="Urban environment",
        project_contact="Project office, 09 310 1000",
    )
    shop = cp.business(p, "Kahvila Bulevardi", "Bulevardi 14")
    target = cp.target(campaign, shop, house_number=14)
    campaign.districts.set([shop.district_id])
    text = campaign_feedback.question_add(
        campaign=campaign,
        by=p.business_officer,
        text_fi="Miten toimitukset kulkevat?",
        text_en="How do deliveries work?",
        kind=QuestionKind.TEXT,
    )
    choice = campaign_feedback.question_add(
        campaign=campaign,
        by=p.business_officer,
        text_fi="Haittaako työmaa?",
        kind=QuestionKind.CHOICE,
        choices=[
            {"key": "yes", "name": {"fi": "Kyllä", "sv": "Ja", "en": "Yes"}},
            {"key": "no", "name": {"fi": "Ei", "sv": "Nej", "en": "No"}},
        ],
    )
    campaign_feedback.response_save(
        target=target,
        answers={str(text.pk): "Mornings are hard", str(choice.pk): "yes"},
        language="fi",
    )
    return {"campaign": campaign, "target": target, "shop": shop}


def _people_facing(p: Personas, topic: Topic) -> dict[str, Any]:
    OfficerProfile.objects.update_or_create(
        user=p.officer_south,
        defaults={
            "introduction_fi": "Olen Sofia.",
            "introduction_en": "I am Sofia.",
            "working_on_fi": "Puistot.",
            "how_to_reach": "Call on Mondays.",
        },
    )
    p.officer_south.phone = "+358 40 111 2222"
    p.officer_south.save(update_fields=["phone"])
    hours = oh.office_hours(p.officer_south)
    appointment = office_services.appointment_book(
        officer=p.officer_south,
        starts_at=oh.at(oh.next_weekday(hours.weekday), 10),
        name="Aino Asukas",
        email="aino@example.org",
        language="fi",
        topic="Our yard",
    )
    opportunity = opp.opportunity(topics=(topic,), place="Library")
    sub.opportunity("Hearing about the bridge")
    subscriber = sub.subscriber("sanna@example.net")
    DigestDelivery.objects.create(
        subscriber=subscriber, week="2026-W10", item_keys=[f"opportunity:{opportunity.pk}"]
    )
    announcement = announcements.announcement_create(
        by=p.officer_south,
        subject="Park walk on Saturday",
        body="Come along",
        districts=District.objects.filter(code="101"),
    )
    announcements.announcement_send(announcement=announcement, by=p.officer_south)
    item = mat.item(p, summary="A guide", summary_fi="Opas")
    mat.variant(item, "fi", "web", text="Näin osallistut")
    mat.variant(item, "so", "web", status="needed")
    return {
        "appointment": appointment,
        "opportunity": opportunity,
        "subscriber": subscriber,
        "item": item,
        "announcement": announcement,
    }


def _budgeting(p: Personas, organisation: Organisation, topic: Topic) -> dict[str, Any]:
    """A cycle in its proposals phase with a proposer's proposals in every state (waiting,
    published, rejected with a reason, merged into a plan) and one of the resident persona's
    own; a finished cycle whose selected plan has a workspace (the proposer as applicant, the
    official, a stakeholder organisation, a task, a public and an internal status update); a
    cycle in its voting phase with a paper ballot and an online one."""
    proposer = UserFactory.create(email="pirjo.proposer@example.org", full_name="Pirjo Proposer")
    cycle = pb.cycle(p, phase=Phase.PROPOSALS, slug="fill-omastadi", citywide_percent=10)

    def propose(title: str, by: Any = proposer, **fields: Any) -> Any:
        return pb_proposals.proposal_submit(
            cycle=cycle,
            by=by,
            title=title,
            description=f"{title}: a longer description.",
            language="fi",
            lat=60.1605,
            lon=24.9390,
            topics=[topic],
            image=_png(),
            image_alt="A bench by the sea",
            author_display_name="Pirjo P.",
            **fields,
        )

    waiting = propose("Benches by the shore")
    published = pb_proposals.proposal_publish(proposal=propose("A skate park"), by=p.officer_south)
    rejected = pb_proposals.proposal_reject(
        proposal=propose("Close the street"), by=p.officer_south, reason="Not a city matter"
    )
    merged = pb_proposals.proposal_publish(
        proposal=propose("Trees on the square"), by=p.officer_south
    )
    own = propose("A library kiosk", by=p.resident)
    plan = pb_plans.plan_create(
        cycle=cycle,
        by=p.officer_south,
        major_district=pb.major(1),
        texts={"title_fi": "Puita torille", "title_en": "Trees", "description_fi": "Puita."},
        proposals=[merged],
        topics=[topic],
    )
    # A finished cycle: the selected plan's co-production.
    done = pb.cycle(p, phase=Phase.IMPLEMENTATION, slug="fill-implemented")
    done_plan = pb.plan(p, done, feasibility_note="Feasible in 2027")
    other_plan = pb.plan(p, done, cost=900_000)
    PlanResult.objects.create(
        plan=done_plan, votes=12, selected=True, rank=1, explanation="Selected: 12 votes."
    )
    PlanResult.objects.create(
        plan=other_plan, votes=3, selected=False, rank=2, explanation="Not selected: 3 votes."
    )
    workspace = pb_coproduction.workspace_open(
        plan=done_plan, by=p.officer_south, applicants=[proposer]
    )
    pb_coproduction.member_add(
        workspace=workspace, by=p.officer_south, role=MemberRole.OFFICIAL, user=p.official
    )
    pb_coproduction.member_add(
        workspace=workspace,
        by=p.officer_south,
        role=MemberRole.STAKEHOLDER,
        organisation=organisation,
    )
    pb_coproduction.task_add(
        workspace=workspace, by=p.officer_south, title="Ask for a quote", owner=p.official
    )
    for public, text in ((True, "Planning started"), (False, "Budget talks with the city")):
        pb_coproduction.status_update_post(
            workspace=workspace,
            by=p.officer_south,
            status="planning",
            progress=10,
            texts={"fi": text},
            public=public,
        )
    # Voting: a paper ballot entered at a polling point, and an online one.
    vote = pb.cycle(p, phase=Phase.VOTING, slug="fill-voting")
    vote_plan = pb.plan(p, vote)
    paper = pb_voting.paper_ballot_enter(
        cycle=vote,
        identity_code=voters.SENIOR,
        resident=True,
        major_district=pb.major(1),
        plan_ids=[vote_plan.pk],
        polling_place="Kallio library",
        by=p.officer_south,
    )
    pb_voting.ballot_cast(
        cycle=vote,
        identity=voters.identity(voters.ADULT),
        major_district=pb.major(1),
        plan_ids=[vote_plan.pk],
    )
    assert {x.status for x in (waiting, published, rejected, own)} == {
        ProposalStatus.SUBMITTED,
        ProposalStatus.PUBLISHED,
        ProposalStatus.REJECTED,
    }
    return {
        "pb_cycle": cycle,
        "pb_proposals": [waiting, published, rejected, merged, own],
        "pb_plan": plan,
        "pb_done": done,
        "pb_done_plan": done_plan,
        "pb_ws": workspace,
        "pb_vote": vote,
        "pb_paper": paper,
    }


def build(p: Personas) -> Dataset:
    """Precondition: the Helsinki territory is loaded (the session fixture)."""
    network = _network(p)
    events = _events(p)
    concerns = _concerns(p, network["contact"], network["organisation"])
    campaigns = _campaigns(p)
    people = _people_facing(p, network["topic"])
    budgeting = _budgeting(p, network["organisation"], network["topic"])
    return Dataset(
        event=events["event"],
        registration=events["registration"],
        public_message=concerns["public"],
        private_message=concerns["private"],
        case=concerns["case"],
        contact=network["contact"],
        organisation=network["organisation"],
        note=network["note"],
        campaign=campaigns["campaign"],
        target=campaigns["target"],
        item=people["item"],
        opportunity=people["opportunity"],
        subscriber=people["subscriber"],
        appointment=people["appointment"],
        extra={
            **network,
            **events,
            **concerns,
            **campaigns,
            **people,
            **budgeting,
            "token": secrets.token_hex(4),
        },
    )
