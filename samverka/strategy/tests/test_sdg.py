"""The SDG reference data: 17 goals in five languages, 169 targets from shared data."""

import pytest
from django.core.management import CommandError, call_command

from samverka.strategy.models import SdgGoal, SdgTarget
from samverka.strategy.sdg import GOALS, SdgLoadError, sdg_load

pytestmark = pytest.mark.django_db


def test_goal_titles_in_every_language():
    sdg_load(None)
    assert SdgGoal.objects.count() == 17
    assert all(
        set(titles) == {"sv", "da", "nb", "fi", "en"} for _, titles in GOALS.values()
    )
    thirteen = SdgGoal.objects.get(number=13)
    assert thirteen.title("sv") == "Bekämpa klimatförändringarna"
    assert thirteen.title("da") == "Klimaindsats"
    assert thirteen.title("fi") == "Ilmastotekoja"
    assert thirteen.colour == "#3F7E44"


@pytest.mark.shared_data
def test_targets_from_shared_data_twice(shared_data):
    call_command("load_sdg", "--source", str(shared_data))
    call_command("load_sdg", "--source", str(shared_data))
    assert SdgTarget.objects.count() == 169
    tourism = SdgTarget.objects.get(code="8.9")
    assert "sustainable tourism" in tourism.text("en")
    assert tourism.text("sv") == tourism.text(
        "en"
    )  # no Swedish target texts: English shown
    # Norwegian from the Bergen strings where they are Bokmål, never for SDG 13 (Nynorsk).
    assert SdgTarget.objects.get(code="1.1").texts["nb"].startswith("Innen 2030")
    assert "nb" not in SdgTarget.objects.get(code="13.1").texts
    assert list(
        SdgTarget.objects.filter(goal__number=1).values_list("code", flat=True)
    )[-3:] == ["1.5", "1.a", "1.b"]


def test_missing_or_bad_files(tmp_path):
    with pytest.raises(CommandError, match="No SDG target file"):
        call_command("load_sdg", "--source", str(tmp_path))
    assert not SdgGoal.objects.exists()
    call_command("load_sdg", "--source", str(tmp_path), "--if-available")
    assert SdgGoal.objects.count() == 17
    folder = tmp_path / "sdg-translations"
    folder.mkdir()
    (folder / "sdg_goals_targets_indicators_en_nb_fo.csv").write_text(
        "level,code,field,en,nb_NO,fo\ntarget,1.1,title,End poverty,,\ntarget,1.x1,title,Bad,,\n",
        encoding="utf-8",
    )
    with pytest.raises(SdgLoadError, match="not an SDG target code"):
        sdg_load(tmp_path)
    (folder / "sdg_goals_targets_indicators_en_nb_fo.csv").write_text(
        "level,code,field,en,nb_NO,fo\ntarget,1.1,title,End poverty,,\n",
        encoding="utf-8",
    )
    with pytest.raises(SdgLoadError, match="found 1"):
        sdg_load(tmp_path)
    assert not SdgTarget.objects.exists()
