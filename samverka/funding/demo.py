"""Demo funds and calls of the three seed regions.

Funds and call themes come from the seeds: Västernorrland "decides how the funds for
regional growth work are used" and co-finances EU structural-fund projects; Jämtland
Härjedalen sustainability-assures business support, project funds and commercial
service; Region Sjælland funds projects on qualified labour and the green transition.
Amounts are made-up demo figures. Open calls open a month before the demo is loaded
and close two months after it, so the demo always has open calls. Idempotent.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from samverka.core import demo
from samverka.core.models import Region
from samverka.funding import services
from samverka.funding.choices import AttachmentKind, IndicatorLevel, Intake
from samverka.funding.models import Call, Fund
from samverka.plans.choices import FundingType
from samverka.plans.models import Activity


@dataclass(frozen=True)
class F:
    name: str
    type: str
    max_aid: int
    yearly: int  # whole currency units per year
    external: bool = False
    managing_body: str = ""
    state_aid: bool = False
    code: str = ""
    en: str = ""
    description: str = ""


@dataclass(frozen=True)
class C:
    title: str
    funds: tuple[str, ...]
    summary: str
    text: str
    open: bool
    budget: int
    activities: tuple[str, ...] = ()
    continuous: bool = False
    two_stage: bool = False
    sami: bool = False
    indirect: int | None = 15
    min_amount: int | None = None
    max_amount: int | None = None
    applicant_types: tuple[str, ...] = ()
    sections: tuple[str, ...] = (
        "budget",
        "financing",
        "effects",
        "strategy",
        "sustainability",
        "attachments",
    )
    criteria: tuple[tuple[str, int, str], ...] = ()
    indicators: tuple[tuple[str, str, str, str], ...] = ()
    attachments: tuple[tuple[str, str], ...] = ()
    en: dict[str, str] = field(default_factory=dict)


SV_CRITERIA = (
    ("Bidrag till handlingsplanernas mål", 3, "Hur tydligt projektet genomför en eller flera aktiviteter i handlingsplanerna och bidrar till strategins mål."),
    ("Hållbarhet", 2, "Hur projektet integrerar social, ekologisk och ekonomisk hållbarhet och de horisontella kriterierna."),
    ("Genomförbarhet", 2, "Organisation, tidplan, budget och medfinansiering är realistiska."),
    ("Effekter och spridning", 3, "Effektlogiken håller; resultaten lever kvar och sprids efter projekttiden."),
)  # fmt: skip
DA_CRITERIA = (
    ("Bidrag til handlingsplanen", 3, "Hvor klart projektet gennemfører indsatser i Region Sjællands handlingsplan."),
    ("Bæredygtighed", 2, "Social, miljømæssig og økonomisk bæredygtighed er tænkt ind i projektet."),
    ("Gennemførlighed", 2, "Organisering, tidsplan, budget og medfinansiering er realistiske."),
    ("Effekt og forankring", 3, "Effektkæden holder, og resultaterne forankres efter projektperioden."),
)  # fmt: skip
SV_INDICATORS = (
    ("P1", "Antal företag som deltar i projektet", "st", IndicatorLevel.OUTPUT),
    ("P2", "Antal deltagare, kvinnor och män", "personer", IndicatorLevel.OUTPUT),
    ("P3", "Antal nya samarbeten mellan företag och lärosäten", "st", IndicatorLevel.SHORT_TERM),
    ("P4", "Antal nya arbetstillfällen", "st", IndicatorLevel.LONG_TERM),
)  # fmt: skip
DA_INDICATORS = (
    ("P1", "Antal deltagende virksomheder", "stk.", IndicatorLevel.OUTPUT),
    ("P2", "Antal personer i opkvalificering", "personer", IndicatorLevel.OUTPUT),
    ("P3", "Antal besatte stillinger inden for sundhed", "stk.", IndicatorLevel.SHORT_TERM),
    ("P4", "Beskæftigelse i målgruppen", "procent", IndicatorLevel.LONG_TERM),
)  # fmt: skip

DEMO: dict[str, tuple[tuple[F, ...], tuple[C, ...]]] = {
    "vasternorrland": (
        (
            F(
                "Regionala projektmedel (1:1-medel)",
                FundingType.REGIONAL_GROWTH,
                50,
                48_000_000,
                code="1:1",
                en="Regional project funds (1:1 funds)",
                description="Statliga medel för regionalt tillväxtarbete som regionen beslutar om; kräver lika stor medfinansiering.",
            ),
            F(
                "Regionalt företagsstöd",
                FundingType.REGIONAL_GROWTH,
                50,
                20_000_000,
                state_aid=True,
                code="FS",
                en="Regional business support",
            ),
            F(
                "Europeiska regionala utvecklingsfonden, Mellersta Norrland",
                FundingType.ERDF,
                60,
                120_000_000,
                external=True,
                managing_body="Tillväxtverket",
                en="European Regional Development Fund, Mellersta Norrland",
            ),
            F(
                "Landsbygdsprogrammet",
                FundingType.RURAL,
                70,
                35_000_000,
                external=True,
                managing_body="Länsstyrelsen Västernorrland",
                en="Rural development programme",
            ),
        ),
        (
            C(
                "Regionala projektmedel 2027",
                ("Regionala projektmedel (1:1-medel)",),
                "Projektmedel för insatser som genomför regionens handlingsplaner för innovation, företagande och kompetensförsörjning.",
                "Region Västernorrland utlyser regionala projektmedel för 2027. Medlen ska gå till projekt som genomför aktiviteter i de tematiska handlingsplanerna och bidrar till den regionala utvecklingsstrategins mål. Projektet ska ha minst lika stor offentlig eller privat medfinansiering. Ansökan hållbarhetssäkras: beskriv hur projektet integrerar social, ekologisk och ekonomisk hållbarhet.",
                True,
                15_000_000,
                (
                    "Testbädd för skoglig bioekonomi",
                    "Innovationscheckar",
                    "Jämställt företagsfrämjande",
                    "Regional kompetensplattform",
                    "Generationsskiften i små företag",
                    "Hållbar besöksnäring",
                ),
                min_amount=200_000,
                max_amount=3_000_000,
                criteria=SV_CRITERIA,
                indicators=SV_INDICATORS,
                attachments=(
                    (
                        AttachmentKind.COFINANCING_CONFIRMATION,
                        "Intyg om medfinansiering",
                    ),
                ),
                en={
                    "title": "Regional project funds 2027",
                    "summary": "Project funds for work that carries out the region's action plans for innovation, enterprise and skills supply.",
                },
            ),
            C(
                "Regionala projektmedel 2026",
                ("Regionala projektmedel (1:1-medel)",),
                "Projektmedel 2026 för insatser i handlingsplanerna.",
                "Utlysningen är stängd. Ansökningarna bedöms och beslut fattas av regionala utvecklingsnämnden.",
                False,
                14_000_000,
                (
                    "Energikontor Mitt",
                    "Ung företagsamhet i skolan",
                    "Validering av yrkeskunskap",
                ),
                criteria=SV_CRITERIA,
                indicators=SV_INDICATORS,
                en={"title": "Regional project funds 2026"},
            ),
            C(
                "Innovation och hållbar omställning: idéskiss 2027",
                (
                    "Regionala projektmedel (1:1-medel)",
                    "Europeiska regionala utvecklingsfonden, Mellersta Norrland",
                ),
                "Två steg: skicka först en kort idéskiss; de som bjuds in skriver en fullständig ansökan.",
                "För större projekt som kan medfinansieras av Europeiska regionala utvecklingsfonden. Skicka en idéskiss på högst två sidor med budgetram; regionen bjuder in de mest lovande till en fullständig ansökan.",
                True,
                25_000_000,
                ("Testbädd för skoglig bioekonomi", "Laddinfrastruktur längs E4"),
                two_stage=True,
                criteria=SV_CRITERIA,
                indicators=SV_INDICATORS,
                en={"title": "Innovation and sustainable transition: concept 2027"},
            ),
        ),
    ),
    "jamtland-harjedalen": (
        (
            F(
                "Regionala projektmedel",
                FundingType.REGIONAL_GROWTH,
                50,
                30_000_000,
                code="1:1",
                en="Regional project funds",
            ),
            F(
                "Företagsstöd",
                FundingType.REGIONAL_GROWTH,
                50,
                18_000_000,
                state_aid=True,
                en="Business support",
            ),
            F(
                "Stöd till kommersiell service",
                FundingType.REGIONAL_GROWTH,
                75,
                6_000_000,
                state_aid=True,
                en="Support for commercial service",
            ),
        ),
        (
            C(
                "Hållbarhetssäkrat företagsstöd",
                ("Företagsstöd",),
                "Löpande intag: investerings- och konsultstöd till små och medelstora företag, hållbarhetssäkrat.",
                "Region Jämtland Härjedalen hållbarhetssäkrar sina företagsstöd. Beskriv hur investeringen påverkar social, ekologisk och ekonomisk hållbarhet, och hur samiska perspektiv och näringar berörs. Ansökningar tas emot löpande och behandlas i turordning.",
                True,
                8_000_000,
                (
                    "Hållbarhetssäkring av företagsstöd, projektmedel och kommersiell service",
                ),
                continuous=True,
                sami=True,
                indirect=None,
                applicant_types=("company",),
                sections=(
                    "budget",
                    "financing",
                    "effects",
                    "sustainability",
                    "state_aid",
                ),
                criteria=SV_CRITERIA,
                indicators=SV_INDICATORS,
                en={"title": "Sustainability-assured business support"},
            ),
            C(
                "Projektmedel för hållbar regional utveckling 2026",
                ("Regionala projektmedel",),
                "Projekt inom de fyra insatsområdena för hållbar regional utveckling.",
                "Utlysningen är stängd.",
                False,
                9_000_000,
                (
                    "Systematiskt arbete med målkonflikter",
                    "Kunskapsbaserad politikutveckling och resultatinriktat genomförande",
                ),
                sami=True,
                criteria=SV_CRITERIA,
                indicators=SV_INDICATORS,
                en={"title": "Project funds for sustainable regional development 2026"},
            ),
        ),
    ),
    "sjaelland": (
        (
            F(
                "Regionale udviklingsmidler",
                FundingType.OWN,
                50,
                40_000_000,
                en="Regional development funds",
            ),
            F(
                "Den Europæiske Socialfond Plus",
                FundingType.ESF,
                60,
                60_000_000,
                external=True,
                managing_body="Erhvervsstyrelsen",
                en="European Social Fund Plus",
            ),
        ),
        (
            C(
                "Projekter om kvalificeret arbejdskraft 2027",
                ("Regionale udviklingsmidler",),
                "Midler til projekter, der skaffer kvalificeret arbejdskraft til sundhedssektoren og virksomhederne i Region Sjælland.",
                "Region Sjælland søger projekter, der uddanner, opkvalificerer og fastholder arbejdskraft, især i sundhedssektoren. Projekterne skal gennemføre indsatser i handlingsplanen og have medfinansiering fra kommuner, uddannelsesinstitutioner eller virksomheder.",
                True,
                12_000_000,
                (
                    "Kvalificeret arbejdskraft til sundhedssektoren",
                    "Fremtidens digitale region",
                ),
                criteria=DA_CRITERIA,
                indicators=DA_INDICATORS,
                attachments=((AttachmentKind.LETTER_OF_INTENT, "Partnererklæringer"),),
                en={"title": "Projects on qualified labour 2027"},
            ),
            C(
                "Grøn omstilling i virksomheder 2026",
                ("Regionale udviklingsmidler",),
                "Projekter om grøn omstilling i små og mellemstore virksomheder.",
                "Opslaget er lukket.",
                False,
                8_000_000,
                ("Grøn omstilling i virksomheder",),
                criteria=DA_CRITERIA,
                indicators=DA_INDICATORS,
                en={"title": "Green transition in companies 2026"},
            ),
        ),
    ),
}


def _local(
    region: Region, day: datetime.date, hour: int, minute: int = 0
) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=region.tzinfo
    )


def _fund(region: Region, spec: F) -> Fund:
    fund = Fund.objects.filter(region=region, name=spec.name).first()
    if fund is None:
        fund = services.fund_create(
            region=region,
            by=None,
            data={
                "name": spec.name,
                "code": spec.code,
                "type": spec.type,
                "description": spec.description,
                "currency": region.currency,
                "is_external": spec.external,
                "managing_body": spec.managing_body,
                "max_aid_intensity": spec.max_aid,
                "state_aid_applies": spec.state_aid,
                "translations": {"en": {"name": spec.en}} if spec.en else {},
            },
        )
    year = timezone.localdate().year
    for y in (year - 1, year, year + 1):
        if not fund.appropriations.filter(year=y).exists():
            services.appropriation_set(
                fund=fund, year=y, amount=spec.yearly * 100, by=None
            )
    return fund


def _call(region: Region, spec: C, funds: dict[str, Fund]) -> Call:
    existing = Call.objects.filter(region=region, title=spec.title).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    if spec.open:
        opens = _local(region, today - datetime.timedelta(days=30), 8)
        closes = (
            None
            if spec.continuous
            else _local(region, today + datetime.timedelta(days=60), 23, 59)
        )
    else:
        # Opened long ago; it closes once the demo applications are in (the
        # applications demo moves the closing time into the past).
        opens = _local(region, today - datetime.timedelta(days=240), 8)
        closes = _local(region, today + datetime.timedelta(days=1), 23, 59)
    activities = list(Activity.objects.filter(region=region, title__in=spec.activities))
    goals = {goal for a in activities for goal in a.goals.all()}
    translations = {"en": spec.en} if spec.en else {}
    call = services.call_create(
        region=region,
        by=None,
        data={
            "title": spec.title,
            "summary": spec.summary,
            "text": spec.text,
            "intake": Intake.CONTINUOUS if spec.continuous else Intake.DEADLINE,
            "opens_at": opens,
            "closes_at": closes,
            "budget": spec.budget * 100,
            "min_amount": None if spec.min_amount is None else spec.min_amount * 100,
            "max_amount": None if spec.max_amount is None else spec.max_amount * 100,
            "eligible_applicant_types": list(spec.applicant_types),
            "required_sections": list(spec.sections),
            "two_stage": spec.two_stage,
            "indirect_cost_rate": spec.indirect,
            "asks_sami_perspective": spec.sami,
            "contact_name": "Hanna Handläggare"
            if region.country == "SE"
            else "Sofie Sagsbehandler",
            "contact_email": region.email,
            "translations": translations,
            "funds": [funds[name] for name in spec.funds],
            "activities": activities,
            "goals": sorted(goals, key=lambda g: g.pk),
        },
    )
    for order, (name, weight, guidance) in enumerate(spec.criteria):
        services.criterion_create(
            call=call,
            by=None,
            data={
                "name": name,
                "weight": weight,
                "guidance": guidance,
                "scale_min": 0,
                "scale_max": 5,
                "order": order,
            },
        )
    for order, (code, name, unit, level) in enumerate(spec.indicators):
        services.call_indicator_create(
            call=call,
            by=None,
            data={
                "code": code,
                "name": name,
                "unit": unit,
                "level": level,
                "order": order,
            },
        )
    for order, (kind, title) in enumerate(spec.attachments):
        services.required_attachment_create(
            call=call,
            by=None,
            data={"kind": kind, "title": title, "is_required": True, "order": order},
        )
    services.call_publish(call=call, by=None)
    return call


@demo.register(order=70)
def load_funding(*, context: dict[str, Any], stdout: Any = None) -> None:
    """Each demo region's funds (with appropriations) and open and closed calls."""
    regions: dict[str, Region] = demo.context_get(context, "regions")
    calls: dict[str, list[Call]] = {}
    for slug, (fund_specs, call_specs) in DEMO.items():
        region = regions.get(slug)
        if region is None:
            continue
        funds = {spec.name: _fund(region, spec) for spec in fund_specs}
        calls[slug] = [_call(region, spec, funds) for spec in call_specs]
    context["calls"] = calls
