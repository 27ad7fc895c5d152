import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samverka.applications import completeness, services
from samverka.applications.choices import ApplicationStatus
from samverka.applications.tests.conftest import complete
from samverka.records.models import Case

pytestmark = pytest.mark.django_db


def test_a_complete_application_submits_once_and_gets_a_case_number(draft, applicant):
    complete(draft, applicant)
    assert completeness.problems(draft) == []
    first = services.application_submit(application=draft, by=applicant, key="k1")
    again = services.application_submit(application=draft, by=applicant, key="k1")
    assert first.pk == again.pk
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    assert draft.case.case_number.startswith("RVN ")
    assert draft.case.case_number.endswith("-00001")
    assert Case.objects.count() == 1
    assert first.snapshot["total_cost"] == 1_000_000_00


def test_an_incomplete_application_is_refused_with_the_list(draft, applicant):
    with pytest.raises(ValidationError) as caught:
        services.application_submit(application=draft, by=applicant, key="k")
    assert "Fill in the budget." in caught.value.messages
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
    assert draft.case_id is None


def test_negative_budget_cell_is_an_error_at_the_cell(draft, applicant):
    draft.start_date = None
    with pytest.raises(ValidationError) as caught:
        services.budget_set(
            application=draft, by=applicant, amounts={("travel", 2027): -5}
        )
    assert "travel_2027" in caught.value.message_dict


def test_aid_intensity_is_checked_at_the_amount(draft, applicant):
    complete(draft, applicant)
    with pytest.raises(ValidationError) as caught:
        services.financing_set(
            application=draft, by=applicant, amount_requested=600_000_00, lines=[]
        )
    assert "50" in caught.value.message_dict["amount_requested"][0]


def test_someone_else_cannot_edit(draft, no_role_user):
    with pytest.raises(PermissionDenied):
        services.application_update(
            application=draft, by=no_role_user, data={"title": "x"}
        )
