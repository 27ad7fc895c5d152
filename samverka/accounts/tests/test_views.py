import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.accounts.models import RoleAssignment
from samverka.accounts.tests.factories import UserFactory, staff_user
from samverka.core.models import AuditEntry
from samverka.core.testing import assert_access

pytestmark = pytest.mark.django_db


def login_post(client, email, password):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}
    )


class LoginTests:
    def test_login_with_email_and_redirect_home(self, region):
        user = staff_user(region, "officer", email="olle@example.org")
        response = login_post(Client(), "OLLE@example.org", "correct-horse-battery")
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:home")
        follow = Client()
        follow.force_login(user)
        home = follow.get(reverse("accounts:home"))
        assert home.status_code == 302
        assert home["Location"] == f"/staff/{region.slug}/"

    def test_wrong_password_keeps_the_email_and_says_why(self):
        UserFactory(email="kim@example.org")
        response = login_post(
            Client(HTTP_ACCEPT_LANGUAGE="en"), "kim@example.org", "wrong"
        )
        assert response.status_code == 200
        assert b'value="kim@example.org"' in response.content
        assert b"The e-mail address or the password is wrong" in response.content

    def test_failed_logins_are_rate_limited(self, settings):
        UserFactory(email="target@example.org")
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        for _ in range(settings.AXES_FAILURE_LIMIT):
            login_post(client, "target@example.org", "guess")
        locked = login_post(client, "target@example.org", "correct-horse-battery")
        assert locked.status_code == 429
        assert b"Too many failed logins" in locked.content
        # Another account from the same address is not locked out.
        UserFactory(email="other@example.org")
        assert (
            login_post(client, "other@example.org", "correct-horse-battery").status_code
            == 302
        )

    def test_login_page_in_swedish_and_danish(self):
        sv = Client(HTTP_ACCEPT_LANGUAGE="sv").get(reverse("accounts:login"))
        da = Client(HTTP_ACCEPT_LANGUAGE="da").get(reverse("accounts:login"))
        assert '<html lang="sv">' in sv.text
        assert "Logga in" in sv.text
        assert "E-postadress" in sv.text
        assert '<html lang="da">' in da.text
        assert "Log ind" in da.text

    def test_login_form_has_csrf(self):
        client = Client(enforce_csrf_checks=True)
        response = client.post(
            reverse("accounts:login"), {"username": "a@example.org", "password": "x"}
        )
        assert response.status_code == 403


class PasswordResetTests:
    def test_reset_mail_is_sent_through_a_task_and_link_works(self):
        user = UserFactory(email="glomsk@example.org")
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        response = client.post(
            reverse("accounts:password_reset"), {"email": "glomsk@example.org"}
        )
        assert response.status_code == 302
        assert len(mail.outbox) == 1
        link = re.search(
            r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body
        ).group(1)
        form = client.get(link, follow=True)
        assert form.status_code == 200
        done = client.post(
            form.redirect_chain[-1][0],
            {
                "new_password1": "a-fresh-Passw0rd!",
                "new_password2": "a-fresh-Passw0rd!",
            },
        )
        assert done.status_code == 302
        user.refresh_from_db()
        assert user.check_password("a-fresh-Passw0rd!")

    def test_unknown_address_reveals_nothing(self):
        response = Client().post(
            reverse("accounts:password_reset"), {"email": "nobody@example.org"}
        )
        assert response.status_code == 302
        assert mail.outbox == []


class DashboardTests:
    def test_region_dashboard_access(self, region, officer, no_role_user, outsider):
        result = assert_access(
            reverse("accounts:region_dashboard", kwargs={"region_slug": region.slug}),
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        assert region.name in result.response.text

    def test_unknown_region_is_404_in_the_active_language(self, officer):
        client = Client(HTTP_ACCEPT_LANGUAGE="da")
        client.force_login(officer)
        response = client.get("/staff/no-such-region/")
        assert response.status_code == 404
        assert "Siden blev ikke fundet" in response.text

    def test_home_lists_several_regions(self, region, other_region):
        user = staff_user(region, "officer")
        staff_user(other_region, "officer")
        from samverka.accounts.models import RoleAssignment as RA

        RA.objects.create(user=user, region=other_region, role="strategist")
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        response = client.get(reverse("accounts:home"))
        assert response.status_code == 200
        assert region.name in response.text
        assert other_region.name in response.text

    def test_user_without_roles_is_told_so(self, no_role_user):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(no_role_user)
        response = client.get(reverse("accounts:home"))
        assert "You have no role in any region yet" in response.text


class RoleViewTests:
    def test_role_list_access(self, region, region_admin, officer, outsider):
        assert_access(
            reverse("accounts:role_list", kwargs={"region_slug": region.slug}),
            permitted=region_admin,
            no_role=officer,  # staff here, but not region administrator: 403
            other_region=outsider,
            expect=200,
        )

    def test_assign_role_access_and_audit(
        self, region, region_admin, officer, outsider
    ):
        newcomer = UserFactory(email="ny@example.org")
        assert_access(
            reverse("accounts:role_list", kwargs={"region_slug": region.slug}),
            method="post",
            data={"email": "ny@example.org", "role": "assessor"},
            permitted=region_admin,
            no_role=officer,
            other_region=outsider,
            expect=302,
            audit_action="accounts.role_assign",
        )
        assert RoleAssignment.objects.filter(
            user=newcomer, region=region, role="assessor"
        ).exists()

    def test_unknown_email_keeps_the_form(self, region, region_admin, settings):
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        client.force_login(region_admin)
        response = client.post(
            reverse("accounts:role_list", kwargs={"region_slug": region.slug}),
            {"email": "ghost@example.org", "role": "assessor"},
        )
        assert response.status_code == 200
        assert 'value="ghost@example.org"' in response.text
        assert "No active user has this e-mail address." in response.text
        assert 'class="error-summary"' in response.text

    def test_revoke(self, region, region_admin, officer, outsider):
        assignment = RoleAssignment.objects.get(user=officer)
        assert_access(
            reverse(
                "accounts:role_revoke",
                kwargs={"region_slug": region.slug, "pk": assignment.pk},
            ),
            method="post",
            permitted=region_admin,
            no_role=officer,
            other_region=outsider,
            expect=302,
            audit_action="accounts.role_revoke",
        )
        assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()

    def test_cannot_revoke_assignment_of_other_region(
        self, region, other_region, region_admin
    ):
        foreign = staff_user(other_region, "officer")
        assignment = RoleAssignment.objects.get(user=foreign)
        client = Client()
        client.force_login(region_admin)
        url = reverse(
            "accounts:role_revoke",
            kwargs={"region_slug": region.slug, "pk": assignment.pk},
        )
        assert client.post(url).status_code == 404
        assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


class RegionSettingsTests:
    def test_settings_update(self, region, region_admin, officer, outsider):
        url = reverse("accounts:region_settings", kwargs={"region_slug": region.slug})
        data = {
            "name": region.name,
            "default_language": "sv",
            "email": "ny@region.example.org",
            "phone": "",
            "address": "",
            "website": "",
        }
        result = assert_access(
            url,
            method="post",
            data=data,
            permitted=region_admin,
            no_role=officer,
            other_region=outsider,
            expect=302,
            audit_action="core.region_update",
        )
        entry = next(
            e for e in result.audit_entries if e.action == "core.region_update"
        )
        assert entry.changes["email"] == {
            "old": "registrator@example.org",
            "new": "ny@region.example.org",
        }

    def test_bad_email_keeps_what_was_typed(self, region, region_admin):
        client = Client(HTTP_ACCEPT_LANGUAGE="sv")
        client.force_login(region_admin)
        url = reverse("accounts:region_settings", kwargs={"region_slug": region.slug})
        response = client.post(
            url, {"name": "Nytt namn", "default_language": "sv", "email": "fel"}
        )
        assert response.status_code == 200
        assert 'value="Nytt namn"' in response.text
        assert "Ange en giltig mejladress" in response.text
        region.refresh_from_db()
        assert region.name == "Region Västernorrland"


class HistoryTests:
    def test_region_history_access(self, region, region_admin, officer, outsider):
        from samverka.accounts import services

        services.region_update(
            region=region, by=region_admin, data={"phone": "060-123"}
        )
        url = reverse(
            "accounts:object_history",
            kwargs={
                "region_slug": region.slug,
                "model": "core.region",
                "pk": region.pk,
            },
        )
        result = assert_access(
            url, permitted=region_admin, no_role=None, other_region=outsider, expect=200
        )
        assert "060-123" in result.response.text
        # An officer may open history pages but not see the region's settings history.
        client = Client()
        client.force_login(officer)
        assert client.get(url).status_code == 404

    def test_history_of_unregistered_model_is_404(self, region, region_admin):
        client = Client()
        client.force_login(region_admin)
        url = reverse(
            "accounts:object_history",
            kwargs={
                "region_slug": region.slug,
                "model": "accounts.user",
                "pk": region_admin.pk,
            },
        )
        assert client.get(url).status_code == 404

    def test_history_of_other_regions_object_is_404(
        self, region, other_region, region_admin
    ):
        from samverka.accounts.models import RoleAssignment as RA

        RA.objects.create(user=region_admin, region=other_region, role="region_admin")
        client = Client()
        client.force_login(region_admin)
        url = reverse(
            "accounts:object_history",
            kwargs={
                "region_slug": region.slug,
                "model": "core.region",
                "pk": other_region.pk,
            },
        )
        assert client.get(url).status_code == 404


class LanguageTests:
    def test_switching_language_sets_cookie_and_remembers_for_user(
        self, officer, settings
    ):
        client = Client()
        client.force_login(officer)
        response = client.post(
            reverse("accounts:language_set"), {"language": "da", "next": "/"}
        )
        assert response.status_code == 302
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "da"
        officer.refresh_from_db()
        assert officer.preferred_language == "da"
        assert AuditEntry.objects.filter(action="accounts.language_set").count() == 1

    def test_anonymous_can_switch_language(self):
        response = Client().post(
            reverse("accounts:language_set"), {"language": "en", "next": "/"}
        )
        assert response.status_code == 302
        page = Client(cookies=None)
        page.cookies = response.cookies
        assert '<html lang="en">' in page.get("/").text

    def test_login_restores_preferred_language(self, settings):
        UserFactory(email="dansk@example.org", preferred_language="da")
        response = login_post(Client(), "dansk@example.org", "correct-horse-battery")
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "da"


class AdminTests:
    def test_admin_is_for_superusers_only(self, region):
        staffer = staff_user(region, "region_admin", is_staff=True)
        client = Client()
        client.force_login(staffer)
        assert client.get("/admin/").status_code == 302
        superuser = UserFactory(is_staff=True, is_superuser=True)
        client.force_login(superuser)
        assert client.get("/admin/").status_code == 200


class DashboardPanelTests:
    def test_region_admin_sees_recent_changes_officer_does_not(
        self, region, region_admin, officer, settings
    ):
        from samverka.accounts import services

        services.region_update(region=region, by=region_admin, data={"phone": "060-99"})
        url = reverse("accounts:region_dashboard", kwargs={"region_slug": region.slug})
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        client.force_login(region_admin)
        page = client.get(url).text
        assert "Recent changes" in page
        assert "Region updated" in page
        client.force_login(officer)
        assert "Recent changes" not in client.get(url).text

    def test_dashboard_query_count_does_not_grow_with_changes(
        self, region, region_admin, django_assert_max_num_queries
    ):
        from samverka.accounts import services

        url = reverse("accounts:region_dashboard", kwargs={"region_slug": region.slug})
        client = Client()
        client.force_login(region_admin)
        client.get(url)
        for n in range(3):
            services.region_update(
                region=region, by=region_admin, data={"phone": str(n)}
            )
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        for n in range(30):
            services.region_update(
                region=region, by=region_admin, data={"phone": f"x{n}"}
            )
        with CaptureQueriesContext(connection) as many:
            client.get(url)
        assert len(many) == len(few)


class AdminAuditTests:
    def test_role_saved_in_admin_is_audited(self, region):
        superuser = UserFactory(is_staff=True, is_superuser=True)
        target = UserFactory()
        client = Client()
        client.force_login(superuser)
        response = client.post(
            "/admin/accounts/roleassignment/add/",
            {"user": target.pk, "region": region.pk, "role": "strategist"},
        )
        assert response.status_code == 302
        entry = AuditEntry.objects.get(action="accounts.role_admin_save")
        assert entry.actor == superuser
        assert entry.changes["role"]["new"] == "strategist"


class RegionAdminTests:
    def test_region_change_in_admin_records_old_and_new(self, region):
        superuser = UserFactory(is_staff=True, is_superuser=True)
        client = Client()
        client.force_login(superuser)
        data = {
            "name": region.name,
            "slug": region.slug,
            "country": "SE",
            "default_language": "sv",
            "currency": "SEK",
            "case_number_prefix": region.case_number_prefix,
            "email": region.email,
            "phone": "0611-100 00",
            "address": "",
            "website": "",
            "is_active": "on",
        }
        response = client.post(f"/admin/core/region/{region.pk}/change/", data)
        assert response.status_code == 302
        entry = AuditEntry.objects.get(action="core.region_update")
        assert entry.changes == {"phone": {"old": "", "new": "0611-100 00"}}

    def test_regions_cannot_be_deleted_in_admin(self, region):
        superuser = UserFactory(is_staff=True, is_superuser=True)
        client = Client()
        client.force_login(superuser)
        assert client.get(f"/admin/core/region/{region.pk}/delete/").status_code == 403


def test_an_applicant_signs_up_and_goes_on_where_they_were(client, settings):
    from samverka.accounts.models import User

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/accounts/signup/?next=/me/applications/")
    assert page.status_code == 200
    assert 'value="/me/applications/"' in page.content.decode()
    response = client.post(
        "/accounts/signup/",
        {
            "full_name": "Nils Nykomling",
            "email": "Nils@Example.org",
            "preferred_language": "sv",
            "password1": "lång-och-säker-fras-42",
            "password2": "lång-och-säker-fras-42",
            "next": "/me/applications/",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/me/applications/"
    user = User.objects.get(email="nils@example.org")
    assert user.preferred_language == "sv"
    assert not user.role_assignments.exists()
    assert client.get("/me/applications/").status_code == 200
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sv"


def test_signup_errors_keep_what_was_typed(client, settings):
    from samverka.accounts.tests.factories import UserFactory

    UserFactory(email="taken@example.org")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = {
        "full_name": "Nora Namn",
        "email": "taken@example.org",
        "preferred_language": "da",
        "password1": "kort",
        "password2": "kort",
        "next": "https://evil.example.com/",
    }
    page = client.post("/accounts/signup/", data).content.decode()
    assert "This password is too short" in page
    assert 'value="Nora Namn"' in page
    assert 'value="https://evil.example.com/"' not in page
    data["password1"] = data["password2"] = "lång-och-säker-fras-42"
    page = client.post("/accounts/signup/", data).content.decode()
    assert "already exists" in page
    data["email"] = "nora@example.org"
    response = client.post("/accounts/signup/", data)
    assert response["Location"] == "/me/"
