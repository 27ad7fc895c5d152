"""Every screen is complete in Swedish and Danish; Norwegian and Finnish fall back to English."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from samverka.core.management.commands.check_translations import missing_translations

LOCALE = Path(settings.LOCALE_PATHS[0])


@pytest.mark.parametrize("language", ["sv", "da"])
def test_catalog_is_complete(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    assert po.exists(), f"{po} is missing"
    missing = missing_translations(po)
    assert missing == [], f"{len(missing)} untranslated in {language}: {missing[:20]}"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nb", "Hopp til hovedinnholdet"), ("fi", "Siirry pääsisältöön")],
)
def test_other_nordic_catalogs_are_used_and_fall_back(language, expected):
    assert (LOCALE / language / "LC_MESSAGES" / "django.po").exists()
    with translation.override(language):
        assert translation.gettext("Skip to main content") == expected
        # A string without a translation yet comes out in English, never empty.
        assert translation.gettext("A sentence no catalogue holds") == (
            "A sentence no catalogue holds"
        )


def test_compiled_catalog_is_used():
    with translation.override("sv"):
        assert (
            translation.gettext("Skip to main content") == "Hoppa till huvudinnehållet"
        )
    with translation.override("da"):
        assert (
            translation.gettext("Regions where you work")
            == "Regioner, hvor du arbejder"
        )
