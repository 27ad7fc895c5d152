import pytest
from django.core.exceptions import ValidationError

from samverka.core.models import AuditEntry, Region
from samverka.core.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


class RegionTests:
    def test_reserved_slug_is_refused(self):
        region = RegionFactory.build(slug="staff")
        with pytest.raises(ValidationError) as exc:
            region.full_clean()
        assert "slug" in exc.value.message_dict

    def test_case_number_prefix_must_be_capitals_or_digits(self):
        region = RegionFactory.build(case_number_prefix="rvn 1")
        with pytest.raises(ValidationError) as exc:
            region.full_clean()
        assert "case_number_prefix" in exc.value.message_dict

    def test_active_excludes_inactive(self):
        active = RegionFactory()
        RegionFactory(is_active=False)
        assert list(Region.objects.active()) == [active]


class AuditEntryTests:
    def test_entries_are_append_only(self, region):
        from samverka.core import audit

        entry = audit.log(
            region, "core.region_update", by=None, changes={"name": ("A", "B")}
        )
        entry.object_repr = "changed"
        with pytest.raises(ValidationError):
            entry.save()
        with pytest.raises(ValidationError):
            entry.delete()
        with pytest.raises(ValidationError):
            AuditEntry.objects.filter(pk=entry.pk).update(action="x.y")
        with pytest.raises(ValidationError):
            AuditEntry.objects.all().delete()
        assert AuditEntry.objects.get(pk=entry.pk).object_repr == str(region)
