"""The sustainability assurance page and the sustainability profile partial."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from samverka.accounts.tests.factories import staff_user
from samverka.applications.choices import ApplicationStatus
from samverka.applications.models import Application
from samverka.assessments import selectors, services
from samverka.assessments.choices import ConflictStatus, TaxonomyObjective
from samverka.assessments.models import (
    GoalConflict,
    SdgEffect,
    SustainabilityAssessment,
)
from samverka.core.models import AuditEntry
from samverka.core.testing import assert_access
from samverka.strategy.tests.factories import sdg_goal, sdg_target

pytestmark = pytest.mark.django_db

ASPECTS = (
    "social",
    "ecological",
    "economic",
    "environment_climate",
    "gender_equality",
    "equal_opportunities",
)


@pytest.fixture
def targets():
    sdg_goal(13, {"en": "Climate action", "sv": "Bekämpa klimatförändringen"})
    return {
        "8.9": sdg_target("8.9"),
        "13.2": sdg_target(
            "13.2", "Integrate climate change measures into national policies"
        ),
    }


def _url(app, name="sustainability"):
    return reverse(
        f"assessments:{name}", kwargs={"region_slug": app.region.slug, "pk": app.pk}
    )


def _data(revision="", rows=3, **extra):
    """An empty form as the browser sends it, with `extra` filled in."""
    data = {"summary": "", "revision": revision}
    for aspect in ASPECTS:
        data[f"effect_{aspect}"] = ""
        data[f"evidence_{aspect}"] = ""
    for row in range(rows):
        data.update(
            {f"sdg-{row}-target": "", f"sdg-{row}-direction": "", f"sdg-{row}-note": ""}
        )
    data.update(extra)
    return data


def _eu(app):
    app.fund.type = "erdf"
    app.fund.save()
    return Application.objects.get(pk=app.pk)


# Who opens the page ------------------------------------------------------------------


def test_officer_opens_the_form_others_are_kept_out(
    in_assessment, officer, applicant, outsider, targets
):
    result = assert_access(
        _url(in_assessment),
        permitted=officer,
        no_role=applicant,
        other_region=outsider,
        expect=200,
    )
    content = result.response.content.decode()
    assert '<form method="post"' in content
    # A fieldset per aspect named by the aspect.
    assert '<legend><h3 class="legend-heading">Social sustainability</h3></legend>' in (
        content
    )
    assert 'name="effect_ecological"' in content
    assert 'name="evidence_ecological"' in content
    # The applicant's own rating and description next to it.
    assert "The applicant's self-assessment:" in content
    assert "Partly integrated" in content
    assert "Beskrivning." in content
    # SDG targets grouped by goal, code and text in the option.
    assert '<optgroup label="8. Decent work and economic growth">' in content
    assert f'<option value="{targets["8.9"].pk}">8.9 By 2030' in content
    assert 'name="sdg-2-note"' in content
    assert 'name="sdg-3-note"' not in content
    # Not an EU fund: no DNSH check.
    assert "Do no significant harm" not in content
    assert 'name="complete"' in content


def test_other_staff_of_the_region_are_refused(in_assessment, region, assessor):
    from django.test import Client

    for user in (assessor, staff_user(region, "registrar")):
        client = Client()
        client.force_login(user)
        assert client.get(_url(in_assessment)).status_code == 403


def test_decision_maker_reads_without_a_form(
    client_en, in_assessment, decision_maker, officer
):
    services.sustainability_save(
        application=in_assessment,
        by=officer,
        summary="Bra projekt.",
        ratings={"social": ("positive", "Fler jobb.")},
    )
    client = client_en(decision_maker)
    response = client.get(_url(in_assessment))
    content = response.content.decode()
    assert response.status_code == 200
    assert '<form method="post" novalidate class="sustainability-form"' not in content
    assert "The applicant's self-assessment" in content
    assert "Fler jobb." in content
    assert "Positive" in content
    # …and may not save.
    assert client.post(_url(in_assessment), _data()).status_code == 403


def test_outsider_gets_404_for_an_application_of_another_region(
    client_en, in_assessment, other_region
):
    user = staff_user(other_region, "officer")
    url = reverse(
        "assessments:sustainability",
        kwargs={"region_slug": other_region.slug, "pk": in_assessment.pk},
    )
    assert client_en(user).get(url).status_code == 404


def test_a_draft_is_not_found(client_en, draft, officer):
    assert client_en(officer).get(_url(draft)).status_code == 404


# Saving ------------------------------------------------------------------------------


def test_save_rates_names_targets_and_proposes_conflicts(
    client_en, in_assessment, officer, targets
):
    client = client_en(officer)
    data = _data(
        summary="Positivt för jobben, men mer trafik.",
        complete="on",
        **{f"effect_{a}": "positive" for a in ASPECTS},
    )
    data.update(
        {
            "effect_ecological": "negative",
            "evidence_ecological": "Fler bilresor till besöksmålen.",
            "sdg-0-target": str(targets["8.9"].pk),
            "sdg-0-direction": "helps",
            "sdg-2-target": str(targets["13.2"].pk),
            "sdg-2-direction": "may_harm",
            "sdg-2-note": "Ökade utsläpp från resor.",
        }
    )
    response = client.post(_url(in_assessment), data, follow=True)
    assert response.status_code == 200
    assessment = SustainabilityAssessment.objects.get(application=in_assessment)
    assert assessment.completed_at is not None
    assert assessment.summary == "Positivt för jobben, men mer trafik."
    assert assessment.assessed_by == officer
    ratings = {r.aspect: (r.effect, r.evidence) for r in assessment.ratings.all()}
    assert ratings["ecological"] == ("negative", "Fler bilresor till besöksmålen.")
    assert ratings["social"] == ("positive", "")
    effects = {e.target.code: (e.direction, e.note) for e in SdgEffect.objects.all()}
    assert effects == {
        "8.9": ("helps", ""),
        "13.2": ("may_harm", "Ökade utsläpp från resor."),
    }
    keys = set(in_assessment.goal_conflicts.values_list("key", flat=True))
    assert keys == {"aspect:ecological", "sdg:13.2"}
    content = response.content.decode()
    assert "The sustainability assessment was saved." in content
    assert "2 new goal conflicts were proposed." in content
    assert f'<a href="{_url(in_assessment, "conflicts")}">' in content
    assert AuditEntry.objects.filter(action="assessments.sustainability").exists()
    # The form shows what was saved, with empty rows for more targets.
    assert 'name="sdg-4-target"' in content
    assert "checked" in content


def test_errors_are_shown_at_their_fields_and_nothing_is_lost(
    client_en, in_assessment, officer, targets
):
    client = client_en(officer)
    data = _data(summary="Mitt omdöme som inte får försvinna.", complete="on")
    data.update(
        {
            "effect_ecological": "negative",  # without evidence
            "evidence_social": "Text utan effekt.",  # evidence without effect
            "sdg-1-target": str(targets["13.2"].pk),
            "sdg-1-direction": "may_harm",  # without a note
            "sdg-2-direction": "helps",  # without a target
        }
    )
    response = client.post(_url(in_assessment), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert not SustainabilityAssessment.objects.exists()
    assert "Mitt omdöme som inte får försvinna." in content
    assert "Text utan effekt." in content
    # The form's own checks first: evidence without effect, a row without target.
    assert 'id="id_effect_social_error"' in content
    assert "Choose the effect that the evidence is about." in content
    assert 'id="id_sdg-2-target_error"' in content

    # With those fixed, the service's errors land at their fields.
    data.update({"evidence_social": "", "sdg-2-direction": ""})
    content = client.post(_url(in_assessment), data).content.decode()
    assert not SustainabilityAssessment.objects.exists()
    assert 'id="id_evidence_ecological_error"' in content
    assert "Describe the evidence for a negative or uncertain effect." in content
    # The SDG error is at the row it came from (the second), not the first.
    assert 'id="id_sdg-1-note_error"' in content
    assert "Say how the project may harm the target." in content
    # Completing asks for every aspect.
    assert 'id="id_effect_social_error"' in content
    assert "Rate this aspect." in content
    # Linked from the error summary and from the field.
    assert 'href="#id_evidence_ecological"' in content
    assert (
        'aria-describedby="id_evidence_ecological_helptext id_evidence_ecological_error"'
        in (content)
    )
    assert "Mitt omdöme som inte får försvinna." in content


def test_completing_needs_the_overall_judgement(client_en, in_assessment, officer):
    data = _data(complete="on", **{f"effect_{a}": "neutral" for a in ASPECTS})
    content = client_en(officer).post(_url(in_assessment), data).content.decode()
    assert 'id="id_summary_error"' in content
    assert "Sum up the assessment." in content
    # Saved as work in progress, it goes through.
    data.pop("complete")
    response = client_en(officer).post(_url(in_assessment), data)
    assert response.status_code == 302
    assessment = SustainabilityAssessment.objects.get()
    assert assessment.completed_at is None
    assert assessment.ratings.count() == len(ASPECTS)


def test_a_stale_save_is_refused_and_keeps_the_text(client_en, in_assessment, officer):
    services.sustainability_save(
        application=in_assessment,
        by=officer,
        summary="Första versionen.",
        ratings={"social": ("positive", "")},
    )
    stored = SustainabilityAssessment.objects.get()
    read = stored.revision
    services.sustainability_save(
        application=in_assessment,
        by=officer,
        summary="Någon annans version.",
        ratings={"social": ("neutral", "")},
        revision=read,
    )
    data = _data(revision=str(read), summary="Min version.", effect_social="negative")
    data["evidence_social"] = "Mina belägg."
    content = client_en(officer).post(_url(in_assessment), data).content.decode()
    assert "was changed by someone else" in content
    assert "Min version." in content
    assert "Mina belägg." in content
    # The stored version is shown to compare with.
    assert "Någon annans version." in content
    stored.refresh_from_db()
    assert stored.summary == "Någon annans version."


def test_eu_fund_asks_for_the_dnsh_check(client_en, in_assessment, officer):
    app = _eu(in_assessment)
    client = client_en(officer)
    content = client.get(_url(app)).content.decode()
    assert "Do no significant harm (DNSH)" in content
    assert "Regulation (EU) 2020/852" in content
    for objective in TaxonomyObjective:
        assert f'name="dnsh_{objective.value}"' in content
        assert f'name="dnsh_evidence_{objective.value}"' in content
        assert str(objective.label) in content

    data = _data(
        summary="Sammanfattning.",
        complete="on",
        **{f"effect_{a}": "neutral" for a in ASPECTS},
    )
    data.update({f"dnsh_{o}": "" for o in TaxonomyObjective.values})
    data.update({f"dnsh_evidence_{o}": "" for o in TaxonomyObjective.values})
    data["dnsh_water"] = "risk"  # without justification
    content = client.post(_url(app), data).content.decode()
    assert 'id="id_dnsh_evidence_water_error"' in content
    assert "Justify the answer or give the evidence." in content
    assert 'id="id_dnsh_biodiversity_error"' in content
    assert "An EU fund: answer the check for every objective." in content
    assert not SustainabilityAssessment.objects.exists()

    data.update({f"dnsh_{o}": "supports" for o in TaxonomyObjective.values})
    data["dnsh_water"] = "risk"
    data["dnsh_evidence_water"] = "Dagvatten från parkeringen."
    response = client.post(_url(app), data)
    assert response.status_code == 302
    assessment = SustainabilityAssessment.objects.get()
    assert assessment.dnsh.count() == 6
    assert GoalConflict.objects.filter(application=app, key="dnsh:water").exists()


def test_sami_perspective_is_assessed_where_the_call_asks(
    client_en, in_assessment, officer
):
    in_assessment.call.asks_sami_perspective = True
    in_assessment.call.save()
    content = client_en(officer).get(_url(in_assessment)).content.decode()
    assert 'name="effect_sami"' in content
    assert "Sami perspectives" in content


def test_a_closed_application_is_read_only(client_en, in_assessment, officer):
    Application.objects.filter(pk=in_assessment.pk).update(
        status=ApplicationStatus.GRANTED
    )
    client = client_en(officer)
    content = client.get(_url(in_assessment)).content.decode()
    assert 'class="sustainability-form"' not in content
    assert "its assessment can no longer change" in content
    response = client.post(_url(in_assessment), _data(summary="Sent."))
    assert "its assessment can no longer change" in response.content.decode()
    assert not SustainabilityAssessment.objects.exists()


def test_page_queries_do_not_grow_with_targets(
    client_en, in_assessment, officer, django_assert_max_num_queries
):
    for number in range(1, 10):
        sdg_target(f"{number}.1", f"Target text {number}")
    client = client_en(officer)
    with django_assert_max_num_queries(40):
        response = client.get(_url(in_assessment))
    assert response.content.decode().count("<optgroup") == 9 * 3


# The profile partial -----------------------------------------------------------------


def _profile_html(app):
    return render_to_string(
        "assessments/_sustainability_profile.html",
        {"profile": selectors.sustainability_profile(app)},
    )


def test_profile_says_not_yet_assessed(in_assessment):
    assert "Sustainability not yet assessed." in _profile_html(in_assessment)


def test_profile_shows_effects_risks_targets_and_conflicts(
    in_assessment, officer, targets
):
    app = _eu(in_assessment)
    services.sustainability_save(
        application=app,
        by=officer,
        summary="Sammantaget positivt.",
        ratings={
            "social": ("positive", "Fler jobb i glesbygd."),
            "ecological": ("negative", "Mer biltrafik."),
        },
        dnsh={"water": ("risk", "Dagvatten."), "circular": ("supports", "")},
        sdg_effects=[
            (targets["8.9"], "helps", ""),
            (targets["13.2"], "may_harm", "Utsläpp från resor."),
        ],
    )
    conflict = GoalConflict.objects.get(application=app, key="aspect:ecological")
    services.goal_conflict_weigh(
        conflict=conflict,
        by=officer,
        status=ConflictStatus.CONFIRMED,
        description="Fler besökare ger fler bilresor.",
        handling="condition",
        handling_text="Kollektivtrafik till besöksmålen.",
    )
    html = _profile_html(app)
    assert "Assessment in progress" in html
    assert "Sammantaget positivt." in html
    # Effects in words, not colour alone.
    assert '<strong class="effect effect-negative">Negative</strong>' in html
    assert "Mer biltrafik." in html
    assert "Positive" in html
    assert "Fler jobb i glesbygd." in html
    # DNSH, risk highlighted.
    assert '<strong class="dnsh-risk">Risk of significant harm</strong>' in html
    assert "Risk of significant harm to 1 environmental objective." in html
    assert "Supports the objective" in html
    # SDG targets by direction.
    assert "Targets the project helps" in html
    assert "<strong>8.9</strong>" in html
    assert "Utsläpp från resor." in html
    # The confirmed conflict with its handling; the rest counted.
    assert "Kollektivtrafik till besöksmålen." in html
    assert "A condition in the decision" in html
    assert "2 proposed goal conflicts not yet weighed." in html
