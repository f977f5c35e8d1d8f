"""Casting and changing ballots, online and on paper.

One ballot per person per cycle is the database's unique constraint on (cycle, voter_key);
these services turn a second submission into a change of the existing ballot (online) or a
clear refusal (a person who voted on paper, or online, cannot vote again on paper), also when
the submissions race each other: the loser of the insert waits for the winner's commit, gets
the IntegrityError, and continues on the winner's row under its lock.

Every rule is checked on the server and answered with a `ValidationError` naming the field:
`cycle` (voting not open), `voter` (not eligible, already voted), `major_district`, `plans`
(unknown plan, wrong district, too many, over budget).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from luotsi.accounts.models import User
from luotsi.areas.models import MajorDistrict
from luotsi.budgeting.identity import VoterIdentity, age_on, person_hash
from luotsi.budgeting.identity.hetu import hetu_birth_date
from luotsi.budgeting.models import (
    Ballot,
    BallotChannel,
    BallotChoice,
    BallotFormat,
    Cycle,
    CycleBudget,
    Plan,
    PlanStatus,
)
from luotsi.budgeting.services.cycles import cycle_freeze_rules
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record


@dataclass(frozen=True)
class BallotLimits:
    """What a ballot in one major district may hold: `max_choices` plans (DISTRICT_PICK) or
    plans within `district_budget` plus city-wide plans within `citywide_budget`."""

    ballot_format: str
    max_choices: int | None
    district_budget: int | None
    citywide_budget: int | None


def ballot_limits(cycle: Cycle, major_district: MajorDistrict) -> BallotLimits:
    if cycle.ballot_format == BallotFormat.DISTRICT_PICK:
        return BallotLimits(cycle.ballot_format, cycle.max_choices, None, None)
    amounts: dict[int | None, int] = dict(
        CycleBudget.objects.filter(cycle=cycle).values_list("major_district_id", "amount")
    )
    return BallotLimits(
        cycle.ballot_format, None, amounts.get(major_district.pk, 0), amounts.get(None, 0)
    )


def eligibility_problems(
    cycle: Cycle, identity: VoterIdentity, day: datetime.date | None = None
) -> list[str]:
    """Why the person may not vote in the cycle (empty: they may)."""
    problems = []
    if identity.age < cycle.min_age:
        problems.append(
            _("Voters must be at least %(age)s years old on the day they vote.")
            % {"age": cycle.min_age}
        )
    if cycle.residency_required and not identity.resident:
        problems.append(_("Only residents of the city may vote in this cycle."))
    return problems


def _voting_open(cycle: Cycle) -> None:
    if not cycle.voting_open_at():
        local = timezone.localtime
        raise ValidationError(
            {
                "cycle": _("Voting is not open: it is open from %(start)s to %(end)s.")
                % {
                    "start": formats.date_format(local(cycle.voting_starts_at), "DATETIME_FORMAT"),
                    "end": formats.date_format(local(cycle.voting_ends_at), "DATETIME_FORMAT"),
                }
            }
        )


def _euros(amount: int) -> str:
    return formats.number_format(amount, use_l10n=True, force_grouping=True) + " €"


def ballot_check(
    *, cycle: Cycle, major_district: MajorDistrict | None, plan_ids: Iterable[int]
) -> list[Plan]:
    """The plans of a valid ballot, or a ValidationError naming `major_district` / `plans`."""
    ids = set(plan_ids)
    errors: dict[str, list[str]] = {}
    if (
        major_district is None
        or major_district.city_id != cycle.city_id
        or not CycleBudget.objects.filter(cycle=cycle, major_district=major_district).exists()
    ):
        raise ValidationError({"major_district": _("Choose a major district of this cycle.")})
    if not ids:
        raise ValidationError({"plans": _("Choose at least one plan.")})
    plans = list(
        Plan.objects.filter(cycle=cycle, pk__in=ids, status=PlanStatus.APPROVED).order_by(
            "code", "pk"
        )
    )
    if len(plans) != len(ids):
        errors.setdefault("plans", []).append(
            _("A plan you chose is not on this cycle's ballot. Reload the page and choose again.")
        )
    citywide_allowed = cycle.ballot_format == BallotFormat.DISTRICT_BUDGET
    wrong = [
        plan
        for plan in plans
        if plan.major_district_id != major_district.pk
        and not (citywide_allowed and plan.major_district_id is None)
    ]
    if wrong:
        errors.setdefault("plans", []).append(
            _("These plans are not on the ballot of %(district)s: %(plans)s.")
            % {"district": major_district.name, "plans": ", ".join(str(p) for p in wrong)}
        )
    limits = ballot_limits(cycle, major_district)
    if limits.max_choices is not None and len(plans) > limits.max_choices:
        errors.setdefault("plans", []).append(
            ngettext(
                "You may choose at most %(max)s plan; you chose %(count)s.",
                "You may choose at most %(max)s plans; you chose %(count)s.",
                limits.max_choices,
            )
            % {"max": limits.max_choices, "count": len(plans)}
        )
    if limits.district_budget is not None:
        district_cost = sum(
            p.cost_estimate or 0 for p in plans if p.major_district_id == major_district.pk
        )
        if district_cost > limits.district_budget:
            errors.setdefault("plans", []).append(
                _(
                    "The plans you chose in %(district)s cost %(cost)s, more than its budget "
                    "of %(budget)s."
                )
                % {
                    "district": major_district.name,
                    "cost": _euros(district_cost),
                    "budget": _euros(limits.district_budget),
                }
            )
    if limits.citywide_budget is not None:
        citywide_cost = sum(p.cost_estimate or 0 for p in plans if p.major_district_id is None)
        if citywide_cost > limits.citywide_budget:
            errors.setdefault("plans", []).append(
                _(
                    "The city-wide plans you chose cost %(cost)s, more than the city-wide "
                    "budget of %(budget)s."
                )
                % {"cost": _euros(citywide_cost), "budget": _euros(limits.citywide_budget)}
            )
    if errors:
        raise ValidationError(errors)
    return plans


def _already_voted(ballot: Ballot) -> ValidationError:
    when = formats.date_format(timezone.localtime(ballot.submitted_at), "DATETIME_FORMAT")
    if ballot.channel == BallotChannel.PAPER:
        message = _("This person has already voted on paper at %(place)s on %(time)s.") % {
            "place": ballot.polling_place or _("a polling point"),
            "time": when,
        }
    else:
        message = _("This person has already voted online on %(time)s.") % {"time": when}
    return ValidationError({"voter": message}, code="already_voted")


def _write_choices(ballot: Ballot, plans: list[Plan]) -> None:
    BallotChoice.objects.filter(ballot=ballot).delete()
    BallotChoice.objects.bulk_create(BallotChoice(ballot=ballot, plan=plan) for plan in plans)


def ballot_cast(
    *,
    cycle: Cycle,
    identity: VoterIdentity,
    major_district: MajorDistrict | None,
    plan_ids: Iterable[int],
    channel: str = BallotChannel.ONLINE,
    by: User | None = None,
    polling_place: str = "",
) -> Ballot:
    """Cast the person's ballot, or change it (online: the same row, `revision` + 1, its
    choices replaced). A paper ballot (`channel=PAPER`, `by` the officer) for a person who
    already voted in any channel is refused, as is an online ballot of a person who voted on
    paper (officers correct paper ballots with `paper_ballot_correct`)."""
    _voting_open(cycle)
    problems = eligibility_problems(cycle, identity)
    if problems:
        raise ValidationError({"voter": problems})
    plans = ballot_check(cycle=cycle, major_district=major_district, plan_ids=plan_ids)
    key = identity.key_for(cycle.pk)
    paper = channel == BallotChannel.PAPER
    with transaction.atomic():
        ballot = Ballot.objects.select_for_update().filter(cycle=cycle, voter_key=key).first()
        created = False
        if ballot is None:
            try:
                with transaction.atomic():
                    ballot = Ballot.objects.create(
                        cycle=cycle,
                        voter_key=key,
                        major_district=major_district,
                        channel=channel,
                        entered_by=by if paper else None,
                        polling_place=polling_place if paper else "",
                    )
                    created = True
            except IntegrityError:
                # A simultaneous submission of the same person won the insert (and has
                # committed: the unique index made this one wait for it).
                ballot = Ballot.objects.select_for_update().get(cycle=cycle, voter_key=key)
        if not created:
            if paper or ballot.channel == BallotChannel.PAPER:
                if ballot.channel == BallotChannel.PAPER and not paper:
                    when = formats.date_format(
                        timezone.localtime(ballot.submitted_at), "DATETIME_FORMAT"
                    )
                    raise ValidationError(
                        {
                            "voter": _(
                                "You have already voted on paper at a polling point on "
                                "%(time)s. A paper ballot cannot be changed online."
                            )
                            % {"time": when}
                        },
                        code="already_voted",
                    )
                raise _already_voted(ballot)
            ballot.major_district = major_district
            ballot.revision += 1
            ballot.save(update_fields=["major_district", "revision", "updated_at"])
        _write_choices(ballot, plans)
        cycle_freeze_rules(cycle=cycle)
        if paper:
            audit_record(
                actor=by,
                action=AuditAction.CREATE,
                obj=ballot,
                summary=f"Paper ballot entered at {polling_place}"[:200],
            )
    return ballot


def paper_identity(*, identity_code: str, resident: bool) -> VoterIdentity:
    """The identity of a person at a polling point, from the code on their ID (age from the
    birth date in it; residency as the officer saw it). Raises ValidationError naming
    `identity_code`, without repeating the code."""
    try:
        born = hetu_birth_date(identity_code)
    except ValidationError as exc:
        raise ValidationError({"identity_code": exc.messages}) from None
    now = timezone.now()
    return VoterIdentity(
        person=person_hash(identity_code),
        age=age_on(born, timezone.localdate(now)),
        resident=resident,
        verified_at=now,
        method="paper",
    )


def paper_ballot_enter(
    *,
    cycle: Cycle,
    identity_code: str,
    resident: bool,
    major_district: MajorDistrict | None,
    plan_ids: Iterable[int],
    polling_place: str,
    by: User,
) -> Ballot:
    """An officer enters a paper (in-person) ballot. Precondition: `by` may enter ballots for
    `major_district` (views check it with `may_enter_paper_ballots`)."""
    if not polling_place.strip():
        raise ValidationError({"polling_place": _("Name the polling point.")})
    identity = paper_identity(identity_code=identity_code, resident=resident)
    return ballot_cast(
        cycle=cycle,
        identity=identity,
        major_district=major_district,
        plan_ids=plan_ids,
        channel=BallotChannel.PAPER,
        by=by,
        polling_place=polling_place.strip(),
    )


def paper_ballot_correct(
    *,
    ballot: Ballot,
    major_district: MajorDistrict | None,
    plan_ids: Iterable[int],
    polling_place: str,
    by: User,
) -> Ballot:
    """Correct a paper ballot (a typing mistake) while voting is open. Precondition: `by`
    entered it, or is the coordinator (`access_paper_ballot`)."""
    cycle = ballot.cycle
    _voting_open(cycle)
    if not polling_place.strip():
        raise ValidationError({"polling_place": _("Name the polling point.")})
    plans = ballot_check(cycle=cycle, major_district=major_district, plan_ids=plan_ids)
    with transaction.atomic():
        locked = Ballot.objects.select_for_update().get(pk=ballot.pk)
        if locked.channel != BallotChannel.PAPER:
            raise ValidationError({"voter": _("Only paper ballots can be corrected.")})
        locked.major_district = major_district
        locked.polling_place = polling_place.strip()
        locked.revision += 1
        locked.save(update_fields=["major_district", "polling_place", "revision", "updated_at"])
        _write_choices(locked, plans)
        audit_record(
            actor=by,
            action=AuditAction.CHANGE,
            obj=locked,
            summary=f"Paper ballot corrected (revision {locked.revision})",
        )
    return locked
