"""The goal tree editor: adding, editing (inline with htmx), moving and removing goals."""

import pytest
from django.urls import reverse

from samverka.core.models import AuditEntry
from samverka.core.testing import assert_access
from samverka.strategy import services
from samverka.strategy.models import Goal
from samverka.strategy.selectors import goal_tree
from samverka.strategy.tests.factories import GoalFactory, sdg_goal, sdg_target

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def url(name, region, *args):
    return reverse(f"strategy:{name}", args=[region.slug, *args])


def goal_data(**overrides):
    return {
        "kind": "goal",
        "code": "3",
        "title": "Fler jobb i besöksnäringen",
        "description": "Året runt.",
        "parent": "",
        "title__en": "More jobs in tourism",
        "description__en": "",
        **overrides,
    }


def shape(strategy):
    """The tree as nested (title, children) tuples, siblings in order."""

    def walk(nodes):
        return [(n.goal.title, walk(n.children)) for n in nodes]

    return walk(goal_tree(strategy))


@pytest.fixture
def tree(draft_strategy):
    """A: A1, A2, A3; B; C."""
    a = GoalFactory(strategy=draft_strategy, title="A", order=0)
    b = GoalFactory(strategy=draft_strategy, title="B", order=1)
    c = GoalFactory(strategy=draft_strategy, title="C", order=2)
    a1 = GoalFactory(strategy=draft_strategy, title="A1", parent=a, order=0)
    a2 = GoalFactory(strategy=draft_strategy, title="A2", parent=a, order=1)
    a3 = GoalFactory(strategy=draft_strategy, title="A3", parent=a, order=2)
    return {"A": a, "B": b, "C": c, "A1": a1, "A2": a2, "A3": a3}


class GoalCreateTests:
    def test_access_get(
        self, region, strategist, no_role_user, outsider, draft_strategy
    ):
        assert_access(
            url("staff_goal_create", region, draft_strategy.pk),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )

    def test_create_with_sdgs(
        self, region, strategist, no_role_user, outsider, draft_strategy
    ):
        eight = sdg_goal(8)
        target = sdg_target("8.9")
        parent = GoalFactory(strategy=draft_strategy, title="Attraktiv region")
        result = assert_access(
            url("staff_goal_create", region, draft_strategy.pk)
            + f"?parent={parent.pk}",
            method="post",
            data=goal_data(
                parent=parent.pk, sdg_goals=[eight.pk], sdg_targets=[target.pk]
            ),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.goal_create",
        )
        goal = Goal.objects.get(title="Fler jobb i besöksnäringen")
        assert result.response["Location"].endswith(f"#goal-{goal.pk}")
        assert goal.parent == parent
        assert list(goal.sdg_goals.all()) == [eight]
        assert list(goal.sdg_targets.all()) == [target]
        assert goal.translations == {"en": {"title": "More jobs in tourism"}}

    def test_parent_preselected_and_sdg_choices(
        self, region, strategist, draft_strategy, client_en
    ):
        sdg_target("8.9")
        parent = GoalFactory(strategy=draft_strategy, title="Attraktiv region")
        text = (
            client_en(strategist)
            .get(
                url("staff_goal_create", region, draft_strategy.pk)
                + f"?parent={parent.pk}"
            )
            .text
        )
        assert f'<option value="{parent.pk}" selected>' in text
        assert "8. Decent work and economic growth" in text
        assert '<optgroup label="8. Decent work and economic growth">' in text
        assert "8.9 By 2030, devise" in text

    def test_parent_of_another_strategy_is_404(
        self, region, strategist, draft_strategy, goal, client_en
    ):
        response = client_en(strategist).get(
            url("staff_goal_create", region, draft_strategy.pk) + f"?parent={goal.pk}"
        )
        assert response.status_code == 404

    def test_officer_may_not(self, region, officer, draft_strategy, client_en):
        client = client_en(officer)
        create = url("staff_goal_create", region, draft_strategy.pk)
        assert client.get(create).status_code == 403
        assert client.post(create, goal_data()).status_code == 403
        assert not Goal.objects.exists()

    def test_htmx_get_returns_inline_form(
        self, region, strategist, draft_strategy, client_en
    ):
        parent = GoalFactory(strategy=draft_strategy, title="Attraktiv region")
        response = client_en(strategist).get(
            url("staff_goal_create", region, draft_strategy.pk)
            + f"?parent={parent.pk}",
            headers=HTMX,
        )
        text = response.text
        assert "<html" not in text
        assert 'class="goal-inline-form"' in text
        assert 'hx-target="#goal-tree"' in text
        # Ids of its own, so that two open forms do not clash; the title gets the focus.
        assert f'id="new{parent.pk}-title"' in text
        assert "autofocus" in text

    def test_htmx_post_returns_tree(
        self, region, strategist, draft_strategy, client_en
    ):
        response = client_en(strategist).post(
            url("staff_goal_create", region, draft_strategy.pk),
            goal_data(title__en=""),
            headers=HTMX,
        )
        assert response.status_code == 200
        text = response.text
        assert "<html" not in text
        assert text.startswith('<div id="goal-tree"')
        goal = Goal.objects.get()
        assert f'id="goal-{goal.pk}-edit"' in text
        # The focus goes to the new goal; the status region announces it.
        assert f'id="goal-{goal.pk}-edit" ' in text
        assert " autofocus>" in text
        assert 'hx-swap-oob="innerHTML">“Fler jobb i besöksnäringen” was added.' in text

    def test_htmx_invalid_retargets_the_form(
        self, region, strategist, draft_strategy, client_en
    ):
        response = client_en(strategist).post(
            url("staff_goal_create", region, draft_strategy.pk),
            goal_data(title=""),
            headers=HTMX,
        )
        assert response.status_code == 200
        assert response["HX-Retarget"] == "#goal-root-new"
        assert response["HX-Reswap"] == "innerHTML"
        assert "This field is required." in response.text
        assert 'value="3"' in response.text  # the code typed is kept
        assert not Goal.objects.exists()

    def test_superseded_strategy_refuses(self, region, strategist, strategy, client_en):
        import datetime

        new = services.strategy_new_version(strategy=strategy, by=strategist)
        services.strategy_adopt(
            strategy=new, by=strategist, adopted_on=datetime.date(2024, 1, 1)
        )
        response = client_en(strategist).post(
            url("staff_goal_create", region, strategy.pk), goal_data()
        )
        assert response.status_code == 200
        assert "A superseded version is kept as it was" in response.text
        assert not strategy.goals.exists()


class GoalUpdateTests:
    def test_access_get(self, region, strategist, no_role_user, outsider, goal):
        result = assert_access(
            url("staff_goal_update", region, goal.strategy.pk, goal.pk),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        assert "Hållbar besöksnäring" in result.response.text

    def test_update(self, region, strategist, no_role_user, outsider, goal):
        assert_access(
            url("staff_goal_update", region, goal.strategy.pk, goal.pk),
            method="post",
            data=goal_data(code="1", revision=goal.revision),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.goal_update",
        )
        goal.refresh_from_db()
        assert goal.title == "Fler jobb i besöksnäringen"
        assert goal.revision == 2

    def test_goal_of_another_strategy_is_404(
        self, region, strategist, goal, draft_strategy, client_en
    ):
        response = client_en(strategist).get(
            url("staff_goal_update", region, draft_strategy.pk, goal.pk)
        )
        assert response.status_code == 404

    def test_officer_post_is_403(self, region, officer, goal, client_en):
        response = client_en(officer).post(
            url("staff_goal_update", region, goal.strategy.pk, goal.pk),
            goal_data(revision=goal.revision),
        )
        assert response.status_code == 403
        goal.refresh_from_db()
        assert goal.title == "Hållbar besöksnäring"

    def test_cycle_is_refused_next_to_the_parent(
        self, region, strategist, draft_strategy, client_en
    ):
        top = GoalFactory(strategy=draft_strategy, title="Överst")
        middle = GoalFactory(strategy=draft_strategy, title="Mitten", parent=top)
        below = GoalFactory(strategy=draft_strategy, title="Nederst", parent=middle)
        response = client_en(strategist).post(
            url("staff_goal_update", region, draft_strategy.pk, top.pk),
            goal_data(title="Överst, ändrad", parent=below.pk, revision=top.revision),
        )
        assert response.status_code == 200
        text = response.text
        assert (
            "“Överst, ändrad” cannot be placed under itself or one of its own sub-goals."
            in text
        )
        assert 'id="id_parent_error"' in text
        top.refresh_from_db()
        assert top.parent is None
        assert top.title == "Överst"
        # The goal is not offered as its own parent.
        assert f'<option value="{top.pk}"' not in text

    def test_two_editors_second_is_told_and_loses_nothing(
        self, region, strategist, region_admin, goal, client_en
    ):
        edit = url("staff_goal_update", region, goal.strategy.pk, goal.pk)
        first, second = client_en(strategist), client_en(region_admin)
        # Both open the form and read the same revision.
        assert f'name="revision" value="{goal.revision}"' in first.get(edit).text
        assert f'name="revision" value="{goal.revision}"' in second.get(edit).text
        response = first.post(
            edit, goal_data(title="Första redaktörens titel", revision=goal.revision)
        )
        assert response.status_code == 302
        before = AuditEntry.objects.count()
        response = second.post(
            edit,
            goal_data(
                title="Andra redaktörens titel",
                description="Andra redaktörens text",
                revision=goal.revision,
            ),
        )
        assert response.status_code == 200
        text = response.text
        assert "was changed by someone else after you opened it" in text
        assert "Andra redaktörens titel" in text
        assert "Andra redaktörens text" in text
        assert "Första redaktörens titel" in text  # what is stored now
        assert 'name="revision" value="2"' in text
        assert AuditEntry.objects.count() == before
        goal.refresh_from_db()
        assert goal.title == "Första redaktörens titel"
        # Saving again goes through.
        response = second.post(
            edit, goal_data(title="Andra redaktörens titel", revision=2)
        )
        assert response.status_code == 302
        goal.refresh_from_db()
        assert goal.title == "Andra redaktörens titel"

    def test_stale_inline_edit_keeps_text(self, region, strategist, goal, client_en):
        edit = url("staff_goal_update", region, goal.strategy.pk, goal.pk)
        services.goal_update(goal=goal, by=strategist, data={"code": "9"}, revision=1)
        response = client_en(strategist).post(
            edit, goal_data(title="Min text", revision=1), headers=HTMX
        )
        assert response["HX-Retarget"] == f"#goal-{goal.pk}-row"
        assert "was changed by someone else" in response.text
        assert "Min text" in response.text

    def test_htmx_get_returns_inline_form(self, region, strategist, goal, client_en):
        response = client_en(strategist).get(
            url("staff_goal_update", region, goal.strategy.pk, goal.pk), headers=HTMX
        )
        text = response.text
        assert "<html" not in text
        assert f'id="goal{goal.pk}-title"' in text
        assert 'value="Hållbar besöksnäring"' in text
        assert (
            f'hx-get="{url("staff_strategy_detail", region, goal.strategy.pk)}?focus={goal.pk}-edit"'
            in text
        )

    def test_htmx_post_returns_tree(self, region, strategist, goal, client_en):
        response = client_en(strategist).post(
            url("staff_goal_update", region, goal.strategy.pk, goal.pk),
            goal_data(title="Hållbar turism", title__en="", revision=goal.revision),
            headers=HTMX,
        )
        text = response.text
        assert text.startswith('<div id="goal-tree"')
        assert "Hållbar turism" in text
        goal.refresh_from_db()
        assert goal.title == "Hållbar turism"

    def test_translations_of_other_languages_are_kept(
        self, region, strategist, goal, client_en
    ):
        Goal.objects.filter(pk=goal.pk).update(
            translations={"da": {"title": "Bæredygtig turisme"}}
        )
        client_en(strategist).post(
            url("staff_goal_update", region, goal.strategy.pk, goal.pk),
            goal_data(revision=goal.revision),
        )
        goal.refresh_from_db()
        assert goal.translations == {
            "da": {"title": "Bæredygtig turisme"},
            "en": {"title": "More jobs in tourism"},
        }


class GoalMoveTests:
    def move(self, client, region, goal, parent, position, htmx=False, direction=""):
        return client.post(
            url("staff_goal_move", region, goal.strategy_id, goal.pk),
            {
                "parent": parent.pk if parent else "",
                "position": position,
                "direction": direction,
            },
            headers=HTMX if htmx else {},
        )

    def test_access(self, region, strategist, no_role_user, outsider, tree):
        assert_access(
            url("staff_goal_move", region, tree["B"].strategy_id, tree["B"].pk),
            method="post",
            data={"parent": "", "position": 0},
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.goal_move",
        )
        assert [t for t, _ in shape(tree["B"].strategy)] == ["B", "A", "C"]

    def test_officer_post_is_403(self, region, officer, tree, client_en):
        response = self.move(client_en(officer), region, tree["B"], None, 0)
        assert response.status_code == 403

    def test_buttons_post_the_right_moves(
        self, region, strategist, draft_strategy, tree, client_en
    ):
        """Each button's parent and position, as rendered, does what it says."""
        client = client_en(strategist)

        def press(goal, direction):
            text = client.get(
                url("staff_strategy_detail", region, draft_strategy.pk)
            ).text
            marker = f'id="goal-{goal.pk}-{direction}"'
            assert marker in text, f"no {direction} button for {goal.title}"
            form = text[: text.index(marker)].rsplit("<form", 1)[1]
            parent = form.split('name="parent" value="')[1].split('"')[0]
            position = form.split('name="position" value="')[1].split('"')[0]
            response = client.post(
                url("staff_goal_move", region, draft_strategy.pk, goal.pk),
                {"parent": parent, "position": position, "direction": direction},
            )
            assert response.status_code == 302
            assert response["Location"].endswith(f"#goal-{goal.pk}")

        press(tree["A2"], "up")
        assert shape(draft_strategy)[0] == (
            "A",
            [("A2", []), ("A1", []), ("A3", [])],
        )
        press(tree["A2"], "down")
        assert [t for t, _ in shape(draft_strategy)[0][1]] == ["A1", "A2", "A3"]
        press(tree["A3"], "indent")  # under A2, its previous sibling
        assert shape(draft_strategy)[0] == (
            "A",
            [("A1", []), ("A2", [("A3", [])])],
        )
        press(tree["A3"], "outdent")  # back after A2
        assert shape(draft_strategy)[0] == ("A", [("A1", []), ("A2", []), ("A3", [])])
        press(tree["A1"], "outdent")  # out of A: right after A
        assert [t for t, _ in shape(draft_strategy)] == ["A", "A1", "B", "C"]
        press(tree["C"], "up")
        assert [t for t, _ in shape(draft_strategy)] == ["A", "A1", "C", "B"]
        press(tree["B"], "indent")  # under C, last
        assert shape(draft_strategy)[2] == ("C", [("B", [])])

    def test_first_and_last_have_disabled_buttons(
        self, region, strategist, draft_strategy, tree, client_en
    ):
        text = (
            client_en(strategist)
            .get(url("staff_strategy_detail", region, draft_strategy.pk))
            .text
        )
        a = tree["A"].pk
        assert (
            f'id="goal-{a}-up" class="button button-small button-secondary move-button" disabled'
            in text
        )
        assert (
            f'id="goal-{a}-outdent" class="button button-small button-secondary move-button" disabled'
            in text
        )
        assert (
            f'id="goal-{tree["C"].pk}-down" class="button button-small button-secondary move-button" disabled'
            in text
        )
        assert "Move “A2” up" in text
        assert "Make “A2” a sub-goal of the goal above" in text
        assert "Move “A2” out one level" in text

    def test_htmx_move_returns_tree_with_focus(
        self, region, strategist, tree, client_en
    ):
        response = self.move(
            client_en(strategist), region, tree["B"], None, 0, htmx=True, direction="up"
        )
        text = response.text
        assert response.status_code == 200
        assert "<html" not in text
        assert text.startswith('<div id="goal-tree"')
        # B is now first: "up" is no longer possible, so the focus goes to "down".
        b = tree["B"].pk
        assert (
            f'id="goal-{b}-down" name="direction" value="down" class="button button-small button-secondary move-button" title="Move “B” down" autofocus>'
            in text
        )
        assert "“B” was moved." in text
        assert text.index(f'"goal-{b}"') < text.index(f'"goal-{tree["A"].pk}"')

    def test_move_into_own_subtree_is_refused(
        self, region, strategist, tree, client_en
    ):
        client = client_en(strategist)
        response = self.move(client, region, tree["A"], tree["A2"], 0, htmx=True)
        assert "cannot be placed under itself" in response.text
        assert tree["A"].__class__.objects.get(pk=tree["A"].pk).parent is None
        response = self.move(client, region, tree["A"], tree["A2"], 0)
        assert response.status_code == 302

    def test_bad_input_is_400(self, region, strategist, tree, goal, client_en):
        client = client_en(strategist)
        response = client.post(
            url("staff_goal_move", region, tree["A"].strategy_id, tree["A"].pk),
            {"parent": goal.pk, "position": 0},  # a goal of another strategy
        )
        assert response.status_code == 400
        response = client.post(
            url("staff_goal_move", region, tree["A"].strategy_id, tree["A"].pk),
            {"parent": "", "position": "-1"},
        )
        assert response.status_code == 400


class GoalDeleteTests:
    def test_access_get(self, region, strategist, no_role_user, outsider, goal):
        result = assert_access(
            url("staff_goal_delete", region, goal.strategy.pk, goal.pk),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        assert (
            "Remove “Hållbar besöksnäring” from the goal tree?" in result.response.text
        )

    def test_delete(self, region, strategist, no_role_user, outsider, goal):
        assert_access(
            url("staff_goal_delete", region, goal.strategy.pk, goal.pk),
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.goal_delete",
        )
        assert not Goal.objects.filter(pk=goal.pk).exists()

    def test_refused_with_sub_goals(self, region, strategist, tree, client_en):
        client = client_en(strategist)
        delete = url("staff_goal_delete", region, tree["A"].strategy_id, tree["A"].pk)
        page = client.get(delete).text
        assert "has sub-goals; move or remove them first." in page
        assert 'type="submit"' not in page.split("<main")[1]
        response = client.post(delete, follow=True)
        assert "has sub-goals; move or remove them first." in response.text
        assert Goal.objects.filter(pk=tree["A"].pk).exists()

    def test_officer_post_is_403(self, region, officer, goal, client_en):
        response = client_en(officer).post(
            url("staff_goal_delete", region, goal.strategy.pk, goal.pk)
        )
        assert response.status_code == 403
        assert Goal.objects.filter(pk=goal.pk).exists()


class TreeRenderingTests:
    def test_tree_shows_code_kind_title_and_sdgs(
        self, region, officer, draft_strategy, client_en
    ):
        vision = GoalFactory(
            strategy=draft_strategy, title="Ett län i balans", kind="vision"
        )
        area = GoalFactory(
            strategy=draft_strategy,
            title="Attraktiv region",
            kind="priority_area",
            code="2",
            parent=vision,
        )
        area.sdg_goals.set([sdg_goal(8)])
        text = (
            client_en(officer)
            .get(url("staff_strategy_detail", region, draft_strategy.pk))
            .text
        )
        assert '<span class="goal-code">2</span>' in text
        assert "Priority area" in text
        assert "SDG 8" in text
        # Nested: the priority area's list item sits inside the vision's.
        vision_at = text.index(f'id="goal-{vision.pk}"')
        area_at = text.index(f'id="goal-{area.pk}"')
        assert vision_at < text.index('<ul class="goal-tree">', vision_at) < area_at

    def test_htmx_detail_returns_tree_with_focus(
        self, region, strategist, goal, client_en
    ):
        response = client_en(strategist).get(
            url("staff_strategy_detail", region, goal.strategy.pk)
            + f"?focus={goal.pk}-edit",
            headers=HTMX,
        )
        text = response.text
        assert text.startswith('<div id="goal-tree"')
        assert f'id="goal-{goal.pk}-edit"' in text
        assert text.count("autofocus") == 1

    def test_htmx_cancel_of_a_new_top_level_goal_focuses_the_add_button(
        self, region, strategist, draft_strategy, client_en
    ):
        client = client_en(strategist)
        form = client.get(
            url("staff_goal_create", region, draft_strategy.pk), headers=HTMX
        ).text
        assert "?focus=root-add" in form
        text = client.get(
            url("staff_strategy_detail", region, draft_strategy.pk) + "?focus=root-add",
            headers=HTMX,
        ).text
        assert 'hx-swap="innerHTML" autofocus>' in text
        assert text.count("autofocus") == 1

    @pytest.mark.parametrize(
        ("parent_kind", "child_kind"),
        [
            ("vision", "priority_area"),
            ("priority_area", "goal"),
            ("goal", "sub_goal"),
            ("sub_goal", "sub_goal"),
        ],
    )
    def test_sub_goal_kind_follows_the_parent(
        self, region, strategist, draft_strategy, client_en, parent_kind, child_kind
    ):
        parent = GoalFactory(strategy=draft_strategy, kind=parent_kind)
        response = client_en(strategist).get(
            url("staff_goal_create", region, draft_strategy.pk) + f"?parent={parent.pk}"
        )
        assert response.context["form"]["kind"].value() == child_kind

    def test_english_titles_in_english(
        self, region, officer, draft_strategy, client_en
    ):
        GoalFactory(
            strategy=draft_strategy,
            title="Hållbar turism",
            translations={"en": {"title": "Sustainable tourism"}},
        )
        text = (
            client_en(officer)
            .get(url("staff_strategy_detail", region, draft_strategy.pk))
            .text
        )
        assert "Sustainable tourism" in text
