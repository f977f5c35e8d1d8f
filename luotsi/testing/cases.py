"""Conflict cases for tests: by default a case in the Southern district Vironniemi (101),
owned by officer_south, plus residents' messages and stakeholders to link to it."""

import datetime
import secrets
from typing import Any

from django.utils import timezone

from luotsi.accounts.models import User
from luotsi.concerns.models import (
    CaseStep,
    ConflictCase,
    Message,
    MessageKind,
    Queue,
    Service,
    Stakeholder,
)
from luotsi.testing import network as net
from luotsi.testing.personas import Personas


def case(
    p: Personas,
    code: str = "101",
    title: str = "Kruununhaan puistotalo",
    owner: User | None = None,
    **fields: Any,
) -> ConflictCase:
    default_owner = p.officer_south if code.startswith("1") else p.officer_east
    values: dict[str, Any] = {
        "title": title,
        "summary": "A planned building on the edge of the park.",
        "district": net.district(code),
        "owner": owner or default_owner,
    }
    values.update(fields)
    return ConflictCase.objects.create(**values)


def latest_case() -> ConflictCase:
    """The case a matrix line's URL made (its POST data is built per persona, after it)."""
    return ConflictCase.objects.latest("pk")


def _service() -> Service:
    return Service.objects.get_or_create(
        code="test-parks", defaults={"name": "Puistot", "name_fi": "Puistot"}
    )[0]


def message(p: Personas, code: str = "101", **fields: Any) -> Message:
    """A resident's message in the district's queue, numbered like real ones."""
    token = secrets.token_urlsafe(32)
    values: dict[str, Any] = {
        "kind": MessageKind.CONCERN,
        "service": _service(),
        "description": "The park should stay a park.",
        "language": "fi",
        "queue": Queue.DISTRICT,
        "due_on": timezone.localdate() + datetime.timedelta(days=10),
        "district": net.district(code),
        "token": token,
        "reference": token[:20],
    }
    values.update(fields)
    created = Message.objects.create(**values)
    created.reference = f"{timezone.localdate().year}-{created.pk:05d}"
    created.save(update_fields=["reference"])
    return created


def stakeholder(case: ConflictCase, party: Any, **fields: Any) -> Stakeholder:
    kind = "organisation" if party._meta.model_name == "organisation" else "contact"
    values: dict[str, Any] = {
        "case": case,
        kind: party,
        "position": "opposes",
        "interest": 4,
        "influence": 3,
    }
    values.update(fields)
    return Stakeholder.objects.create(**values)


def step(
    case: ConflictCase, text: str = "Residents' meeting about the plan", **fields: Any
) -> CaseStep:
    values: dict[str, Any] = {
        "case": case,
        "happened_on": timezone.localdate() - datetime.timedelta(days=3),
        "text": text,
        "by": case.owner,
    }
    values.update(fields)
    return CaseStep.objects.create(**values)
