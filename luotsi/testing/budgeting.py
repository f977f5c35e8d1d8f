"""Participatory budgeting for tests.

`cycle(p, phase=...)` makes a published Helsinki cycle whose dates put it in that phase today
(budgets split by population, OmaStadi round 3 ballot by default); `plan(...)` a plan on the
ballot in a major district.
"""

import datetime
from typing import Any

from django.utils import timezone

from luotsi.areas.models import City, MajorDistrict
from luotsi.budgeting.models import Cycle, Phase, Plan, PlanStatus, Proposal, ProposalStatus
from luotsi.budgeting.services.cycles import cycle_create
from luotsi.testing.personas import Personas

DAY = datetime.timedelta(days=1)


def _dates(phase: Phase) -> dict[str, Any]:
    """Phase dates about today such that `phase` is the current one."""
    now = timezone.now()
    today = timezone.localdate()
    # Offsets (in days from today) of: proposals, co-creation, costing starts; voting start/end.
    offsets = {
        Phase.UPCOMING: (10, 20, 30, 40, 60),
        Phase.PROPOSALS: (-5, 20, 30, 40, 60),
        Phase.COCREATION: (-30, -5, 30, 40, 60),
        Phase.COSTING: (-60, -30, -5, 40, 60),
        Phase.VOTING: (-90, -60, -30, -2, 20),
        Phase.COUNTING: (-120, -90, -60, -30, -1),
        Phase.RESULTS: (-150, -120, -90, -60, -30),
        Phase.IMPLEMENTATION: (-400, -380, -350, -320, -300),
    }[phase]
    p, c, k, vs, ve = offsets
    return {
        "proposals_start": today + p * DAY,
        "proposals_end": today + (c - 1) * DAY if c - 1 >= p else today + p * DAY,
        "cocreation_start": today + c * DAY,
        "cocreation_end": today + (k - 1) * DAY if k - 1 >= c else today + c * DAY,
        "costing_start": today + k * DAY,
        "costing_end": today + (vs - 1) * DAY if vs - 1 >= k else today + k * DAY,
        "voting_starts_at": now + vs * DAY,
        "voting_ends_at": now + ve * DAY,
        "implementation_start": today + (ve + 10) * DAY if phase == Phase.IMPLEMENTATION else None,
    }


def cycle(p: Personas, *, phase: Phase = Phase.PROPOSALS, **fields: Any) -> Cycle:
    values: dict[str, Any] = {
        "slug": f"omastadi-{phase}-{Cycle.objects.count() + 1}",
        "title": "OmaStadi",
        "title_fi": "OmaStadi",
        "title_sv": "OmaStadi",
        "title_en": "OmaStadi",
        "published": True,
        "total_budget": 8_800_000,
        "citywide_percent": 0,
        **_dates(phase),
    }
    values.update(fields)
    made = cycle_create(by=p.coordinator, city=City.objects.get(slug="helsinki"), **values)
    if phase in (Phase.RESULTS, Phase.IMPLEMENTATION):
        Cycle.objects.filter(pk=made.pk).update(
            counted_at=made.voting_ends_at, results_published_at=made.voting_ends_at
        )
        made.refresh_from_db()
    return made


def major(number: int) -> MajorDistrict:
    return MajorDistrict.objects.get(city__slug="helsinki", number=number)


def plan(
    p: Personas,
    c: Cycle,
    *,
    major_number: int | None = 1,
    cost: int = 100_000,
    status: str = PlanStatus.APPROVED,
    code: str | None = None,
    **fields: Any,
) -> Plan:
    number = Plan.objects.filter(cycle=c).count() + 1
    values: dict[str, Any] = {
        "cycle": c,
        "major_district": major(major_number) if major_number else None,
        "title": f"Suunnitelma {number}",
        "title_fi": f"Suunnitelma {number}",
        "title_en": f"Plan {number}",
        "description": "Kuvaus",
        "status": status,
        "cost_estimate": cost,
        "code": code if code is not None else f"P-{number}",
        "created_by": p.officer_south,
    }
    values.update(fields)
    return Plan.objects.create(**values)


def proposal(
    p: Personas, c: Cycle, *, status: str = ProposalStatus.PUBLISHED, **fields: Any
) -> Proposal:
    values: dict[str, Any] = {
        "cycle": c,
        "title": "Penkkejä puistoon",
        "description": "Lisää penkkejä Sinebrychoffin puistoon.",
        "language": "fi",
        "major_district": major(1),
        "author": p.resident,
        "status": status,
    }
    values.update(fields)
    return Proposal.objects.create(**values)
