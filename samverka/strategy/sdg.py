"""The 17 Sustainable Development Goals and their 169 targets as reference data.

The goals' short titles in the five languages of Samverka and the UN's colours are
facts we keep here; the targets' texts are read from the open-sdg translation files in
``../shared/data/sdg-translations`` (English, and Norwegian where the Bergen SDG
strings give a Bokmål wording). `sdg_load()` writes them in one transaction and is
safe to run again.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from samverka.strategy.models import SdgGoal, SdgTarget

#: number → (colour, {language: short title})
GOALS: dict[int, tuple[str, dict[str, str]]] = {
    1: (
        "#E5243B",
        {
            "en": "No poverty",
            "sv": "Ingen fattigdom",
            "da": "Afskaf fattigdom",
            "nb": "Utrydde fattigdom",
            "fi": "Ei köyhyyttä",
        },
    ),
    2: (
        "#DDA63A",
        {
            "en": "Zero hunger",
            "sv": "Ingen hunger",
            "da": "Stop sult",
            "nb": "Utrydde sult",
            "fi": "Ei nälkää",
        },
    ),
    3: (
        "#4C9F38",
        {
            "en": "Good health and well-being",
            "sv": "Hälsa och välbefinnande",
            "da": "Sundhed og trivsel",
            "nb": "God helse og livskvalitet",
            "fi": "Terveyttä ja hyvinvointia",
        },
    ),
    4: (
        "#C5192D",
        {
            "en": "Quality education",
            "sv": "God utbildning för alla",
            "da": "Kvalitetsuddannelse",
            "nb": "God utdanning",
            "fi": "Hyvä koulutus",
        },
    ),
    5: (
        "#FF3A21",
        {
            "en": "Gender equality",
            "sv": "Jämställdhet",
            "da": "Ligestilling mellem kønnene",
            "nb": "Likestilling mellom kjønnene",
            "fi": "Sukupuolten tasa-arvo",
        },
    ),
    6: (
        "#26BDE2",
        {
            "en": "Clean water and sanitation",
            "sv": "Rent vatten och sanitet för alla",
            "da": "Rent vand og sanitet",
            "nb": "Rent vann og gode sanitærforhold",
            "fi": "Puhdas vesi ja sanitaatio",
        },
    ),
    7: (
        "#FCC30B",
        {
            "en": "Affordable and clean energy",
            "sv": "Hållbar energi för alla",
            "da": "Bæredygtig energi",
            "nb": "Ren energi til alle",
            "fi": "Edullista ja puhdasta energiaa",
        },
    ),
    8: (
        "#A21942",
        {
            "en": "Decent work and economic growth",
            "sv": "Anständiga arbetsvillkor och ekonomisk tillväxt",
            "da": "Anstændige jobs og økonomisk vækst",
            "nb": "Anstendig arbeid og økonomisk vekst",
            "fi": "Ihmisarvoista työtä ja talouskasvua",
        },
    ),
    9: (
        "#FD6925",
        {
            "en": "Industry, innovation and infrastructure",
            "sv": "Hållbar industri, innovationer och infrastruktur",
            "da": "Industri, innovation og infrastruktur",
            "nb": "Innovasjon og infrastruktur",
            "fi": "Kestävää teollisuutta, innovaatioita ja infrastruktuureja",
        },
    ),
    10: (
        "#DD1367",
        {
            "en": "Reduced inequalities",
            "sv": "Minskad ojämlikhet",
            "da": "Mindre ulighed",
            "nb": "Mindre ulikhet",
            "fi": "Eriarvoisuuden vähentäminen",
        },
    ),
    11: (
        "#FD9D24",
        {
            "en": "Sustainable cities and communities",
            "sv": "Hållbara städer och samhällen",
            "da": "Bæredygtige byer og lokalsamfund",
            "nb": "Bærekraftige byer og lokalsamfunn",
            "fi": "Kestävät kaupungit ja yhteisöt",
        },
    ),
    12: (
        "#BF8B2E",
        {
            "en": "Responsible consumption and production",
            "sv": "Hållbar konsumtion och produktion",
            "da": "Ansvarligt forbrug og produktion",
            "nb": "Ansvarlig forbruk og produksjon",
            "fi": "Vastuullista kuluttamista",
        },
    ),
    13: (
        "#3F7E44",
        {
            "en": "Climate action",
            "sv": "Bekämpa klimatförändringarna",
            "da": "Klimaindsats",
            "nb": "Stoppe klimaendringene",
            "fi": "Ilmastotekoja",
        },
    ),
    14: (
        "#0A97D9",
        {
            "en": "Life below water",
            "sv": "Hav och marina resurser",
            "da": "Livet i havet",
            "nb": "Livet i havet",
            "fi": "Vedenalainen elämä",
        },
    ),
    15: (
        "#56C02B",
        {
            "en": "Life on land",
            "sv": "Ekosystem och biologisk mångfald",
            "da": "Livet på land",
            "nb": "Livet på land",
            "fi": "Maanpäällinen elämä",
        },
    ),
    16: (
        "#00689D",
        {
            "en": "Peace, justice and strong institutions",
            "sv": "Fredliga och inkluderande samhällen",
            "da": "Fred, retfærdighed og stærke institutioner",
            "nb": "Fred, rettferdighet og velfungerende institusjoner",
            "fi": "Rauhaa, oikeudenmukaisuutta ja hyvää hallintoa",
        },
    ),
    17: (
        "#19486A",
        {
            "en": "Partnerships for the goals",
            "sv": "Genomförande och globalt partnerskap",
            "da": "Partnerskaber for handling",
            "nb": "Samarbeid for å nå målene",
            "fi": "Yhteistyö ja kumppanuus",
        },
    ),
}

TRANSLATIONS_CSV = (
    Path("sdg-translations") / "sdg_goals_targets_indicators_en_nb_fo.csv"
)
BERGEN_CSV = Path("sdg-strings-bergen") / "targets_en_nb.csv"
#: The Bergen strings give SDG 13 in Nynorsk, not Bokmål.
BERGEN_NOT_BOKMAL = {13}
_TARGET_CODE = re.compile(r"^(\d{1,2})\.([0-9]{1,2}|[a-z])$")


class SdgLoadError(Exception):
    pass


@dataclass(frozen=True)
class SdgLoadResult:
    goals: int
    targets: int


def _target_order(code: str) -> int:
    match = _TARGET_CODE.match(code)
    if match is None:
        raise SdgLoadError(f"“{code}” is not an SDG target code such as 8.9 or 13.a.")
    part = match.group(2)
    return int(part) if part.isdigit() else 100 + ord(part) - ord("a")


def read_targets(source: Path) -> dict[str, dict[str, str]]:
    """Target code → {language: text} from the files under `source` (../shared/data)."""
    path = source / TRANSLATIONS_CSV
    if not path.is_file():
        raise SdgLoadError(f"No SDG target file at {path}.")
    texts: dict[str, dict[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("level") == "target" and row.get("field") == "title":
                _target_order(row["code"])
                texts[row["code"]] = {"en": row["en"].strip()}
    bergen = source / BERGEN_CSV
    if bergen.is_file():
        with bergen.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                code = row.get("target", "")
                goal = int(code.split(".")[0]) if code.split(".")[0].isdigit() else 0
                if (
                    code in texts
                    and goal not in BERGEN_NOT_BOKMAL
                    and row.get("nb_or_nn")
                ):
                    texts[code]["nb"] = row["nb_or_nn"].strip()
    if len(texts) != 169:
        raise SdgLoadError(
            f"Expected the 169 SDG targets in {path}, found {len(texts)}."
        )
    return texts


@transaction.atomic
def sdg_load(source: Path | None) -> SdgLoadResult:
    """Write the 17 goals and, when `source` holds the target files, the 169 targets.

    Reference data, not a domain write: no user acts, nothing to audit; the same rows
    on every run. A bad target file raises before anything is written.
    """
    targets = read_targets(source) if source is not None else {}
    goals: dict[int, SdgGoal] = {}
    for number, (colour, titles) in GOALS.items():
        goal, _ = SdgGoal.objects.update_or_create(
            number=number, defaults={"colour": colour, "titles": titles}
        )
        goals[number] = goal
    for code, texts in targets.items():
        number = int(code.split(".")[0])
        SdgTarget.objects.update_or_create(
            code=code,
            defaults={
                "goal": goals[number],
                "texts": texts,
                "order": _target_order(code),
            },
        )
    return SdgLoadResult(goals=len(goals), targets=len(targets))
