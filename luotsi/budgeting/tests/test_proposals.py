import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image

from luotsi.budgeting.models import Phase, Proposal, ProposalStatus
from luotsi.budgeting.services import proposals as services
from luotsi.network.models import Topic
from luotsi.privacy.models import AuditEvent
from luotsi.testing import budgeting as pb
from luotsi.testing.concerns import EAST, SOUTH

pytestmark = pytest.mark.django_db


def client_for(user=None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), "green")
    exif = Image.Exif()
    exif[0x010F] = "CanaryCam"  # Make
    exif[0x8825] = {2: (60.0, 10.0, 0.0)}  # GPS info
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def submit(personas, cycle, **fields):
    values = {
        "cycle": cycle,
        "by": personas.resident,
        "title": "Penkkejä",
        "description": "Lisää penkkejä puistoon.",
        "language": "fi",
    }
    values.update(fields)
    return services.proposal_submit(**values)


def new_url(cycle) -> str:
    return reverse("budgeting:proposal-new", args=[cycle.slug])


def detail_url(proposal) -> str:
    return reverse("budgeting:proposal", args=[proposal.cycle.slug, proposal.pk])


def moderate_url(proposal) -> str:
    return reverse("budgeting:proposal-moderate", args=[proposal.cycle.slug, proposal.pk])


# --- submitting -----------------------------------------------------------------------------


def test_a_resident_proposes_at_a_point_and_it_is_located_to_its_districts(personas):
    cycle = pb.cycle(personas)
    topic = Topic.objects.create(name="Puistot", slug="parks")
    response = client_for(personas.resident).post(
        new_url(cycle),
        {
            "title": "Benches in the park",
            "description": "More benches, please.",
            "language": "EN",
            "lat": SOUTH[0],
            "lon": SOUTH[1],
            "topics": [topic.pk],
            "author_display_name": "Riku",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(proposal)
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.district is not None and proposal.district.code == "101"
    assert proposal.major_district == pb.major(1)
    assert proposal.language == "en"
    assert proposal.author == personas.resident
    assert list(proposal.topics.all()) == [topic]
    assert AuditEvent.objects.filter(object_id=str(proposal.pk), action="create").exists()


def test_a_proposal_names_a_major_district_or_the_whole_city_or_is_refused(personas):
    cycle = pb.cycle(personas)
    east = submit(personas, cycle, major_district=pb.major(7))
    assert (east.major_district, east.district) == (pb.major(7), None)
    citywide = submit(personas, cycle, citywide=True)
    assert citywide.major_district is None
    with translation.override("en"), pytest.raises(ValidationError) as error:
        submit(personas, cycle)
    assert error.value.message_dict["area"] == [
        "Give a place, or choose a major district or the whole city."
    ]
    page = client_for(personas.resident).post(
        new_url(cycle), {"title": "T", "description": "D", "language": "fi"}
    )
    assert page.status_code == 400
    assert "choose a major district or the whole city" in page.content.decode()


def test_the_form_takes_a_major_district_or_city_wide(personas):
    cycle = pb.cycle(personas)
    client = client_for(personas.resident)
    base = {"title": "T", "description": "D", "language": "fi"}
    assert client.post(new_url(cycle), {**base, "area": "7"}).status_code == 302
    assert client.post(new_url(cycle), {**base, "area": "city"}).status_code == 302
    majors = list(Proposal.objects.order_by("pk").values_list("major_district__number", flat=True))
    assert majors == [7, None]


def test_a_point_outside_the_city_and_half_a_point_are_refused(personas):
    cycle = pb.cycle(personas)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        submit(personas, cycle, lat=61.5, lon=23.8)  # Tampere
    assert "outside the city" in error.value.message_dict["lat"][0]
    with pytest.raises(ValidationError) as error:
        submit(personas, cycle, lat=60.17, lon=None)
    assert "lat" in error.value.message_dict
    page = client_for(personas.resident).post(
        new_url(cycle), {"title": "T", "description": "D", "language": "fi", "lat": "60.17"}
    )
    assert page.status_code == 400
    assert "Give both the latitude and the longitude." in page.content.decode()
    assert not Proposal.objects.exists()


def test_the_language_must_be_a_language_code(personas):
    cycle = pb.cycle(personas)
    assert submit(personas, cycle, language=" so ", citywide=True).language == "so"
    for bad in ("finnish", "f", "fi,sv", "12", ""):
        with pytest.raises(ValidationError) as error:
            submit(personas, cycle, language=bad, citywide=True)
        assert "language" in error.value.message_dict, bad
    page = client_for(personas.resident).post(
        new_url(cycle), {"title": "T", "description": "D", "language": "Finnish", "area": "city"}
    )
    assert page.status_code == 400
    assert "Give the language as a code" in page.content.decode()


def test_title_and_description_are_required(personas):
    cycle = pb.cycle(personas)
    with pytest.raises(ValidationError) as error:
        submit(personas, cycle, title="  ", description="", citywide=True)
    assert set(error.value.message_dict) == {"title", "description"}


def test_an_image_is_re_encoded_without_its_metadata(personas):
    cycle = pb.cycle(personas)
    original = jpeg_with_gps()
    assert b"CanaryCam" in original
    response = client_for(personas.resident).post(
        new_url(cycle),
        {
            "title": "T",
            "description": "D",
            "language": "fi",
            "area": "1",
            "image": SimpleUploadedFile("IMG_Riku_Resident.jpg", original, "image/jpeg"),
            "image_alt": "A green lawn",
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert "Riku" not in proposal.image.name  # the resident's file name is not kept
    stored = proposal.image.open("rb").read()
    assert b"CanaryCam" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and not image.getexif()
        assert image.size == (64, 48)
    assert proposal.image_alt == "A green lawn"


def test_an_image_needs_a_description_and_must_be_an_image(personas):
    cycle = pb.cycle(personas)
    client = client_for(personas.resident)
    base = {"title": "T", "description": "D", "language": "fi", "area": "1"}
    page = client.post(
        new_url(cycle), {**base, "image": SimpleUploadedFile("a.jpg", jpeg_with_gps())}
    )
    assert page.status_code == 400
    assert "Describe what the image shows" in page.content.decode()
    with pytest.raises(ValidationError) as error:
        submit(
            personas,
            cycle,
            citywide=True,
            image=SimpleUploadedFile("a.jpg", jpeg_with_gps(), "image/jpeg"),
        )
    assert "image_alt" in error.value.message_dict
    page = client.post(
        new_url(cycle),
        {
            **base,
            "image": SimpleUploadedFile("notes.jpg", b"just text", "image/jpeg"),
            "image_alt": "x",
        },
    )
    assert page.status_code == 400
    assert "is not a photo Luotsi accepts" in page.content.decode()
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("phase", [Phase.UPCOMING, Phase.COCREATION, Phase.VOTING])
def test_outside_the_proposals_phase_the_form_is_not_shown_and_posts_are_refused(personas, phase):
    cycle = pb.cycle(personas, phase=phase)
    client = client_for(personas.resident)
    page = client.get(new_url(cycle))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Proposals cannot be made now" in text
    assert 'name="title"' not in text
    posted = client.post(
        new_url(cycle), {"title": "T", "description": "D", "language": "fi", "area": "city"}
    )
    assert posted.status_code == 400
    assert "Proposals cannot be made now" in posted.content.decode()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        submit(personas, cycle, citywide=True)
    assert "Proposals can be made from" in error.value.messages[0]
    assert not Proposal.objects.exists()


def test_signing_in_is_needed_to_propose(personas):
    cycle = pb.cycle(personas)
    response = client_for().get(new_url(cycle))
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


def test_an_unpublished_cycle_takes_no_proposals_from_residents(personas):
    cycle = pb.cycle(personas, published=False)
    assert client_for(personas.resident).get(new_url(cycle)).status_code == 404


# --- who sees what --------------------------------------------------------------------------


def test_authors_see_their_own_unpublished_proposals_others_do_not(personas):
    cycle = pb.cycle(personas)
    mine = submit(personas, cycle, title="Oma ehdotus", citywide=True)
    other = pb.proposal(personas, cycle, status=ProposalStatus.SUBMITTED, author=personas.official)
    resident = client_for(personas.resident)
    listing = resident.get(reverse("budgeting:my-proposals", args=[cycle.slug]))
    assert "Oma ehdotus" in listing.content.decode()
    assert "Waiting for moderation" in listing.content.decode()
    assert resident.get(detail_url(mine)).status_code == 200
    assert resident.get(detail_url(other)).status_code == 404
    assert client_for().get(detail_url(mine)).status_code == 404
    public = client_for().get(reverse("budgeting:proposals", args=[cycle.slug]))
    assert "Oma ehdotus" not in public.content.decode()


def test_the_public_list_filters_by_major_district_and_topic(personas):
    cycle = pb.cycle(personas)
    parks = Topic.objects.create(name="Puistot", slug="parks")
    south = pb.proposal(personas, cycle, title="Etelän puisto")
    south.topics.add(parks)
    pb.proposal(personas, cycle, title="Idän kirjasto", major_district=pb.major(7))
    pb.proposal(personas, cycle, title="Koko kaupunki", major_district=None)
    pb.proposal(personas, cycle, title="Piilossa", status=ProposalStatus.SUBMITTED)
    url = reverse("budgeting:proposals", args=[cycle.slug])
    client = client_for()

    def titles(query: str) -> set[str]:
        text = client.get(url + query).content.decode()
        return {
            t for t in ("Etelän puisto", "Idän kirjasto", "Koko kaupunki", "Piilossa") if t in text
        }

    assert titles("") == {"Etelän puisto", "Idän kirjasto", "Koko kaupunki"}
    assert titles("?area=7") == {"Idän kirjasto"}
    assert titles("?area=city") == {"Koko kaupunki"}
    assert titles("?topic=parks") == {"Etelän puisto"}
    assert client.get(url + "?topic=nonsense").status_code == 400


# --- moderation -----------------------------------------------------------------------------


def test_an_officer_publishes_a_proposal_of_their_district(personas):
    cycle = pb.cycle(personas)
    proposal = pb.proposal(personas, cycle, status=ProposalStatus.SUBMITTED)
    assert client_for().get(detail_url(proposal)).status_code == 404
    response = client_for(personas.officer_south).post(
        moderate_url(proposal), {"action": "publish"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PUBLISHED
    assert proposal.moderated_by == personas.officer_south
    assert client_for().get(detail_url(proposal)).status_code == 200


def test_rejecting_needs_a_reason_which_the_author_reads(personas):
    cycle = pb.cycle(personas)
    proposal = pb.proposal(personas, cycle, status=ProposalStatus.SUBMITTED)
    officer = client_for(personas.officer_south)
    refused = officer.post(moderate_url(proposal), {"action": "reject", "reason": "  "})
    assert refused.status_code == 400
    assert "Say why the proposal is not published." in refused.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.proposal_reject(proposal=proposal, by=personas.officer_south, reason="")
    assert error.value.message_dict == {"reason": ["Say why the proposal is not published."]}
    done = officer.post(
        moderate_url(proposal), {"action": "reject", "reason": "Asia kuuluu valtiolle."}
    )
    assert done.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.moderation_reason) == (
        ProposalStatus.REJECTED,
        "Asia kuuluu valtiolle.",
    )
    page = client_for(personas.resident).get(detail_url(proposal)).content.decode()
    assert "Why the proposal is not published" in page
    assert "Asia kuuluu valtiolle." in page
    mine = client_for(personas.resident).get(reverse("budgeting:my-proposals", args=[cycle.slug]))
    assert "Asia kuuluu valtiolle." in mine.content.decode()


def test_officer_east_gets_404_for_a_southern_unpublished_proposal(personas):
    cycle = pb.cycle(personas)
    proposal = pb.proposal(personas, cycle, status=ProposalStatus.SUBMITTED)
    east = client_for(personas.officer_east)
    assert east.get(detail_url(proposal)).status_code == 404
    assert east.post(moderate_url(proposal), {"action": "publish"}).status_code == 404
    with pytest.raises(ValidationError):
        services.proposal_publish(proposal=proposal, by=personas.officer_east)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    # The southern officer, and the coordinator, see it.
    assert client_for(personas.officer_south).get(detail_url(proposal)).status_code == 200
    assert client_for(personas.coordinator).get(detail_url(proposal)).status_code == 200
    # Officials and business officers do not moderate.
    assert client_for(personas.official).post(moderate_url(proposal), {}).status_code == 404
    assert client_for(personas.business_officer).post(moderate_url(proposal), {}).status_code == 403


def test_any_district_officer_moderates_city_wide_proposals(personas):
    cycle = pb.cycle(personas)
    proposal = pb.proposal(personas, cycle, status=ProposalStatus.SUBMITTED, major_district=None)
    response = client_for(personas.officer_east).post(moderate_url(proposal), {"action": "publish"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PUBLISHED


def test_a_located_eastern_proposal_is_the_eastern_officers(personas):
    cycle = pb.cycle(personas)
    proposal = submit(personas, cycle, lat=EAST[0], lon=EAST[1])
    assert proposal.major_district == pb.major(7)
    assert client_for(personas.officer_south).get(detail_url(proposal)).status_code == 404
    assert client_for(personas.officer_east).get(detail_url(proposal)).status_code == 200


def test_a_merged_proposal_cannot_be_moderated_again(personas):
    cycle = pb.cycle(personas)
    plan = pb.plan(personas, cycle, status="draft", cost_estimate=None, code="")
    proposal = pb.proposal(personas, cycle, status=ProposalStatus.MERGED, plan=plan)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.proposal_reject(proposal=proposal, by=personas.officer_south, reason="x")
    assert "merged into a plan" in error.value.messages[0]
    with pytest.raises(ValidationError):
        services.proposal_publish(proposal=proposal, by=personas.officer_south)
    page = client_for(personas.officer_south).post(moderate_url(proposal), {"action": "publish"})
    assert page.status_code == 400
