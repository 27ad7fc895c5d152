"""Stored files are streamed privately, and a missing one is a 404."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from django.http import Http404

from samverka.core.files import stored_file_response


class _Field:
    storage = default_storage


def _stored(name: str) -> FieldFile:
    return FieldFile(None, _Field(), name)


def test_a_stored_file_is_streamed_privately(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    from django.core.files.storage import storages

    name = storages["default"].save("brev.pdf", ContentFile(b"%PDF-1.7 test"))
    field = FieldFile(None, type("F", (), {"storage": storages["default"]})(), name)
    response = stored_file_response(
        field,
        file_name="RVN-2026-00001-decision.pdf",
        content_type="",
        as_attachment=False,
    )
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("inline")


def test_a_missing_file_is_not_found():
    with pytest.raises(Http404):
        stored_file_response(_stored("finns/inte.pdf"), file_name="x.pdf")
    with pytest.raises(Http404):
        stored_file_response(_stored(""), file_name="x.pdf")
