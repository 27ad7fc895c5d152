"""Demo assessments: the demo applications in assessment, assessed through the services.

For each demo region's applications in assessment (and a few submitted ones that the
officer accepts here) the demo records the formal check, assigns two assessors who
declare and score (one declares a conflict of interest and is replaced), assures
sustainability, weighs the goal conflicts that the strategy's goal interactions and
the negative ratings bring up (one mitigated, one trade-off accepted, one dismissed,
one made a condition, one left for the officer), and writes the recommendation. A few
assessments are left half done, so that the assessors' and officers' pages have work
in them.

Two more applications in Västernorrland come in here, through the applications
demo's own loader: a project financed from the European Regional Development Fund
(invited from its concept to a full application, so that its sustainability
assurance answers the EU's "do no significant harm" check) and a company's investment
that fails the formal check (the decisions demo dismisses it).

People are obviously fictional; the demo assessors log in with the demo password.
Texts are in the region's language. Idempotent: every step looks first at what is
there and leaves done work alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import translation

from samverka.accounts import services as account_services
from samverka.accounts.choices import RoleCode
from samverka.accounts.demo import demo_user, first_holder
from samverka.accounts.models import User
from samverka.actors.models import Organisation
from samverka.applications import demo as application_demo
from samverka.applications import services as application_services
from samverka.applications.choices import (
    ApplicationStatus,
    IntegrationRating,
    PartnerRole,
    Stage,
)
from samverka.applications.demo import (
    AUTUMN_2027,
    IN_KIND,
    OFFICER,
    ONE_YEAR,
    PRIVATE,
    SUBMITTED,
    VN_2027,
    VN_CONCEPT,
    Co,
    Spec,
)
from samverka.applications.models import Application
from samverka.assessments import services
from samverka.assessments.choices import (
    AssignmentStatus,
    CheckItem,
    ConflictHandling,
    ConflictSource,
    ConflictStatus,
    DnshResult,
    Effect,
    RecommendedOutcome,
    SdgDirection,
    TaxonomyObjective,
)
from samverka.assessments.models import (
    Assignment,
    FormalCheck,
    Recommendation,
    SustainabilityAssessment,
)
from samverka.assessments.policies import ASSESSABLE_STATUSES
from samverka.core import demo
from samverka.core.models import Region
from samverka.funding.models import Call, Fund
from samverka.strategy.models import SdgTarget

# Assessors ---------------------------------------------------------------------------

#: The demo assessors each region gets besides the one the accounts demo makes
#: (``assessor@<region>``): key (the e-mail's local part) and name.
ASSESSORS: dict[str, tuple[tuple[str, str], ...]] = {
    "vasternorrland": (
        ("assessor-2", "Greta Granskare"),
        ("assessor-3", "Per Prövare"),
    ),
    "jamtland-harjedalen": (("assessor-2", "Gunnel Granskare"),),
    "sjaelland": (("assessor-2", "Bodil Bedømmer"),),
}
FIRST = "assessor"  # the accounts demo's assessor of each region


def assessor_email(key: str, slug: str) -> str:
    return f"{key}@{slug}.example.org"


# The applications that come in here ------------------------------------------------

VN_EU = "Industriell symbios vid Sundsvallsfjärden"
VN_DISMISSED = "Ny flistork vid sågverket i Ånge"
ERDF = "Europeiska regionala utvecklingsfonden, Mellersta Norrland"

EXTRA: dict[str, tuple[Spec, ...]] = {
    "vasternorrland": (
        Spec(
            VN_CONCEPT,
            "Sundsvalls kommun",
            VN_EU,
            SUBMITTED,
            "Industrierna runt Sundsvallsfjärden tar till vara varandras restvärme och restströmmar: det som i dag kyls bort eller körs till deponi blir råvara och energi i ett annat företag.",
            background="Massabruket, aluminiumsmältverket och kemiindustrin vid Sundsvallsfjärden släpper ut stora mängder restvärme och har restströmmar som ingen använder. Samtidigt köper andra företag i området fossil energi och jungfruliga råvaror.",
            objectives="Fem nya utbyten av energi eller material mellan företagen i drift 2028, och utsläppen av växthusgaser från de deltagande företagen minskar med 20 000 ton per år.",
            target_groups="Processindustrin och små och medelstora företag i Sundsvall och Timrå.",
            work_plan="2027: kartläggning av flöden och förstudier för tio möjliga utbyten. 2028: investeringar i ledningar och mottagning för de fem mest lönsamma, avtal mellan företagen och en samordnare för symbiosen.",
            period=AUTUMN_2027,
            municipalities=("Sundsvalls kommun", "Timrå kommun"),
            activity="Testbädd för skoglig bioekonomi",
            strategy_fit="Projektet prövar nya affärer mellan skogsindustrin och andra företag och minskar industrins utsläpp, i linje med handlingsplanerna för innovation och för klimat och energi.",
            total=6_000_000,
            aid=60,
            cofunders=(
                Co("Sundsvalls kommun", 50),
                Co("Timrå kommun", 20),
                Co("Mittuniversitetet", 30, kind=IN_KIND),
            ),
            effects=(
                "Restvärme och restströmmar går förlorade medan andra företag köper fossil energi och nya råvaror.",
                "Kartläggning av flöden, förstudier, investeringar i ledningar och en samordnare för symbiosen.",
                "Fem nya utbyten av energi eller material mellan företagen.",
                "Lägre energikostnader och utsläpp i de deltagande företagen.",
                "En resurseffektiv industri vid Sundsvallsfjärden med lägre klimatpåverkan.",
            ),
            indicators=(("P1", 12), ("P3", 5)),
            ratings="PIIIPP",
            sustainability=(
                "Lägre kostnader tryggar arbetstillfällen i industrin.",
                "Restströmmar ersätter jungfruliga råvaror och restvärme ersätter fossil olja.",
                "Utbytena ska bära sig med avtal mellan företagen efter projekttiden.",
                "Utsläppen av växthusgaser minskar med 20 000 ton per år.",
                "Samordnaren följer upp deltagandet per kön i styrgrupp och arbetsgrupper.",
                "Projektet når främst större industriföretag; små företag bjuds in till förstudierna.",
            ),
            partners=(
                (
                    "Mittuniversitetet",
                    PartnerRole.PARTNER,
                    "Kartlägger flödena och utvärderar klimatnyttan.",
                ),
            ),
        ),
        Spec(
            VN_2027,
            "Demo Skog & Energi AB",
            VN_DISMISSED,
            OFFICER,
            "Sågverket i Ånge bygger en täckt flistork, så att flis och bark kan säljas torra som bränsle i stället för att ligga ute.",
            background="Sågverket säljer i dag flis och bark fuktiga till lågt pris. En täckt flistork med restvärme från torkarna ger ett bränsle med högre värde.",
            objectives="En flistork i drift hösten 2027 och dubbelt så högt pris för sågverkets flis och bark.",
            target_groups="Sågverket och dess kunder bland fjärrvärmeverken i länet.",
            work_plan="Projektering och bygglov våren 2027, byggnation sommaren 2027, drift från hösten 2027.",
            period=ONE_YEAR,
            municipalities=("Ånge kommun",),
            activity="Testbädd för skoglig bioekonomi",
            strategy_fit="Investeringen förädlar restprodukter från sågverket.",
            total=1_600_000,
            profile="investment",
            cofunders=(Co("Demo Skog & Energi AB", 1, sector=PRIVATE),),
            effects=(
                "Flis och bark säljs fuktiga till lågt pris.",
                "Projektering och byggnation av en täckt flistork.",
                "En flistork i drift.",
                "Högre intäkter för sågverket.",
                "Ett lönsammare sågverk i Ånge.",
            ),
            indicators=(("P1", 1),),
            ratings="PPIPNN",
            sustainability=(
                "Investeringen tryggar arbeten vid sågverket.",
                "Torrare bränsle ger mindre utsläpp vid förbränningen.",
                "Investeringen betalar sig på sex år.",
                "Restvärme från virkestorkarna torkar flisen.",
                "Inga särskilda åtgärder är planerade.",
                "Inga särskilda åtgärder är planerade.",
            ),
        ),
    ),
}


# What the assessment of each application says ----------------------------------------

SUBMIT = "submitted"  # declared no conflict, scored and submitted
SAVE = "saved"  # declared no conflict, scores saved but not handed in
AWAIT = "awaiting"  # assigned, not yet declared
CONFLICT = "conflict"  # declared a conflict of interest

#: How far each further assessor's scores lie from the first's, criterion by criterion.
OFFSETS = ((0, 0, 0, 0), (1, -1, 0, 1), (0, 1, -1, 0))


@dataclass(frozen=True)
class Plan:
    title: str
    #: The first assessor's score on each criterion of the call, in the call's order.
    scores: tuple[int, ...] = ()
    #: (assessor key, how far they got), in the order they are assigned.
    assessors: tuple[tuple[str, str], ...] = ()
    comments: dict[str, str] = field(default_factory=dict)  # assessor key → comment
    conflict: str = ""  # the declaration of the assessor who has a conflict
    failed: dict[str, str] = field(default_factory=dict)  # formal check: not met
    check_note: str = ""
    summary: str = ""  # set: the sustainability assurance is complete
    ratings: dict[str, tuple[str, str]] = field(default_factory=dict)  # overrides
    dnsh: dict[str, tuple[str, str]] = field(default_factory=dict)
    sdg: tuple[tuple[str, str, str], ...] = ()  # (target code, direction, note)
    #: Conflict key, or its source ("aspect", "dnsh" …), or for an interaction
    #: "interaction>" and the code of the goal it may harm → (status, description,
    #: handling, handling text). Proposals not named here stay proposed.
    weigh: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)
    #: (outcome, amount in whole currency units, motivation, proposed conditions)
    recommend: tuple[str, int, str, str] | None = None


GRANT = RecommendedOutcome.GRANT
WITH_CONDITIONS = RecommendedOutcome.GRANT_WITH_CONDITIONS
REJECT = RecommendedOutcome.REJECT
A1, A2, A3 = FIRST, "assessor-2", "assessor-3"

PLANS: dict[str, tuple[Plan, ...]] = {
    "vasternorrland": (
        Plan(
            "Validering av yrkeskunskap inom industri och bygg",
            scores=(5, 4, 4, 4),
            assessors=((A1, SUBMIT), (A2, CONFLICT), (A3, SUBMIT)),
            conflict="Min make är chef för arbetsmarknadsenheten i Sundsvalls kommun, som driver projektet.",
            comments={
                A1: "Ett välgrundat projekt med tydlig koppling till handlingsplanen; branschernas medverkan är säkrad.",
                A3: "Stark effektlogik. Kostnaderna för den kompletterande utbildningen kunde ha specificerats mer.",
            },
            summary="Projektet stärker den sociala och ekonomiska hållbarheten genom snabbare etablering och en tryggad kompetensförsörjning; de ekologiska effekterna är små.",
            recommend=(
                GRANT,
                1_500_000,
                "Projektet genomför aktiviteten validering av yrkeskunskap i handlingsplanen och har högst poäng i utlysningen. Föreslås beviljas 1 500 000 kronor; en mindre post för lokaler ryms inte i stödet. Beloppet ligger över avdelningschefens delegation och beslutas av regionala utvecklingsnämnden.",
                "",
            ),
        ),
        Plan(
            "Energisteg för småföretag",
            scores=(4, 5, 4, 3),
            assessors=((A1, SUBMIT), (A2, SUBMIT)),
            comments={
                A1: "Kostnadseffektivt, med mätbar klimatnytta i varje företag.",
                A2: "Bra upplägg, men rekryteringen av företag behöver nå bredare.",
            },
            summary="Projektet minskar energianvändningen och utsläppen och stärker småföretagens ekonomi. Risken att företagare med annat modersmål inte nås hanteras i projektet.",
            ratings={
                "equal_opportunities": (
                    Effect.NEGATIVE,
                    "Energikartläggningarna erbjuds bara på svenska, och rekryteringen går via branschföreningar där företag som drivs av utrikes födda sällan är med. De riskerar att inte nås.",
                ),
            },
            weigh={
                "aspect:equal_opportunities": (
                    ConflictStatus.CONFIRMED,
                    "Upplägget riskerar att utestänga företagare med annat modersmål än svenska, vilket går emot strategins mål om lika möjligheter.",
                    ConflictHandling.MITIGATED,
                    "Energikontoret erbjuder kartläggningarna även på engelska och arabiska och rekryterar företag tillsammans med kommunernas näringslivsenheter; andelen företag som drivs av utrikes födda följs upp.",
                ),
            },
            recommend=(
                GRANT,
                900_000,
                "Ett kostnadseffektivt projekt med mätbar klimatnytta. Föreslås beviljas 900 000 kronor; mätinstrumenten bör bekostas av energikontorets ordinarie budget.",
                "",
            ),
        ),
        Plan(
            "UF-företag i Örnsköldsviks skolor",
            scores=(3, 3, 4, 3),
            assessors=((A1, SUBMIT), (A3, SUBMIT)),
            comments={
                A1: "Beprövad metod med rimlig budget.",
                A3: "Medfinansieringen från företaget är inte klar.",
            },
            summary="Projektet stärker den sociala hållbarheten genom att ge unga framtidstro i kommunen; övriga effekter är små.",
            recommend=(
                WITH_CONDITIONS,
                350_000,
                "Projektet genomför aktiviteten ung företagsamhet i handlingsplanen med en beprövad metod och en rimlig budget. Medfinansieringen från Demo Skog & Energi AB är ännu inte beslutad.",
                "Demo Skog & Energi AB ska ha beslutat om sin medfinansiering på 70 900 kronor.",
            ),
        ),
        Plan(
            "Branschråd för industrins kompetensbehov i Timrå",
            scores=(2, 3, 2, 1),
            assessors=((A1, SUBMIT), (A2, SUBMIT)),
            comments={
                A1: "Branschrådet överlappar med det som redan görs inom den regionala kompetensplattformen.",
                A2: "Oklart vad som finns kvar efter projekttiden.",
            },
            summary="Projektet har i huvudsak sociala effekter; de ekologiska är små.",
            recommend=(
                REJECT,
                0,
                "Projektet överlappar med branschråden inom den regionala kompetensplattformen, och effektlogiken visar inte vad som blir kvar efter projekttiden. Ansökan har lägst poäng i utlysningen. Föreslås avslås.",
                "",
            ),
        ),
        Plan(
            "Digital gästresa längs Höga Kusten",
            scores=(4, 3, 4, 4),
            assessors=((A1, SUBMIT), (A2, SAVE)),
            comments={
                A1: "Ett välbehövligt samarbete mellan små företag; förvaltningen efter projektet är genomtänkt.",
                A2: "Utkast: klimatfrågan behöver belysas bättre.",
            },
            ratings={
                "environment_climate": (
                    Effect.NEGATIVE,
                    "Tjänsten ska locka fler besökare till Höga Kusten, och de flesta reser dit med bil. Projektet mäter inte utsläppen från resorna.",
                ),
            },
        ),
        Plan(
            "Innovationsslussen Mitt",
            scores=(5, 4, 3, 5),
            assessors=((A2, SUBMIT), (A3, SUBMIT)),
            comments={
                A2: "Stark forskningsmiljö och tydlig efterfrågan från företagen.",
                A3: "Medfinansieringen från det privata företaget är osäker.",
            },
            summary="Projektet stärker den ekonomiska hållbarheten och ersätter fossila material, men bygger på ett ökat uttag av skogsrester. Avvägningen är gjord och motiverad.",
            ratings={
                "ecological": (
                    Effect.NEGATIVE,
                    "Materialtesterna bygger på ökat uttag av grenar, toppar och stubbar, vilket minskar mängden död ved som många arter i skogen är beroende av.",
                ),
            },
            weigh={
                "aspect:ecological": (
                    ConflictStatus.CONFIRMED,
                    "Ett ökat uttag av skogsrester för nya material kan motverka målet om biologisk mångfald i skogen.",
                    ConflictHandling.TRADE_OFF,
                    "Testvolymerna är små och tas från certifierat skogsbruk. Nyttan av biobaserade material som ersätter fossil plast, och av nya företag i skogsnäringen, väger tyngre än den begränsade påverkan under projekttiden. Frågan prövas igen inför en fullskalig produktion.",
                ),
            },
            recommend=(
                WITH_CONDITIONS,
                2_000_000,
                "Projektet har högst poäng i utlysningen och stärker samverkan mellan lärosätet och skogsnäringen. Föreslås beviljas 2 000 000 kronor under förutsättning att den privata medfinansieringen beslutas. Beloppet ligger över avdelningschefens delegation och beslutas av regionala utvecklingsnämnden.",
                "Demo Skog & Energi AB ska ha beslutat om sin medfinansiering på 538 500 kronor.",
            ),
        ),
        Plan(
            VN_EU,
            scores=(4, 5, 3, 4),
            assessors=((A1, SUBMIT), (A2, SUBMIT)),
            comments={
                A1: "Stor klimatnytta och ett tydligt industriellt intresse.",
                A2: "Tidplanen för investeringarna är snäv.",
            },
            summary="Projektet minskar utsläppen och gör industrin mer resurseffektiv. Risken för vattenmiljön i Sundsvallsfjärden blir ett villkor i beslutet.",
            dnsh={
                TaxonomyObjective.CLIMATE_MITIGATION: (
                    DnshResult.SUPPORTS,
                    "Restvärme ersätter fossil olja i industrins processer.",
                ),
                TaxonomyObjective.CLIMATE_ADAPTATION: (
                    DnshResult.NOT_RELEVANT,
                    "Projektet påverkar inte förmågan att anpassa sig till ett förändrat klimat.",
                ),
                TaxonomyObjective.WATER: (
                    DnshResult.RISK,
                    "Nya flöden av processvatten mellan anläggningarna kan öka utsläppen av näringsämnen till Sundsvallsfjärden, som redan har dålig ekologisk status.",
                ),
                TaxonomyObjective.CIRCULAR: (
                    DnshResult.SUPPORTS,
                    "Restströmmar blir råvara i andra företag.",
                ),
                TaxonomyObjective.POLLUTION: (
                    DnshResult.NO_HARM,
                    "Anläggningarna har tillstånd enligt miljöbalken, och projektet ändrar inte utsläppen till luft.",
                ),
                TaxonomyObjective.BIODIVERSITY: (
                    DnshResult.NO_HARM,
                    "Inga nya ytor tas i anspråk; allt sker på befintliga industritomter.",
                ),
            },
            sdg=(
                (
                    "9.4",
                    SdgDirection.HELPS,
                    "En resurseffektivare industri med lägre utsläpp.",
                ),
                (
                    "12.5",
                    SdgDirection.HELPS,
                    "Mindre avfall när restströmmar används igen.",
                ),
            ),
            weigh={
                "dnsh:water": (
                    ConflictStatus.CONFIRMED,
                    "Ökade utsläpp av processvatten kan skada vattenmiljön i Sundsvallsfjärden och motverka miljökvalitetsmålet om hav i balans.",
                    ConflictHandling.CONDITION,
                    "Innan det första stödet betalas ut ska projektet visa att de nya flödena av processvatten ryms i anläggningarnas tillstånd enligt miljöbalken, eller att tillstånden har ändrats.",
                ),
            },
            recommend=(
                WITH_CONDITIONS,
                3_600_000,
                "Projektet bidrar till målen om fler innovativa företag och minskade utsläpp och har ett starkt stöd från industrin. Risken för vattenmiljön hanteras med ett villkor.",
                "Innan det första stödet betalas ut ska projektet visa att de nya flödena av processvatten ryms i anläggningarnas tillstånd enligt miljöbalken.",
            ),
        ),
        Plan(
            VN_DISMISSED,
            failed={
                CheckItem.ELIGIBLE_APPLICANT: "Regionala projektmedel (1:1-medel) får inte användas som stöd till ett enskilt företags egen verksamhet. Sökanden är ett aktiebolag som ensamt äger och använder investeringen.",
                CheckItem.STATE_AID: "Investeringen är ett stöd till ett enskilt företag och kan bara ges som regionalt investeringsstöd enligt reglerna om statligt stöd, inte som projektmedel.",
            },
            check_note="Sökanden har fått veta att investeringen kan sökas som regionalt företagsstöd.",
        ),
    ),
    "jamtland-harjedalen": (
        Plan(
            "Målkonflikter i fjällkommunerna",
            scores=(5, 5, 4, 4),
            assessors=((A1, SUBMIT), (A2, SUBMIT)),
            comments={
                A1: "Ett föredöme i hur målkonflikter kan hanteras öppet.",
                A2: "Välförankrat hos kommunerna och samebyarna.",
            },
            summary="Projektet stärker alla tre dimensionerna och de samiska perspektiven. Konflikten mellan besöksnäring och rennäring hanteras genom samråd.",
            weigh={
                "interaction>3.1": (
                    ConflictStatus.CONFIRMED,
                    "Fler besökare i fjällen kan begränsa renskötselns betesmarker och flyttleder om inte samråd sker.",
                    ConflictHandling.MITIGATED,
                    "Projektet samråder med samebyarna innan nya leder och besöksmål pekas ut, och renskötselns flyttleder och kalvningsland läggs in i kommunernas planeringsunderlag.",
                ),
            },
            recommend=(
                GRANT,
                1_100_000,
                "Projektet genomför aktiviteten systematiskt arbete med målkonflikter i handlingsplanen och har högst poäng i utlysningen. Föreslås beviljas i sin helhet.",
                "",
            ),
        ),
        Plan(
            "Samiska perspektiv i det regionala utvecklingsarbetet",
            scores=(4, 4, 3, 4),
            assessors=((A1, SUBMIT), (A2, AWAIT)),
            comments={
                A1: "Efterfrågat kunskapsunderlag; oklart hur arbetet fortsätter."
            },
            ratings={
                "economic": (
                    Effect.NEGATIVE,
                    "Verksamheten saknar finansiering efter projekttiden, och arbetet riskerar att upphöra när projektet slutar.",
                ),
            },
            weigh={
                "aspect:economic": (
                    ConflictStatus.DISMISSED,
                    "Att finansieringen efter projekttiden inte är klar är en fråga om genomförbarhet, inte en konflikt mellan strategins mål. Den bedöms under kriteriet genomförbarhet.",
                    "",
                    "",
                ),
            },
        ),
    ),
    "sjaelland": (
        Plan(
            "Praktikpladser i ældreplejen i Slagelse",
            scores=(5, 4, 4, 4),
            assessors=((A1, SUBMIT), (A2, SUBMIT)),
            comments={
                A1: "Realistisk plan med stærk forankring i kommunerne.",
                A2: "God sammenhæng mellem indsatser og mål.",
            },
            summary="Projektet styrker den sociale bæredygtighed og ligestillingen i et kvindedomineret fag; de miljømæssige effekter er små.",
            recommend=(
                GRANT,
                949_000,
                "Projektet gennemfører indsatsen om kvalificeret arbejdskraft til sundhedssektoren og har en realistisk plan. Indstilles til tilsagn.",
                "",
            ),
        ),
        Plan(
            "Overskudsvarme fra industrien i Kalundborg",
            scores=(4, 5, 3, 4),
            assessors=((A1, SUBMIT), (A2, SUBMIT)),
            comments={
                A1: "Stor klimaeffekt pr. krone.",
                A2: "Konsulentposten er høj.",
            },
            summary="Projektet har stor klimaeffekt. Ansøgningen mangler en analyse af lige muligheder.",
            recommend=(
                GRANT,
                2_000_000,
                "Projektet har stor klimaeffekt og en stærk partner i Kalundborg Kommune. Indstilles til tilsagn på 2.000.000 kr.; posten til konsulenter nedsættes.",
                "",
            ),
        ),
        Plan(
            "Grønne forretningsmodeller i små virksomheder",
            scores=(3, 4, 3, 3),
            assessors=((A1, SUBMIT), (A2, SUBMIT)),
            comments={
                A1: "Relevant for de små virksomheder.",
                A2: "Medfinansieringen er ikke på plads.",
            },
            summary="Projektet fremmer cirkulære forretningsmodeller; de sociale effekter er små.",
            recommend=(
                WITH_CONDITIONS,
                1_301_000,
                "Projektet fremmer grøn omstilling i små virksomheder. Medfinansieringen fra Eksempel Fødevarer ApS er endnu ikke bekræftet.",
                "Eksempel Fødevarer ApS skal have bekræftet sin medfinansiering på 326.200 kr.",
            ),
        ),
    ),
}

#: The officer's default judgement from the applicant's own rating of an aspect.
FROM_SELF_RATING: dict[str, str] = {
    IntegrationRating.INTEGRATED: Effect.POSITIVE,
    IntegrationRating.PARTLY: Effect.NEUTRAL,
    IntegrationRating.NOT_INTEGRATED: Effect.UNCERTAIN,
}
EVIDENCE: dict[str, dict[str, str]] = {
    "sv": {
        Effect.POSITIVE: "Ansökan visar konkreta insatser som stärker aspekten.",
        Effect.NEUTRAL: "Projektet påverkar aspekten i liten grad.",
        Effect.UNCERTAIN: "Ansökan saknar en analys; effekten är okänd.",
    },
    "da": {
        Effect.POSITIVE: "Ansøgningen viser konkrete indsatser, der styrker aspektet.",
        Effect.NEUTRAL: "Projektet påvirker kun aspektet lidt.",
        Effect.UNCERTAIN: "Ansøgningen mangler en analyse; effekten er ukendt.",
    },
}


# Loading -----------------------------------------------------------------------------


def assessors_of(region: Region, logins: list[str] | None = None) -> dict[str, User]:
    """The region's demo assessors by key, made (with the assessor role) when needed."""
    found: dict[str, User] = {}
    first = User.objects.filter(
        email__iexact=assessor_email(FIRST, region.slug)
    ).first()
    if first is not None:
        found[FIRST] = first
    for key, name in ASSESSORS.get(region.slug, ()):
        user = demo_user(
            assessor_email(key, region.slug), name, region.default_language
        )
        account_services.role_assign(
            user=user, region=region, role=RoleCode.ASSESSOR, by=None
        )
        found[key] = user
        if logins is not None:
            logins.append(
                f"  {user.email:<48} {RoleCode.ASSESSOR.label} · {region.name}"
            )
    return found


def region_officer(region: Region) -> User | None:
    """The region's first case officer (the demo's Hanna Handläggare)."""
    return first_holder(region, RoleCode.OFFICER)


def _application(region: Region, title: str) -> Application | None:
    return (
        Application.objects.filter(region=region, title=title)
        .select_related("call__region", "fund", "organisation")
        .first()
    )


def load_extra_applications(region: Region, calls: list[Call]) -> None:
    """The applications that come in here; the EU-financed one moves from its
    concept to a full application financed from the regional development fund."""
    specs = EXTRA.get(region.slug, ())
    if not specs:
        return
    titles = {spec.call for spec in specs}
    application_demo.load_region(
        region, region.slug, specs, [c for c in calls if c.title in titles]
    )
    officer = region_officer(region)
    eu_spec = next((s for s in specs if s.title == VN_EU), None)
    application = _application(region, VN_EU)
    if eu_spec is None or application is None or officer is None:
        return
    if (
        application.stage != Stage.CONCEPT
        or application.status != ApplicationStatus.SUBMITTED
    ):
        return
    organisations = {o.name: o for o in Organisation.objects.filter(region=region)}
    applicant = application_demo._applicant(
        region, region.slug, application.organisation
    )
    application_services.officer_assign(
        application=application, by=officer, officer=officer
    )
    application_services.invite_full_application(application=application, by=officer)
    application.refresh_from_db()
    erdf = Fund.objects.filter(region=region, name=ERDF).first()
    if erdf is not None and application.call.funds.filter(pk=erdf.pk).exists():
        application_services.application_update(
            application=application, by=applicant, data={"fund": erdf}
        )
        application.refresh_from_db()
    application_demo._fill(application, eu_spec, applicant, region.slug, organisations)
    application_demo._submit(application, applicant)


def _formal_check(application: Application, plan: Plan, officer: User) -> None:
    if FormalCheck.objects.filter(application=application).exists():
        return
    if application.officer_id is None:
        application_services.officer_assign(
            application=application, by=officer, officer=officer
        )
    services.formal_check_record(
        application=application,
        by=officer,
        items={
            code: (code not in plan.failed, plan.failed.get(code, ""))
            for code in CheckItem.values
        },
        note=plan.check_note,
    )


def _scores(application: Application, plan: Plan, index: int) -> dict[int, Any]:
    criteria = list(application.call.criteria.order_by("order", "pk"))
    offsets = OFFSETS[index % len(OFFSETS)]
    values: dict[int, Any] = {}
    for position, criterion in enumerate(criteria):
        base = plan.scores[position % len(plan.scores)] if plan.scores else 3
        score = base + offsets[position % len(offsets)]
        score = max(criterion.scale_min, min(criterion.scale_max, score))
        values[criterion.pk] = (score, "")
    return values


def _assess(
    application: Application,
    plan: Plan,
    officer: User,
    assessors: dict[str, User],
) -> None:
    for index, (key, goal) in enumerate(plan.assessors):
        person = assessors.get(key)
        if person is None:
            continue
        assignment = Assignment.objects.filter(
            application=application, assessor=person
        ).first()
        if assignment is None:
            assignment = services.assignment_add(
                application=application, assessor=person, by=officer
            )
        if goal == AWAIT:
            continue
        if assignment.status == AssignmentStatus.AWAITING_DECLARATION:
            assignment = services.declare(
                assignment=assignment,
                by=person,
                has_conflict=goal == CONFLICT,
                description=plan.conflict if goal == CONFLICT else "",
            )
        if assignment.status != AssignmentStatus.ACTIVE:
            continue
        if not assignment.scores.exists():
            assignment = services.scores_save(
                assignment=assignment,
                by=person,
                values=_scores(application, plan, index),
                comment=plan.comments.get(key, ""),
            )
        if goal == SUBMIT:
            services.scores_submit(assignment=assignment, by=person)


def _ratings(application: Application, plan: Plan) -> dict[str, tuple[str, str]]:
    language = "da" if application.call.region.default_language == "da" else "sv"
    own = dict(application.sustainability_answers.values_list("aspect", "rating"))
    ratings: dict[str, tuple[str, str]] = {}
    for aspect in services.assessed_aspects(application):
        effect = FROM_SELF_RATING.get(own.get(aspect, ""), Effect.UNCERTAIN)
        ratings[aspect] = (effect, EVIDENCE[language][effect])
    ratings.update(plan.ratings)
    return ratings


def _sustainability(application: Application, plan: Plan, officer: User) -> None:
    if SustainabilityAssessment.objects.filter(application=application).exists():
        return
    effects = []
    for code, direction, note in plan.sdg:
        target = SdgTarget.objects.filter(code=code).first()
        if target is not None:
            effects.append((target, direction, note))
    dnsh = dict(plan.dnsh) if services.needs_dnsh(application) else {}
    services.sustainability_save(
        application=application,
        by=officer,
        summary=plan.summary,
        ratings=_ratings(application, plan),
        dnsh=dnsh,
        sdg_effects=effects,
        complete=bool(plan.summary),
    )


def _weigh(application: Application, plan: Plan, officer: User) -> None:
    for conflict in application.goal_conflicts.filter(
        status=ConflictStatus.PROPOSED
    ).order_by("pk"):
        # An interaction is named by the goal it may harm ("interaction>3.1"), so
        # that a new interaction in the strategy is left for the officer to weigh.
        other = conflict.other_goal.code if conflict.other_goal else ""
        verdict = plan.weigh.get(conflict.key) or (
            plan.weigh.get(f"{conflict.source}>{other}")
            if conflict.source == ConflictSource.INTERACTION
            else plan.weigh.get(conflict.source)
        )
        if verdict is None:
            continue
        status, description, handling, handling_text = verdict
        services.goal_conflict_weigh(
            conflict=conflict,
            by=officer,
            status=status,
            description=description,
            handling=handling,
            handling_text=handling_text,
        )


def _recommend(application: Application, plan: Plan, officer: User) -> None:
    if plan.recommend is None:
        return
    if Recommendation.objects.filter(application=application).exists():
        return
    outcome, amount, text, conditions = plan.recommend
    services.recommendation_save(
        application=application,
        by=officer,
        data={
            "outcome": outcome,
            "amount": min(amount * 100, application.amount_requested or 0),
            "text": text,
            "conditions": conditions,
        },
    )


def assess_region(
    region: Region, plans: tuple[Plan, ...], assessors: dict[str, User]
) -> list[Application]:
    """Take each planned application as far as its plan says; the applications
    assessed (those still open to assessment)."""
    officer = region_officer(region)
    if officer is None:
        return []
    done: list[Application] = []
    for plan in plans:
        application = _application(region, plan.title)
        if application is None or application.status not in ASSESSABLE_STATUSES:
            continue
        _formal_check(application, plan, officer)
        application.refresh_from_db()
        if application.status != ApplicationStatus.IN_ASSESSMENT:
            continue  # the formal check failed: nothing to assess
        _assess(application, plan, officer, assessors)
        _sustainability(application, plan, officer)
        _weigh(application, plan, officer)
        _recommend(application, plan, officer)
        done.append(application)
    return done


@demo.register(order=90)
def load_assessments(*, context: dict[str, Any], stdout: Any = None) -> None:
    """Assessors, and the assessment of the demo applications in each region."""
    regions: dict[str, Region] = demo.context_get(context, "regions")
    calls: dict[str, list[Call]] = demo.context_get(context, "calls")
    logins: list[str] = context.setdefault("logins", [])
    assessed: list[Application] = []
    for slug, plans in PLANS.items():
        region = regions.get(slug)
        if region is None:
            continue
        with translation.override(region.default_language):
            assessors = assessors_of(region, logins)
            load_extra_applications(region, calls.get(slug, []))
            assessed.extend(assess_region(region, plans, assessors))
    context["assessed"] = assessed
    if stdout is not None:
        stdout.write(
            f"Demo assessments: {Assignment.objects.count()} assignments, "
            f"{Recommendation.objects.count()} recommendations."
        )
