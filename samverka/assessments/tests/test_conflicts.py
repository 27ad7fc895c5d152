"""Goal conflicts: proposals from the strategy and the sustainability assessment, the
list, the officer's own conflicts and weighing each."""

from typing import cast

import pytest
from django.urls import reverse

from samverka.accounts.tests.factories import staff_user
from samverka.assessments import services
from samverka.assessments.choices import ConflictSource, ConflictStatus
from samverka.assessments.models import GoalConflict
from samverka.core.models import AuditEntry
from samverka.core.testing import assert_access
from samverka.strategy.models import Goal, GoalInteraction
from samverka.strategy.tests.factories import GoalFactory, StrategyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def goals(strategy):
    return {
        "G": GoalFactory(strategy=strategy, code="1.1", title="Fler besökare"),
        "H": GoalFactory(strategy=strategy, code="2.1", title="Lägre utsläpp"),
    }


@pytest.fixture
def interaction(strategy, goals):
    return GoalInteraction.objects.create(
        strategy=strategy,
        from_goal=goals["G"],
        to_goal=goals["H"],
        score=-2,
        justification="Fler besökare ger fler bilresor.",
    )


def _url(app):
    return reverse(
        "assessments:conflicts", kwargs={"region_slug": app.region.slug, "pk": app.pk}
    )


def _weigh_url(conflict):
    return reverse(
        "assessments:conflict_weigh",
        kwargs={"region_slug": conflict.region.slug, "pk": conflict.pk},
    )


def _negative(app, by, evidence="Mer biltrafik."):
    services.sustainability_save(
        application=app,
        by=by,
        summary="",
        ratings={"ecological": ("negative", evidence)},
    )


# Proposals ---------------------------------------------------------------------------


def test_a_counteracting_interaction_is_proposed(
    client_en, in_assessment, officer, goals, interaction
):
    in_assessment.goals.add(goals["G"])
    client = client_en(officer)
    response = client.post(_url(in_assessment), {"action": "propose"}, follow=True)
    conflict = GoalConflict.objects.get(application=in_assessment)
    assert conflict.source == ConflictSource.INTERACTION
    assert conflict.subject == "1.1 Fler besökare against 2.1 Lägre utsläpp"
    assert conflict.goal == goals["G"]
    assert conflict.other_goal == goals["H"]
    assert conflict.interaction_score == -2
    content = response.content.decode()
    assert "1 new goal conflict was proposed." in content
    assert "1.1 Fler besökare against 2.1 Lägre utsläpp" in content
    assert "Goal interaction in the strategy" in content
    assert "−2 Counteracting" in content
    assert "Fler besökare ger fler bilresor." in content
    assert "Not yet weighed" in content
    # Asking again finds nothing new.
    response = client.post(_url(in_assessment), {"action": "propose"}, follow=True)
    assert "No new goal conflicts were found." in response.content.decode()
    assert GoalConflict.objects.count() == 1


def test_a_negative_rating_is_proposed(client_en, in_assessment, officer):
    _negative(in_assessment, officer)
    conflict = GoalConflict.objects.get(application=in_assessment)
    assert conflict.source == ConflictSource.SUSTAINABILITY
    assert conflict.status == ConflictStatus.PROPOSED
    content = client_en(officer).get(_url(in_assessment)).content.decode()
    assert "Negative effect on ecological sustainability" in content
    assert "Mer biltrafik." in content
    assert "Proposed (1)" in content


def test_refresh_drops_an_unweighed_proposal_and_keeps_a_weighed_one(
    client_en, in_assessment, officer, goals, interaction
):
    in_assessment.goals.add(goals["G"])
    _negative(in_assessment, officer)  # proposes both
    assert GoalConflict.objects.filter(application=in_assessment).count() == 2
    weighed = GoalConflict.objects.get(key=f"interaction:{interaction.pk}")
    services.goal_conflict_weigh(
        conflict=weighed,
        by=officer,
        status=ConflictStatus.CONFIRMED,
        description="Besöken ökar trafiken.",
        handling="trade_off",
        handling_text="Jobben väger tyngre.",
    )
    # Both grounds go away: the goal is no longer named, the rating is positive.
    in_assessment.goals.remove(goals["G"])
    services.sustainability_save(
        application=in_assessment,
        by=officer,
        summary="",
        ratings={"ecological": ("positive", "")},
    )
    client_en(officer).post(_url(in_assessment), {"action": "propose"})
    left = list(GoalConflict.objects.filter(application=in_assessment))
    assert left == [weighed]
    assert left[0].status == ConflictStatus.CONFIRMED


# The list and the officer's own conflicts --------------------------------------------


def test_who_opens_the_list(client_en, in_assessment, officer, applicant, outsider):
    _negative(in_assessment, officer)
    assert_access(
        _url(in_assessment),
        permitted=officer,
        no_role=applicant,
        other_region=outsider,
        expect=200,
    )


def test_decision_maker_reads_but_cannot_change(
    client_en, in_assessment, officer, decision_maker, assessor
):
    _negative(in_assessment, officer)
    client = client_en(decision_maker)
    content = client.get(_url(in_assessment)).content.decode()
    assert "Negative effect on ecological sustainability" in content
    assert "Propose again" not in content
    assert "Add a goal conflict" not in content
    assert client.post(_url(in_assessment), {"action": "propose"}).status_code == 403
    conflict = GoalConflict.objects.get()
    response = client.get(_weigh_url(conflict))
    assert response.status_code == 200
    assert 'name="status"' not in response.content.decode()
    weigh = {"status": "dismissed", "description": "Nej."}
    assert client.post(_weigh_url(conflict), weigh).status_code == 403
    # An assessor is not a reader of the whole assessment.
    assert client_en(assessor).get(_url(in_assessment)).status_code == 403


def test_the_officer_adds_a_conflict(
    client_en, in_assessment, officer, goals, other_region
):
    client = client_en(officer)
    content = client.get(_url(in_assessment)).content.decode()
    assert f'<option value="{goals["G"].pk}">' in content
    elsewhere = cast(
        Goal,
        GoalFactory(
            strategy=StrategyFactory(region=other_region), title="Annan region"
        ),
    )
    assert "Annan region" not in content

    # No subject: told at the field; the description stays.
    response = client.post(
        _url(in_assessment),
        {"action": "add", "subject": "", "description": "Min beskrivning."},
    )
    content = response.content.decode()
    assert 'id="id_subject_error"' in content
    assert "Say what conflicts with what." in content
    assert "Min beskrivning." in content
    # A goal of another region is not one to choose.
    response = client.post(
        _url(in_assessment),
        {"action": "add", "subject": "Något", "goal": elsewhere.pk},
    )
    assert 'id="id_goal_error"' in response.content.decode()
    assert not GoalConflict.objects.exists()

    response = client.post(
        _url(in_assessment),
        {
            "action": "add",
            "subject": "Buller mot friluftsliv",
            "goal": goals["G"].pk,
            "other_goal": goals["H"].pk,
            "description": "Evenemang nära naturreservat.",
        },
        follow=True,
    )
    conflict = GoalConflict.objects.get()
    assert conflict.source == ConflictSource.MANUAL
    assert (conflict.goal, conflict.other_goal) == (goals["G"], goals["H"])
    content = response.content.decode()
    assert "Buller mot friluftsliv" in content
    assert "Raised by the officer" in content
    assert "1.1 Fler besökare" in content
    assert "2.1 Lägre utsläpp" in content
    assert AuditEntry.objects.filter(action="assessments.conflict_add").exists()


def test_list_queries_do_not_grow_with_conflicts(
    client_en, in_assessment, officer, goals
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(first, last):
        for i in range(first, last):
            services.goal_conflict_add(
                application=in_assessment,
                by=officer,
                subject=f"Konflikt {i}",
                goal=goals["G"],
                other_goal=goals["H"],
            )

    client = client_en(officer)
    add(0, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(_url(in_assessment))
    add(2, 6)
    with CaptureQueriesContext(connection) as many:
        response = client.get(_url(in_assessment))
    assert "Konflikt 5" in response.content.decode()
    assert len(many) == len(few)


# Weighing ----------------------------------------------------------------------------


@pytest.fixture
def proposed(in_assessment, officer):
    _negative(in_assessment, officer)
    return GoalConflict.objects.get(application=in_assessment)


def test_the_weigh_page_is_scoped(proposed, officer, applicant, outsider):
    result = assert_access(
        _weigh_url(proposed),
        permitted=officer,
        no_role=applicant,
        other_region=outsider,
        expect=200,
    )
    content = result.response.content.decode()
    assert "Negative effect on ecological sustainability" in content
    assert 'name="status"' in content
    assert 'name="handling"' in content
    assert f'name="revision" value="{proposed.revision}"' in content


def test_the_weigh_page_of_another_region_is_not_found(
    client_en, proposed, other_region
):
    officer_there = staff_user(other_region, "officer")
    url = reverse(
        "assessments:conflict_weigh",
        kwargs={"region_slug": other_region.slug, "pk": proposed.pk},
    )
    assert client_en(officer_there).get(url).status_code == 404


def test_confirm_needs_a_handling(client_en, proposed, officer):
    data = {
        "status": "confirmed",
        "description": "Trafiken ökar.",
        "handling": "",
        "handling_text": "",
        "revision": proposed.revision,
    }
    content = client_en(officer).post(_weigh_url(proposed), data).content.decode()
    assert 'id="id_handling_error"' in content
    assert "Choose how the conflict is handled." in content
    assert "Trafiken ökar." in content
    proposed.refresh_from_db()
    assert proposed.status == ConflictStatus.PROPOSED
    assert proposed.weighed_at is None

    data["handling"] = "trade_off"
    content = client_en(officer).post(_weigh_url(proposed), data).content.decode()
    assert 'id="id_handling_text_error"' in content
    assert "Say why the trade-off is accepted." in content


def test_confirm_with_a_trade_off_records_who_and_when(
    client_en, proposed, officer, region
):
    data = {
        "status": "confirmed",
        "description": "Trafiken ökar.",
        "handling": "trade_off",
        "handling_text": "Jobben i glesbygd väger tyngre.",
        "revision": proposed.revision,
    }
    response = client_en(officer).post(_weigh_url(proposed), data, follow=True)
    proposed.refresh_from_db()
    assert proposed.status == ConflictStatus.CONFIRMED
    assert proposed.handling == "trade_off"
    assert proposed.weighed_by == officer
    assert proposed.weighed_at is not None
    content = response.content.decode()
    assert response.redirect_chain[-1][0] == _url(proposed.application)
    assert "was confirmed" in content
    assert "Confirmed (1)" in content
    assert "Trade-off accepted" in content
    assert "Jobben i glesbygd väger tyngre." in content
    assert "Olle Officersson" in content
    assert region.tzinfo.key in content  # the moment in the region's zone


def test_dismiss_needs_a_reason(client_en, proposed, officer):
    client = client_en(officer)
    data = {"status": "dismissed", "description": "", "revision": proposed.revision}
    content = client.post(_weigh_url(proposed), data).content.decode()
    assert 'id="id_description_error"' in content
    assert "Say why this is not a conflict in this project." in content
    proposed.refresh_from_db()
    assert proposed.status == ConflictStatus.PROPOSED

    data["description"] = "Trafiken går på el."
    assert client.post(_weigh_url(proposed), data).status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == ConflictStatus.DISMISSED
    assert proposed.handling == ""
    assert proposed.weighed_by == officer


def test_no_choice_is_refused(client_en, proposed, officer):
    content = (
        client_en(officer)
        .post(_weigh_url(proposed), {"description": "Text.", "revision": 1})
        .content.decode()
    )
    assert 'id="id_status_error"' in content
    assert "Confirm or dismiss the conflict." in content


def test_a_stale_weighing_keeps_the_text(client_en, proposed, officer):
    read = proposed.revision
    services.goal_conflict_weigh(
        conflict=proposed,
        by=officer,
        status=ConflictStatus.DISMISSED,
        description="Någon annans skäl.",
    )
    data = {
        "status": "confirmed",
        "description": "Min beskrivning.",
        "handling": "mitigated",
        "handling_text": "Mina åtgärder.",
        "revision": read,
    }
    content = client_en(officer).post(_weigh_url(proposed), data).content.decode()
    assert "was changed by someone else" in content
    assert "Min beskrivning." in content
    assert "Mina åtgärder." in content
    assert "Någon annans skäl." in content  # the stored version, to compare
    proposed.refresh_from_db()
    assert proposed.status == ConflictStatus.DISMISSED


def test_a_tension_between_two_goals_the_project_serves_is_proposed(
    in_assessment, officer
):
    """More visitors and lower emissions, both claimed by the project: still a goal
    conflict to weigh."""
    from samverka.strategy.tests.factories import GoalFactory, StrategyFactory

    strategy = StrategyFactory(region=in_assessment.region)
    visitors = GoalFactory(strategy=strategy, code="1.2", title="Fler besökare")
    emissions = GoalFactory(strategy=strategy, code="4.1", title="Lägre utsläpp")
    GoalInteraction.objects.create(
        strategy=strategy,
        from_goal=visitors,
        to_goal=emissions,
        score=-2,
        justification="Fler besökare reser mer.",
    )
    in_assessment.goals.add(visitors, emissions)
    services.goal_conflicts_propose(application=in_assessment, by=officer)
    conflict = in_assessment.goal_conflicts.get()
    assert (conflict.goal, conflict.other_goal) == (visitors, emissions)
    assert conflict.interaction_score == -2
