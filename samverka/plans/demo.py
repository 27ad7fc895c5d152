"""Demo action plans: Västernorrland's nine thematic action plans and its work on
"Vägar till hållbar regional utveckling", Jämtland Härjedalen's four intervention areas
for sustainable regional development 2020–22, and Region Sjælland's action plan 2020–22.

Plan titles and themes come from the seeds; the activities are written for the demo and
their budgets are made-up demo figures. Idempotent: looked up by title first.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from samverka.actors.models import Organisation
from samverka.core import demo
from samverka.core.models import Region
from samverka.plans import services
from samverka.plans.choices import ActivityStage, ActivityStatus, PlanKind, Theme
from samverka.plans.models import ActionPlan
from samverka.strategy.models import Strategy


@dataclass(frozen=True)
class A:
    """A demo activity: title, description, goal codes with relevance, and more."""

    title: str
    description: str
    goals: dict[str, int] = field(default_factory=dict)
    status: str = ActivityStatus.ONGOING
    stage: str = ""
    budget: int | None = None  # whole currency units
    funding: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    responsible: str = ""
    en: str = ""


@dataclass(frozen=True)
class P:
    title: str
    theme: str
    start: int
    end: int
    activities: tuple[A, ...]
    summary: str = ""
    kind: str = PlanKind.ACTIVITIES
    en: str = ""


VASTERNORRLAND = (
    P(
        "Handlingsplan bredbandsutbyggnad",
        Theme.BROADBAND,
        2016,
        2020,
        (
            A(
                "Samordnad utbyggnad av stadsnät",
                "Kommunerna och regionen samordnar utbyggnaden till glesbygd.",
                {"3.1": 3},
                budget=12_000_000,
                funding=("rural", "regional_growth"),
                responsible="Sundsvalls kommun",
            ),
            A(
                "Bredbandskoordinator för byalag",
                "Stöd till byalag som bygger fiber själva.",
                {"3.1": 3, "1.1": 1},
                budget=900_000,
                funding=("regional_growth",),
            ),
        ),
        en="Action plan for broadband roll-out",
    ),
    P(
        "Handlingsplan klimat och energi",
        Theme.ENERGY_CLIMATE,
        2016,
        2020,
        (
            A(
                "Energikontor Mitt",
                "Rådgivning till kommuner och små företag om energieffektivisering.",
                {"4.1": 3},
                budget=3_500_000,
                funding=("erdf", "regional_growth"),
            ),
            A(
                "Laddinfrastruktur längs E4",
                "Kartläggning och samfinansiering av snabbladdare.",
                {"4.1": 2, "3.2": 2},
                status=ActivityStatus.PLANNED,
                budget=6_000_000,
                funding=("national", "private"),
            ),
        ),
        en="Action plan for climate and energy",
    ),
    P(
        "Handlingsplan innovation",
        Theme.INNOVATION,
        2016,
        2020,
        (
            A(
                "Testbädd för skoglig bioekonomi",
                "Företag och Mittuniversitetet prövar nya material från skogen.",
                {"1.1": 3, "4.1": 1},
                budget=8_000_000,
                funding=("erdf", "regional_growth"),
                responsible="Mittuniversitetet",
            ),
            A(
                "Innovationscheckar",
                "Små stöd till företag som köper utvecklingstjänster.",
                {"1.1": 2},
                budget=2_000_000,
                funding=("regional_growth",),
            ),
        ),
        en="Action plan for innovation",
    ),
    P(
        "Handlingsplan integration och etablering",
        Theme.INTEGRATION,
        2016,
        2020,
        (
            A(
                "Validering av yrkeskunskap",
                "Nyanländas yrkeskunskaper valideras tillsammans med branscherna.",
                {"2.2": 3, "2.1": 2},
                budget=4_000_000,
                funding=("esf",),
            ),
        ),
        en="Action plan for integration and establishment",
    ),
    P(
        "Handlingsplan jämställdhet och jämställdhetsintegrering",
        Theme.GENDER_EQUALITY,
        2016,
        2020,
        (
            A(
                "Jämställt företagsfrämjande",
                "Företagsfrämjarna granskar hur stöden fördelas mellan kvinnor och män.",
                {"2.3": 3},
                budget=1_500_000,
                funding=("regional_growth",),
            ),
        ),
        en="Action plan for gender equality and gender mainstreaming",
    ),
    P(
        "Handlingsplan företagande och entreprenörskap",
        Theme.ENTREPRENEURSHIP,
        2016,
        2020,
        (
            A(
                "Ung företagsamhet i skolan",
                "Elever driver UF-företag med stöd av lokala företagare.",
                {"1.1": 2, "2.1": 1},
                budget=1_200_000,
                funding=("regional_growth", "private"),
            ),
            A(
                "Generationsskiften i små företag",
                "Rådgivning när ägare ska lämna över sina företag.",
                {"2.1": 2},
                status=ActivityStatus.PLANNED,
                budget=800_000,
                funding=("regional_growth",),
            ),
        ),
        en="Action plan for business and entrepreneurship",
    ),
    P(
        "Handlingsplan kompetensförsörjning 2016",
        Theme.SKILLS_SUPPLY,
        2016,
        2020,
        (
            A(
                "Regional kompetensplattform",
                "Analys av kompetensbehov tillsammans med arbetsförmedling och kommuner.",
                {"2.1": 3, "2.2": 1},
                budget=2_400_000,
                funding=("national", "regional_growth"),
            ),
        ),
        en="Action plan for skills supply 2016",
    ),
    P(
        "Handlingsplan transportinfrastruktur",
        Theme.TRANSPORT,
        2014,
        2025,
        (
            A(
                "Mötesspår på Ådalsbanan (demo)",
                "Ett exempel på ett investeringsobjekt i länsplanen.",
                {"3.2": 3},
                status=ActivityStatus.ONGOING,
                budget=180_000_000,
                funding=("national",),
                years=(2018, 2022),
            ),
            A(
                "Gång- och cykelväg längs länsväg 331 (demo)",
                "Ett exempel på ett mindre investeringsobjekt.",
                {"3.2": 2, "4.1": 1},
                status=ActivityStatus.PLANNED,
                budget=24_000_000,
                funding=("national", "municipal"),
                years=(2021, 2023),
            ),
            A(
                "Pendlarparkeringar vid stationer (demo)",
                "Ett exempel på ett åtgärdspaket för kollektivtrafik.",
                {"3.2": 2},
                status=ActivityStatus.DONE,
                budget=9_500_000,
                funding=("national",),
                years=(2016, 2018),
            ),
        ),
        kind=PlanKind.INVESTMENTS,
        summary="Länsplanens investeringsobjekt. Kostnader i demon är påhittade.",
        en="Regional transport infrastructure plan",
    ),
    P(
        "Handlingsplan för landsbygdsprogrammet och havs- och fiskeriprogrammet 2014–2020",
        Theme.RURAL_FISHERIES,
        2014,
        2020,
        (
            A(
                "Lokalt ledd utveckling i kustområdet",
                "Leaderområden prioriterar projekt för fiske och vattenbruk.",
                {"1.2": 1, "2.1": 1},
                budget=5_000_000,
                funding=("fisheries", "rural"),
            ),
            A(
                "Kommersiell service på landsbygden",
                "Stöd till lanthandlar och drivmedel i glesbygd.",
                {"3.2": 1},
                budget=3_000_000,
                funding=("rural", "regional_growth"),
            ),
        ),
        en="Regional action plan for the rural development and maritime and fisheries programmes 2014–2020",
    ),
    P(
        "Vägar till hållbar regional utveckling 2020–2023",
        Theme.SUSTAINABILITY,
        2020,
        2023,
        (
            A(
                "Ledarskap och styrning",
                "Utbildning, processtöd och mentorskap för ett ledarskap som sätter målkonflikterna på bordet.",
                {"4.1": 1},
                budget=1_800_000,
                funding=("national", "regional_growth"),
            ),
            A(
                "Hållbar besöksnäring",
                "En strategisk plan för hållbar besöksnäring och en kartläggning av behovet av certifiering.",
                {"1.2": 3, "4.1": 1},
                budget=1_200_000,
                funding=("national", "regional_growth"),
            ),
            A(
                "Hållbara stöd",
                "Hållbarhet integreras i företagsstöd, projektmedel, kommersiell service och sammanhållningspolitiken.",
                {"1.1": 2},
                budget=900_000,
                funding=("national", "regional_growth"),
            ),
            A(
                "Omställning",
                "Nya arbetssätt och kollegialt utbyte med andra regioner.",
                {},
                status=ActivityStatus.PLANNED,
                budget=600_000,
                funding=("national",),
            ),
        ),
        summary="Regeringsuppdraget om att integrera ekonomisk, social och miljömässig hållbarhet i regionens verksamhet.",
        en="Pathways to sustainable regional development 2020–2023",
    ),
)

JAMTLAND = (
    P(
        "Hållbar regional utveckling 2020–2022",
        Theme.SUSTAINABILITY,
        2020,
        2022,
        (
            A(
                "Kunskapsbaserad politikutveckling och resultatinriktat genomförande",
                "Kartlägga nuläget, tydliggöra samiska förutsättningar och utveckla effektkedja och modell för lärande.",
                {"3.1": 2, "1.1": 1},
                budget=1_400_000,
                funding=("national", "regional_growth"),
            ),
            A(
                "Systematiskt arbete med målkonflikter",
                "Höja kunskapen om hållbarhet som helhet så att målkonflikter lyfts i de ärenden som beslutas politiskt.",
                {"2.1": 1, "1.2": 1},
                budget=1_000_000,
                funding=("national", "regional_growth"),
            ),
            A(
                "Hållbarhetssäkring av företagsstöd, projektmedel och kommersiell service",
                "En struktur för att fördela medlen till omställningsfrämjande satsningar kopplade till regionala mål.",
                {"1.1": 3},
                budget=1_600_000,
                funding=("national", "regional_growth"),
            ),
            A(
                "Övergripande omställning",
                "Lära av andra regioner och aktörer som arbetar aktivt för hållbar utveckling.",
                {"2.1": 1},
                status=ActivityStatus.PLANNED,
                budget=500_000,
                funding=("national",),
            ),
        ),
        summary="Fyra insatsområden som stärker arbetet med social, ekologisk och ekonomisk hållbarhet.",
        en="Sustainable regional development 2020–2022",
    ),
)

SJAELLAND = (
    P(
        "Handlingsplan 2020–22",
        Theme.SMALLER_TOWNS,
        2020,
        2022,
        (
            A(
                "Byudvikling i de mindre byer",
                "Partnerskaber med kommunerne om nye muligheder i de mindre byer.",
                {"1.1": 3},
                stage=ActivityStage.FUNDED,
                budget=4_000_000,
                funding=("own", "municipal"),
            ),
            A(
                "Kvalificeret arbejdskraft til sundhedssektoren",
                "Flere unge vælger en sundhedsuddannelse i regionen.",
                {"2.1": 3},
                stage=ActivityStage.READY,
                status=ActivityStatus.PLANNED,
                budget=2_500_000,
                funding=("own", "esf"),
            ),
            A(
                "Fremtidens digitale region",
                "Kortlægning af huller i bredbånds- og mobildækningen.",
                {"3.1": 3},
                stage=ActivityStage.EXPLORATION,
                status=ActivityStatus.PLANNED,
                budget=1_000_000,
                funding=("own",),
            ),
            A(
                "Grøn omstilling i virksomheder",
                "En langsigtet strategisk indsats, som regionen vil afdække med partnere.",
                {"1.1": 1},
                stage=ActivityStage.IDEA,
                status=ActivityStatus.PLANNED,
                funding=("erdf", "private"),
            ),
        ),
        summary=(
            "Den første handlingsplan til Udviklingsstrategien 2020–2024: konkrete indsatser for de mindre byer, "
            "kvalificeret arbejdskraft og fremtidens digitale region, og plads til at afdække langsigtede indsatser."
        ),
        en="Action plan 2020–22",
    ),
)

DEMO: dict[str, tuple[P, ...]] = {
    "vasternorrland": VASTERNORRLAND,
    "jamtland-harjedalen": JAMTLAND,
    "sjaelland": SJAELLAND,
}


def load_plans(region: Region, strategy: Strategy | None, specs: tuple[P, ...]) -> None:
    goals = {g.code: g for g in strategy.goals.all()} if strategy is not None else {}
    organisations = {o.name: o for o in Organisation.objects.filter(region=region)}
    for spec in specs:
        if ActionPlan.objects.filter(region=region, title=spec.title).exists():
            continue
        plan = services.action_plan_create(
            region=region,
            by=None,
            data={
                "strategy": strategy,
                "title": spec.title,
                "summary": spec.summary,
                "theme": spec.theme,
                "kind": spec.kind,
                "start_year": spec.start,
                "end_year": spec.end,
                "owner": region.name,
                "translations": {"en": {"title": spec.en}} if spec.en else {},
            },
        )
        for number, item in enumerate(spec.activities, start=1):
            start, end = item.years or (spec.start, spec.end)
            responsible = organisations.get(item.responsible) or organisations.get(
                item.responsible + "s kommun"
            )
            activity = services.activity_create(
                plan=plan,
                by=None,
                data={
                    "code": f"{number}",
                    "title": item.title,
                    "description": item.description,
                    "status": item.status,
                    "stage": item.stage,
                    "estimated_budget": None
                    if item.budget is None
                    else item.budget * 100,
                    "funding_types": list(item.funding),
                    "start_date": datetime.date(start, 1, 1),
                    "end_date": datetime.date(end, 12, 31),
                    "responsible": responsible,
                },
            )
            for code, weight in item.goals.items():
                if code in goals:
                    services.activity_goal_set(
                        activity=activity, goal=goals[code], by=None, weight=weight
                    )
        services.action_plan_adopt(
            plan=plan,
            by=None,
            adopted_on=datetime.date(spec.start, 2, 1),
            decision_reference="(demo)",
        )


@demo.register(order=60)
def load_action_plans(*, context: dict[str, Any], stdout: Any = None) -> None:
    """Each demo region's action plans under its current strategy."""
    regions: dict[str, Region] = demo.context_get(context, "regions")
    strategies: dict[str, Strategy] = context.get("strategies", {})
    for slug, specs in DEMO.items():
        region = regions.get(slug)
        if region is not None:
            load_plans(region, strategies.get(slug), specs)
