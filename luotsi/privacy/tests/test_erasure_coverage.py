"""Erasing a person covers every personal field (GDPR art. 17).

Every field of every model that holds personal data (what the export's coverage test calls
personal, and every model an exporter exports, excludes or leaves out) is either erased by
some app's eraser, saying how, or kept with the reason; or the eraser deletes the rows whole.
A new personal field, or a new model with personal data, fails here until someone decides.
Whether the decisions are carried out is test_erasure.py's business.
"""

from django.apps import apps

from luotsi.privacy.erasure import deleted_models, erased_fields, kept_fields
from luotsi.privacy.portability import excluded_fields, excluded_models, exported_fields
from luotsi.privacy.tests.test_export_coverage import personal_models as export_personal_models


def personal_models() -> set[str]:
    return (
        export_personal_models()
        | set(exported_fields())
        | set(excluded_fields())
        | set(excluded_models())
    )


def undecided_fields(
    personal: set[str],
    erased: dict[str, dict[str, str]],
    kept: dict[str, dict[str, str]],
    deleted: dict[str, str],
) -> dict[str, list[str]]:
    """{model label: fields neither erased nor kept with a reason}, for the models whose
    rows are not deleted whole."""
    problems: dict[str, list[str]] = {}
    for label in sorted(personal - set(deleted)):
        missing = [
            f.name
            for f in apps.get_model(label)._meta.concrete_fields
            if not erased.get(label, {}).get(f.name, "").strip()
            and not kept.get(label, {}).get(f.name, "").strip()
        ]
        if missing:
            problems[label] = missing
    return problems


def test_every_personal_field_is_erased_or_kept_with_a_reason():
    problems = undecided_fields(personal_models(), erased_fields(), kept_fields(), deleted_models())
    assert problems == {}, f"erase or keep these in the app's erasure.py: {problems}"


def test_the_coverage_check_catches_a_new_personal_field():
    """The test of the test: forgetting one field is reported."""
    erased = erased_fields()
    erased["events.registration"] = {
        k: v for k, v in erased["events.registration"].items() if k != "phone"
    }
    problems = undecided_fields(personal_models(), erased, kept_fields(), deleted_models())
    assert problems == {"events.registration": ["phone"]}


def test_the_coverage_check_catches_a_new_personal_model():
    problems = undecided_fields(
        personal_models() | {"events.venue"}, erased_fields(), kept_fields(), deleted_models()
    )
    assert list(problems) == ["events.venue"]


def test_declared_fields_exist_and_each_has_one_decision():
    erased, kept, deleted = erased_fields(), kept_fields(), deleted_models()
    for label in set(erased) | set(kept):
        names = {f.name for f in apps.get_model(label)._meta.concrete_fields}
        assert set(erased.get(label, {})) <= names, label
        assert set(kept.get(label, {})) <= names, label
        assert not set(erased.get(label, {})) & set(kept.get(label, {})), label
        assert label not in deleted, f"{label} is deleted whole and declared field by field"
        reasons = [*erased.get(label, {}).values(), *kept.get(label, {}).values()]
        assert all(reason.strip() for reason in reasons), label
    for label, reason in deleted.items():
        apps.get_model(label)
        assert reason.strip(), label
