import pytest

from samverka.accounts import policies
from samverka.accounts.tests.factories import (
    RoleAssignmentFactory,
    UserFactory,
    staff_user,
)
from samverka.core.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


class RolePolicyTests:
    def test_roles_are_held_per_region(self, region, other_region):
        user = staff_user(region, "officer", "strategist")
        assert policies.has_role(user, region, {"officer"})
        assert not policies.has_role(user, region, {"region_admin"})
        assert not policies.has_role(user, other_region)
        assert list(policies.regions_visible_to(user)) == [region]

    def test_anonymous_and_no_role_see_no_region(self, region, no_role_user):
        from django.contrib.auth.models import AnonymousUser

        assert not policies.is_staff_member(AnonymousUser())
        assert not policies.is_staff_member(no_role_user)
        assert list(policies.regions_visible_to(no_role_user)) == []

    def test_inactive_region_and_user_hide_roles(self, region):
        user = staff_user(region, "officer")
        region.is_active = False
        region.save()
        fresh = type(user).objects.get(pk=user.pk)
        assert not policies.is_staff_member(fresh)
        other = staff_user(RegionFactory(), "officer", is_active=False)
        assert not policies.is_staff_member(other)

    def test_roles_are_read_once_per_user_object(
        self, region, django_assert_num_queries
    ):
        user = staff_user(region, "officer")
        fresh = type(user).objects.get(pk=user.pk)
        with django_assert_num_queries(1):
            for _ in range(5):
                policies.has_role(fresh, region)
                policies.is_staff_member(fresh)

    def test_only_region_admin_manages_roles(self, region, officer, region_admin):
        assert policies.can_manage_roles(region_admin, region)
        assert not policies.can_manage_roles(officer, region)

    def test_role_assignments_visible_only_to_admins_of_that_region(
        self, region, other_region, region_admin
    ):
        mine = RoleAssignmentFactory(region=region)
        RoleAssignmentFactory(region=other_region)
        visible = set(policies.role_assignments_visible_to(region_admin))
        assert mine in visible
        assert all(a.region_id == region.pk for a in visible)

    def test_admin_site_only_for_superusers(self):
        assert policies.can_use_admin(UserFactory(is_superuser=True, is_staff=True))
        assert not policies.can_use_admin(UserFactory(is_staff=True))
