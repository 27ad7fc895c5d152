import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from samverka.core import audit
from samverka.core.middleware import RequestIdMiddleware
from samverka.core.models import AuditEntry

pytestmark = pytest.mark.django_db


class AuditLogTests:
    def test_log_records_actor_region_and_changes(self, region):
        user = get_user_model().objects.create_user(
            "greta@example.org", full_name="Greta Granskare"
        )
        entry = audit.log(
            region,
            "core.region_update",
            by=user,
            changes={"name": ("Old", "New"), "day": (None, datetime.date(2026, 1, 2))},
        )
        assert entry.actor == user
        assert entry.actor_repr == "Greta Granskare"
        assert entry.region == region
        assert entry.object_id == str(region.pk)
        assert entry.changes == {
            "name": {"old": "Old", "new": "New"},
            "day": {"old": None, "new": "2026-01-02"},
        }
        assert list(AuditEntry.objects.for_object(region)) == [entry]

    def test_unregistered_action_is_refused(self, region):
        with pytest.raises(ValueError, match="Unregistered"):
            audit.log(region, "core.nonsense", by=None)

    def test_action_codes_are_namespaced(self):
        with pytest.raises(ValueError, match="namespaced"):
            audit.register_action("flat", "Flat")

    def test_request_id_is_recorded(self, region):
        captured = {}

        def view(request):
            captured["entry"] = audit.log(region, "core.region_update", by=None)
            from django.http import HttpResponse

            return HttpResponse("ok")

        request = RequestFactory().get("/", HTTP_X_REQUEST_ID="abc-123")
        response = RequestIdMiddleware(view)(request)
        assert response["X-Request-ID"] == "abc-123"
        assert captured["entry"].request_id == "abc-123"

    def test_malformed_request_id_is_replaced(self):
        from django.http import HttpResponse

        request = RequestFactory().get("/", HTTP_X_REQUEST_ID="<script>")
        response = RequestIdMiddleware(lambda r: HttpResponse("ok"))(request)
        assert response["X-Request-ID"] != "<script>"
        assert len(response["X-Request-ID"]) == 32


class ModelUpdateTests:
    def test_returns_only_real_changes(self, region):
        old_name = region.name
        region, changes = audit.model_update(
            instance=region,
            fields=["name", "email", "phone"],
            data={"name": "Region Nytt Namn", "email": region.email},
        )
        assert changes == {"name": (old_name, "Region Nytt Namn")}
        region.refresh_from_db()
        assert region.name == "Region Nytt Namn"

    def test_validates_before_saving(self, region):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            audit.model_update(
                instance=region, fields=["email"], data={"email": "not-an-address"}
            )
        region.refresh_from_db()
        assert region.email == "registrator@example.org"
