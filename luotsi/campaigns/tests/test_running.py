"""Running a campaign: the area picks its targets from real Helsinki addresses, contacts are
logged in the network, contact history survives changes of the area, and officers see only
the campaigns they may run."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from luotsi.areas.addresses import address_index_for
from luotsi.areas.citydata import data_dir
from luotsi.areas.finding import find_by_address
from luotsi.areas.models import District
from luotsi.campaigns import area, selectors, services
from luotsi.campaigns.models import AreaKind, Campaign, CampaignStatus, Target, TargetStatus
from luotsi.network.models import Channel, Interaction, OrganisationKind
from luotsi.privacy.models import AuditEvent
from luotsi.testing import campaigns as cp

pytestmark = pytest.mark.django_db

ON_BULEVARDI = ("Bulevardi 5", "Bulevardi 14", "Bulevardi 28")


@pytest.fixture
def shops(personas):
    """Businesses on Bulevardi, one on a side street 37 m from it (Annankatu 13) and one
    further away (Annankatu 3), plus an association and a closed shop on Bulevardi."""
    for address, street in [
        *((a, "Bulevardi") for a in ON_BULEVARDI),
        ("Annankatu 13", "Annankatu"),
        ("Annankatu 3", "Annankatu"),
    ]:
        found = find_by_address(address)
        assert found.address is not None and found.address.street_fi == street
    made = {address: cp.business(personas, f"Shop {address}", address) for address in ON_BULEVARDI}
    made["Annankatu 13"] = cp.business(personas, "Corner café", "Annankatu 13")
    made["Annankatu 3"] = cp.business(personas, "Far bakery", "Annankatu 3")
    made["association"] = cp.organisation_at(
        personas, "Bulevardi society", "Bulevardi 7", kind=OrganisationKind.ASSOCIATION
    )
    made["closed"] = cp.business(personas, "Closed shop", "Bulevardi 9", is_active=False)
    return made


def targeted(campaign: Campaign) -> set[str]:
    return set(campaign.targets.values_list("organisation__street_address", flat=True))


def save(personas, by=None, **fields) -> Campaign:
    return services.campaign_save(campaign=cp.unsaved(**fields), by=by or personas.business_officer)


def test_the_address_index_gives_a_streets_points_in_either_language():
    index = address_index_for(data_dir("helsinki"))
    finnish = index.street_points("Bulevardi")
    assert finnish and {p.street_fi for p in finnish} == {"Bulevardi"}
    assert index.street_points("bulevarden") == finnish
    assert index.street_points("BULEVARDI ") == finnish
    numbers = [area.house_number(p.house_number) for p in finnish]
    assert numbers == sorted(n for n in numbers if n is not None)
    assert index.street_points("Bulevardinkatu") == []  # no typo correction for areas


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("Bulevardi 12 A", [("bulevardi", 12), ("bulevardi12a", None)]),
        ("Bulevardi 12-14, 00120 Helsinki", [("bulevardi", 12), ("bulevardi1214", None)]),
        ("", []),
    ],
)
def test_addresses_split_into_street_and_leading_house_number(address, expected):
    assert area.split_address(address) == expected


def test_a_street_campaign_targets_exactly_the_organisations_on_it(personas, shops):
    campaign = save(personas)
    assert targeted(campaign) == set(ON_BULEVARDI)
    assert sorted(campaign.targets.values_list("house_number", flat=True)) == [5, 14, 28]  # type: ignore[type-var]
    assert all(t.token and len(t.token) >= 40 for t in campaign.targets.all())
    assert not campaign.targets.filter(added_by_hand=True).exists()
    # The districts are those of the shops and of the street's addresses.
    districts = set(campaign.districts.values_list("code", flat=True))
    assert {shops[a].district.code for a in ON_BULEVARDI} <= districts
    assert districts <= {"101", "102", "103"}
    assert list(campaign.officers.all()) == [personas.business_officer]
    assert AuditEvent.objects.filter(
        object_type="campaigns.campaign", object_id=str(campaign.pk), action="create"
    ).exists()


@pytest.mark.parametrize("street", ["Bulevarden", "BULEVARDEN", "bulevardi"])
def test_the_street_in_swedish_or_any_case_gives_the_same_targets(personas, shops, street):
    assert targeted(save(personas, street=street)) == set(ON_BULEVARDI)


def test_an_organisation_recorded_under_the_swedish_street_name_is_on_the_street(personas, shops):
    swedish = cp.business(personas, "Butik", "Bulevardi 16")
    swedish.street_address = "Bulevarden 16 B, 00120 Helsingfors"
    swedish.save()
    assert "Bulevarden 16 B, 00120 Helsingfors" in targeted(save(personas))


def test_a_number_range_picks_only_the_houses_in_it(personas, shops):
    assert targeted(save(personas, number_from=10, number_to=20)) == {"Bulevardi 14"}


def test_a_buffer_picks_the_near_organisation_on_a_side_street(personas, shops):
    campaign = save(personas, area_kind=AreaKind.BUFFER, buffer_metres=60)
    assert targeted(campaign) == {*ON_BULEVARDI, "Annankatu 13"}
    wider = save(personas, area_kind=AreaKind.BUFFER, buffer_metres=400)
    assert "Annankatu 3" in targeted(wider)


def test_a_polygon_picks_the_organisations_inside_it(personas, shops):
    shop = shops["Bulevardi 5"]
    polygon = cp.square_around(shop.latitude, shop.longitude, metres=40)
    campaign = save(personas, area_kind=AreaKind.POLYGON, polygon=polygon, street="ignored")
    assert targeted(campaign) == {"Bulevardi 5"}
    assert campaign.street == ""  # the unused fields of other kinds of area are cleared


@pytest.mark.parametrize(
    "polygon",
    [
        # A bow tie crosses itself.
        {
            "type": "Polygon",
            "coordinates": [
                [[24.93, 60.16], [24.94, 60.17], [24.94, 60.16], [24.93, 60.17], [24.93, 60.16]]
            ],
        },
        {"type": "Polygon", "coordinates": []},
        {"type": "Point", "coordinates": [24.93, 60.16]},
        {"type": "Polygon", "coordinates": [[[24.93, 60.16], [24.94]]]},
    ],
)
def test_an_invalid_or_empty_polygon_is_refused_on_its_field(personas, shops, polygon):
    with pytest.raises(ValidationError) as error:
        save(personas, area_kind=AreaKind.POLYGON, polygon=polygon)
    assert list(error.value.message_dict) == ["polygon"]


def test_an_unknown_street_is_named_in_the_error(personas, shops):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        save(personas, street="Olematonkatu")
    (message,) = error.value.message_dict["street"]
    assert "no street called “Olematonkatu”" in message


def test_an_area_without_organisations_of_the_types_is_refused(personas, shops):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        save(personas, target_kinds=OrganisationKind.HOUSING_COMPANY)
    assert error.value.message_dict == {"street": ["No organisations of these types in the area."]}
    with translation.override("en"), pytest.raises(ValidationError) as error:
        save(personas, area_kind=AreaKind.BUFFER, street="Bulevardi", buffer_metres=None)
    assert "buffer_metres" in error.value.message_dict
    assert not Campaign.objects.exists()


def test_dates_must_be_in_order(personas, shops):
    today = timezone.localdate()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        save(
            personas,
            information_starts_on=today + datetime.timedelta(days=30),
            works_start_on=today + datetime.timedelta(days=40),
            works_end_on=today + datetime.timedelta(days=39),
        )
    assert set(error.value.message_dict) == {"feedback_deadline", "works_end_on"}


def test_the_form_language_follows_the_organisation(personas, shops):
    shops["Bulevardi 5"].languages = "sv,fi"
    shops["Bulevardi 5"].save()
    shops["Bulevardi 14"].languages = "so,en"
    shops["Bulevardi 14"].save()
    shops["Bulevardi 28"].preferred_language = "en"
    shops["Bulevardi 28"].languages = "sv"
    shops["Bulevardi 28"].save()
    campaign = save(personas)
    languages = dict(campaign.targets.values_list("organisation__street_address", "language"))
    assert languages == {"Bulevardi 5": "sv", "Bulevardi 14": "fi", "Bulevardi 28": "en"}


def test_contacting_a_target_logs_an_interaction_with_the_organisation(personas, shops):
    campaign = save(personas)
    target = campaign.targets.get(organisation=shops["Bulevardi 14"])
    with translation.override("en"):
        recorded = services.target_contact(
            target=target,
            by=personas.business_officer,
            status=TargetStatus.INFORMED,
            channel=Channel.VISIT,
            contacted_on=timezone.localdate(),
            note="Left the leaflet at the counter.",
        )
    target.refresh_from_db()
    assert (target.status, target.channel, target.contacted_by) == (
        TargetStatus.INFORMED,
        Channel.VISIT,
        personas.business_officer,
    )
    interaction = recorded.interaction
    assert interaction is not None and recorded.not_logged_reason == ""
    assert list(interaction.organisations.all()) == [shops["Bulevardi 14"]]
    assert interaction.district_id == shops["Bulevardi 14"].district_id
    assert interaction.channel == Channel.VISIT
    assert interaction.summary == (
        "Bulevardin peruskorjaus: Informed. Left the leaflet at the counter."
    )


def test_a_contact_without_a_district_is_recorded_but_not_logged_and_says_why(personas, shops):
    campaign = save(personas)
    shop = shops["Bulevardi 5"]
    shop.district = shop.sub_district = None
    shop.latitude = shop.longitude = None
    shop.save()
    target = campaign.targets.get(organisation=shop)
    with translation.override("en"):
        recorded = services.target_contact(
            target=target,
            by=personas.business_officer,
            status=TargetStatus.UNREACHABLE,
            channel=Channel.CALL,
            contacted_on=timezone.localdate(),
        )
    assert recorded.interaction is None
    assert "has no district" in recorded.not_logged_reason
    assert not Interaction.objects.exists()


def test_a_contact_cannot_be_in_the_future_or_without_an_outcome(personas, shops):
    target = save(personas).targets.first()
    assert target is not None
    with pytest.raises(ValidationError) as error:
        services.target_contact(
            target=target,
            by=personas.business_officer,
            status=TargetStatus.NOT_CONTACTED,
            channel=Channel.VISIT,
            contacted_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert set(error.value.message_dict) == {"status", "contacted_on"}
    assert not Interaction.objects.exists()


def test_a_contacted_target_cannot_be_removed_but_a_new_one_can(personas, shops):
    campaign = save(personas)
    contacted, untouched = campaign.targets.order_by("house_number")[:2]
    services.target_contact(
        target=contacted,
        by=personas.business_officer,
        status=TargetStatus.DECLINED,
        channel=Channel.VISIT,
        contacted_on=timezone.localdate(),
    )
    with pytest.raises(ValidationError):
        services.target_remove(target=contacted, by=personas.business_officer)
    services.target_remove(target=untouched, by=personas.business_officer)
    assert not Target.objects.filter(pk=untouched.pk).exists()
    assert Target.objects.filter(pk=contacted.pk, status=TargetStatus.DECLINED).exists()
    assert campaign.targets.count() == 2

    client = Client()
    client.force_login(personas.business_officer)
    response = client.post(reverse("campaigns:target-remove", args=[contacted.pk]))
    assert response.status_code == 302
    assert Target.objects.filter(pk=contacted.pk).exists()


def test_resaving_keeps_contact_history_and_hand_added_targets(personas, shops):
    campaign = save(personas)
    contacted = campaign.targets.get(organisation=shops["Bulevardi 28"])
    services.target_contact(
        target=contacted,
        by=personas.business_officer,
        status=TargetStatus.INFORMED,
        channel=Channel.EMAIL,
        contacted_on=timezone.localdate(),
    )
    by_hand = services.target_add(
        campaign=campaign, by=personas.business_officer, organisation=shops["Annankatu 3"]
    )
    assert by_hand.added_by_hand

    campaign.number_from, campaign.number_to = 10, 20
    services.campaign_save(campaign=campaign, by=personas.business_officer)

    # 5 was never contacted and is outside 10–20: dropped. 28 is outside too, but contacted.
    assert targeted(campaign) == {"Bulevardi 14", "Bulevardi 28", "Annankatu 3"}
    contacted.refresh_from_db()
    assert contacted.status == TargetStatus.INFORMED and contacted.channel == Channel.EMAIL

    campaign.number_from = campaign.number_to = None
    services.campaign_save(campaign=campaign, by=personas.business_officer)
    assert targeted(campaign) == {*ON_BULEVARDI, "Annankatu 3"}
    assert campaign.targets.count() == 4  # nobody twice


def test_a_target_added_twice_is_refused_clearly(personas, shops):
    campaign = save(personas)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.target_add(
            campaign=campaign, by=personas.business_officer, organisation=shops["Bulevardi 5"]
        )
    assert error.value.message_dict == {
        "organisation": ["Shop Bulevardi 5 is already a target of this campaign."]
    }
    with pytest.raises(ValidationError):
        services.target_add(
            campaign=campaign, by=personas.business_officer, organisation=shops["association"]
        )


def test_district_officers_do_not_run_business_campaigns_or_other_districts(personas, shops):
    with pytest.raises(PermissionDenied):
        save(personas, by=personas.officer_south)
    for address in ("Bulevardi 5", "Bulevardi 14"):
        cp.organisation_at(
            personas, f"Housing {address}", address, kind=OrganisationKind.HOUSING_COMPANY
        )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        save(personas, by=personas.officer_east, target_kinds=OrganisationKind.HOUSING_COMPANY)
    assert "districts where you do not record work" in error.value.message_dict["street"][0]
    south = save(personas, by=personas.officer_south, target_kinds=OrganisationKind.HOUSING_COMPANY)
    assert south.targets.count() == 2


def test_officer_east_cannot_see_a_district_campaign_in_vironniemi(personas):
    campaign = cp.campaign(
        personas,
        target_kinds=OrganisationKind.HOUSING_COMPANY,
        created_by=personas.officer_south,
    )
    campaign.districts.set([District.objects.get(code="101")])
    url = reverse("campaigns:detail", args=[campaign.pk])
    client = Client()
    client.force_login(personas.officer_east)
    assert client.get(url).status_code == 404
    assert campaign not in selectors.campaigns_for(personas.officer_east)
    client.force_login(personas.officer_south)
    assert client.get(url).status_code == 200


def test_the_business_officer_sees_business_campaigns_made_by_others(personas):
    campaign = cp.campaign(personas, created_by=personas.coordinator)
    client = Client()
    client.force_login(personas.business_officer)
    page = client.get(reverse("campaigns:list"))
    assert page.status_code == 200
    assert campaign.title in page.content.decode()
    assert client.get(reverse("campaigns:detail", args=[campaign.pk])).status_code == 200
    client.force_login(personas.officer_east)
    assert campaign.title not in client.get(reverse("campaigns:list")).content.decode()


def test_the_walking_list_goes_up_the_odd_side_and_back_down_the_even_side(personas):
    for number in (28, 5, 12, 9, 14, 7):
        cp.business(personas, f"Shop {number}", f"Bulevardi {number}")
    cp.business(personas, "Corner café", "Annankatu 13")
    campaign = save(personas, area_kind=AreaKind.BUFFER, buffer_metres=60)
    streets = selectors.walking_list(campaign)
    assert [street.name for street in streets] == ["Annankatu", "Bulevardi"]
    assert [t.house_number for t in streets[1].targets] == [5, 7, 9, 28, 14, 12]

    client = Client()
    client.force_login(personas.business_officer)
    page = client.get(reverse("campaigns:walking-list", args=[campaign.pk])).content.decode()
    positions = [page.index(f"Shop {n}<") for n in (5, 7, 9, 28, 14, 12)]
    assert positions == sorted(positions)


def test_officers_create_a_campaign_and_record_a_visit_through_the_pages(personas, shops):
    client = Client()
    client.force_login(personas.business_officer)
    deadline = (timezone.localtime() + datetime.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("campaigns:new"),
        {
            "title_fi": "Bulevardin remontti",
            "feedback_deadline": deadline,
            "area_kind": "street",
            "street": "Bulevarden",
            "target_kinds": ["business"],
            "officers": [personas.business_officer.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = Campaign.objects.get(title_fi="Bulevardin remontti")
    assert targeted(campaign) == set(ON_BULEVARDI)
    assert campaign.status == CampaignStatus.DRAFT

    detail = client.get(response["Location"])
    assert detail.status_code == 200
    assert "Shop Bulevardi 14" in detail.content.decode()

    target = campaign.targets.get(organisation=shops["Bulevardi 14"])
    response = client.post(
        reverse("campaigns:target-contact", args=[campaign.pk]),
        {
            "contact-target": target.pk,
            "contact-status": "informed",
            "contact-channel": "visit",
            "contact-contacted_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.status == TargetStatus.INFORMED
    assert Interaction.objects.filter(organisations=shops["Bulevardi 14"]).exists()


def test_the_form_shows_area_errors_on_their_fields(personas, shops):
    client = Client()
    client.force_login(personas.business_officer)
    with translation.override("en"):
        response = client.post(
            reverse("campaigns:new"),
            {
                "title_fi": "X",
                "feedback_deadline": "2099-01-01T12:00",
                "area_kind": "polygon",
                "polygon": '{"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}}',  # noqa: E501
                "target_kinds": ["business"],
            },
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 400
    assert response.context["form"].errors["polygon"]


def test_the_add_list_is_searchable_and_adds_a_target_by_hand(personas, shops):
    campaign = save(personas, number_from=10, number_to=20)
    client = Client()
    client.force_login(personas.business_officer)
    url = reverse("campaigns:detail", args=[campaign.pk])
    choices = client.get(url, {"q": "annankatu"}).context["add_form"].fields["organisation"]
    assert set(choices.queryset) == {shops["Annankatu 3"], shops["Annankatu 13"]}
    everything = client.get(url).context["add_form"].fields["organisation"].queryset
    assert shops["Bulevardi 5"] in everything and shops["Bulevardi 14"] not in everything
    assert shops["association"] not in everything  # not one of the campaign's types

    response = client.post(
        reverse("campaigns:target-add", args=[campaign.pk]),
        {"add-organisation": shops["Annankatu 3"].pk},
    )
    assert response.status_code == 302
    assert campaign.targets.get(organisation=shops["Annankatu 3"]).added_by_hand
    again = client.post(
        reverse("campaigns:target-add", args=[campaign.pk]),
        {"add-organisation": shops["Annankatu 3"].pk},
    )
    assert again.status_code == 400  # no longer offered: already a target
