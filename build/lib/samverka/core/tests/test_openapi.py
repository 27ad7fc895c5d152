"""The committed OpenAPI schema is the contract: a change to the API shows up in review."""

from pathlib import Path

from django.conf import settings
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer

SCHEMA_FILE = Path(settings.BASE_DIR) / "docs" / "api" / "openapi.yaml"


def test_schema_matches_the_committed_file():
    # The committed contract is in English, whatever the developer's language.
    with translation.override("en"):
        schema = SchemaGenerator().get_schema(request=None, public=True)
        generated = OpenApiYamlRenderer().render(schema, renderer_context={}).decode()
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    assert generated == committed, (
        "The API changed: run `./dev openapi` and commit docs/api/openapi.yaml"
    )


def test_schema_and_docs_pages_are_served(client):
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content
    assert b"cdn" not in docs.content.lower()
