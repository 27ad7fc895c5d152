"""The staff goal interaction matrix and its edit form."""

import json
import re
from itertools import pairwise

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.core.models import AuditEntry
from samverka.core.testing import assert_access
from samverka.strategy import services
from samverka.strategy.choices import GoalKind
from samverka.strategy.models import GoalInteraction
from samverka.strategy.tests.factories import GoalFactory, StrategyFactory

pytestmark = pytest.mark.django_db


def matrix_url(region, strategy):
    return reverse("strategy:staff_interaction_matrix", args=[region.slug, strategy.pk])


def edit_url(region, strategy, from_goal, to_goal):
    return reverse(
        "strategy:staff_interaction_edit",
        args=[region.slug, strategy.pk, from_goal.pk, to_goal.pk],
    )


@pytest.fixture
def goals(strategy):
    vision = GoalFactory(
        strategy=strategy, kind=GoalKind.VISION, code="V", title="Ett hållbart län"
    )
    area = GoalFactory(
        strategy=strategy,
        kind=GoalKind.PRIORITY_AREA,
        code="P1",
        title="Attraktiva livsmiljöer",
        parent=vision,
    )
    visitors = GoalFactory(
        strategy=strategy, code="1.1", title="Fler besökare", parent=area
    )
    emissions = GoalFactory(
        strategy=strategy, code="1.2", title="Lägre utsläpp", parent=area
    )
    jobs = GoalFactory(
        strategy=strategy,
        kind=GoalKind.SUB_GOAL,
        code="1.2.1",
        title="Fler jobb",
        parent=emissions,
    )
    return {
        "vision": vision,
        "area": area,
        "visitors": visitors,
        "emissions": emissions,
        "jobs": jobs,
    }


@pytest.fixture
def interactions(strategy, goals):
    return [
        services.interaction_set(
            strategy=strategy,
            by=None,
            from_goal=goals["visitors"],
            to_goal=goals["jobs"],
            score=2,
            justification="Turismen skapar arbetstillfällen.",
        ),
        services.interaction_set(
            strategy=strategy,
            by=None,
            from_goal=goals["visitors"],
            to_goal=goals["emissions"],
            score=-2,
            justification="Fler resor ger mer utsläpp.",
            source="Trafikanalys 2019",
        ),
        services.interaction_set(
            strategy=strategy,
            by=None,
            from_goal=goals["jobs"],
            to_goal=goals["emissions"],
            score=-1,
            justification="Industrijobb ökar energianvändningen.",
        ),
    ]


def cell(text, from_goal, to_goal, region, strategy):
    """The HTML of one matrix cell, found by its edit link or its title."""
    marker = edit_url(region, strategy, from_goal, to_goal)
    index = text.find(f'href="{marker}"')
    assert index != -1, f"no cell for {from_goal} → {to_goal}"
    start = text.rfind("<td", 0, index)
    end = text.find("</td>", index)
    return text[start:end]


class MatrixAccessTests:
    def test_access(
        self, region, strategy, goals, interactions, officer, no_role_user, outsider
    ):
        result = assert_access(
            matrix_url(region, strategy),
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        text = result.response.text
        assert "Fler besökare" in text

    def test_strategy_of_other_region_is_404(
        self, region, other_region, strategist, client_en
    ):
        foreign = StrategyFactory(region=other_region)
        response = client_en(strategist).get(matrix_url(region, foreign))
        assert response.status_code == 404


class MatrixContentTests:
    def test_cells_show_colour_and_score(
        self, region, strategy, goals, interactions, strategist, client_en
    ):
        text = client_en(strategist).get(matrix_url(region, strategy)).text
        reinforcing = cell(text, goals["visitors"], goals["jobs"], region, strategy)
        assert "interaction-p2" in reinforcing
        assert ">+2<" in reinforcing
        assert "+2 Reinforcing: Turismen skapar arbetstillfällen." in reinforcing
        counteracting = cell(
            text, goals["visitors"], goals["emissions"], region, strategy
        )
        assert "interaction-m2" in counteracting
        assert ">−2<" in counteracting
        assert "−2 Counteracting: Fler resor ger mer utsläpp." in counteracting
        constraining = cell(text, goals["jobs"], goals["emissions"], region, strategy)
        assert "interaction-m1" in constraining
        assert ">−1<" in constraining
        empty = cell(text, goals["emissions"], goals["visitors"], region, strategy)
        assert ">–<" in empty
        assert re.search(r'<td class="interaction-cell\s*"', empty)
        assert "css/strategy-matrix.css" in text

    def test_query_count_constant(
        self,
        region,
        strategy,
        goals,
        interactions,
        strategist,
        client_en,
        django_assert_max_num_queries,
    ):
        client = client_en(strategist)
        with CaptureQueriesContext(connection) as few:
            assert client.get(matrix_url(region, strategy)).status_code == 200
        extra = [GoalFactory(strategy=strategy, parent=goals["area"]) for _ in range(5)]
        for a, b in pairwise(extra):
            services.interaction_set(
                strategy=strategy,
                by=None,
                from_goal=a,
                to_goal=b,
                score=1,
                justification="Samverkan.",
            )
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client.get(matrix_url(region, strategy))
        assert response.text.count("interaction-p1") >= 4

    def test_default_shows_goals_and_sub_goals_with_codes_and_legend(
        self, region, strategy, goals, strategist, client_en
    ):
        text = client_en(strategist).get(matrix_url(region, strategy)).text
        table = text[text.find("<table") : text.find("</table>")]
        assert "1.2.1" in table
        assert "Attraktiva livsmiljöer" not in table
        assert "Ett hållbart län" not in table
        legend = text[text.find('id="matrix-legend"') :]
        assert "<dt>1.2.1</dt><dd>Fler jobb</dd>" in legend

    def test_all_non_vision_goals(self, region, strategy, goals, strategist, client_en):
        text = (
            client_en(strategist)
            .get(matrix_url(region, strategy), {"show": "all"})
            .text
        )
        table = text[text.find("<table") : text.find("</table>")]
        assert "Attraktiva livsmiljöer" in table
        assert "Ett hållbart län" not in table

    def test_text_alternative_lists_conflicts_first(
        self, region, strategy, goals, interactions, officer, client_en
    ):
        text = client_en(officer).get(matrix_url(region, strategy)).text
        words = text[text.find('id="matrix-text"') :]
        items = re.findall(r"<li[^>]*>(.*?)</li>", words, flags=re.S)
        assert len(items) == 3
        assert "“Fler besökare” counteracts (−2) “Lägre utsläpp”" in items[0]
        assert "Fler resor ger mer utsläpp." in items[0]
        assert "Source: Trafikanalys 2019" in items[0]
        assert "“Fler jobb” constrains (−1) “Lägre utsläpp”" in items[1]
        assert "“Fler besökare” reinforces (+2) “Fler jobb”" in items[2]
        assert "2 conflicts, listed first." in words

    def test_reader_sees_no_edit_links(
        self, region, strategy, goals, interactions, officer, client_en
    ):
        text = client_en(officer).get(matrix_url(region, strategy)).text
        assert "/interactions/" + str(goals["visitors"].pk) not in text
        assert "hx-get" not in text
        assert 'id="interaction-panel"' not in text
        # The scores are still shown.
        assert "interaction-m2" in text

    def test_editor_cells_open_the_panel_with_htmx(
        self, region, strategy, goals, strategist, client_en
    ):
        text = client_en(strategist).get(matrix_url(region, strategy)).text
        target = edit_url(region, strategy, goals["visitors"], goals["jobs"])
        assert f'hx-get="{target}"' in text
        assert 'hx-target="#interaction-panel"' in text
        # No link on the diagonal.
        assert edit_url(region, strategy, goals["jobs"], goals["jobs"]) not in text

    def test_superseded_strategy_is_read_only(self, region, strategist, client_en):
        old = StrategyFactory(region=region, status="superseded")
        a = GoalFactory(strategy=old, code="1")
        GoalFactory(strategy=old, code="2")
        text = client_en(strategist).get(matrix_url(region, old)).text
        assert "hx-get" not in text
        assert a.title in text


def interaction_data(**overrides):
    return {
        "score": "-3",
        "justification": "Utbyggd flygtrafik omöjliggör utsläppsmålet.",
        "source": "Länsstyrelsens klimatanalys",
        **overrides,
    }


class InteractionEditTests:
    def test_get_access(
        self, region, strategy, goals, strategist, no_role_user, outsider
    ):
        result = assert_access(
            edit_url(region, strategy, goals["visitors"], goals["emissions"]),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        text = result.response.text
        # Seven radio buttons with the scale's labels.
        assert text.count('type="radio"') == 7
        for label in ["+3 Indivisible", "0 Consistent", "−3 Cancelling"]:
            assert label in text
        assert "<legend>" in text

    def test_post_creates_with_audit(
        self, region, strategy, goals, strategist, no_role_user, outsider
    ):
        result = assert_access(
            edit_url(region, strategy, goals["visitors"], goals["emissions"]),
            method="post",
            data=interaction_data(),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.interaction_set",
        )
        assert result.response["Location"] == matrix_url(region, strategy)
        interaction = GoalInteraction.objects.get()
        assert interaction.from_goal == goals["visitors"]
        assert interaction.to_goal == goals["emissions"]
        assert interaction.score == -3
        assert interaction.source == "Länsstyrelsens klimatanalys"
        assert interaction.assessed_by == strategist

    def test_revise_existing(
        self, region, strategy, goals, interactions, strategist, client_en
    ):
        client = client_en(strategist)
        target = edit_url(region, strategy, goals["visitors"], goals["emissions"])
        form = client.get(target).text
        assert "Fler resor ger mer utsläpp." in form
        assert (
            'value="-2" checked' in form
            or 'checked value="-2"' in form
            or re.search(r'value="-2"[^>]*checked', form)
        )
        before = AuditEntry.objects.filter(action="strategy.interaction_set").count()
        response = client.post(target, interaction_data(score="-1"))
        assert response.status_code == 302
        interaction = GoalInteraction.objects.get(
            from_goal=goals["visitors"], to_goal=goals["emissions"]
        )
        assert interaction.score == -1
        assert (
            AuditEntry.objects.filter(action="strategy.interaction_set").count()
            == before + 1
        )

    def test_justification_required_and_input_kept(
        self, region, strategy, goals, strategist, client_en
    ):
        response = client_en(strategist).post(
            edit_url(region, strategy, goals["visitors"], goals["emissions"]),
            interaction_data(justification=""),
        )
        assert response.status_code == 200
        assert "This field is required." in response.text
        assert 'value="Länsstyrelsens klimatanalys"' in response.text
        assert not GoalInteraction.objects.exists()

    def test_htmx_get_returns_the_form_alone(
        self, region, strategy, goals, strategist, client_en
    ):
        response = client_en(strategist).get(
            edit_url(region, strategy, goals["visitors"], goals["emissions"]),
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        assert "<html" not in response.text
        assert 'hx-post="' in response.text

    def test_htmx_post_confirms_in_the_panel_and_refreshes_the_matrix(
        self, region, strategy, goals, strategist, client_en
    ):
        client = client_en(strategist)
        response = client.post(
            edit_url(region, strategy, goals["visitors"], goals["emissions"]),
            interaction_data(),
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        assert "The interaction was saved." in response.text
        assert "<html" not in response.text
        assert json.loads(response["HX-Trigger"]) == {"interactionUpdated": {}}
        assert GoalInteraction.objects.count() == 1
        # The matrix listens for the event and reloads itself as a fragment.
        page = client.get(matrix_url(region, strategy)).text
        assert 'hx-trigger="interactionUpdated from:body"' in page
        fragment = client.get(
            matrix_url(region, strategy), headers={"HX-Request": "true"}
        ).text
        assert "<html" not in fragment
        assert 'id="interaction-matrix"' in fragment
        assert "interaction-m3" in fragment
        assert "“Fler besökare” cancels (−3) “Lägre utsläpp”" in fragment
        # No message is left behind for the next full page.
        assert "The interaction was saved." not in page

    def test_htmx_delete(
        self, region, strategy, goals, interactions, strategist, client_en
    ):
        response = client_en(strategist).post(
            edit_url(region, strategy, goals["visitors"], goals["emissions"]),
            {"delete": "1"},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        assert "The interaction was removed." in response.text
        assert "interactionUpdated" in response["HX-Trigger"]
        assert GoalInteraction.objects.count() == 2

    def test_htmx_post_with_errors_returns_the_form(
        self, region, strategy, goals, strategist, client_en
    ):
        response = client_en(strategist).post(
            edit_url(region, strategy, goals["visitors"], goals["emissions"]),
            interaction_data(score=""),
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        assert "<html" not in response.text
        assert "error-summary" in response.text

    def test_delete(
        self, region, strategy, goals, interactions, strategist, no_role_user, outsider
    ):
        target = edit_url(region, strategy, goals["visitors"], goals["emissions"])
        assert_access(
            target,
            method="post",
            data={"delete": "1"},
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.interaction_remove",
        )
        assert not GoalInteraction.objects.filter(
            from_goal=goals["visitors"], to_goal=goals["emissions"]
        ).exists()
        assert GoalInteraction.objects.count() == 2

    def test_officer_gets_403(
        self, region, strategy, goals, interactions, officer, client_en
    ):
        client = client_en(officer)
        target = edit_url(region, strategy, goals["visitors"], goals["emissions"])
        before = AuditEntry.objects.count()
        assert client.get(target).status_code == 403
        assert client.post(target, interaction_data()).status_code == 403
        assert client.post(target, {"delete": "1"}).status_code == 403
        assert AuditEntry.objects.count() == before
        assert (
            GoalInteraction.objects.get(
                from_goal=goals["visitors"], to_goal=goals["emissions"]
            ).score
            == -2
        )

    def test_same_goal_or_goal_of_other_strategy_is_404(
        self, region, strategy, draft_strategy, goals, strategist, client_en
    ):
        client = client_en(strategist)
        assert (
            client.get(
                edit_url(region, strategy, goals["jobs"], goals["jobs"])
            ).status_code
            == 404
        )
        stranger = GoalFactory(strategy=draft_strategy)
        assert (
            client.get(edit_url(region, strategy, goals["jobs"], stranger)).status_code
            == 404
        )


@pytest.mark.parametrize("language", ["sv", "da"])
def test_pages_render_in_nordic_languages(
    region, strategy, goals, interactions, strategist, language
):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(strategist)
    for target in [
        matrix_url(region, strategy),
        edit_url(region, strategy, goals["visitors"], goals["emissions"]),
        edit_url(region, strategy, goals["emissions"], goals["visitors"]),
    ]:
        response = client.get(target)
        assert response.status_code == 200, target
        assert f'lang="{language}"' in response.text


def test_matrix_follows_the_tree_reading_order(region, strategy, officer):
    # Two areas whose goals have the same sibling order: 1.1 and 2.1 have order 0.
    first = GoalFactory(
        strategy=strategy, kind=GoalKind.PRIORITY_AREA, code="1", order=0
    )
    second = GoalFactory(
        strategy=strategy, kind=GoalKind.PRIORITY_AREA, code="2", order=1
    )
    for parent, prefix in ((first, "1"), (second, "2")):
        for n in (1, 2):
            GoalFactory(
                strategy=strategy, parent=parent, code=f"{prefix}.{n}", order=n - 1
            )
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(officer)
    page = client.get(matrix_url(region, strategy)).content.decode()
    header = page[page.index("<thead") : page.index("</thead>")]
    codes = re.findall(r">\s*(\d\.\d)\s*<", header)
    assert codes == ["1.1", "1.2", "2.1", "2.2"]
