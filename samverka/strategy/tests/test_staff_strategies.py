"""Staff screens of strategies: list, create, edit, adopt, versions, diff, delete, documents."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.core.models import AuditEntry
from samverka.core.testing import assert_access
from samverka.strategy import forms, services
from samverka.strategy.choices import StrategyLevel, StrategyStatus
from samverka.strategy.models import Goal, Strategy, StrategyDocument
from samverka.strategy.tests.factories import GoalFactory, StrategyFactory

pytestmark = pytest.mark.django_db


def url(name, region, *args):
    return reverse(f"strategy:{name}", args=[region.slug, *args])


def strategy_data(**overrides):
    return {
        "title": "Regional utvecklingsstrategi 2030",
        "short_name": "RUS",
        "summary": "Ett hållbart Västernorrland.",
        "start_year": "2021",
        "end_year": "2030",
        "owner": "Regionala utvecklingsnämnden",
        "level": "regional",
        "title__en": "Regional development strategy 2030",
        "summary__en": "A sustainable Västernorrland.",
        "title__da": "",
        "summary__da": "",
        "title__nb": "",
        "summary__nb": "",
        "title__fi": "",
        "summary__fi": "",
        **overrides,
    }


def pdf_file(name="rus.pdf"):
    return SimpleUploadedFile(
        name, b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n", "application/pdf"
    )


def zip_file(name, members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return SimpleUploadedFile(name, buffer.getvalue(), "application/octet-stream")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


class StrategyListTests:
    def test_access_and_content(
        self, region, officer, no_role_user, outsider, strategy, draft_strategy
    ):
        result = assert_access(
            url("staff_strategy_list", region),
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        text = result.response.text
        assert strategy.title in text
        assert draft_strategy.title in text
        assert "Draft" in text
        assert "Adopted" in text
        # An officer reads; only editors get the button.
        assert "New strategy" not in text

    def test_versions_listed_together(self, region, strategist, strategy, client_en):
        new = services.strategy_new_version(strategy=strategy, by=strategist)
        other_region_strategy = StrategyFactory(title="Någon annans strategi")
        text = client_en(strategist).get(url("staff_strategy_list", region)).text
        assert "New strategy" in text
        assert text.count(strategy.title) >= 2
        assert text.index(f"staff/{region.slug}/strategy/{new.pk}/") < text.index(
            f"staff/{region.slug}/strategy/{strategy.pk}/"
        )
        assert other_region_strategy.title not in text


class StrategyCreateTests:
    def test_access_get(self, region, strategist, no_role_user, outsider):
        assert_access(
            url("staff_strategy_create", region),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )

    def test_create(self, region, strategist, no_role_user, outsider):
        higher = StrategyFactory(
            region=None,
            level=StrategyLevel.GLOBAL,
            title="Agenda 2030",
            adopted=True,
        )
        result = assert_access(
            url("staff_strategy_create", region),
            method="post",
            data=strategy_data(serves=[higher.pk]),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.strategy_create",
        )
        strategy = Strategy.objects.get(title="Regional utvecklingsstrategi 2030")
        assert result.response["Location"] == url(
            "staff_strategy_detail", region, strategy.pk
        )
        assert strategy.region == region
        assert strategy.status == StrategyStatus.DRAFT
        assert list(strategy.serves.all()) == [higher]
        assert strategy.translations == {
            "en": {
                "title": "Regional development strategy 2030",
                "summary": "A sustainable Västernorrland.",
            }
        }

    def test_officer_may_not_create(self, region, officer, client_en):
        client = client_en(officer)
        assert client.get(url("staff_strategy_create", region)).status_code == 403
        response = client.post(url("staff_strategy_create", region), strategy_data())
        assert response.status_code == 403
        assert not Strategy.objects.exists()

    def test_form_offers_translations_but_not_the_region_language(
        self, region, strategist, client_en
    ):
        text = client_en(strategist).get(url("staff_strategy_create", region)).text
        for name in ("title__en", "title__da", "title__nb", "title__fi"):
            assert f'name="{name}"' in text
        assert 'name="title__sv"' not in text
        # Only regional and local levels for a region's strategy.
        assert 'value="regional"' in text
        assert 'value="local"' in text
        assert 'value="global"' not in text

    def test_period_error_keeps_text(self, region, strategist, client_en):
        response = client_en(strategist).post(
            url("staff_strategy_create", region),
            strategy_data(start_year="2030", end_year="2021"),
        )
        assert response.status_code == 200
        assert "The last year cannot be before the first year." in response.text
        assert "Regional development strategy 2030" in response.text
        assert not Strategy.objects.exists()

    def test_serves_only_higher_or_own_region(
        self, region, other_region, strategist, client_en
    ):
        foreign = StrategyFactory(
            region=other_region, title="Sjællands strategi", adopted=True
        )
        national = StrategyFactory(
            region=None,
            level=StrategyLevel.NATIONAL,
            title="Nationell strategi",
            adopted=True,
        )
        text = client_en(strategist).get(url("staff_strategy_create", region)).text
        assert "Nationell strategi" in text
        assert foreign.title not in text
        response = client_en(strategist).post(
            url("staff_strategy_create", region),
            strategy_data(serves=[foreign.pk, national.pk]),
        )
        assert response.status_code == 200
        assert not Strategy.objects.filter(region=region).exists()


class StrategyDetailTests:
    def test_access(self, region, officer, no_role_user, outsider, draft_strategy):
        GoalFactory(strategy=draft_strategy, title="Stärkt innovationskraft", code="2")
        result = assert_access(
            url("staff_strategy_detail", region, draft_strategy.pk),
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        text = result.response.text
        assert draft_strategy.title in text
        assert "Stärkt innovationskraft" in text
        # Read only: no edit buttons, no adoption form.
        assert "Edit strategy" not in text
        assert "staff_goal" not in text
        assert f"/strategy/{draft_strategy.pk}/goals/" not in text
        assert "Record the adoption" not in text

    def test_editor_sees_actions(self, region, strategist, draft_strategy, client_en):
        goal = GoalFactory(strategy=draft_strategy, title="Stärkt innovationskraft")
        text = (
            client_en(strategist)
            .get(url("staff_strategy_detail", region, draft_strategy.pk))
            .text
        )
        assert "Edit strategy" in text
        assert "Record the adoption" in text
        assert "Delete draft" in text
        assert url("staff_goal_update", region, draft_strategy.pk, goal.pk) in text
        assert "Move “Stärkt innovationskraft” up" in text

    def test_other_region_strategy_is_404(
        self, region, other_region, strategist, client_en
    ):
        foreign = StrategyFactory(region=other_region, adopted=True)
        response = client_en(strategist).get(
            url("staff_strategy_detail", region, foreign.pk)
        )
        assert response.status_code == 404

    def test_superseded_version_has_no_edit_buttons(
        self, region, strategist, strategy, goal, client_en
    ):
        new = services.strategy_new_version(strategy=strategy, by=strategist)
        services.strategy_adopt(
            strategy=new, by=strategist, adopted_on=datetime.date(2024, 1, 1)
        )
        text = (
            client_en(strategist)
            .get(url("staff_strategy_detail", region, strategy.pk))
            .text
        )
        assert "Superseded" in text
        assert "Edit strategy" not in text
        assert url("staff_goal_update", region, strategy.pk, goal.pk) not in text

    def test_query_count_does_not_grow_with_goals(
        self,
        region,
        strategist,
        draft_strategy,
        client_en,
        django_assert_max_num_queries,
    ):
        client = client_en(strategist)
        detail = url("staff_strategy_detail", region, draft_strategy.pk)
        for _ in range(3):
            GoalFactory(strategy=draft_strategy)
        client.get(detail)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            client.get(detail)
        for _ in range(15):
            parent = GoalFactory(strategy=draft_strategy)
            GoalFactory(strategy=draft_strategy, parent=parent)
        with CaptureQueriesContext(connection) as many:
            client.get(detail)
        assert len(many) == len(few)


class StrategyUpdateTests:
    def test_access_get(
        self, region, strategist, no_role_user, outsider, draft_strategy
    ):
        result = assert_access(
            url("staff_strategy_update", region, draft_strategy.pk),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        assert (
            f'name="revision" value="{draft_strategy.revision}"' in result.response.text
        )

    def test_update(self, region, strategist, no_role_user, outsider, draft_strategy):
        assert_access(
            url("staff_strategy_update", region, draft_strategy.pk),
            method="post",
            data=strategy_data(
                title="RUS 2030, remiss", revision=draft_strategy.revision
            ),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.strategy_update",
        )
        draft_strategy.refresh_from_db()
        assert draft_strategy.title == "RUS 2030, remiss"
        assert draft_strategy.revision == 2
        assert (
            draft_strategy.translations["en"]["title"]
            == "Regional development strategy 2030"
        )

    def test_officer_post_is_403(self, region, officer, draft_strategy, client_en):
        response = client_en(officer).post(
            url("staff_strategy_update", region, draft_strategy.pk),
            strategy_data(revision=draft_strategy.revision),
        )
        assert response.status_code == 403
        draft_strategy.refresh_from_db()
        assert draft_strategy.title == "RUS 2030 (utkast)"

    def test_other_translations_are_kept(
        self, region, strategist, draft_strategy, client_en
    ):
        Strategy.objects.filter(pk=draft_strategy.pk).update(
            translations={
                "en": {"title": "Old English"},
                "da": {"title": "Dansk titel"},
            }
        )
        client_en(strategist).post(
            url("staff_strategy_update", region, draft_strategy.pk),
            strategy_data(
                revision=1, title__da="Dansk titel", title__en="", summary__en=""
            ),
        )
        draft_strategy.refresh_from_db()
        assert draft_strategy.translations == {"da": {"title": "Dansk titel"}}

    def test_stale_save_keeps_typed_text(
        self, region, strategist, draft_strategy, client_en
    ):
        client = client_en(strategist)
        edit = url("staff_strategy_update", region, draft_strategy.pk)
        read_revision = draft_strategy.revision
        # Someone else saves first.
        services.strategy_update(
            strategy=draft_strategy,
            by=strategist,
            data={"summary": "Kollegans nya sammanfattning."},
            revision=read_revision,
        )
        before = AuditEntry.objects.count()
        response = client.post(
            edit,
            strategy_data(
                title="Min nya titel", summary="Min egen text", revision=read_revision
            ),
        )
        assert response.status_code == 200
        text = response.text
        assert "was changed by someone else after you opened it" in text
        assert "Min nya titel" in text
        assert "Min egen text" in text
        # The other save is shown, and the form now carries the current revision.
        assert "Kollegans nya sammanfattning." in text
        assert 'name="revision" value="2"' in text
        draft_strategy.refresh_from_db()
        assert draft_strategy.title == "RUS 2030 (utkast)"
        assert draft_strategy.summary == "Kollegans nya sammanfattning."
        assert AuditEntry.objects.count() == before
        # Saving again (after comparing) goes through.
        response = client.post(
            edit,
            strategy_data(title="Min nya titel", summary="Min egen text", revision=2),
        )
        assert response.status_code == 302
        draft_strategy.refresh_from_db()
        assert draft_strategy.title == "Min nya titel"

    def test_superseded_version_is_frozen(
        self, region, strategist, strategy, client_en
    ):
        new = services.strategy_new_version(strategy=strategy, by=strategist)
        services.strategy_adopt(
            strategy=new, by=strategist, adopted_on=datetime.date(2024, 1, 1)
        )
        strategy.refresh_from_db()
        response = client_en(strategist).post(
            url("staff_strategy_update", region, strategy.pk),
            strategy_data(revision=strategy.revision),
        )
        assert response.status_code == 200
        assert "A superseded version is kept as it was" in response.text
        strategy.refresh_from_db()
        assert strategy.title == "Regional utvecklingsstrategi för Västernorrland"


class StrategyAdoptTests:
    def test_adopt(self, region, strategist, no_role_user, outsider, draft_strategy):
        assert_access(
            url("staff_strategy_adopt", region, draft_strategy.pk),
            method="post",
            data={"adopted_on": "2025-06-12", "decision_reference": "RF § 88"},
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.strategy_adopt",
        )
        draft_strategy.refresh_from_db()
        assert draft_strategy.status == StrategyStatus.ADOPTED
        assert draft_strategy.adopted_on == datetime.date(2025, 6, 12)
        assert draft_strategy.decision_reference == "RF § 88"

    def test_officer_post_is_403(self, region, officer, draft_strategy, client_en):
        response = client_en(officer).post(
            url("staff_strategy_adopt", region, draft_strategy.pk),
            {"adopted_on": "2025-06-12"},
        )
        assert response.status_code == 403
        draft_strategy.refresh_from_db()
        assert draft_strategy.status == StrategyStatus.DRAFT

    def test_adopted_cannot_be_adopted_again(
        self, region, strategist, strategy, client_en
    ):
        response = client_en(strategist).post(
            url("staff_strategy_adopt", region, strategy.pk),
            {"adopted_on": "2025-06-12"},
        )
        assert response.status_code == 200
        assert "Only a draft can be adopted." in response.text

    def test_date_required(self, region, strategist, draft_strategy, client_en):
        response = client_en(strategist).post(
            url("staff_strategy_adopt", region, draft_strategy.pk), {"adopted_on": ""}
        )
        assert response.status_code == 200
        assert "This field is required." in response.text


class NewVersionAndDiffTests:
    def test_new_version(
        self, region, strategist, no_role_user, outsider, strategy, goal
    ):
        result = assert_access(
            url("staff_strategy_new_version", region, strategy.pk),
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.strategy_new_version",
        )
        new = Strategy.objects.get(previous_version=strategy)
        assert result.response["Location"] == url(
            "staff_strategy_detail", region, new.pk
        )
        assert new.status == StrategyStatus.DRAFT
        assert new.goals.get().copied_from == goal

    def test_get_is_not_allowed(self, region, strategist, strategy, client_en):
        response = client_en(strategist).get(
            url("staff_strategy_new_version", region, strategy.pk)
        )
        assert response.status_code == 405

    def test_officer_post_is_403(self, region, officer, strategy, client_en):
        response = client_en(officer).post(
            url("staff_strategy_new_version", region, strategy.pk)
        )
        assert response.status_code == 403
        assert not Strategy.objects.filter(previous_version=strategy).exists()

    def test_second_new_version_is_refused(
        self, region, strategist, strategy, client_en
    ):
        client = client_en(strategist)
        client.post(url("staff_strategy_new_version", region, strategy.pk))
        response = client.post(
            url("staff_strategy_new_version", region, strategy.pk), follow=True
        )
        assert "This version already has a newer version." in response.text
        assert Strategy.objects.filter(previous_version=strategy).count() == 1

    def test_diff(self, region, officer, strategist, no_role_user, outsider, strategy):
        kept = GoalFactory(strategy=strategy, title="Hållbar besöksnäring", code="1")
        GoalFactory(strategy=strategy, title="Gammalt mål", code="2")
        moved = GoalFactory(strategy=strategy, title="Flyttat mål", code="3")
        same = GoalFactory(strategy=strategy, title="Oförändrat mål", code="4")
        new = services.strategy_new_version(strategy=strategy, by=strategist)
        services.strategy_update(
            strategy=new, by=strategist, data={"start_year": 2021, "end_year": 2030}
        )
        twin = new.goals.get(copied_from=kept)
        services.goal_update(
            goal=twin,
            by=strategist,
            data={"title": "Hållbar och året runt-besöksnäring"},
        )
        services.goal_delete(goal=new.goals.get(title="Gammalt mål"), by=strategist)
        services.goal_create(
            strategy=new, by=strategist, data={"title": "Nytt mål om vätgas"}
        )
        services.goal_move(
            goal=new.goals.get(copied_from=moved),
            by=strategist,
            parent=twin,
            position=0,
        )

        result = assert_access(
            url("staff_strategy_diff", region, new.pk) + f"?with={strategy.pk}",
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        diff = result.response.context["diff"]
        assert diff.old == strategy
        assert diff.new == new
        assert [g.title for g in diff.added] == ["Nytt mål om vätgas"]
        assert [g.title for g in diff.removed] == ["Gammalt mål"]
        changed = {c.old.title: c for c in diff.changed}
        assert set(changed) == {"Hållbar besöksnäring", "Flyttat mål"}
        title_change = changed["Hållbar besöksnäring"].changes
        assert [(str(c.label), c.old, c.new) for c in title_change] == [
            ("Title", "Hållbar besöksnäring", "Hållbar och året runt-besöksnäring")
        ]
        parent_change = changed["Flyttat mål"].changes[0]
        assert str(parent_change.label) == "Parent"
        assert parent_change.old == ""
        assert "Hållbar och året runt-besöksnäring" in parent_change.new
        assert same.title not in changed
        period = {str(c.label): (c.old, c.new) for c in diff.fields}
        assert period["First year"] == ("2011", "2021")
        assert period["Last year"] == ("2020", "2030")
        text = result.response.text
        assert "Nytt mål om vätgas" in text
        assert "Gammalt mål" in text
        assert "<del>Hållbar besöksnäring</del>" in text
        assert "<ins>Hållbar och året runt-besöksnäring</ins>" in text

    def test_diff_defaults_to_previous_and_works_either_way(
        self, region, strategist, strategy, goal, client_en
    ):
        new = services.strategy_new_version(strategy=strategy, by=strategist)
        services.goal_update(goal=new.goals.get(), by=strategist, data={"code": "1.1"})
        client = client_en(strategist)
        default = client.get(url("staff_strategy_diff", region, new.pk))
        assert default.context["diff"].old == strategy
        reverse_order = client.get(
            url("staff_strategy_diff", region, strategy.pk) + f"?with={new.pk}"
        )
        assert reverse_order.context["diff"].new == new
        assert [c.new for c in reverse_order.context["diff"].changed[0].changes] == [
            "1.1"
        ]

    def test_diff_with_unrelated_strategy_is_404(
        self, region, strategist, strategy, draft_strategy, client_en
    ):
        response = client_en(strategist).get(
            url("staff_strategy_diff", region, strategy.pk)
            + f"?with={draft_strategy.pk}"
        )
        assert response.status_code == 404
        no_previous = client_en(strategist).get(
            url("staff_strategy_diff", region, strategy.pk)
        )
        assert no_previous.status_code == 404


class StrategyDeleteTests:
    def test_access_get(
        self, region, strategist, no_role_user, outsider, draft_strategy
    ):
        result = assert_access(
            url("staff_strategy_delete", region, draft_strategy.pk),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        assert "Delete the draft" in result.response.text

    def test_delete(self, region, strategist, no_role_user, outsider, draft_strategy):
        parent = GoalFactory(strategy=draft_strategy)
        GoalFactory(strategy=draft_strategy, parent=parent)
        assert_access(
            url("staff_strategy_delete", region, draft_strategy.pk),
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.strategy_delete",
        )
        assert not Strategy.objects.filter(pk=draft_strategy.pk).exists()
        assert not Goal.objects.exists()

    def test_adopted_is_not_deleted(self, region, strategist, strategy, client_en):
        client = client_en(strategist)
        response = client.get(
            url("staff_strategy_delete", region, strategy.pk), follow=True
        )
        assert "Only a draft can be deleted" in response.text
        response = client.post(
            url("staff_strategy_delete", region, strategy.pk), follow=True
        )
        assert "Only a draft can be deleted" in response.text
        assert Strategy.objects.filter(pk=strategy.pk).exists()

    def test_officer_post_is_403(self, region, officer, draft_strategy, client_en):
        response = client_en(officer).post(
            url("staff_strategy_delete", region, draft_strategy.pk)
        )
        assert response.status_code == 403
        assert Strategy.objects.filter(pk=draft_strategy.pk).exists()


class DocumentTests:
    def test_add(self, region, strategist, no_role_user, outsider, strategy):
        assert_access(
            url("staff_document_add", region, strategy.pk),
            method="post",
            data_factory=lambda: {
                "kind": "full_text",
                "title": "RUS fulltext",
                "language": "sv",
                "file": pdf_file(),
            },
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.document_add",
        )
        document = StrategyDocument.objects.get()
        assert document.strategy == strategy
        assert document.file.read().startswith(b"%PDF-")

    def test_access_get(self, region, strategist, no_role_user, outsider, strategy):
        assert_access(
            url("staff_document_add", region, strategy.pk),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )

    @pytest.mark.parametrize(
        ("upload", "accepted"),
        [
            (lambda: pdf_file("rus.pdf"), True),
            (
                lambda: zip_file(
                    "rus.docx",
                    {
                        "[Content_Types].xml": "<Types/>",
                        "word/document.xml": "<w:document/>",
                    },
                ),
                True,
            ),
            (
                lambda: zip_file(
                    "rus.odt",
                    {
                        "mimetype": "application/vnd.oasis.opendocument.text",
                        "content.xml": "<x/>",
                    },
                ),
                True,
            ),
            # Named like a PDF, but it is not one.
            (
                lambda: SimpleUploadedFile(
                    "rus.pdf", b"<html>nope</html>", "application/pdf"
                ),
                False,
            ),
            # A ZIP that is no Word or OpenDocument file.
            (lambda: zip_file("rus.docx", {"readme.txt": "hello"}), False),
            # An OpenDocument spreadsheet is not a text document.
            (
                lambda: zip_file(
                    "rus.odt",
                    {"mimetype": "application/vnd.oasis.opendocument.spreadsheet"},
                ),
                False,
            ),
        ],
    )
    def test_type_is_checked_by_content(
        self, region, strategist, strategy, client_en, upload, accepted
    ):
        response = client_en(strategist).post(
            url("staff_document_add", region, strategy.pk),
            {"kind": "full_text", "title": "RUS", "language": "sv", "file": upload()},
        )
        assert StrategyDocument.objects.exists() is accepted
        if not accepted:
            assert response.status_code == 200
            assert (
                "is not a PDF, Word (DOCX) or OpenDocument text file" in response.text
            )

    def test_size_limit(self, region, strategist, strategy, client_en, monkeypatch):
        monkeypatch.setattr(forms, "MAX_DOCUMENT_SIZE", 20)
        response = client_en(strategist).post(
            url("staff_document_add", region, strategy.pk),
            {"kind": "full_text", "title": "RUS", "language": "sv", "file": pdf_file()},
        )
        assert response.status_code == 200
        assert "The file is larger than" in response.text
        assert not StrategyDocument.objects.exists()

    def test_real_limit_is_20_mb(self):
        assert forms.MAX_DOCUMENT_SIZE == 20 * 1024 * 1024

    def test_remove(self, region, strategist, no_role_user, outsider, strategy):
        document = services.strategy_document_add(
            strategy=strategy,
            by=strategist,
            kind="full_text",
            title="RUS fulltext",
            language="sv",
            file=pdf_file(),
        )
        assert_access(
            url("staff_document_remove", region, strategy.pk, document.pk),
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.document_remove",
        )
        assert not StrategyDocument.objects.exists()

    def test_officer_cannot_remove(
        self, region, officer, strategist, strategy, client_en
    ):
        document = services.strategy_document_add(
            strategy=strategy,
            by=strategist,
            kind="full_text",
            title="RUS fulltext",
            language="sv",
            file=pdf_file(),
        )
        client = client_en(officer)
        detail = client.get(url("staff_strategy_detail", region, strategy.pk)).text
        assert "RUS fulltext" in detail
        assert (
            url("staff_document_remove", region, strategy.pk, document.pk) not in detail
        )
        response = client.post(
            url("staff_document_remove", region, strategy.pk, document.pk)
        )
        assert response.status_code == 403
        assert StrategyDocument.objects.exists()


class TranslatedLabelTests:
    @pytest.mark.parametrize(
        ("language", "save", "description"),
        [("sv", "Spara", "Beskrivning"), ("da", "Gem", "Beskrivelse")],
    )
    def test_goal_form_labels(
        self, region, strategist, draft_strategy, client, language, save, description
    ):
        from django.conf import settings

        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        client.force_login(strategist)
        response = client.get(url("staff_goal_create", region, draft_strategy.pk))
        assert response.status_code == 200
        assert f'<html lang="{language}">' in response.text
        assert save in response.text
        assert description in response.text
