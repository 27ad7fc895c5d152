"""The funding services: permissions, validation, revisions, states and audit entries."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samverka.accounts.tests.factories import staff_user
from samverka.core.errors import STALE_EDIT
from samverka.core.models import AuditEntry
from samverka.funding import selectors, services
from samverka.funding.choices import CallState, CallStatus, Intake
from samverka.funding.models import Appropriation, Call, Criterion
from samverka.funding.tests.factories import (
    AppropriationFactory,
    CallFactory,
    CallIndicatorFactory,
    CriterionFactory,
    FundFactory,
    RequiredAttachmentFactory,
)
from samverka.geo.models import Country, Municipality
from samverka.plans.tests.factories import ActionPlanFactory, ActivityFactory
from samverka.strategy.tests.factories import GoalFactory, StrategyFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def actions(obj):
    return list(
        AuditEntry.objects.for_object(obj)
        .order_by("id")
        .values_list("action", flat=True)
    )


@pytest.fixture
def advisor(region):
    return staff_user(region, "funding_advisor")


@pytest.fixture
def fund(region):
    return FundFactory(region=region, name="Regionala projektmedel")


def call_data(fund, **extra):
    data = {
        "title": "Regionala projektmedel 2027",
        "summary": "Projekt som stärker länet.",
        "intake": Intake.DEADLINE,
        "opens_at": datetime.datetime(2027, 2, 1, 7, 0, tzinfo=UTC),
        "closes_at": datetime.datetime(2027, 3, 31, 21, 59, tzinfo=UTC),
        "budget": 20_000_000_00,
        "funds": [fund],
    }
    data.update(extra)
    return data


# Funds --------------------------------------------------------------------------------


def test_fund_create_by_advisor_defaults_to_region_currency(region, advisor):
    fund = services.fund_create(
        region=region,
        by=advisor,
        data={"name": "1:1-medel", "type": "regional_growth", "max_aid_intensity": 50},
    )
    assert fund.currency == region.currency == "SEK"
    assert actions(fund) == ["funding.fund_create"]


def test_officer_may_not_create_funds(region, officer, outsider):
    for user in (officer, outsider):
        with pytest.raises(PermissionDenied):
            services.fund_create(
                region=region, by=user, data={"name": "X", "type": "regional_growth"}
            )


def test_fund_update_checks_revision(fund, region_admin):
    services.fund_update(fund=fund, by=region_admin, data={"name": "Nytt"}, revision=1)
    assert fund.revision == 2
    with pytest.raises(ValidationError) as exc:
        services.fund_update(fund=fund, by=region_admin, data={"name": "X"}, revision=1)
    assert exc.value.error_list[0].code == STALE_EDIT
    fund.refresh_from_db()
    assert fund.name == "Nytt"


def test_fund_currency_is_kept_once_appropriated(fund, region_admin):
    AppropriationFactory(fund=fund)
    with pytest.raises(ValidationError) as exc:
        services.fund_update(fund=fund, by=region_admin, data={"currency": "EUR"})
    assert "currency" in exc.value.message_dict


def test_appropriation_set_creates_and_changes(fund, advisor):
    services.appropriation_set(fund=fund, year=2027, amount=5_000_000_00, by=advisor)
    services.appropriation_set(fund=fund, year=2027, amount=6_000_000_00, by=advisor)
    appropriation = Appropriation.objects.get(fund=fund, year=2027)
    assert appropriation.amount == 6_000_000_00
    assert actions(fund) == ["funding.appropriation_set", "funding.appropriation_set"]


def test_appropriation_below_committed_is_refused(fund, advisor):
    AppropriationFactory(
        fund=fund, year=2026, amount=1_000_000_00, committed=800_000_00
    )
    with pytest.raises(ValidationError) as exc:
        services.appropriation_set(fund=fund, year=2026, amount=700_000_00, by=advisor)
    assert "already committed" in exc.value.message_dict["amount"][0]
    assert Appropriation.objects.get(fund=fund, year=2026).amount == 1_000_000_00


def test_negative_appropriation_is_refused(fund, advisor):
    with pytest.raises(ValidationError) as exc:
        services.appropriation_set(fund=fund, year=2026, amount=-1, by=advisor)
    assert "amount" in exc.value.message_dict
    assert not Appropriation.objects.exists()


def test_fund_balances(fund):
    AppropriationFactory(
        fund=fund, year=2026, amount=100_00, committed=60_00, paid=20_00
    )
    AppropriationFactory(fund=fund, year=2027, amount=50_00)
    balances = selectors.fund_balances(fund)
    assert [(b.year, b.amount, b.committed, b.paid, b.left) for b in balances] == [
        (2027, 50_00, 0, 0, 50_00),
        (2026, 100_00, 60_00, 20_00, 40_00),
    ]


# Calls --------------------------------------------------------------------------------


def test_call_create_is_a_draft_with_links(region, officer, fund, strategy):
    goal = GoalFactory(strategy=strategy)
    plan = ActionPlanFactory(region=region)
    activity = ActivityFactory(action_plan=plan)
    call = services.call_create(
        region=region,
        by=officer,
        data=call_data(fund, goals=[goal], activities=[activity]),
    )
    assert call.status == CallStatus.DRAFT
    assert list(call.funds.all()) == [fund]
    assert list(call.goals.all()) == [goal]
    assert list(call.activities.all()) == [activity]
    assert actions(call) == ["funding.call_create"]


def test_call_of_another_regions_fund_goal_activity_is_a_field_error(
    region, other_region, officer, fund
):
    foreign_fund = FundFactory(region=other_region)
    foreign_goal = GoalFactory(strategy=StrategyFactory(region=other_region))
    foreign_activity = ActivityFactory(
        action_plan=ActionPlanFactory(region=other_region)
    )
    with pytest.raises(ValidationError) as exc:
        services.call_create(
            region=region,
            by=officer,
            data=call_data(
                fund,
                funds=[fund, foreign_fund],
                goals=[foreign_goal],
                activities=[foreign_activity],
            ),
        )
    assert set(exc.value.message_dict) >= {"funds", "goals", "activities"}
    assert not Call.objects.exists()


def test_municipality_of_another_country_is_refused(region, officer, fund):
    se = Country.objects.get_or_create(code="SE", defaults={"name": "Sverige"})[0]
    dk = Country.objects.get_or_create(code="DK", defaults={"name": "Danmark"})[0]
    sundsvall = Municipality.objects.create(
        country=se, code="2281", name="Sundsvall", lau_code="2281"
    )
    roskilde = Municipality.objects.create(
        country=dk, code="265", name="Roskilde", lau_code="265"
    )
    with pytest.raises(ValidationError) as exc:
        services.call_create(
            region=region,
            by=officer,
            data=call_data(fund, municipalities=[sundsvall, roskilde]),
        )
    assert "municipalities" in exc.value.message_dict
    call = services.call_create(
        region=region, by=officer, data=call_data(fund, municipalities=[sundsvall])
    )
    assert list(call.municipalities.all()) == [sundsvall]


def test_closing_before_opening_is_a_field_error(region, officer, fund):
    with pytest.raises(ValidationError) as exc:
        services.call_create(
            region=region,
            by=officer,
            data=call_data(fund, closes_at=datetime.datetime(2027, 1, 1, tzinfo=UTC)),
        )
    assert "closes_at" in exc.value.message_dict


def test_continuous_intake_has_no_closing_time(region, officer, fund):
    call = services.call_create(
        region=region,
        by=officer,
        data=call_data(fund, intake=Intake.CONTINUOUS, closes_at=None),
    )
    services.call_publish(call=call, by=officer)
    assert call.status == CallStatus.PUBLISHED


def test_publish_needs_a_fund(region, officer, fund):
    call = services.call_create(
        region=region, by=officer, data=call_data(fund, funds=[])
    )
    with pytest.raises(ValidationError) as exc:
        services.call_publish(call=call, by=officer)
    assert "funds" in exc.value.message_dict
    services.call_update(call=call, by=officer, data={"funds": [fund]})
    services.call_publish(call=call, by=officer)
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED
    assert call.published_at is not None
    assert call.state == CallState.PUBLISHED  # opens in 2027
    assert actions(call)[-1] == "funding.call_publish"


def test_publish_archive_delete_rules(region, officer):
    call = CallFactory(region=region, draft=True)
    services.call_publish(call=call, by=officer)
    with pytest.raises(ValidationError):
        services.call_publish(call=call, by=officer)
    with pytest.raises(ValidationError):
        services.call_delete(call=call, by=officer)
    services.call_archive(call=call, by=officer)
    assert call.state == CallState.ARCHIVED
    with pytest.raises(ValidationError):
        services.call_update(call=call, by=officer, data={"title": "X"})
    draft = CallFactory(region=region, draft=True)
    services.call_delete(call=draft, by=officer)
    assert not Call.objects.filter(pk=draft.pk).exists()
    assert AuditEntry.objects.filter(action="funding.call_delete").count() == 1


def test_call_update_revision_and_permissions(region, officer, outsider, advisor):
    call = CallFactory(region=region)
    for user in (outsider, advisor):
        with pytest.raises(PermissionDenied):
            services.call_update(call=call, by=user, data={"title": "X"})
    services.call_update(call=call, by=officer, data={"title": "Ny"}, revision=1)
    with pytest.raises(ValidationError) as exc:
        services.call_update(call=call, by=officer, data={"title": "Y"}, revision=1)
    assert exc.value.error_list[0].code == STALE_EDIT


def test_published_call_keeps_a_fund(region, officer):
    call = CallFactory(region=region)
    with pytest.raises(ValidationError) as exc:
        services.call_update(call=call, by=officer, data={"funds": []})
    assert "funds" in exc.value.message_dict


# Parts of a call ----------------------------------------------------------------------


def test_criteria_indicators_attachments(region, officer):
    call = CallFactory(region=region, draft=True)
    first = services.criterion_create(
        call=call, by=officer, data={"name": "Relevans", "weight": 3}
    )
    second = services.criterion_create(
        call=call, by=officer, data={"name": "Genomförbarhet"}
    )
    assert (first.order, second.order) == (0, 1)
    services.criterion_update(criterion=first, by=officer, data={"weight": 5})
    first.refresh_from_db()
    assert first.weight == 5
    with pytest.raises(ValidationError) as exc:
        services.criterion_update(
            criterion=first, by=officer, data={"scale_min": 5, "scale_max": 5}
        )
    assert "scale_max" in exc.value.message_dict
    services.criterion_delete(criterion=second, by=officer)
    assert list(Criterion.objects.filter(call=call)) == [first]

    indicator = services.call_indicator_create(
        call=call, by=officer, data={"name": "Nya företag", "unit": "st"}
    )
    services.call_indicator_update(
        indicator=indicator, by=officer, data={"unit": "antal"}
    )
    services.call_indicator_delete(indicator=indicator, by=officer)
    attachment = services.required_attachment_create(
        call=call, by=officer, data={"kind": "annual_report", "title": "Årsredovisning"}
    )
    services.required_attachment_update(
        attachment=attachment, by=officer, data={"is_required": False}
    )
    services.required_attachment_delete(attachment=attachment, by=officer)
    assert actions(call) == [
        "funding.criterion_create",
        "funding.criterion_create",
        "funding.criterion_update",
        "funding.criterion_delete",
        "funding.indicator_create",
        "funding.indicator_update",
        "funding.indicator_delete",
        "funding.attachment_create",
        "funding.attachment_update",
        "funding.attachment_delete",
    ]


def test_parts_need_the_call_role(region, advisor, outsider):
    call = CallFactory(region=region)
    criterion = CriterionFactory(call=call)
    indicator = CallIndicatorFactory(call=call)
    attachment = RequiredAttachmentFactory(call=call)
    for user in (advisor, outsider):
        with pytest.raises(PermissionDenied):
            services.criterion_create(call=call, by=user, data={"name": "X"})
        with pytest.raises(PermissionDenied):
            services.criterion_delete(criterion=criterion, by=user)
        with pytest.raises(PermissionDenied):
            services.call_indicator_delete(indicator=indicator, by=user)
        with pytest.raises(PermissionDenied):
            services.required_attachment_delete(attachment=attachment, by=user)


# Selectors ----------------------------------------------------------------------------


def test_public_groups_and_summary(region, other_region):
    now = timezone.now()
    open_call = CallFactory(region=region, title="Öppen")
    continuous = CallFactory(region=region, title="Löpande", continuous=True)
    upcoming = CallFactory(
        region=region,
        title="Kommande",
        opens_at=now + datetime.timedelta(days=10),
        closes_at=now + datetime.timedelta(days=40),
    )
    closed = CallFactory(region=region, title="Stängd", closed=True)
    CallFactory(region=region, title="Utkast", draft=True)
    CallFactory(region=other_region, title="Annan region")
    groups = selectors.public_call_groups(region)
    assert groups["open"] == [open_call, continuous]
    assert groups["upcoming"] == [upcoming]
    assert groups["closed"] == [closed]

    fund = FundFactory(region=region)
    AppropriationFactory(
        fund=fund,
        year=timezone.localdate(timezone=region.tzinfo).year,
        amount=1_000_00,
        committed=400_00,
    )
    summary = selectors.funding_summary(region)
    assert summary["open_call_count"] == 2
    assert summary["appropriations"][0]["left"] == 600_00
    counts = {row["value"]: row["count"] for row in summary["calls"]}
    assert counts == {"draft": 1, "published": 1, "open": 2, "closed": 1}
