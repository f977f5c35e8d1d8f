"""Data for the API fuzzing: credentials, and something in every list the APIs serve, so that
schemathesis checks real response bodies and not only empty pages (and, for participatory
budgeting, a cycle under the slug the schema gives as its example, so its operations answer
200 as well as 404 and 422)."""

from dataclasses import dataclass

from luotsi.accounts.services import api_token_create
from luotsi.budgeting.models import Phase
from luotsi.concerns import workflow
from luotsi.concerns.models import Source
from luotsi.concerns.open311.keys import api_key_check, api_key_issue
from luotsi.events.models import EventStatus
from luotsi.insights.services import participation_refresh
from luotsi.materials.models import VariantStatus
from luotsi.testing import budgeting as pb
from luotsi.testing import budgeting_results as br
from luotsi.testing import concerns as cn
from luotsi.testing import events as ev
from luotsi.testing import insights as ins
from luotsi.testing import materials as mat
from luotsi.testing import network as net
from luotsi.testing.personas import Personas

# The cycle the API schema gives as its example slug: generated cases ask for it.
PB_SLUG = "omastadi-2025-2026"


@dataclass(frozen=True)
class World:
    tokens: dict[str, str]  # persona name → bearer token (staff only)
    open311_key: str


def credentials(p: Personas) -> World:
    """Bearer tokens of the staff personas and an Open311 client's key."""
    tokens = {
        name: api_token_create(user=getattr(p, name), name="fuzz")[1]
        for name in ("officer_south", "coordinator")
    }
    return World(tokens=tokens, open311_key=api_key_issue(name="Fuzz client")[1])


def fill(p: Personas, world: World) -> None:
    """Something in every list: both districts' network, events in each state, materials,
    residents' concerns (public, private, and one the Open311 client sent itself)."""
    # Events: upcoming, cancelled, a held one with attendance, and a draft (404 for everyone).
    ev.event(p)
    ev.event(p, district_code="704", organiser=p.officer_east, status=EventStatus.CANCELLED)
    ins.held_event(p, came={"fi": 3, "sv": 2}, ages={"18-29": 4})
    ev.event(p, status=EventStatus.DRAFT, published_at=None)
    # The network of both districts.
    net.contact(p)
    net.contact(p, "704", "Eero East")
    net.organisation(p)
    net.business(p)
    net.interaction(p)
    net.interaction(p, "704")
    net.commitment(p)
    # Materials: a public item with a ready version and one still being translated.
    item = mat.item(p)
    mat.variant(item)
    mat.variant(item, language="sv", status=VariantStatus.IN_TRANSLATION)
    mat.item(p, district_code=None)
    # Residents' concerns: one published (Open311 shows it), one not, one the client sent.
    workflow.message_publish(
        message=cn.message(), by=p.coordinator, public_text="A fence needs mending."
    )
    cn.message(cn.EAST, description="Streetlight out.", service_code="streets")
    client_key = api_key_check(world.open311_key)
    cn.message(description="Bench broken.", source=Source.OPEN311, api_key=client_key)
    # Participatory budgeting: a counted cycle with published results (the schema's example
    # slug), one still voting with a city-wide plan (its results 404) and an unpublished one.
    br.greedy_example(p, slug=PB_SLUG)
    voting = pb.cycle(p, phase=Phase.VOTING, citywide_percent=10)
    pb.plan(p, voting)
    pb.plan(p, voting, major_number=None)
    pb.cycle(p, phase=Phase.PROPOSALS, published=False)
    participation_refresh()
