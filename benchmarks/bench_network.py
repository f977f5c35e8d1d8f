"""Network search and contact page at city scale: 50,000 contacts, 1,000,000 interactions.

Latency through Django's test client (full middleware, templates, permission filtering) for
an officer of the Southern major district; median and p95 over repeated requests. The
baseline line is the 404 page on the same client, so the ratio shows the work the pages add.
Set BENCH_NETWORK_SCALE=0.1 for a quick run.
"""

import datetime
import gc
import os
import random
import statistics
import time

from django.db import connection, transaction
from django.test import Client

from luotsi.areas.models import District
from luotsi.network.models import Contact, Interaction, Organisation
from luotsi.testing.personas import create_personas

SCALE = float(os.environ.get("BENCH_NETWORK_SCALE", "1"))
CONTACTS = int(50_000 * SCALE)
INTERACTIONS = int(1_000_000 * SCALE)
BATCH = 5_000


def _fill(officer_pk: int, others_pk: int) -> tuple[list[int], int]:
    """Records of the Southern districts belong to the measured officer; the rest to another
    account (standing in for the other officers), as in a real installation."""
    rng = random.Random(1)  # noqa: S311 - benchmark data
    districts = list(District.objects.values_list("pk", flat=True))
    south = set(District.objects.filter(major_district__number=1).values_list("pk", flat=True))

    def owner(district_pk: int) -> int:
        return officer_pk if district_pk in south else others_pk

    today = datetime.date(2026, 11, 1)
    with transaction.atomic():
        organisations = Organisation.objects.bulk_create(
            Organisation(
                name=f"Yhdistys {i}",
                name_fi=f"Yhdistys {i}",
                kind="association",
                district_id=(d := rng.choice(districts)),
                created_by_id=owner(d),
            )
            for i in range(2_000)
        )
        contact_pks: list[int] = []
        for start in range(0, CONTACTS, BATCH):
            made = Contact.objects.bulk_create(
                Contact(
                    full_name=f"Henkilö {i} Virtanen",
                    email=f"h{i}@example.org",
                    district_id=(d := rng.choice(districts)),
                    created_by_id=owner(d),
                    lawful_basis="consent",
                    consent_purpose="benchmark",
                    consent_source="form",
                    consent_date=today,
                )
                for i in range(start, min(start + BATCH, CONTACTS))
            )
            contact_pks += [c.pk for c in made]
    through = Interaction.contacts.through
    for start in range(0, INTERACTIONS, BATCH):
        with transaction.atomic():
            created = Interaction.objects.bulk_create(
                Interaction(
                    occurred_on=today - datetime.timedelta(days=rng.randint(0, 730)),
                    channel="meeting",
                    summary="Keskustelu puistosta",
                    district_id=(d := rng.choice(districts)),
                    officer_id=owner(d),
                )
                for _ in range(start, min(start + BATCH, INTERACTIONS))
            )
            through.objects.bulk_create(
                through(interaction_id=i.pk, contact_id=rng.choice(contact_pks)) for i in created
            )
    return contact_pks, len(organisations)


def _latencies(client: Client, url: str, repeat: int = 100) -> tuple[float, float]:
    client.get(url)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code not in (200, 404):
            raise RuntimeError(f"{url} answered {response.status_code}")
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def run() -> list[str]:
    personas = create_personas()
    officer = personas.officer_south
    started = time.perf_counter()
    contact_pks, _orgs = _fill(officer.pk, personas.coordinator.pk)
    fill = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, as after a nightly vacuum
    # Filling left millions of dead Python objects that a web process would never hold;
    # collect them so the garbage collector's pauses do not masquerade as page latency.
    gc.collect()
    gc.freeze()
    south = set(
        Contact.objects.filter(district__major_district__number=1).values_list("pk", flat=True)
    )
    busy = next(pk for pk in contact_pks if pk in south)
    client = Client()
    client.force_login(officer)
    lines = [
        f"{connection.vendor}: {CONTACTS:,} contacts, {INTERACTIONS:,} interactions "
        f"(filled in {fill:.0f} s)"
    ]
    base_median, base_p95 = _latencies(client, "/no-such-page/")
    lines.append(f"baseline 404 page: median {base_median:.1f} ms, p95 {base_p95:.1f} ms")
    for label, url in [
        ("search 'Virtanen'", "/network/search/?q=Virtanen"),
        ("search with a typo 'Henkiö 123'", "/network/search/?q=Henki%C3%B6+123"),
        ("contact page", f"/network/contacts/{busy}/"),
        ("contact list", "/network/contacts/"),
    ]:
        median, p95 = _latencies(client, url)
        verdict = "ok" if p95 < 100 else "OVER the 100 ms target"
        lines.append(
            f"{label}: median {median:.1f} ms, p95 {p95:.1f} ms "
            f"({median / base_median:.1f}x baseline) {verdict}"
        )
    return lines
