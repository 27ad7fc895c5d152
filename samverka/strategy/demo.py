"""Demo strategies: the chain Agenda 2030 → EU → national → regional of the seeds, and
the strategies of the three demo regions with goal trees, indicators and interactions.

The strategies' titles, periods and themes come from the seeds; the goal trees are
illustrative, written for the demo, and every figure is a made-up demo value
(`Observation.is_demo`). Idempotent: looked up by natural keys before creating.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

from samverka.core import demo
from samverka.core.models import Region
from samverka.geo.models import Country, County
from samverka.strategy import services
from samverka.strategy.choices import GeographyLevel, IndicatorSource, StrategyLevel
from samverka.strategy.models import (
    Goal,
    GoalIndicator,
    Indicator,
    SdgGoal,
    SdgTarget,
    Strategy,
)
from samverka.strategy.sdg import SdgLoadError, sdg_load

DEMO_SOURCE = {
    "sv": "Demo: workshop med regionens analytiker",
    "da": "Demo: workshop med regionens analytikere",
}
#: The note on every demo indicator, in the regions' languages and English.
DEMO_NOTE = {
    "sv": "Demovärden: påhittade för demonstrationen, inte officiell statistik.",
    "da": "Demoværdier: opdigtet til demonstrationen, ikke officiel statistik.",
    "en": "Demo values: made up for the demonstration, not official statistics.",
}


@dataclass(frozen=True)
class G:
    """A goal of a demo tree."""

    code: str
    kind: str
    title: str
    en: str
    description: str = ""
    sdgs: tuple[int, ...] = ()
    targets: tuple[str, ...] = ()
    children: tuple[G, ...] = ()


@dataclass(frozen=True)
class I:  # noqa: E742 - a short name keeps the tables below readable
    """A demo indicator on a goal, with a yearly series of demo values."""

    goal: str
    name: str
    en: str
    unit: str
    baseline: tuple[int, str]
    targets: dict[int, str]
    series: dict[int, str]
    higher_is_better: bool = True
    decimals: int = 1
    source: str = IndicatorSource.MANUAL
    table: str = ""


@dataclass(frozen=True)
class DemoStrategy:
    title: str
    en: str
    short_name: str
    summary: str
    summary_en: str
    start: int
    end: int
    adopted_on: datetime.date
    owner: str
    goals: tuple[G, ...]
    indicators: tuple[I, ...] = ()
    #: (from code, to code, score, justification)
    interactions: tuple[tuple[str, str, int, str], ...] = ()
    serves: tuple[str, ...] = ("agenda2030", "eu", "national")
    county: tuple[str, str] = ("SE", "22")
    #: A later version: (adopted_on, summary addition, extra goal under a parent code)
    review: tuple[datetime.date, str, G, str] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


HIGHER: dict[str, dict[str, Any]] = {
    "agenda2030": {
        "level": StrategyLevel.GLOBAL,
        "title": "Transforming our world: the 2030 Agenda for Sustainable Development",
        "short_name": "Agenda 2030",
        "summary": "The 17 Sustainable Development Goals adopted by the UN General Assembly in 2015.",
        "start_year": 2016,
        "end_year": 2030,
        "owner": "United Nations",
        "adopted_on": datetime.date(2015, 9, 25),
        "translations": {
            "sv": {"title": "Agenda 2030 för hållbar utveckling"},
            "da": {
                "title": "Verdensmålene for bæredygtig udvikling (2030-dagsordenen)"
            },
        },
    },
    "eu": {
        "level": StrategyLevel.EU,
        "title": "Europe 2020: a strategy for smart, sustainable and inclusive growth",
        "short_name": "EU 2020",
        "summary": "The EU's growth strategy for 2010–2020 that cohesion policy programmes served.",
        "start_year": 2010,
        "end_year": 2020,
        "owner": "European Commission",
        "adopted_on": datetime.date(2010, 6, 17),
        "translations": {
            "sv": {
                "title": "Europa 2020 – strategi för smart och hållbar tillväxt för alla"
            },
            "da": {
                "title": "Europa 2020 – strategi for intelligent, bæredygtig og inklusiv vækst"
            },
        },
    },
    "national": {
        "level": StrategyLevel.NATIONAL,
        "title": "Nationell strategi för hållbar regional tillväxt och attraktionskraft 2015–2020",
        "short_name": "",
        "summary": "Sweden's national strategy that regional development strategies build on.",
        "start_year": 2015,
        "end_year": 2020,
        "owner": "Regeringskansliet",
        "adopted_on": datetime.date(2015, 5, 28),
        "translations": {
            "en": {
                "title": "National strategy for sustainable regional growth and attractiveness 2015–2020"
            }
        },
    },
}

VASTERNORRLAND = DemoStrategy(
    title="Regional utvecklingsstrategi för Västernorrland 2011–2020",
    en="Regional development strategy for Västernorrland 2011–2020",
    short_name="RUS",
    summary=(
        "Det övergripande programdokumentet för Västernorrlands utveckling fram till 2020: "
        "visioner, mål och långsiktiga prioriteringar som samlar och länkar ihop länets "
        "handlingsplaner. Målträdet i demon är ett exempel."
    ),
    summary_en=(
        "The overall programme for Västernorrland's development up to 2020: visions, goals "
        "and long-term priorities that gather the county's action plans. The goal tree in "
        "the demo is an example."
    ),
    start=2011,
    end=2020,
    adopted_on=datetime.date(2011, 6, 21),
    owner="Region Västernorrland, regional utveckling",
    goals=(
        G(
            "V",
            "vision",
            "Ett hållbart och attraktivt Västernorrland",
            "A sustainable and attractive Västernorrland",
            "Länet växer med hållbarhet som grund: ekonomiskt, socialt och miljömässigt.",
            sdgs=(8, 11, 13),
            children=(
                G(
                    "1",
                    "priority_area",
                    "Innovation och förnyelse",
                    "Innovation and renewal",
                    "Företag och offentliga aktörer förnyar sig med stöd av forskning.",
                    sdgs=(9,),
                    children=(
                        G(
                            "1.1",
                            "goal",
                            "Fler innovativa företag",
                            "More innovative companies",
                            "Fler företag utvecklar nya varor och tjänster.",
                            sdgs=(8, 9),
                            targets=("9.5", "8.2"),
                        ),
                        G(
                            "1.2",
                            "goal",
                            "Hållbar besöksnäring",
                            "Sustainable tourism",
                            "Besöksnäringen växer och ställer om till hållbarhet.",
                            sdgs=(8, 12),
                            targets=("8.9", "12.b"),
                        ),
                    ),
                ),
                G(
                    "2",
                    "priority_area",
                    "Kompetens och arbetsmarknad",
                    "Skills and labour market",
                    "Kompetensförsörjningen möter arbetslivets behov.",
                    sdgs=(4, 8),
                    children=(
                        G(
                            "2.1",
                            "goal",
                            "Högre sysselsättning",
                            "Higher employment",
                            "Fler kvinnor och män i arbete.",
                            sdgs=(8,),
                            targets=("8.5",),
                        ),
                        G(
                            "2.2",
                            "goal",
                            "Snabbare etablering för nyanlända",
                            "Faster establishment of newcomers",
                            "Nyanlända kvinnor och män kommer snabbare i arbete.",
                            sdgs=(10,),
                            targets=("10.2",),
                        ),
                        G(
                            "2.3",
                            "goal",
                            "Jämställd regional utveckling",
                            "Gender-equal regional development",
                            "Kvinnor och män har samma makt att forma länets utveckling.",
                            sdgs=(5,),
                            targets=("5.5",),
                        ),
                    ),
                ),
                G(
                    "3",
                    "priority_area",
                    "Tillgänglighet",
                    "Accessibility",
                    "Goda förbindelser inom och ut från länet.",
                    sdgs=(9,),
                    children=(
                        G(
                            "3.1",
                            "goal",
                            "Bredband till alla",
                            "Broadband for everyone",
                            "Hushåll och företag har tillgång till snabbt bredband.",
                            sdgs=(9,),
                            targets=("9.c",),
                        ),
                        G(
                            "3.2",
                            "goal",
                            "Hållbara transporter",
                            "Sustainable transport",
                            "Kortare restider med kollektivtrafik och järnväg.",
                            sdgs=(9, 11),
                            targets=("9.1", "11.2"),
                        ),
                    ),
                ),
                G(
                    "4",
                    "priority_area",
                    "Energi och klimat",
                    "Energy and climate",
                    "Länet minskar sina utsläpp och tar vara på förnybar energi.",
                    sdgs=(7, 13),
                    children=(
                        G(
                            "4.1",
                            "goal",
                            "Minskade utsläpp av växthusgaser",
                            "Lower greenhouse gas emissions",
                            "Utsläppen per invånare minskar år för år.",
                            sdgs=(13,),
                            targets=("13.2",),
                        ),
                    ),
                ),
            ),
        ),
    ),
    indicators=(
        I(
            "2.1",
            "Sysselsättningsgrad 20–64 år",
            "Employment rate, ages 20–64",
            "procent",
            (2010, "74.2"),
            {2015: "76.0", 2020: "78.0"},
            {
                2010: "74.2",
                2012: "74.9",
                2014: "75.6",
                2016: "76.8",
                2018: "77.5",
                2019: "77.2",
            },
        ),
        I(
            "3.1",
            "Andel hushåll med tillgång till 100 Mbit/s",
            "Households with 100 Mbit/s access",
            "procent",
            (2011, "32"),
            {2015: "60", 2020: "95"},
            {2011: "32", 2013: "41", 2015: "55", 2017: "66", 2019: "74"},
            decimals=0,
        ),
        I(
            "4.1",
            "Utsläpp av växthusgaser per invånare",
            "Greenhouse gas emissions per inhabitant",
            "ton CO₂e",
            (2010, "7.9"),
            {2020: "5.5"},
            {2010: "7.9", 2012: "7.6", 2014: "7.4", 2016: "7.1", 2018: "6.9"},
            higher_is_better=False,
        ),
        I(
            "1.2",
            "Gästnätter på kommersiella boenden",
            "Guest nights in commercial accommodation",
            "tusental",
            (2010, "1050"),
            {2020: "1400"},
            {
                2010: "1050",
                2012: "1110",
                2014: "1160",
                2016: "1240",
                2018: "1330",
                2019: "1360",
            },
            decimals=0,
        ),
        I(
            "2.3",
            "Andel kvinnor bland företagsledare",
            "Women among company managers",
            "procent",
            (2011, "28"),
            {2020: "40"},
            {2011: "28", 2014: "29", 2017: "30", 2019: "31"},
            decimals=0,
        ),
        I(
            "V",
            "Folkmängd",
            "Population",
            "personer",
            (2010, "242625"),
            {2020: "245000"},
            {2010: "242625", 2013: "241200", 2016: "245200", 2019: "245300"},
            decimals=0,
            source=IndicatorSource.SCB,
            table="TAB638",
        ),
    ),
    interactions=(
        (
            "1.2",
            "4.1",
            -2,
            "Fler besökare som reser med bil och flyg ökar utsläppen, om inte resorna ställs om.",
        ),
        (
            "3.1",
            "1.1",
            2,
            "Snabbt bredband är en förutsättning för digitala tjänster och nya företag.",
        ),
        (
            "2.2",
            "2.1",
            1,
            "Snabbare etablering ökar sysselsättningen bland utrikes födda.",
        ),
        (
            "3.2",
            "4.1",
            1,
            "Fler resor med tåg och kollektivtrafik minskar utsläppen från vägtrafiken.",
        ),
        (
            "1.1",
            "4.1",
            0,
            "Innovationsstödet är inte riktat mot klimatet och påverkar utsläppen lite.",
        ),
        ("1.2", "2.1", 2, "Besöksnäringen anställer många unga och utrikes födda."),
        (
            "3.2",
            "1.2",
            2,
            "Bättre förbindelser gör det lättare för besökare att komma till länet.",
        ),
    ),
    review=(
        datetime.date(2017, 3, 15),
        " Efter halvtidsuppföljningen 2016 lades ett mål om hållbar besöksnäring och ledarskap till.",
        G(
            "4.2",
            "goal",
            "Modigt ledarskap för omställning",
            "Bold leadership for transition",
            "Ledare som sätter målkonflikterna på bordet och driver omställningen.",
            sdgs=(16, 17),
            targets=("16.7", "17.14"),
        ),
        "4",
    ),
)

JAMTLAND = DemoStrategy(
    title="Regional utvecklingsstrategi för Jämtlands län 2014–2030",
    en="Regional development strategy for Jämtland County 2014–2030",
    short_name="RUS",
    summary=(
        "Länets långsiktiga strategi. Under 2020–2022 stärker regionen arbetet med social, "
        "ekologisk och ekonomisk hållbarhet som helhet. Målträdet i demon är ett exempel."
    ),
    summary_en=(
        "The county's long-term strategy. In 2020–2022 the region strengthens its work with "
        "social, ecological and economic sustainability as a whole. The goal tree in the "
        "demo is an example."
    ),
    start=2014,
    end=2030,
    adopted_on=datetime.date(2014, 11, 25),
    owner="Region Jämtland Härjedalen, regional utveckling",
    county=("SE", "23"),
    goals=(
        G(
            "V",
            "vision",
            "Hållbar regional utveckling i Jämtland Härjedalen",
            "Sustainable regional development in Jämtland Härjedalen",
            sdgs=(11, 13, 8),
            children=(
                G(
                    "1",
                    "priority_area",
                    "Ett hållbart näringsliv",
                    "A sustainable business sector",
                    sdgs=(8,),
                    children=(
                        G(
                            "1.1",
                            "goal",
                            "Hållbarhetssäkrade stöd till företag och projekt",
                            "Sustainability-assured business and project support",
                            "Stöd investerar i omställning i direkt koppling till regionala mål.",
                            sdgs=(8, 12),
                            targets=("8.3", "12.6"),
                        ),
                        G(
                            "1.2",
                            "goal",
                            "Fler besökare året runt",
                            "More visitors all year round",
                            sdgs=(8,),
                            targets=("8.9",),
                        ),
                    ),
                ),
                G(
                    "2",
                    "priority_area",
                    "Klimat och miljö",
                    "Climate and environment",
                    sdgs=(13, 15),
                    children=(
                        G(
                            "2.1",
                            "goal",
                            "Fossilfritt län 2030",
                            "A fossil-free county by 2030",
                            sdgs=(7, 13),
                            targets=("13.2",),
                        ),
                    ),
                ),
                G(
                    "3",
                    "priority_area",
                    "Inkludering och samiska perspektiv",
                    "Inclusion and Sami perspectives",
                    sdgs=(10,),
                    children=(
                        G(
                            "3.1",
                            "goal",
                            "Samiska förutsättningar synliga i det regionala tillväxtarbetet",
                            "Sami conditions visible in regional growth work",
                            sdgs=(10, 16),
                            targets=("10.2",),
                        ),
                    ),
                ),
            ),
        ),
    ),
    indicators=(
        I(
            "2.1",
            "Andel fossilfri energi i transporter",
            "Share of fossil-free energy in transport",
            "procent",
            (2015, "22"),
            {2022: "40", 2030: "100"},
            {2015: "22", 2017: "27", 2019: "31", 2021: "34"},
            decimals=0,
        ),
        I(
            "1.2",
            "Gästnätter vinter och sommar",
            "Guest nights winter and summer",
            "tusental",
            (2015, "2900"),
            {2022: "3300"},
            {2015: "2900", 2017: "3010", 2019: "3120", 2021: "2800"},
            decimals=0,
        ),
    ),
    interactions=(
        (
            "1.2",
            "2.1",
            -2,
            "Fler besökare med flyg och bil motverkar ett fossilfritt län, om inte resorna ställs om.",
        ),
        (
            "1.1",
            "2.1",
            2,
            "Stöd som hållbarhetssäkras riktas mot omställningsfrämjande satsningar.",
        ),
        (
            "1.2",
            "3.1",
            -1,
            "Besöksnäringen kan begränsa renskötselns markanvändning om inte samråd sker.",
        ),
    ),
    serves=("agenda2030", "national"),
)

SJAELLAND = DemoStrategy(
    title="Region Sjællands Udviklingsstrategi 2020–2024",
    en="Region Zealand's development strategy 2020–2024",
    short_name="RUS",
    summary=(
        "Region Sjælland skal være en attraktiv region i bæredygtig vækst og udvikling. "
        "Strategien gøres konkret i handlingsplaner. Måltræet i demoen er et eksempel."
    ),
    summary_en=(
        "Region Zealand is to be an attractive region in sustainable growth and development. "
        "Action plans make the strategy concrete. The goal tree in the demo is an example."
    ),
    start=2020,
    end=2024,
    adopted_on=datetime.date(2020, 3, 30),
    owner="Region Sjælland, Regional Udvikling",
    county=("DK", "1085"),
    goals=(
        G(
            "V",
            "vision",
            "En attraktiv region i bæredygtig vækst og udvikling",
            "An attractive region in sustainable growth and development",
            sdgs=(8, 11),
            children=(
                G(
                    "1",
                    "priority_area",
                    "Nye muligheder i de mindre byer",
                    "New opportunities in the smaller towns",
                    sdgs=(11,),
                    children=(
                        G(
                            "1.1",
                            "goal",
                            "Levende mindre byer",
                            "Lively smaller towns",
                            sdgs=(11,),
                            targets=("11.3",),
                        ),
                    ),
                ),
                G(
                    "2",
                    "priority_area",
                    "Kvalificeret arbejdskraft",
                    "Qualified labour",
                    sdgs=(4, 8),
                    children=(
                        G(
                            "2.1",
                            "goal",
                            "Flere unge med en uddannelse",
                            "More young people with an education",
                            sdgs=(4,),
                            targets=("4.3", "4.4"),
                        ),
                    ),
                ),
                G(
                    "3",
                    "priority_area",
                    "Fremtidens digitale region",
                    "The digital region of the future",
                    sdgs=(9,),
                    children=(
                        G(
                            "3.1",
                            "goal",
                            "Bredbånd og mobil i hele regionen",
                            "Broadband and mobile coverage across the region",
                            sdgs=(9,),
                            targets=("9.c",),
                        ),
                    ),
                ),
            ),
        ),
    ),
    indicators=(
        I(
            "2.1",
            "Andel unge med en ungdomsuddannelse",
            "Young people with an upper-secondary education",
            "procent",
            (2019, "78"),
            {2022: "82", 2024: "85"},
            {2019: "78", 2020: "79", 2021: "80", 2022: "80"},
            decimals=0,
        ),
        I(
            "3.1",
            "Husstande med 100 Mbit/s",
            "Households with 100 Mbit/s",
            "procent",
            (2019, "70"),
            {2024: "98"},
            {2019: "70", 2020: "76", 2021: "83", 2022: "88"},
            decimals=0,
        ),
    ),
    interactions=(
        (
            "3.1",
            "1.1",
            2,
            "Godt bredbånd gør det muligt at bo og arbejde i de mindre byer.",
        ),
        ("2.1", "1.1", 1, "Uddannelse tæt på de mindre byer holder på de unge."),
    ),
    serves=("agenda2030", "eu"),
)

DEMO: dict[str, DemoStrategy] = {
    "vasternorrland": VASTERNORRLAND,
    "jamtland-harjedalen": JAMTLAND,
    "sjaelland": SJAELLAND,
}
COUNTY_NAMES = {
    ("SE", "22"): "Västernorrlands län",
    ("SE", "23"): "Jämtlands län",
    ("DK", "1085"): "Region Sjælland",
}
COUNTRY_NAMES = {"SE": "Sverige", "DK": "Danmark"}


def _sdgs() -> None:
    if SdgTarget.objects.count() >= 169:
        return
    try:
        sdg_load(settings.SHARED_DATA_DIR)
    except SdgLoadError:
        sdg_load(None)


def _higher() -> dict[str, Strategy]:
    found: dict[str, Strategy] = {}
    for key, spec in HIGHER.items():
        strategy = Strategy.objects.filter(region=None, title=spec["title"]).first()
        if strategy is None:
            data = {k: v for k, v in spec.items() if k != "adopted_on"}
            strategy = services.strategy_create(region=None, by=None, data=data)
            services.strategy_adopt(
                strategy=strategy, by=None, adopted_on=spec["adopted_on"]
            )
        found[key] = strategy
    return found


def _area(country: str, code: str) -> None:
    """The county the demo's figures are for; loaded by load_geo when shared data is
    there, otherwise the one row the demo needs."""
    country_row, _ = Country.objects.get_or_create(
        code=country, defaults={"name": COUNTRY_NAMES[country]}
    )
    County.objects.get_or_create(
        country=country_row, code=code, defaults={"name": COUNTY_NAMES[(country, code)]}
    )


def _goals(
    strategy: Strategy,
    specs: tuple[G, ...],
    parent: Goal | None,
    codes: dict[str, Goal],
) -> None:
    sdg_goals = {g.number: g for g in SdgGoal.objects.all()}
    sdg_targets = {t.code: t for t in SdgTarget.objects.all()}
    for spec in specs:
        goal = services.goal_create(
            strategy=strategy,
            by=None,
            data={
                "parent": parent,
                "kind": spec.kind,
                "code": "" if spec.code == "V" else spec.code,
                "title": spec.title,
                "description": spec.description,
                "translations": {"en": {"title": spec.en}},
                "sdg_goals": [sdg_goals[n] for n in spec.sdgs if n in sdg_goals],
                "sdg_targets": [
                    sdg_targets[c] for c in spec.targets if c in sdg_targets
                ],
            },
        )
        codes[spec.code] = goal
        _goals(strategy, spec.children, goal, codes)


def load_strategy(
    region: Region, spec: DemoStrategy, higher: dict[str, Strategy]
) -> Strategy:
    existing = (
        Strategy.objects.filter(region=region, title=spec.title)
        .order_by("version")
        .first()
    )
    if existing is not None:
        return (
            Strategy.objects.filter(region=region, title=spec.title)
            .order_by("-version")
            .first()
            or existing
        )
    _area(*spec.county)
    strategy = services.strategy_create(
        region=region,
        by=None,
        data={
            "level": StrategyLevel.REGIONAL,
            "title": spec.title,
            "short_name": spec.short_name,
            "summary": spec.summary,
            "start_year": spec.start,
            "end_year": spec.end,
            "owner": spec.owner,
            "decision_reference": "(demo)",
            "translations": {"en": {"title": spec.en, "summary": spec.summary_en}},
            "serves": [higher[key] for key in spec.serves],
        },
    )
    codes: dict[str, Goal] = {}
    _goals(strategy, spec.goals, None, codes)
    country, county = spec.county
    for item in spec.indicators:
        indicator = Indicator.objects.filter(region=region, name=item.name).first()
        if indicator is None:
            indicator = services.indicator_create(
                region=region,
                by=None,
                data={
                    "name": item.name,
                    "unit": item.unit,
                    "decimals": item.decimals,
                    "higher_is_better": item.higher_is_better,
                    "source": item.source,
                    "source_table": item.table,
                    "geography_level": GeographyLevel.COUNTY,
                    "headline_area": f"{country}-c{county}",
                    "description": DEMO_NOTE[region.default_language],
                    "translations": {
                        "en": {"name": item.en, "description": DEMO_NOTE["en"]}
                    },
                },
            )
        link = services.goal_indicator_add(
            goal=codes[item.goal],
            indicator=indicator,
            by=None,
            data={
                "baseline_year": item.baseline[0],
                "baseline_value": Decimal(item.baseline[1]),
            },
        )
        for year, value in item.targets.items():
            services.target_set(link=link, by=None, year=year, value=Decimal(value))
        services.observations_write(
            indicator=indicator,
            by=None,
            is_demo=True,
            rows=[
                services.ObservationRow(
                    year=year,
                    value=Decimal(value),
                    area_level=GeographyLevel.COUNTY,
                    country_code=country,
                    area_code=county,
                    note="demo",
                )
                for year, value in item.series.items()
            ],
        )
    for source, target, score, why in spec.interactions:
        services.interaction_set(
            strategy=strategy,
            by=None,
            from_goal=codes[source],
            to_goal=codes[target],
            score=score,
            justification=why,
            source=DEMO_SOURCE[region.default_language],
        )
    services.strategy_adopt(
        strategy=strategy,
        by=None,
        adopted_on=spec.adopted_on,
        decision_reference="(demo)",
    )
    if spec.review is not None:
        adopted_on, addition, extra_goal, parent_code = spec.review
        revised = services.strategy_new_version(
            strategy=strategy,
            by=None,
            data={"summary": spec.summary + addition},
        )
        parent = revised.goals.get(copied_from=codes[parent_code])
        _goals(revised, (extra_goal,), parent, {})
        # The review raised one target: the old one stays in the history.
        raised = GoalIndicator.objects.filter(
            goal__strategy=revised, goal__code="3.1"
        ).first()
        if raised is not None:
            services.target_set(
                link=raised,
                by=None,
                year=2020,
                value=Decimal("98"),
                reason="Halvtidsuppföljningen 2016",
            )
        services.strategy_adopt(
            strategy=revised,
            by=None,
            adopted_on=adopted_on,
            decision_reference="(demo)",
        )
        strategy = revised
    return strategy


@demo.register(order=50)
def load_strategies(*, context: dict[str, Any], stdout: Any = None) -> None:
    """SDGs, the higher-level strategies, and each demo region's strategy."""
    _sdgs()
    higher = _higher()
    regions: dict[str, Region] = demo.context_get(context, "regions")
    strategies: dict[str, Strategy] = {}
    for slug, spec in DEMO.items():
        region = regions.get(slug)
        if region is None:
            continue
        try:
            strategies[slug] = load_strategy(region, spec, higher)
        except ValidationError as error:  # pragma: no cover - demo data is fixed
            raise RuntimeError(f"Demo strategy of {slug}: {error}") from error
    context["strategies"] = strategies
