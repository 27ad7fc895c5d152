import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samverka.accounts import services
from samverka.accounts.models import RoleAssignment, User
from samverka.core.models import AuditEntry, Region

pytestmark = pytest.mark.django_db


class UserServiceTests:
    def test_user_create_normalises_email_and_audits(self):
        user = services.user_create(
            email="Kim.Kollega@Example.ORG", full_name="Kim Kollega"
        )
        assert user.email == "kim.kollega@example.org"
        assert (
            AuditEntry.objects.for_object(user).get().action == "accounts.user_create"
        )

    def test_duplicate_email_in_other_case_is_refused(self):
        services.user_create(email="a@example.org", full_name="A")
        with pytest.raises(ValidationError) as exc:
            services.user_create(email="A@EXAMPLE.org", full_name="A2")
        assert "email" in exc.value.message_dict
        assert User.objects.count() == 1


class RoleServiceTests:
    def test_assign_by_region_admin(self, region, region_admin, no_role_user):
        assignment = services.role_assign(
            user=no_role_user, region=region, role="assessor", by=region_admin
        )
        entry = AuditEntry.objects.for_object(assignment).get()
        assert entry.action == "accounts.role_assign"
        assert entry.actor == region_admin
        assert entry.changes == {"role": {"old": None, "new": "assessor"}}

    def test_assign_twice_changes_nothing(self, region, region_admin, no_role_user):
        services.role_assign(
            user=no_role_user, region=region, role="assessor", by=region_admin
        )
        services.role_assign(
            user=no_role_user, region=region, role="assessor", by=region_admin
        )
        assert RoleAssignment.objects.filter(user=no_role_user).count() == 1
        assert AuditEntry.objects.filter(action="accounts.role_assign").count() == 1

    def test_officer_cannot_assign(self, region, officer, no_role_user):
        with pytest.raises(PermissionDenied):
            services.role_assign(
                user=no_role_user, region=region, role="officer", by=officer
            )
        assert not RoleAssignment.objects.filter(user=no_role_user).exists()

    def test_admin_of_other_region_cannot_assign(self, region, outsider, no_role_user):
        with pytest.raises(PermissionDenied):
            services.role_assign(
                user=no_role_user, region=region, role="officer", by=outsider
            )

    def test_last_region_admin_cannot_be_revoked(self, region, region_admin):
        assignment = RoleAssignment.objects.get(user=region_admin, role="region_admin")
        with pytest.raises(ValidationError):
            services.role_revoke(assignment=assignment, by=region_admin)
        assert RoleAssignment.objects.filter(pk=assignment.pk).exists()

    def test_revoke_writes_audit_then_deletes(self, region, region_admin, officer):
        assignment = RoleAssignment.objects.get(user=officer)
        pk = assignment.pk
        services.role_revoke(assignment=assignment, by=region_admin)
        assert not RoleAssignment.objects.filter(pk=pk).exists()
        entry = AuditEntry.objects.get(action="accounts.role_revoke")
        assert entry.object_id == str(pk)


class RegionServiceTests:
    def test_region_update_records_changes(self, region, region_admin):
        services.region_update(
            region=region,
            by=region_admin,
            data={"phone": "+46 611 00 00 00", "name": region.name},
        )
        entry = AuditEntry.objects.get(action="core.region_update")
        assert entry.changes == {"phone": {"old": "", "new": "+46 611 00 00 00"}}

    def test_region_update_needs_region_admin(self, region, officer):
        with pytest.raises(PermissionDenied):
            services.region_update(region=region, by=officer, data={"phone": "1"})

    def test_region_create_validates(self):
        with pytest.raises(ValidationError):
            services.region_create(
                by=None,
                name="X",
                slug="api",
                country="SE",
                default_language="sv",
                currency="SEK",
                case_number_prefix="X",
            )
        assert not Region.objects.filter(slug="api").exists()


class RoleValidationTests:
    def test_unknown_role_code_is_refused_and_nothing_written(
        self, region, region_admin
    ):
        from samverka.accounts.tests.factories import UserFactory

        user = UserFactory()
        with pytest.raises(ValidationError) as exc:
            services.role_assign(
                user=user, region=region, role="emperor", by=region_admin
            )
        assert "role" in exc.value.message_dict
        assert not RoleAssignment.objects.filter(user=user).exists()
        assert not AuditEntry.objects.filter(action="accounts.role_assign").exists()
