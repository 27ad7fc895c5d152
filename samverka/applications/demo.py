"""Demo applications: about thirty in the demo calls of the three seed regions.

The projects carry out the regions' action-plan activities (through the calls they
are sent to) and are written in the region's language; organisations are the demo
region's municipalities, university and fictional companies, each acting through an
obviously fictional user. Budgets are made-up demo figures. Everything goes through
the services, from a first draft to submit, completion requests, assessment and
withdrawal; decisions are not faked here. The applications in the closed calls are
submitted while those calls are still open, and the calls are closed afterwards.

Idempotent: an application is looked up by its call and title and left alone when it
exists.
"""

from __future__ import annotations

import datetime
import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.text import slugify

from samverka.accounts.choices import RoleCode
from samverka.accounts.demo import demo_user, first_holder
from samverka.accounts.models import User
from samverka.actors.choices import MembershipRole
from samverka.actors.demo import DEMO as ACTORS
from samverka.actors.models import Membership, Organisation
from samverka.actors.services import membership_add
from samverka.applications import services
from samverka.applications.choices import (
    ApplicationStatus,
    EffectLevel,
    FinancingKind,
    FinancingStatus,
    FunderSector,
    IntegrationRating,
    PartnerRole,
    Stage,
    SustainabilityAspect,
)
from samverka.applications.models import Application, Submission
from samverka.applications.receipts import register_submission
from samverka.core import demo
from samverka.core.models import Region
from samverka.funding.choices import CallState
from samverka.funding.demo import DEMO as FUNDING
from samverka.funding.models import Call
from samverka.funding.services import call_update

# The ways an application's story goes in the demo.
STARTED = "started"  # a title and a summary
PARTIAL = "partial"  # the project and the budget
NEARLY = "nearly"  # everything but the required attachment
SUBMITTED = "submitted"
OFFICER = "officer"  # submitted, an officer assigned
COMPLETION = "completion"  # the officer asked for completion
ANSWERED = "answered"  # completion answered: submitted twice
ACCEPTED = "accepted"  # moved on to assessment
WITHDRAWN = "withdrawn"  # submitted, then withdrawn

FULL_2027 = (datetime.date(2027, 1, 1), datetime.date(2028, 12, 31))
SPRING_2027 = (datetime.date(2027, 3, 1), datetime.date(2028, 8, 31))
AUTUMN_2027 = (datetime.date(2027, 9, 1), datetime.date(2028, 12, 31))
ONE_YEAR = (datetime.date(2027, 4, 1), datetime.date(2028, 3, 31))

#: Shares of the typed cost categories in per cent (indirect costs follow the call).
PROFILES: dict[str, dict[str, int]] = {
    "project": {"staff": 60, "external_services": 20, "travel": 8, "equipment": 4, "other": 8},
    "education": {"staff": 50, "external_services": 30, "travel": 5, "equipment": 5, "other": 10},
    "research": {"staff": 70, "external_services": 10, "travel": 10, "equipment": 5, "other": 5},
    "investment": {"staff": 10, "external_services": 15, "travel": 2, "equipment": 23, "investments": 50},
    "consulting": {"staff": 15, "external_services": 75, "travel": 5, "other": 5},
}  # fmt: skip

BUDGET_TEXT = {
    "sv": {
        "staff": "Projektledare och projektmedarbetare",
        "external_services": "Konsulter, utvärdering och kommunikation",
        "travel": "Resor inom länet och studiebesök",
        "equipment": "Utrustning och licenser",
        "investments": "Investeringar enligt offert",
        "other": "Lokaler, workshoppar och tryck",
    },
    "da": {
        "staff": "Projektleder og projektmedarbejdere",
        "external_services": "Konsulenter, evaluering og kommunikation",
        "travel": "Rejser i regionen og studiebesøg",
        "equipment": "Udstyr og licenser",
        "investments": "Investeringer efter tilbud",
        "other": "Lokaler, workshops og tryk",
    },
}

ASPECTS = (
    SustainabilityAspect.SOCIAL,
    SustainabilityAspect.ECOLOGICAL,
    SustainabilityAspect.ECONOMIC,
    SustainabilityAspect.ENVIRONMENT_CLIMATE,
    SustainabilityAspect.GENDER_EQUALITY,
    SustainabilityAspect.EQUAL_OPPORTUNITIES,
    SustainabilityAspect.SAMI,
)
RATINGS = {
    "I": IntegrationRating.INTEGRATED,
    "P": IntegrationRating.PARTLY,
    "N": IntegrationRating.NOT_INTEGRATED,
}
LEVELS = (
    EffectLevel.NEED,
    EffectLevel.ACTIVITIES,
    EffectLevel.OUTPUTS,
    EffectLevel.SHORT_TERM,
    EffectLevel.LONG_TERM,
)

CASH, IN_KIND = FinancingKind.CASH, FinancingKind.IN_KIND
PUBLIC, PRIVATE = FunderSector.PUBLIC, FunderSector.PRIVATE
CONFIRMED, PENDING = FinancingStatus.CONFIRMED, FinancingStatus.PENDING


@dataclass(frozen=True)
class Co:
    """A co-funder and its share of the co-financing (a weight)."""

    funder: str
    share: int
    kind: str = CASH
    sector: str = PUBLIC
    status: str = CONFIRMED


@dataclass(frozen=True)
class Spec:
    call: str
    organisation: str
    title: str
    flow: str
    summary: str
    background: str = ""
    objectives: str = ""
    target_groups: str = ""
    work_plan: str = ""
    period: tuple[datetime.date, datetime.date] = FULL_2027
    municipalities: tuple[str, ...] = ()  # names of the municipal organisations
    activity: str = ""  # an action-plan activity of the call
    strategy_fit: str = ""
    total: int = 0  # roughly, in whole currency units
    profile: str = "project"
    aid: int = 50  # per cent of the total cost applied for
    cofunders: tuple[Co, ...] = ()
    effects: tuple[str, ...] = ()  # need, activities, outputs, short-term, long-term
    indicators: tuple[tuple[str, int], ...] = (("P1", 10), ("P2", 40))
    ratings: str = "PPPPPPP"  # one letter (I, P, N) per aspect, Sami last
    sustainability: tuple[str, ...] = ()
    partners: tuple[tuple[str, str, str], ...] = ()  # (name, role, contribution)
    de_minimis: int = 0  # whole currency units received in three years
    message: str = ""  # the completion request, or the reason for withdrawing
    answer: dict[str, int] = field(default_factory=dict)  # category → per cent kept
    answer_note: str = ""  # added to the work plan in the answer


# Users who act for the applying organisations (besides each region's demo applicant).
USERS: dict[str, dict[str, tuple[str, str]]] = {
    "vasternorrland": {
        "Demo Skog & Energi AB": ("bjorn.bioenergisson@example.org", "Björn Bioenergisson"),
        "Sundsvalls kommun": ("kalle.kommunsson@example.org", "Kalle Kommunsson"),
        "Kramfors kommun": ("vera.vardutvecklare@example.org", "Vera Vårdutvecklare"),
        "Timrå kommun": ("bertil.branschradsson@example.org", "Bertil Branschrådsson"),
        "Sollefteå kommun": ("jenny.jamstalldsdotter@example.org", "Jenny Jämställdsdotter"),
        "Ånge kommun": ("gustav.generationsson@example.org", "Gustav Generationsson"),
        "Örnsköldsviks kommun": ("lars.laddberg@example.org", "Lars Laddberg"),
        "Härnösands kommun": ("eva.energisson@example.org", "Eva Energisson"),
        "Mittuniversitetet": ("pia.projektledare@example.org", "Pia Projektledare"),
    },
    "jamtland-harjedalen": {
        "Demo Livsmedel Jämtland AB": ("maja.mejerist@example.org", "Maja Mejerist"),
        "Härjedalens kommun": ("harald.hallbarsson@example.org", "Harald Hållbarsson"),
        "Mittuniversitetet": ("frida.forskarsson@example.org", "Frida Forskarsson"),
        "Östersunds kommun": ("elin.effektsson@example.org", "Elin Effektsson"),
        "Strömsunds kommun": ("lina.landsbygdsson@example.org", "Lina Landsbygdsson"),
    },
    "sjaelland": {
        "Demo Grøn Omstilling A/S": ("grethe.gronsen@example.org", "Grethe Grønsen"),
        "Næstved Kommune": ("karen.kommunesen@example.org", "Karen Kommunesen"),
        "Lolland Kommune": ("sos.sundhedsen@example.org", "Søs Sundhedsen"),
        "Roskilde Universitet": ("frederik.forskersen@example.org", "Frederik Forskersen"),
        "Slagelse Kommune": ("pernille.praktiksen@example.org", "Pernille Praktiksen"),
        "Odsherred Kommune": ("morten.mobilsen@example.org", "Morten Mobilsen"),
        "Holbæk Kommune": ("rikke.rekrutteringsen@example.org", "Rikke Rekrutteringsen"),
        "Køge Kommune": ("carl.cirkulaersen@example.org", "Carl Cirkulærsen"),
    },
}  # fmt: skip

VN_2027 = "Regionala projektmedel 2027"
VN_2026 = "Regionala projektmedel 2026"
VN_CONCEPT = "Innovation och hållbar omställning: idéskiss 2027"
JH_BUSINESS = "Hållbarhetssäkrat företagsstöd"
JH_2026 = "Projektmedel för hållbar regional utveckling 2026"
SJ_2027 = "Projekter om kvalificeret arbejdskraft 2027"
SJ_2026 = "Grøn omstilling i virksomheder 2026"

VASTERNORRLAND = (
    Spec(
        VN_2027,
        "Exempelbolaget Norrland AB",
        "Digital gästresa längs Höga Kusten",
        OFFICER,
        "Små besöksföretag längs Höga Kusten får en gemensam digital gästresa: bokning, guidning och information i en tjänst som fungerar året runt.",
        background="Besöksnäringen längs Höga Kusten består av många små företag med egna, ofta föråldrade bokningslösningar. Gästerna hittar inte utbudet utanför högsäsong, och företagen saknar resurser att utveckla digitala tjänster var för sig.",
        objectives="Minst 25 besöksföretag använder den gemensamma tjänsten 2028, och andelen bokningar utanför juli och augusti ökar med en fjärdedel.",
        target_groups="Små och medelstora besöksföretag i Härnösand, Kramfors och Örnsköldsvik, och deras gäster.",
        work_plan="2027: behovsanalys med företagen och en första version av tjänsten. Hösten 2027: pilot med tio företag. 2028: breddning till fler företag, utvärdering och överlämning till en ekonomisk förening som förvaltar tjänsten.",
        municipalities=("Härnösands kommun", "Kramfors kommun", "Örnsköldsviks kommun"),
        activity="Hållbar besöksnäring",
        strategy_fit="Projektet förlänger säsongen i besöksnäringen med nya digitala tjänster i små företag, i linje med aktiviteten för hållbar besöksnäring.",
        total=1_800_000,
        cofunders=(
            Co("Exempelbolaget Norrland AB", 40, sector=PRIVATE),
            Co("Kramfors kommun", 30),
            Co("Härnösands kommun", 20, status=PENDING),
            Co("Mittuniversitetet", 10, kind=IN_KIND),
        ),
        effects=(
            "Besöksföretagen når inte gästerna utanför högsäsong och saknar gemensamma digitala verktyg.",
            "Behovsanalys, utveckling av en gemensam boknings- och guidetjänst, pilot och utbildning av företagen.",
            "En gemensam tjänst i drift och 25 anslutna företag.",
            "Fler bokningar utanför högsäsong och fler samarbeten mellan företagen.",
            "En besöksnäring med helårsarbetstillfällen längs Höga Kusten.",
        ),
        indicators=(("P1", 25), ("P3", 3), ("P4", 6)),
        ratings="IPIPIP",
        sustainability=(
            "Helårsarbeten i stället för säsongsanställningar ger tryggare villkor för de anställda i besöksnäringen.",
            "Tjänsten lyfter fram kollektivtrafik och cykel till besöksmålen.",
            "Förvaltningen finansieras av företagens avgifter efter projekttiden.",
            "Gästerna får förslag på resor utan bil; projektet mäter inte utsläppen.",
            "Företagen som leds av kvinnor bjuds in först till piloten, och deltagandet följs upp per kön.",
            "Tjänsten byggs för att klara kraven på digital tillgänglighet och finns på flera språk.",
        ),
        partners=(
            (
                "Mittuniversitetet",
                PartnerRole.PARTNER,
                "Utvärdering av piloten och studenter som testar tjänsten.",
            ),
        ),
    ),
    Spec(
        VN_2027,
        "Kramfors kommun",
        "Kompetenslyft för vård och omsorg i Ådalen",
        COMPLETION,
        "Undersköterskor och vårdbiträden i Ådalen vidareutbildas på arbetstid, så att äldreomsorgen klarar kompetensförsörjningen när många går i pension.",
        background="Var tredje undersköterska i Kramfors och Sollefteå går i pension inom tio år. Kommunerna har svårt att rekrytera, och många vårdbiträden saknar den utbildning som krävs för att bli undersköterska.",
        objectives="80 medarbetare validerar sina kunskaper och 50 av dem når undersköterskekompetens under projekttiden.",
        target_groups="Vårdbiträden och undersköterskor i kommunal äldreomsorg, främst kvinnor och utrikes födda.",
        work_plan="Kartläggning av kompetensen på varje enhet våren 2027, validering och studier på arbetstid 2027–2028, handledarutbildning parallellt, och en gemensam modell för kommunerna i slutet av 2028.",
        municipalities=("Kramfors kommun", "Sollefteå kommun"),
        activity="Regional kompetensplattform",
        strategy_fit="Projektet genomför den regionala kompetensplattformens prioritering av vård och omsorg.",
        total=2_400_000,
        profile="education",
        cofunders=(
            Co("Kramfors kommun", 60),
            Co("Sollefteå kommun", 25, status=PENDING),
            Co("Mittuniversitetet", 15, kind=IN_KIND),
        ),
        effects=(
            "Äldreomsorgen i Ådalen saknar utbildade undersköterskor.",
            "Validering, studier på arbetstid och handledarutbildning.",
            "80 validerade medarbetare och 20 utbildade handledare.",
            "Fler medarbetare med undersköterskekompetens och lägre personalomsättning.",
            "En tryggad kompetensförsörjning i äldreomsorgen.",
        ),
        indicators=(("P2", 80),),
        ratings="IPPNII",
        sustainability=(
            "Studier på arbetstid gör utbildningen möjlig även för dem som inte har råd att gå ner i lön.",
            "Handledning sker digitalt för att minska resorna mellan orterna.",
            "Lägre personalomsättning minskar kommunernas kostnader för rekrytering och inhyrd personal.",
            "Projektet påverkar klimatet i liten grad och har inga särskilda miljöinsatser.",
            "Ett kvinnodominerat yrke får bättre villkor och karriärvägar.",
            "Svenska för yrket ingår för medarbetare med annat modersmål.",
        ),
        partners=(
            (
                "Sollefteå kommun",
                PartnerRole.CO_APPLICANT,
                "Deltar med sina enheter och en processledare på halvtid.",
            ),
        ),
        message="Medfinansieringen från Sollefteå kommun är inte bekräftad. Skicka kommunens beslut eller ett intyg, och förtydliga hur många medarbetare som deltar per år.",
    ),
    Spec(
        VN_2027,
        "Mittuniversitetet",
        "Innovationsslussen Mitt",
        ANSWERED,
        "En sluss där små företag i skogsnäringen prövar nya biobaserade material tillsammans med forskare, från idé till prototyp.",
        background="Många små företag i länet har idéer om nya produkter av skogsråvara men saknar tillgång till labb och forskning. Universitetets testmiljöer används främst av stora företag.",
        objectives="30 små företag prövar en idé i testbädden och minst tio nya samarbeten mellan företag och universitet startar.",
        target_groups="Små och medelstora företag i skogsnäringen och i tillverkande industri i Västernorrland.",
        work_plan="Utlysning av platser i slussen två gånger per år, korta förstudier med forskare, prototyputveckling i testbädden, och en demonstrationsdag per år.",
        municipalities=("Sundsvalls kommun", "Örnsköldsviks kommun", "Timrå kommun"),
        activity="Testbädd för skoglig bioekonomi",
        strategy_fit="Slussen är en del av handlingsplanens testbädd för skoglig bioekonomi och öppnar den för små företag.",
        total=4_500_000,
        profile="research",
        cofunders=(
            Co("Mittuniversitetet", 40, kind=IN_KIND),
            Co("Sundsvalls kommun", 35),
            Co("Demo Skog & Energi AB", 25, sector=PRIVATE, status=PENDING),
        ),
        effects=(
            "Små företag saknar tillgång till forskning och testmiljöer för biobaserade material.",
            "Förstudier, prototyputveckling i testbädden och demonstrationsdagar.",
            "30 företag har prövat en idé; 15 prototyper.",
            "Tio nya samarbeten mellan företag och universitet, och nya produkter på väg till marknaden.",
            "En starkare och mer förädlande skogsnäring i länet.",
        ),
        indicators=(("P1", 30), ("P3", 10)),
        ratings="PIIIPP",
        sustainability=(
            "Nya produkter ger arbetstillfällen i de orter där råvaran finns.",
            "Material som ersätter plast och betong minskar beroendet av fossila råvaror.",
            "Företagen betalar en egen insats, och testbädden finansieras av uppdrag efter projektet.",
            "Varje prototyp bedöms med en enkel livscykelanalys.",
            "Projektet söker aktivt företag som leds av kvinnor, som är underrepresenterade i skogsnäringen.",
            "Platserna i slussen fördelas efter öppna kriterier.",
        ),
        message="Resekostnaderna är höga i förhållande till aktiviteterna. Motivera dem eller minska budgeten, och beskriv hur företagen väljs ut till slussen.",
        answer={"travel": 50},
        answer_note="Företagen väljs ut efter en öppen intresseanmälan av en grupp med representanter för universitetet, kommunerna och näringslivet; resorna är halverade och fler möten hålls digitalt.",
    ),
    Spec(
        VN_2027,
        "Sollefteå kommun",
        "Jämställt företagande i Sollefteå och inlandet",
        NEARLY,
        "Företagsfrämjarna i inlandet granskar hur rådgivning och stöd fördelas mellan kvinnor och män och ändrar sina arbetssätt.",
        background="Kvinnor driver var tredje företag i inlandet men får en betydligt mindre del av rådgivningen och stöden. Företagsfrämjarna saknar kunskap om varför.",
        objectives="Alla företagsfrämjande aktörer i Sollefteå och Ånge följer upp sin verksamhet per kön och har en handlingsplan för jämställt företagsfrämjande.",
        target_groups="Företagsfrämjare i kommuner och organisationer, och företagare i inlandet.",
        work_plan="Kartläggning av statistik och intervjuer 2027, utbildning och arbetsmöten 2027–2028, handlingsplaner och uppföljning i slutet av 2028.",
        period=SPRING_2027,
        municipalities=("Sollefteå kommun", "Ånge kommun"),
        activity="Jämställt företagsfrämjande",
        strategy_fit="Projektet genomför aktiviteten jämställt företagsfrämjande i handlingsplanen för jämställdhet.",
        total=900_000,
        cofunders=(Co("Sollefteå kommun", 70), Co("Ånge kommun", 30)),
        effects=(
            "Rådgivning och stöd når kvinnor som driver företag i lägre grad än män.",
            "Kartläggning, utbildning av företagsfrämjare och arbetsmöten.",
            "Tolv företagsfrämjande aktörer har en handlingsplan.",
            "Rådgivningen följs upp per kön och når fler kvinnor.",
            "Ett jämställt företagande i inlandet.",
        ),
        indicators=(("P2", 60),),
        ratings="IPPNIP",
        sustainability=(
            "Fler kvinnor som driver företag får stöd att utveckla dem, vilket stärker inlandets service och arbetsmarknad.",
            "Arbetsmötena hålls digitalt när det går.",
            "Ett bredare företagande gör den lokala ekonomin mindre sårbar.",
            "Projektet har ingen direkt miljöpåverkan.",
            "Jämställdhet är projektets syfte; all uppföljning sker per kön.",
            "Kartläggningen tar också upp företagare med utländsk bakgrund.",
        ),
    ),
    Spec(
        VN_2027,
        "Ånge kommun",
        "Generationsskiften i Ånges småföretag",
        STARTED,
        "Rådgivning till ägare av små företag i Ånge som ska lämna över sina företag under de närmaste åren.",
    ),
    Spec(
        VN_2027,
        "Demo Skog & Energi AB",
        "Pilotanläggning för biokol av skogsrester",
        WITHDRAWN,
        "En pilotanläggning i Örnsköldsvik gör biokol av grenar och toppar som i dag lämnas i skogen eller eldas upp.",
        background="Skogsrester har lågt värde som bränsle. Biokol kan användas i jordbruk, betong och rening och binder kol under lång tid, men ingen anläggning i länet gör det i dag.",
        objectives="En pilot som producerar 500 ton biokol per år och visar lönsamheten för en fullskalig anläggning.",
        target_groups="Skogsägare, entreprenörer och köpare av biokol i jordbruk och byggindustri.",
        work_plan="Projektering och upphandling 2027, byggnation och provdrift hösten 2027, drift och försäljning till testkunder 2028.",
        municipalities=("Örnsköldsviks kommun",),
        activity="Testbädd för skoglig bioekonomi",
        strategy_fit="Piloten förädlar skogsrester till en ny produkt, som testbädden för skoglig bioekonomi syftar till.",
        total=3_200_000,
        profile="investment",
        cofunders=(
            Co("Demo Skog & Energi AB", 70, sector=PRIVATE),
            Co("Örnsköldsviks kommun", 30, status=PENDING),
        ),
        effects=(
            "Skogsrester har lågt värde och kolet går förlorat när de eldas.",
            "Projektering, bygge och provdrift av en pilotanläggning.",
            "En pilot som gör 500 ton biokol per år.",
            "Testkunder i jordbruk och byggindustri använder biokolet.",
            "En fullskalig anläggning och en ny näring i länet.",
        ),
        indicators=(("P1", 5), ("P4", 4)),
        ratings="PIIIPN",
        sustainability=(
            "Anläggningen ger arbeten i en ort med hög arbetslöshet.",
            "Biokolet binder kol i hundratals år.",
            "Piloten ska visa om en fullskalig anläggning bär sig utan stöd.",
            "Processens restvärme tas till vara i fjärrvärmenätet.",
            "Rekryteringen ska locka kvinnor till en mansdominerad bransch.",
            "Inga särskilda åtgärder är planerade.",
        ),
        message="Företaget har fått finansiering från ett nationellt program för samma pilot och drar därför tillbaka ansökan.",
    ),
    Spec(
        VN_2027,
        "Timrå kommun",
        "Branschråd för industrins kompetensbehov i Timrå",
        SUBMITTED,
        "Ett branschråd där industriföretag, skolor och kommunen tillsammans planerar utbildningar efter företagens behov.",
        background="Industriföretagen i Timrå och Sundsvall rekryterar svårt till tekniska yrken, samtidigt som få unga väljer industriprogram.",
        objectives="Ett branschråd i drift, två nya yrkesutbildningar för vuxna och 150 elever som gjort studiebesök i industrin.",
        target_groups="Industriföretag, elever i grundskolan och gymnasiet, och vuxna som vill byta yrke.",
        work_plan="Branschrådet bildas våren 2027, behovsanalys och utbildningsplanering 2027, nya utbildningar och studiebesök 2028.",
        period=ONE_YEAR,
        municipalities=("Timrå kommun", "Sundsvalls kommun"),
        activity="Regional kompetensplattform",
        strategy_fit="Branschrådet är en del av den regionala kompetensplattformen.",
        total=1_200_000,
        cofunders=(Co("Timrå kommun", 60), Co("Sundsvalls kommun", 40)),
        effects=(
            "Industrin hittar inte den kompetens den behöver.",
            "Branschråd, behovsanalys, utbildningsplanering och studiebesök.",
            "Två nya yrkesutbildningar och 150 elever på studiebesök.",
            "Fler unga väljer tekniska utbildningar; företagen rekryterar lättare.",
            "En tryggad kompetensförsörjning i länets industri.",
        ),
        indicators=(("P1", 15), ("P2", 150)),
        ratings="IPIPIP",
        sustainability=(
            "Vuxna som står långt från arbetsmarknaden får en väg till arbete i industrin.",
            "Utbildningarna tar upp energieffektiv och resurssnål produktion.",
            "Företagen slipper dyra rekryteringar från andra län.",
            "Studiebesöken görs med buss i samlade grupper.",
            "Studiebesöken riktas särskilt till flickor, som sällan väljer industriprogram.",
            "Utbildningarna för vuxna har svenska för yrket.",
        ),
    ),
    Spec(
        VN_CONCEPT,
        "Mittuniversitetet",
        "Biobaserade material från skogen: en öppen testbädd",
        SUBMITTED,
        "Idéskiss: en öppen testbädd där företag och forskare tar fram biobaserade material som ersätter plast och betong, med finansiering från regionala utvecklingsfonden.",
        background="Efterfrågan på fossilfria material växer, och länet har både råvaran och forskningen, men steget från labb till industriell skala saknas.",
        objectives="Fem material testade i pilotskala och tre företag som tar ett material till marknaden.",
        period=AUTUMN_2027,
        activity="Testbädd för skoglig bioekonomi",
        total=5_800_000,
        profile="research",
        cofunders=(
            Co("Mittuniversitetet", 50, kind=IN_KIND),
            Co("Demo Skog & Energi AB", 50, sector=PRIVATE, status=PENDING),
        ),
    ),
    Spec(
        VN_CONCEPT,
        "Örnsköldsviks kommun",
        "Snabbladdning för tunga transporter längs E4",
        STARTED,
        "Idéskiss om laddplatser för lastbilar vid E4 mellan Härnösand och Örnsköldsvik.",
    ),
    Spec(
        VN_2026,
        "Härnösands kommun",
        "Energisteg för småföretag",
        ACCEPTED,
        "Energikontoret ger 60 småföretag en energikartläggning och stöd att genomföra de mest lönsamma åtgärderna.",
        background="Småföretagen använder mer energi än de behöver men har inte tid eller kunskap att kartlägga sin förbrukning. Energipriserna har gjort frågan brådskande.",
        objectives="60 företag kartlagda och en minskad energianvändning med 15 procent i de företag som genomför åtgärderna.",
        target_groups="Småföretag med höga energikostnader i Härnösand och Timrå: handel, livsmedel och verkstäder.",
        work_plan="Rekrytering av företag i omgångar, energikartläggning på plats, åtgärdsplan, uppföljning efter ett år och erfarenhetsträffar.",
        municipalities=("Härnösands kommun", "Timrå kommun"),
        activity="Energikontor Mitt",
        strategy_fit="Projektet är en del av Energikontor Mitts rådgivning i handlingsplanen för klimat och energi.",
        total=2_000_000,
        cofunders=(
            Co("Härnösands kommun", 50),
            Co("Timrå kommun", 25),
            Co("Mittuniversitetet", 25, kind=IN_KIND),
        ),
        effects=(
            "Småföretag har höga energikostnader och saknar underlag för åtgärder.",
            "Energikartläggningar, åtgärdsplaner och erfarenhetsträffar.",
            "60 kartlagda företag med åtgärdsplaner.",
            "Lägre energianvändning och lägre kostnader i företagen.",
            "Ett näringsliv med låga utsläpp och god konkurrenskraft.",
        ),
        indicators=(("P1", 60),),
        ratings="PIIIPN",
        sustainability=(
            "Lägre energikostnader tryggar arbetstillfällen i små orter.",
            "Åtgärderna minskar energianvändningen och utsläppen.",
            "De flesta åtgärder betalar sig inom tre år.",
            "Klimatnyttan räknas för varje åtgärd.",
            "Rekryteringen når både kvinnodominerade och mansdominerade branscher.",
            "Projektet har inte analyserat frågan.",
        ),
    ),
    Spec(
        VN_2026,
        "Sundsvalls kommun",
        "Validering av yrkeskunskap inom industri och bygg",
        ACCEPTED,
        "Nyanlända och andra med yrkeserfarenhet från andra länder får sina kunskaper validerade tillsammans med branscherna.",
        background="Många nyanlända har yrkeserfarenhet som inte syns i svenska betyg, medan bygg- och industriföretagen saknar folk.",
        objectives="120 personer validerade och 60 i arbete eller utbildning inom ett år efter valideringen.",
        target_groups="Nyanlända och andra utrikes födda med yrkeserfarenhet inom bygg och industri.",
        work_plan="Kartläggning av kompetens, validering på arbetsplatser med branschernas bedömare, kompletterande utbildning och matchning mot lediga jobb.",
        municipalities=("Sundsvalls kommun", "Timrå kommun"),
        activity="Validering av yrkeskunskap",
        strategy_fit="Projektet genomför aktiviteten validering av yrkeskunskap i handlingsplanen för integration.",
        total=3_000_000,
        profile="education",
        cofunders=(
            Co("Sundsvalls kommun", 70),
            Co("Mittuniversitetet", 30, kind=IN_KIND),
        ),
        effects=(
            "Nyanländas yrkeskunskaper syns inte för arbetsgivarna.",
            "Kartläggning, validering på arbetsplatser och kompletterande utbildning.",
            "120 validerade personer.",
            "60 personer i arbete eller utbildning.",
            "En snabbare etablering och en tryggad kompetensförsörjning.",
        ),
        indicators=(("P2", 120), ("P4", 60)),
        ratings="IPIPII",
        sustainability=(
            "Snabbare etablering ger egen försörjning och delaktighet.",
            "Valideringen tar upp miljökrav i branschernas yrken.",
            "Validerade personer fyller brister i branscher som växer.",
            "Inga särskilda klimatinsatser.",
            "Kvinnor med yrkeserfarenhet från bygg och industri söks upp särskilt.",
            "Valideringen görs på flera språk och med tolk.",
        ),
        partners=(
            (
                "Timrå kommun",
                PartnerRole.PARTNER,
                "Arbetsmarknadsenheten matchar deltagare mot lediga jobb.",
            ),
        ),
    ),
    Spec(
        VN_2026,
        "Örnsköldsviks kommun",
        "UF-företag i Örnsköldsviks skolor",
        OFFICER,
        "Gymnasieelever driver UF-företag med lokala företagare som mentorer, och högstadieelever får prova på entreprenörskap.",
        background="Få unga i Örnsköldsvik ser företagande som ett alternativ, och många lämnar kommunen efter gymnasiet.",
        objectives="200 elever driver UF-företag och 40 företagare är mentorer.",
        target_groups="Elever på gymnasiet och högstadiet, och lokala företagare.",
        work_plan="Utbildning av lärare hösten 2027, UF-året 2027–2028 med mässa och tävlingar, mentorsträffar och uppföljning.",
        period=AUTUMN_2027,
        municipalities=("Örnsköldsviks kommun",),
        activity="Ung företagsamhet i skolan",
        strategy_fit="Projektet genomför aktiviteten ung företagsamhet i handlingsplanen för företagande och entreprenörskap.",
        total=700_000,
        cofunders=(
            Co("Örnsköldsviks kommun", 80),
            Co("Demo Skog & Energi AB", 20, sector=PRIVATE, status=PENDING),
        ),
        effects=(
            "Unga ser sällan företagande som en möjlighet.",
            "UF-företag, mentorskap och prova-på-dagar.",
            "200 elever i UF-företag och 40 mentorer.",
            "Fler unga som vill starta företag.",
            "Fler nya företag i kommunen och fler unga som stannar.",
        ),
        indicators=(("P2", 200),),
        ratings="IPPPIP",
        sustainability=(
            "Unga får framtidstro och kontakter i det lokala näringslivet.",
            "UF-företagen tävlar i en klass för hållbara affärsidéer.",
            "Nya företag stärker kommunens näringsliv på sikt.",
            "Mässan hålls centralt för att minska resorna.",
            "Flickor och pojkar deltar i lika stor utsträckning; mentorerna väljs så att båda könen finns.",
            "Skolor i alla delar av kommunen deltar.",
        ),
    ),
)

JAMTLAND = (
    Spec(
        JH_BUSINESS,
        "Fjällexempel Turism AB",
        "Året runt i Åre: elcyklar och guideutbildning",
        OFFICER,
        "Fjällexempel Turism investerar i elcyklar och laddning och utbildar guider så att företaget kan ha aktiviteter även under barmarkssäsongen.",
        background="Företaget har nästan all sin omsättning under vintern. Efterfrågan på cykel- och vandringsturer på sommaren växer, men utrustning och utbildade guider saknas.",
        objectives="Sommaromsättningen fördubblas, och fyra säsongsanställda får arbete året runt.",
        target_groups="Företagets gäster, främst familjer och grupper, och de anställda guiderna.",
        work_plan="Upphandling av elcyklar och laddstation våren 2027, guideutbildning i maj, första sommarsäsongen 2027 och utvärdering efter säsongen 2028.",
        period=SPRING_2027,
        municipalities=("Åre kommun",),
        activity="Hållbarhetssäkring av företagsstöd, projektmedel och kommersiell service",
        total=1_400_000,
        profile="investment",
        aid=40,
        cofunders=(
            Co("Fjällexempel Turism AB", 70, sector=PRIVATE),
            Co("Banklån (demo)", 30, sector=PRIVATE, status=PENDING),
        ),
        effects=(
            "Företaget är beroende av vintern och har bara säsongsanställda.",
            "Investering i elcyklar och laddning, guideutbildning och marknadsföring av sommarutbudet.",
            "30 elcyklar, en laddstation och sex utbildade guider.",
            "Fler sommargäster och längre anställningar.",
            "Ett företag som bär sig året runt.",
        ),
        indicators=(("P4", 4),),
        ratings="IPIPPPP",
        sustainability=(
            "Helårsanställningar ger guiderna möjlighet att bo kvar i Åre.",
            "Cyklarna laddas med el från företagets solceller; lederna väljs för att inte skada marken.",
            "Sommarsäsongen sprider intäkterna över året och minskar sårbarheten.",
            "Elcyklar ersätter bilresor till utflyktsmålen.",
            "Guideutbildningen rekryterar både kvinnor och män.",
            "Turerna anpassas för gäster med olika fysiska förutsättningar.",
            "Lederna planeras i samråd med samebyn så att de inte stör renarna under kalvningen.",
        ),
        de_minimis=150_000,
    ),
    Spec(
        JH_BUSINESS,
        "Demo Livsmedel Jämtland AB",
        "Nytt ysteri med solel och värmeåtervinning",
        COMPLETION,
        "Mejeriet bygger ut med ett ysteri för lokala ostar, med solceller på taket och återvinning av värmen från pastöriseringen.",
        background="Efterfrågan på lokala ostar är större än vad mejeriet kan producera. Den nuvarande utrustningen är gammal och använder mycket energi.",
        objectives="Dubblad produktion av ost, 30 procent lägre energianvändning per liter mjölk och tre nya arbetstillfällen.",
        target_groups="Mjölkbönder i Jämtland som levererar till mejeriet, och kunder i handel och restauranger.",
        work_plan="Projektering och offerter våren 2027, ombyggnad under sommaren, installation och provdrift hösten 2027, full drift 2028.",
        municipalities=("Östersunds kommun", "Krokoms kommun"),
        activity="Hållbarhetssäkring av företagsstöd, projektmedel och kommersiell service",
        total=3_600_000,
        profile="investment",
        aid=35,
        cofunders=(
            Co("Demo Livsmedel Jämtland AB", 60, sector=PRIVATE),
            Co("Banklån (demo)", 40, sector=PRIVATE, status=PENDING),
        ),
        effects=(
            "Mejeriet kan inte möta efterfrågan, och utrustningen slösar energi.",
            "Ombyggnad, nytt ysteri, solceller och värmeåtervinning.",
            "Ett ysteri i drift och 120 kW solceller.",
            "Dubblad produktion och lägre energianvändning.",
            "En livskraftig förädling av mjölk i länet och fler gårdar som kan leverera.",
        ),
        indicators=(("P4", 3),),
        ratings="PIIIPNP",
        sustainability=(
            "Fler gårdar kan leverera mjölk till ett lokalt mejeri till ett bättre pris.",
            "Solel och värmeåtervinning minskar energianvändningen med en tredjedel.",
            "Högre förädlingsvärde gör mejeriet mindre känsligt för mjölkpriset.",
            "Utsläppen från energianvändningen mäts före och efter investeringen.",
            "Rekryteringen till ysteriet ska locka både kvinnor och män.",
            "Frågan har inte analyserats i projektet.",
            "Mejeriet köper inte renkött eller andra samiska produkter i dag; investeringen berör inte renskötselns marker.",
        ),
        de_minimis=0,
        message="Offerterna för solcellsanläggningen saknas i budgetens specifikation. Ange också hur stor del av investeringen som är en ersättningsinvestering.",
    ),
    Spec(
        JH_BUSINESS,
        "Fjällexempel Turism AB",
        "Miljöcertifiering av fjällaktiviteter",
        PARTIAL,
        "Konsultstöd för att miljöcertifiera företagets aktiviteter och ta fram en klimatberäkning för varje paket.",
        background="Allt fler researrangörer kräver en miljöcertifiering. Företaget saknar kunskap om vilka krav som ställs och om klimatpåverkan från gästernas resor.",
        objectives="Företaget är certifierat och kan redovisa klimatpåverkan per aktivitet i slutet av 2027.",
        target_groups="Företagets ledning och anställda, och researrangörer som köper paket.",
        work_plan="Val av certifiering och nulägesanalys, klimatberäkning, åtgärdsplan, revision och certifiering.",
        period=ONE_YEAR,
        municipalities=("Åre kommun",),
        total=650_000,
        profile="consulting",
    ),
    Spec(
        JH_BUSINESS,
        "Demo Livsmedel Jämtland AB",
        "Returförpackningar för mejeriprodukter",
        ANSWERED,
        "Mejeriet inför returglas och backar för leveranser till butiker och restauranger i länet.",
        background="Engångsförpackningarna står för en stor del av mejeriets klimatpåverkan, och flera kunder efterfrågar returförpackningar.",
        objectives="Hälften av leveranserna till restauranger och butiker i länet går i returförpackningar 2028.",
        target_groups="Mejeriets kunder i handel och restauranger, och konsumenter.",
        work_plan="Utredning av förpackningssystem med konsult, investering i diskmaskin och backar, pilot med tio kunder, breddning 2028.",
        period=ONE_YEAR,
        municipalities=("Östersunds kommun",),
        activity="Hållbarhetssäkring av företagsstöd, projektmedel och kommersiell service",
        total=1_100_000,
        profile="consulting",
        aid=45,
        cofunders=(Co("Demo Livsmedel Jämtland AB", 100, sector=PRIVATE),),
        effects=(
            "Engångsförpackningar ger avfall och utsläpp.",
            "Utredning, investering i disk och backar, pilot med kunder.",
            "Ett retursystem i drift med tio kunder.",
            "Mindre avfall och nöjdare kunder.",
            "Ett cirkulärt förpackningssystem för lokala livsmedel.",
        ),
        indicators=(("P1", 10),),
        ratings="PIIIPPN",
        sustainability=(
            "Personalen på diskavdelningen får bättre arbetsmiljö med ny utrustning.",
            "Returglas ersätter 200 000 engångsförpackningar per år.",
            "Retursystemet sänker förpackningskostnaden efter tre år.",
            "Transporterna samordnas så att backarna hämtas vid leverans.",
            "Frågan har beaktats vid rekryteringen till diskavdelningen.",
            "Kunderna informeras på flera språk.",
            "Projektet berör inte samiska näringar.",
        ),
        de_minimis=200_000,
        message="Budgeten tar upp konsultkostnader för marknadsföring, som inte är stödberättigande i företagsstödet. Ta bort dem eller finansiera dem med egna medel.",
        answer={"external_services": 70},
        answer_note="Marknadsföringen finansieras med egna medel utanför projektet.",
    ),
    Spec(
        JH_BUSINESS,
        "Fjällexempel Turism AB",
        "Digital bokning för fjällguider",
        STARTED,
        "Ett bokningssystem där gästerna bokar guidade turer direkt, med väderberoende avbokning.",
    ),
    Spec(
        JH_2026,
        "Härjedalens kommun",
        "Målkonflikter i fjällkommunerna",
        ACCEPTED,
        "Kommunerna i fjällen tar fram ett gemensamt sätt att synliggöra målkonflikter mellan vindkraft, renskötsel, besöksnäring och bostäder när de fattar beslut.",
        background="Beslut om vindkraft, nya fritidshus och leder fattas ofta var för sig. Målkonflikterna syns först när de blir konflikter, och samebyarna kommer in sent i processen.",
        objectives="Ett verktyg för konsekvensanalys som används i alla större beslut i Härjedalen och Berg, och ett samrådsforum med samebyarna.",
        target_groups="Politiker och tjänstepersoner i kommunerna, samebyar, besöksnäringen och markägare.",
        work_plan="Kartläggning av tidigare beslut, utveckling av verktyget med Mittuniversitetet, prövning i fem ärenden, samrådsforum två gånger per år.",
        municipalities=("Härjedalens kommun", "Bergs kommun"),
        activity="Systematiskt arbete med målkonflikter",
        strategy_fit="Projektet genomför insatsområdet systematiskt arbete med målkonflikter.",
        total=2_200_000,
        cofunders=(
            Co("Härjedalens kommun", 50),
            Co("Bergs kommun", 25),
            Co("Mittuniversitetet", 25, kind=IN_KIND),
        ),
        effects=(
            "Målkonflikter upptäcks sent och leder till utdragna konflikter.",
            "Kartläggning, utveckling av ett analysverktyg, prövning i ärenden och samrådsforum.",
            "Ett verktyg prövat i fem ärenden och fyra samråd.",
            "Målkonflikterna synliggörs i besluten.",
            "Beslut som väger ekonomisk, social och ekologisk hållbarhet mot varandra.",
        ),
        indicators=(("P3", 2),),
        ratings="IIPIPPI",
        sustainability=(
            "Fler röster hörs tidigt i besluten, också de som ofta inte hörs.",
            "Verktyget visar effekterna på mark, vatten och biologisk mångfald.",
            "Bättre beslut minskar kostsamma överklaganden.",
            "Klimatpåverkan är en av verktygets frågor.",
            "Analysen tar upp hur besluten påverkar kvinnor och män olika.",
            "Samråden hålls så att alla kan delta.",
            "Samebyarna deltar från början, och renskötselns behov är en egen del av analysen.",
        ),
        partners=(
            (
                "Bergs kommun",
                PartnerRole.CO_APPLICANT,
                "Prövar verktyget i sina ärenden och deltar i styrgruppen.",
            ),
        ),
    ),
    Spec(
        JH_2026,
        "Mittuniversitetet",
        "Samiska perspektiv i det regionala utvecklingsarbetet",
        ACCEPTED,
        "Ett kunskapsunderlag om samiska förutsättningar och om hur samiska näringar och perspektiv kan få en tydlig roll i det regionala tillväxtarbetet.",
        background="Samiska näringar och perspektiv saknas ofta i regionala program och uppföljning. Det finns lite samlad kunskap om hur de påverkas av regionala insatser.",
        objectives="Ett kunskapsunderlag och förslag på indikatorer som regionen kan använda i sin uppföljning.",
        target_groups="Regionen, kommunerna, samiska organisationer och näringar.",
        work_plan="Litteraturgenomgång och statistik, intervjuer och dialogmöten med samiska aktörer, förslag på indikatorer, slutrapport och seminarium.",
        municipalities=(
            "Östersunds kommun",
            "Krokoms kommun",
            "Strömsunds kommun",
            "Bergs kommun",
            "Härjedalens kommun",
        ),
        activity="Kunskapsbaserad politikutveckling och resultatinriktat genomförande",
        strategy_fit="Projektet tydliggör samiska förutsättningar och roll, som insatsområdet om kunskapsbaserad politikutveckling anger.",
        total=1_600_000,
        profile="research",
        cofunders=(
            Co("Mittuniversitetet", 60, kind=IN_KIND),
            Co("Östersunds kommun", 40),
        ),
        effects=(
            "Samiska perspektiv saknas i regionens underlag och uppföljning.",
            "Kunskapssammanställning, dialogmöten och förslag på indikatorer.",
            "En rapport och åtta förslag på indikatorer.",
            "Regionen använder indikatorerna i sin uppföljning.",
            "Ett regionalt utvecklingsarbete där samiska perspektiv är en självklar del.",
        ),
        indicators=(("P3", 1),),
        ratings="IPPPPII",
        sustainability=(
            "Projektet ger samiska aktörer en röst i det regionala utvecklingsarbetet.",
            "Renskötselns beroende av sammanhängande marker lyfts i underlaget.",
            "Underlaget visar samiska näringars betydelse för länets ekonomi.",
            "Klimatförändringarnas påverkan på renskötseln ingår.",
            "Intervjuerna fördelas mellan kvinnor och män.",
            "Dialogmötena hålls också på sydsamiska med tolk.",
            "Projektet tas fram tillsammans med samiska aktörer och bygger på deras kunskap.",
        ),
        partners=(
            (
                "Sydsamiskt kunskapsnätverk (demo)",
                PartnerRole.PARTNER,
                "Deltar i dialogmötena och läser rapporten.",
            ),
        ),
    ),
    Spec(
        JH_2026,
        "Östersunds kommun",
        "Effektkedjor och lärande i kommunens utvecklingsprojekt",
        OFFICER,
        "Kommunens projektledare lär sig arbeta med effektkedjor, och kommunen bygger en gemensam modell för uppföljning och lärande.",
        background="Kommunen driver många utvecklingsprojekt men vet lite om deras effekter. Uppföljningen handlar om aktiviteter, inte om vad som blev bättre.",
        objectives="Alla nya utvecklingsprojekt har en effektkedja och följs upp med en gemensam modell.",
        target_groups="Projektledare och chefer i Östersunds kommun.",
        work_plan="Utbildning i effektlogik, stöd i fem pilotprojekt, en modell för uppföljning och en lärande träff per halvår.",
        period=ONE_YEAR,
        municipalities=("Östersunds kommun",),
        activity="Kunskapsbaserad politikutveckling och resultatinriktat genomförande",
        strategy_fit="Projektet utvecklar effektkedjor och en modell för lärande, som insatsområde 1 anger.",
        total=900_000,
        cofunders=(Co("Östersunds kommun", 100),),
        effects=(
            "Kommunen vet lite om effekterna av sina utvecklingsprojekt.",
            "Utbildning, stöd i pilotprojekt och lärande träffar.",
            "30 utbildade projektledare och en modell för uppföljning.",
            "Projekten följs upp på effekter.",
            "Resurserna går till det som ger störst effekt.",
        ),
        indicators=(("P2", 30),),
        ratings="PPIPIPP",
        sustainability=(
            "Modellen frågar efter projektens sociala effekter.",
            "Modellen frågar efter projektens miljöeffekter.",
            "Bättre uppföljning gör att pengarna används där de gör mest nytta.",
            "Utbildningen hålls digitalt.",
            "Uppföljningen redovisar effekter för kvinnor och män.",
            "Utbildningen är tillgänglig för alla projektledare.",
            "Modellen tar upp om projekten berör samiska intressen.",
        ),
    ),
    Spec(
        JH_2026,
        "Strömsunds kommun",
        "Hållbar landsbygd i Strömsund",
        WITHDRAWN,
        "Byarna i Strömsund tar fram lokala utvecklingsplaner som väger samman service, boende, natur och näringar.",
        background="Byarna tappar service och invånare. Lokala initiativ finns, men de saknar en gemensam plan och väger sällan in natur och näringar.",
        objectives="Tio byar har en lokal utvecklingsplan, och kommunen använder planerna i sin översiktsplanering.",
        target_groups="Byalag, föreningar och företagare på landsbygden i Strömsund.",
        work_plan="Bymöten, stöd till planarbetet, gemensamma workshoppar och en sammanställning till kommunens översiktsplan.",
        municipalities=("Strömsunds kommun",),
        activity="Systematiskt arbete med målkonflikter",
        strategy_fit="Utvecklingsplanerna synliggör målkonflikter mellan service, boende och natur på lokal nivå.",
        total=800_000,
        cofunders=(Co("Strömsunds kommun", 100),),
        effects=(
            "Byarna tappar service och saknar gemensamma planer.",
            "Bymöten, stöd till planarbete och workshoppar.",
            "Tio lokala utvecklingsplaner.",
            "Planerna används i kommunens planering.",
            "Levande byar med service.",
        ),
        indicators=(("P2", 150),),
        ratings="IPPPPPP",
        sustainability=(
            "Invånarna i byarna påverkar sin egen utveckling.",
            "Planerna tar upp natur och vatten runt byarna.",
            "Lokala företag stärks när servicen planeras gemensamt.",
            "Planerna tar upp transporter och samåkning.",
            "Bymötena ordnas så att både kvinnor och män kan delta.",
            "Nyinflyttade bjuds in särskilt.",
            "Samebyarna i kommunen bjuds in till de bymöten som berör renskötselns marker.",
        ),
        message="Kommunen samordnar insatsen med ett Leaderprojekt i stället och drar därför tillbaka ansökan.",
    ),
)

SJAELLAND = (
    Spec(
        SJ_2027,
        "Næstved Kommune",
        "Fremtidens sundhedsuddannelser i Næstved",
        OFFICER,
        "Unge i Næstved og omegn møder sundhedsfagene gennem praktik, rollemodeller og et samarbejde mellem skoler, sygehuse og kommunale plejecentre.",
        background="Sygehusene og plejecentrene i regionen mangler sygeplejersker, social- og sundhedsassistenter og bioanalytikere. For få unge i området vælger en sundhedsuddannelse.",
        objectives="300 elever har været i praktik på et sundhedsfagligt arbejdssted, og optaget på sundhedsuddannelserne fra kommunen stiger med 15 procent.",
        target_groups="Elever i 8.–10. klasse og på ungdomsuddannelserne, deres forældre og vejledere.",
        work_plan="Forløb for udskolingen fra foråret 2027, rollemodelkorps af unge studerende, praktikdage på sygehuset og plejecentrene, og evaluering i 2028.",
        municipalities=("Næstved Kommune", "Faxe Kommune"),
        activity="Kvalificeret arbejdskraft til sundhedssektoren",
        strategy_fit="Projektet gennemfører handlingsplanens indsats for kvalificeret arbejdskraft til sundhedssektoren.",
        total=2_800_000,
        profile="education",
        cofunders=(
            Co("Næstved Kommune", 60),
            Co("Roskilde Universitet", 20, kind=IN_KIND),
            Co("Faxe Kommune", 20),
        ),
        effects=(
            "For få unge i området vælger en sundhedsuddannelse.",
            "Forløb i udskolingen, rollemodeller og praktikdage.",
            "300 elever i praktik og 40 rollemodeller.",
            "Flere unge søger ind på sundhedsuddannelserne.",
            "Et sundhedsvæsen med den arbejdskraft, det har brug for.",
        ),
        indicators=(("P2", 300), ("P3", 25)),
        ratings="IPIPIP",
        sustainability=(
            "Unge fra hjem uden uddannelsestradition får øjnene op for sundhedsfagene.",
            "Praktikdagene samles, så eleverne kan tage toget.",
            "Flere uddannede mindsker udgifterne til vikarer.",
            "Projektet har ingen særlige klimatiltag.",
            "Drenge får særligt øje for sygeplejen gennem mandlige rollemodeller.",
            "Forløbene tilpasses elever med særlige behov.",
        ),
        partners=(
            (
                "Roskilde Universitet",
                PartnerRole.PARTNER,
                "Evaluerer forløbene og stiller studerende til rådighed som rollemodeller.",
            ),
        ),
    ),
    Spec(
        SJ_2027,
        "Lolland Kommune",
        "Sundhedsakademi Lolland-Falster",
        COMPLETION,
        "Et sundhedsakademi, hvor ledige og ufaglærte på Lolland-Falster tager en sundhedsuddannelse med løn og praktik i kommunerne.",
        background="Lolland og Guldborgsund har mange ufaglærte og samtidig svært ved at rekruttere til ældreplejen og sygehuset i Nykøbing Falster.",
        objectives="100 deltagere påbegynder en uddannelse som social- og sundhedshjælper eller -assistent, og 70 fuldfører.",
        target_groups="Ledige og ufaglærte voksne på Lolland-Falster.",
        work_plan="Rekruttering gennem jobcentrene fra foråret 2027, brobygningsforløb, uddannelse med praktik i kommunerne og mentorstøtte gennem hele forløbet.",
        municipalities=("Lolland Kommune", "Guldborgsund Kommune"),
        activity="Kvalificeret arbejdskraft til sundhedssektoren",
        strategy_fit="Akademiet uddanner arbejdskraft til sundhedssektoren, som handlingsplanen sigter mod.",
        total=4_200_000,
        profile="education",
        cofunders=(
            Co("Lolland Kommune", 45),
            Co("Guldborgsund Kommune", 35, status=PENDING),
            Co("Roskilde Universitet", 20, kind=IN_KIND),
        ),
        effects=(
            "Mange ufaglærte og mangel på uddannet personale i plejen.",
            "Rekruttering, brobygning, uddannelse med praktik og mentorer.",
            "100 deltagere i uddannelse.",
            "70 uddannede i job i plejen.",
            "Højere beskæftigelse og en stabil pleje på Lolland-Falster.",
        ),
        indicators=(("P2", 100), ("P3", 70), ("P4", 5)),
        ratings="IPIPIIN",
        sustainability=(
            "Ledige får en uddannelse og et fast job.",
            "Undervisningen foregår lokalt, så deltagerne ikke skal pendle langt.",
            "Kommunerne sparer på vikarer og overførselsindkomster.",
            "Projektet har ingen særlige miljøtiltag.",
            "Mænd rekrutteres aktivt til et kvindedomineret fag.",
            "Mentorerne støtter deltagere med ordblindhed og andre udfordringer.",
        ),
        partners=(
            (
                "Guldborgsund Kommune",
                PartnerRole.CO_APPLICANT,
                "Stiller praktikpladser og en koordinator til rådighed.",
            ),
        ),
        message="Partnererklæringen fra Guldborgsund Kommune mangler underskrift, og budgettet for 2028 er ikke forklaret. Send en underskrevet erklæring og uddyb udgifterne til ekstern bistand.",
    ),
    Spec(
        SJ_2027,
        "Eksempel Fødevarer ApS",
        "Køkkenløft: opkvalificering i de offentlige køkkener",
        SUBMITTED,
        "Køkkenpersonalet i kommunernes institutionskøkkener lærer at lave mad af økologiske og sæsonens råvarer fra regionens producenter.",
        background="Kommunerne vil have flere økologiske og lokale råvarer, men køkkenerne mangler kompetencer og tid til at arbejde med hele grøntsager og sæsonens varer.",
        objectives="120 køkkenmedarbejdere opkvalificeret og en økologiandel på 60 procent i de deltagende køkkener.",
        target_groups="Køkkenmedarbejdere i daginstitutioner, plejecentre og skoler i Næstved og Vordingborg.",
        work_plan="Kurser i køkkenerne fra 2027, besøg hos producenterne, fælles menuplaner og opfølgning på økologiandelen i 2028.",
        municipalities=("Næstved Kommune", "Vordingborg Kommune"),
        activity="Kvalificeret arbejdskraft til sundhedssektoren",
        strategy_fit="Opkvalificeringen styrker arbejdskraften i de offentlige køkkener, som er en del af sundheds- og plejesektoren.",
        total=1_100_000,
        cofunders=(
            Co("Eksempel Fødevarer ApS", 50, sector=PRIVATE),
            Co("Næstved Kommune", 30),
            Co("Vordingborg Kommune", 20, status=PENDING),
        ),
        effects=(
            "Køkkenerne mangler kompetencer til at bruge økologiske og lokale råvarer.",
            "Kurser, producentbesøg og fælles menuplaner.",
            "120 opkvalificerede medarbejdere.",
            "Højere økologiandel og mindre madspild.",
            "Sundere mad i de offentlige køkkener og et stærkere lokalt fødevareerhverv.",
        ),
        indicators=(("P1", 12), ("P2", 120)),
        ratings="PIIIPP",
        sustainability=(
            "Medarbejderne får et fagligt løft og større arbejdsglæde.",
            "Flere økologiske råvarer og mindre madspild.",
            "Lokale producenter får faste aftaler med kommunerne.",
            "Sæsonens grøntsager erstatter en del af kødet i menuerne.",
            "Kurserne tilrettelægges, så også deltidsansatte kan deltage.",
            "Kursusmaterialet findes på let dansk.",
        ),
    ),
    Spec(
        SJ_2027,
        "Roskilde Universitet",
        "Digitale kompetencer i landdistrikterne",
        PARTIAL,
        "Borgere og små virksomheder i landdistrikterne lærer at bruge digitale værktøjer, så de kan arbejde og drive virksomhed hjemmefra.",
        background="Mange i landdistrikterne har svært ved at bruge digitale løsninger, og huller i dækningen gør det værre.",
        objectives="500 borgere og 50 virksomheder har deltaget i et forløb.",
        target_groups="Borgere og små virksomheder i landdistrikterne i Odsherred, Lejre og Stevns.",
        work_plan="Kortlægning af behov, kurser i forsamlingshuse og biblioteker, netværk for små virksomheder og evaluering.",
        municipalities=("Odsherred Kommune", "Lejre Kommune", "Stevns Kommune"),
        activity="Fremtidens digitale region",
        total=1_500_000,
    ),
    Spec(
        SJ_2027,
        "Slagelse Kommune",
        "Praktikpladser i ældreplejen i Slagelse",
        ACCEPTED,
        "Flere og bedre praktikpladser i ældreplejen, så flere elever gennemfører social- og sundhedsuddannelsen.",
        background="Hver fjerde elev på social- og sundhedsuddannelserne falder fra, ofte i praktikken. Praktikvejlederne har for lidt tid og uddannelse.",
        objectives="Frafaldet i praktikken halveres, og 40 praktikvejledere er uddannet.",
        target_groups="Elever på social- og sundhedsuddannelserne og praktikvejledere i Slagelse og Sorø.",
        work_plan="Uddannelse af praktikvejledere i 2027, faste elevteams på plejecentrene, mentorordning og opfølgning på frafald hvert halve år.",
        municipalities=("Slagelse Kommune", "Sorø Kommune"),
        activity="Kvalificeret arbejdskraft til sundhedssektoren",
        strategy_fit="Projektet fastholder elever i sundhedsuddannelserne, som handlingsplanen prioriterer.",
        total=1_900_000,
        profile="education",
        cofunders=(Co("Slagelse Kommune", 70), Co("Sorø Kommune", 30)),
        effects=(
            "Mange elever falder fra i praktikken.",
            "Uddannelse af vejledere, elevteams og mentorer.",
            "40 uddannede praktikvejledere.",
            "Halveret frafald i praktikken.",
            "Flere uddannede i ældreplejen.",
        ),
        indicators=(("P2", 160), ("P3", 60)),
        ratings="IPIPIP",
        sustainability=(
            "Eleverne får en bedre start på arbejdslivet.",
            "Vejlederuddannelsen foregår delvist online.",
            "Mindre frafald sparer kommunerne for udgifter til nye elever.",
            "Projektet har ingen særlige klimatiltag.",
            "Fastholdelsen følges op for kvinder og mænd.",
            "Eleverne med anden etnisk baggrund får sprogstøtte i praktikken.",
        ),
    ),
    Spec(
        SJ_2027,
        "Odsherred Kommune",
        "Mobildækning og fjernarbejde i Odsherred",
        STARTED,
        "Kortlægning af huller i mobildækningen og et fællesskab for fjernarbejde i sommerhusområderne.",
    ),
    Spec(
        SJ_2027,
        "Holbæk Kommune",
        "Rekruttering af sygeplejersker til Holbæk",
        WITHDRAWN,
        "En rekrutteringsindsats, der får nyuddannede sygeplejersker til at vælge Holbæk med introduktionsforløb og hjælp til bolig.",
        background="Holbæk Sygehus og kommunens hjemmesygepleje har mange ubesatte stillinger, og nyuddannede søger mod hovedstaden.",
        objectives="40 nyuddannede sygeplejersker ansat i Holbæk inden udgangen af 2028.",
        target_groups="Sygeplejestuderende og nyuddannede sygeplejersker.",
        work_plan="Kampagne på uddannelserne, introduktionsforløb, hjælp til bolig og job til partner, og opfølgning efter et år.",
        municipalities=("Holbæk Kommune",),
        activity="Kvalificeret arbejdskraft til sundhedssektoren",
        strategy_fit="Indsatsen rekrutterer arbejdskraft til sundhedssektoren.",
        total=1_300_000,
        cofunders=(Co("Holbæk Kommune", 100),),
        effects=(
            "Mange ubesatte sygeplejerskestillinger.",
            "Kampagne, introduktionsforløb og hjælp til bolig.",
            "100 studerende har deltaget i introduktionsdage.",
            "40 nyuddannede ansat.",
            "En stabil sygepleje i Holbæk.",
        ),
        indicators=(("P3", 40),),
        ratings="PNIPPP",
        sustainability=(
            "Familier får hjælp til at etablere sig i kommunen.",
            "Projektet har ikke vurderet miljøet.",
            "Færre vikarer sparer penge.",
            "Kampagnen er digital.",
            "Kampagnen henvender sig også til mandlige studerende.",
            "Introduktionen tilpasses sygeplejersker uddannet i udlandet.",
        ),
        message="Kommunen har fået midler fra en national pulje til samme indsats og trækker derfor ansøgningen tilbage.",
    ),
    Spec(
        SJ_2026,
        "Demo Grøn Omstilling A/S",
        "Overskudsvarme fra industrien i Kalundborg",
        ACCEPTED,
        "Overskudsvarme fra tre virksomheder i Kalundborg kobles på fjernvarmenettet gennem en ny varmeveksler og varmepumpe.",
        background="Virksomhederne i Kalundborg udleder store mængder varme til havet, samtidig med at fjernvarmen stadig bruger fossile brændsler om vinteren.",
        objectives="20 GWh overskudsvarme om året leveret til fjernvarmen og 4.000 tons mindre CO₂-udledning.",
        target_groups="Virksomhederne i symbiosen, fjernvarmeselskabet og varmekunderne.",
        work_plan="Forundersøgelse og projektering, investering i varmeveksler og varmepumpe, indkøring og måling af leverancerne.",
        municipalities=("Kalundborg Kommune",),
        activity="Grøn omstilling i virksomheder",
        strategy_fit="Projektet er et eksempel på grøn omstilling i virksomheder, som handlingsplanen vil afdække.",
        total=5_500_000,
        profile="investment",
        aid=40,
        cofunders=(
            Co("Demo Grøn Omstilling A/S", 70, sector=PRIVATE),
            Co("Kalundborg Kommune", 30),
        ),
        effects=(
            "Overskudsvarme går til spilde, mens fjernvarmen bruger fossile brændsler.",
            "Forundersøgelse, investering og indkøring.",
            "Et anlæg, der leverer 20 GWh om året.",
            "Mindre brug af fossile brændsler i fjernvarmen.",
            "En industriel symbiose uden fossil energi.",
        ),
        indicators=(("P1", 3),),
        ratings="PIIIPN",
        sustainability=(
            "Varmekunderne får en stabil og billigere varme.",
            "4.000 tons mindre CO₂ om året.",
            "Salg af varme giver virksomhederne en ny indtægt.",
            "Udledningen måles før og efter.",
            "Projektet har ikke særlige tiltag for ligestilling.",
            "Projektet har ikke vurderet spørgsmålet.",
        ),
    ),
    Spec(
        SJ_2026,
        "Roskilde Universitet",
        "Grønne forretningsmodeller i små virksomheder",
        ACCEPTED,
        "Forskere og studerende hjælper 40 små virksomheder med at udvikle grønne og cirkulære forretningsmodeller.",
        background="Små virksomheder vil gerne omstille, men mangler viden om, hvordan cirkulære forretningsmodeller kan tjene penge.",
        objectives="40 virksomheder har en ny forretningsmodel, og 15 har afprøvet den.",
        target_groups="Små og mellemstore virksomheder i produktion, handel og fødevarer.",
        work_plan="Rekruttering, workshops med forskere, studenterprojekter i virksomhederne og en konference for deltagerne.",
        municipalities=("Roskilde Kommune", "Køge Kommune"),
        activity="Grøn omstilling i virksomheder",
        strategy_fit="Projektet afdækker, hvordan små virksomheder kan omstille, som handlingsplanen lægger op til.",
        total=2_600_000,
        profile="research",
        cofunders=(
            Co("Roskilde Universitet", 50, kind=IN_KIND),
            Co("Køge Kommune", 25),
            Co("Eksempel Fødevarer ApS", 25, sector=PRIVATE, status=PENDING),
        ),
        effects=(
            "Små virksomheder mangler viden om cirkulære forretningsmodeller.",
            "Workshops, studenterprojekter og konference.",
            "40 nye forretningsmodeller.",
            "15 virksomheder afprøver deres model.",
            "Et erhvervsliv, der bruger færre ressourcer.",
        ),
        indicators=(("P1", 40),),
        ratings="PIIPPP",
        sustainability=(
            "Studerende får erfaring fra virksomhederne.",
            "Modellerne mindsker forbruget af råvarer.",
            "Virksomhederne finder nye indtægter.",
            "Klimaeffekten vurderes for hver model.",
            "Deltagerne rekrutteres bredt.",
            "Workshops holdes på dansk og engelsk.",
        ),
    ),
    Spec(
        SJ_2026,
        "Køge Kommune",
        "Cirkulært byggeri i Køge",
        OFFICER,
        "Kommunen og lokale byggevirksomheder afprøver genbrug af byggematerialer fra nedrivninger i nye kommunale byggerier.",
        background="Byggeriet står for en stor del af affaldet og udledningen. Materialer fra nedrivninger genbruges sjældent, fordi der mangler viden og lagre.",
        objectives="Tre kommunale byggerier med mindst 20 procent genbrugte materialer og et lager for byggematerialer.",
        target_groups="Byggevirksomheder, arkitekter og kommunens byggeafdeling.",
        work_plan="Kortlægning af kommende nedrivninger, etablering af lager, afprøvning i tre byggerier og erfaringsopsamling.",
        municipalities=("Køge Kommune",),
        activity="Grøn omstilling i virksomheder",
        strategy_fit="Projektet driver grøn omstilling i byggevirksomhederne.",
        total=1_500_000,
        cofunders=(
            Co("Køge Kommune", 80),
            Co("Demo Grøn Omstilling A/S", 20, sector=PRIVATE),
        ),
        effects=(
            "Byggematerialer fra nedrivninger bliver til affald.",
            "Kortlægning, lager og afprøvning i byggerier.",
            "Tre byggerier med genbrugte materialer.",
            "Mindre affald og lavere udledning fra kommunens byggeri.",
            "Et cirkulært byggeri i regionen.",
        ),
        indicators=(("P1", 8),),
        ratings="PIIIPP",
        sustainability=(
            "Lageret giver jobs til ledige i nyttigt arbejde.",
            "Mindre affald og færre nye materialer.",
            "Genbrug kan sænke byggeomkostningerne.",
            "CO₂-besparelsen beregnes for hvert byggeri.",
            "Byggebranchen inviteres til at rekruttere kvinder til lageret.",
            "Lageret tilbyder praktik til personer med handicap.",
        ),
    ),
)

DEMO: dict[str, tuple[Spec, ...]] = {
    "vasternorrland": VASTERNORRLAND,
    "jamtland-harjedalen": JAMTLAND,
    "sjaelland": SJAELLAND,
}


# Helpers ------------------------------------------------------------------------------


def _pdf_text(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def tiny_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with `lines` of text in Helvetica (made here, for the demo)."""
    text = (
        b"BT /F1 12 Tf 72 770 Td 18 TL "
        + b" ".join(b"(" + _pdf_text(line) + b") Tj T*" for line in lines)
        + b" ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _file_name(title: str) -> str:
    """A plain file name for an attachment titled `title` (æ, ø and å spelled out)."""
    spelled = title
    for letter, spelling in (("æ", "ae"), ("Æ", "Ae"), ("ø", "oe"), ("Ø", "Oe")):
        spelled = spelled.replace(letter, spelling)
    return f"{slugify(spelled) or 'bilaga'}.pdf"


def _applicant(region: Region, slug: str, organisation: Organisation) -> User:
    """The user who acts for `organisation`: the region's demo applicant for their own
    company, else the organisation's fictional user (made a member when needed)."""
    spec = ACTORS[slug].applicant
    if organisation.name == spec.company:
        user = demo_user(spec.email, spec.full_name, region.default_language)
    else:
        email, full_name = USERS[slug][organisation.name]
        user = demo_user(email, full_name, region.default_language)
    if not Membership.objects.filter(organisation=organisation, user=user).exists():
        membership_add(
            organisation=organisation,
            user=user,
            role=MembershipRole.APPLICANT,
            by=None,
        )
    return user


def _municipalities(slug: str, names: tuple[str, ...]) -> list[Any]:
    """The geo rows of the named municipalities; none when geography is not loaded."""
    from samverka.geo.models import Municipality

    spec = ACTORS[slug]
    codes = dict(spec.municipalities)
    found = []
    for name in names:
        code = codes.get(name)
        if code is None:
            continue
        row = (
            Municipality.objects.filter(
                country__code=spec.country, code__in={code, code.zfill(4)}
            )
            .defer("boundary")
            .first()
        )
        if row is not None:
            found.append(row)
    return found


def _budget(
    spec: Spec, years: list[int], rate: int | None, keep: dict[str, int] | None = None
) -> dict[tuple[str, int], int]:
    """Amounts by (category, year) in minor units, about `spec.total` in all with the
    flat-rate indirect costs, in whole thousands; `keep` scales categories (per cent)."""
    shares = PROFILES[spec.profile]
    factor = 1 + shares.get("staff", 0) * (rate or 0) / 10_000
    entered = spec.total / factor
    amounts: dict[tuple[str, int], int] = {}
    for category, share in shares.items():
        share = share * (keep or {}).get(category, 100) // 100
        per_year = entered * share / 100 / len(years)
        for year in years:
            thousands = round(per_year / 1000)
            if thousands:
                amounts[(category, year)] = thousands * 1000 * 100
    return amounts


def _financing(
    application: Application, spec: Spec, organisations: dict[str, Organisation]
) -> tuple[int, list[dict[str, Any]]]:
    """The amount applied for (at most the fund's aid intensity and the call's
    largest amount) and co-financing lines that make up the rest."""
    total = application.total_cost
    call = application.call
    aid = spec.aid
    if application.fund is not None:
        aid = min(aid, application.fund.max_aid_intensity)
    requested = total * aid // 100 // 100_000 * 100_000
    if call.max_amount is not None:
        requested = min(requested, call.max_amount)
    rest = total - requested
    cofunders = spec.cofunders or (Co(application.organisation.name, 1),)
    weights = sum(c.share for c in cofunders)
    evidence = application.attachments.order_by("pk").first()
    lines: list[dict[str, Any]] = []
    left = rest
    for index, co in enumerate(cofunders):
        if index == len(cofunders) - 1:
            amount = left
        else:
            amount = rest * co.share // weights // 100_000 * 100_000
        left -= amount
        organisation = organisations.get(co.funder)
        lines.append(
            {
                "funder": co.funder,
                "organisation": organisation,
                "kind": co.kind,
                "sector": co.sector,
                "status": co.status,
                "amount": amount,
                "evidence": evidence
                if evidence is not None and co.status == CONFIRMED and co.kind == CASH
                else None,
            }
        )
    return requested, lines


def _submit(application: Application, by: User) -> Submission:
    """Submit, then register the printout, attachments and receipt in the case at
    once (what the task does after commit; it finds them registered and does nothing),
    so that the case's documents come in order when the officer writes next."""
    number = application.submissions.count() + 1
    submission = services.application_submit(
        application=application, by=by, key=f"demo-{application.pk}-{number}"
    )
    register_submission(submission)
    return submission


def _attach(application: Application, by: User, organisation: Organisation) -> None:
    for required in application.call.required_attachments.filter(is_required=True):
        if application.attachments.filter(required=required).exists():
            continue
        title = required.localised("title")
        content = tiny_pdf(
            [
                title,
                application.title,
                organisation.name,
                timezone.localdate().isoformat(),
                "Demo",
            ]
        )
        upload = SimpleUploadedFile(
            _file_name(title), content, content_type="application/pdf"
        )
        services.attachment_add(
            application=application,
            by=by,
            upload=upload,
            title=title,
            required=required,
        )


def _fill(
    application: Application,
    spec: Spec,
    by: User,
    slug: str,
    organisations: dict[str, Organisation],
) -> None:
    """Fill the sections that the spec's story reaches."""
    region = application.call.region
    call = application.call
    data: dict[str, Any] = {"summary": spec.summary}
    if spec.flow != STARTED:
        data.update(
            background=spec.background,
            objectives=spec.objectives,
            target_groups=spec.target_groups,
            work_plan=spec.work_plan,
            start_date=spec.period[0],
            end_date=spec.period[1],
            municipalities=_municipalities(slug, spec.municipalities),
            strategy_fit=spec.strategy_fit,
        )
        activity = call.activities.filter(title=spec.activity).first()
        if activity is not None:
            data["activities"] = [activity]
            data["goals"] = list(
                call.goals.filter(pk__in=activity.goals.values("pk")).order_by("pk")
            )
    services.application_update(application=application, by=by, data=data)
    if spec.flow == STARTED:
        return
    application.refresh_from_db()
    years = application.years
    language = "da" if region.default_language == "da" else "sv"
    services.budget_set(
        application=application,
        by=by,
        amounts=_budget(spec, years, call.indirect_cost_rate),
        descriptions=BUDGET_TEXT[language],
    )
    if spec.flow == PARTIAL:
        return
    is_concept = application.stage == Stage.CONCEPT
    if not is_concept:
        if spec.flow != NEARLY:
            _attach(application, by, application.organisation)
        for name, role, contribution in spec.partners:
            organisation = organisations.get(name)
            services.partner_add(
                application=application,
                by=by,
                data={
                    "organisation": organisation,
                    "name": name,
                    "role": role,
                    "contribution": contribution,
                },
            )
    application.refresh_from_db()
    requested, lines = _financing(application, spec, organisations)
    services.financing_set(
        application=application, by=by, amount_requested=requested, lines=lines
    )
    if is_concept:
        return
    indicators = {i.code: i for i in call.indicators.all()}
    services.effects_set(
        application=application,
        by=by,
        items={
            level: [text] for level, text in zip(LEVELS, spec.effects, strict=False)
        },
        indicators=[
            {"call_indicator": indicators[code], "target": target, "baseline": 0}
            for code, target in spec.indicators
            if code in indicators
        ],
    )
    aspects = ASPECTS if call.asks_sami_perspective else ASPECTS[:-1]
    services.sustainability_set(
        application=application,
        by=by,
        answers={
            aspect: (RATINGS[spec.ratings[index]], spec.sustainability[index])
            for index, aspect in enumerate(aspects)
            if index < len(spec.sustainability)
        },
    )
    if application.fund is not None and application.fund.state_aid_applies:
        services.state_aid_set(
            application=application,
            by=by,
            received=spec.de_minimis * 100,
            declared=True,
        )
    application.refresh_from_db()


def _answer(
    application: Application,
    spec: Spec,
    by: User,
    organisations: dict[str, Organisation],
) -> None:
    """Answer the completion request: change the budget, rebalance, submit again."""
    call = application.call
    language = "da" if call.region.default_language == "da" else "sv"
    services.budget_set(
        application=application,
        by=by,
        amounts=_budget(spec, application.years, call.indirect_cost_rate, spec.answer),
        descriptions=BUDGET_TEXT[language],
    )
    if spec.answer_note:
        services.application_update(
            application=application,
            by=by,
            data={"work_plan": f"{application.work_plan}\n\n{spec.answer_note}"},
        )
    application.refresh_from_db()
    requested, lines = _financing(application, spec, organisations)
    services.financing_set(
        application=application, by=by, amount_requested=requested, lines=lines
    )
    application.refresh_from_db()
    _submit(application, by)


def _follow(
    application: Application,
    spec: Spec,
    by: User,
    officer: User | None,
    organisations: dict[str, Organisation],
) -> None:
    """Take the application along its story after the sections are filled."""
    if spec.flow in (STARTED, PARTIAL, NEARLY):
        return
    _submit(application, by)
    application.refresh_from_db()
    if spec.flow == WITHDRAWN:
        services.application_withdraw(
            application=application, by=by, reason=spec.message
        )
        return
    if spec.flow == SUBMITTED or officer is None:
        return
    services.officer_assign(application=application, by=officer, officer=officer)
    if spec.flow == ACCEPTED:
        services.application_accept(application=application, by=officer)
    elif spec.flow in (COMPLETION, ANSWERED):
        today = timezone.localdate(timezone.now(), application.call.region.tzinfo)
        services.completion_request(
            application=application,
            by=officer,
            message=spec.message,
            deadline=today + datetime.timedelta(days=14),
        )
        application.refresh_from_db()
        if spec.flow == ANSWERED:
            _answer(application, spec, by, organisations)


def _local(region: Region, day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(23, 59), tzinfo=region.tzinfo)


def load_region(
    region: Region, slug: str, specs: tuple[Spec, ...], calls: list[Call]
) -> list[Application]:
    """Load one region's applications; returns those it created."""
    # Fresh from the database: a call may have changed since the funding demo ran.
    by_title = {
        call.title: call for call in Call.objects.filter(pk__in=[c.pk for c in calls])
    }
    closed_titles = {c.title for c in FUNDING[slug][1] if not c.open}
    organisations = {o.name: o for o in Organisation.objects.filter(region=region)}
    officer = first_holder(region, RoleCode.OFFICER)
    today = timezone.localdate(timezone.now(), region.tzinfo)
    wanted = [
        spec
        for spec in specs
        if spec.call in by_title
        and spec.organisation in organisations
        and not Application.objects.filter(
            call=by_title[spec.call], title=spec.title
        ).exists()
    ]
    # A call that should be closed was already closed (by an earlier run, or by the
    # calendar) before its applications came in: open it for them, close it after.
    for title in {spec.call for spec in wanted}:
        call = by_title[title]
        if call.state == CallState.CLOSED and call.closes_at is not None:
            call_update(
                call=call,
                by=None,
                data={"closes_at": _local(region, today + datetime.timedelta(days=1))},
            )
    created: list[Application] = []
    for spec in wanted:
        call = by_title[spec.call]
        organisation = organisations[spec.organisation]
        user = _applicant(region, slug, organisation)
        application = services.application_start(
            call=call, organisation=organisation, by=user, title=spec.title
        )
        _fill(application, spec, user, slug, organisations)
        _follow(application, spec, user, officer, organisations)
        created.append(application)
    for title in closed_titles:
        closed = by_title.get(title)
        if closed is None:
            continue
        closed.refresh_from_db()
        closes = _local(region, today - datetime.timedelta(days=150))
        if closed.state == CallState.OPEN and closed.opens_at < closes:
            call_update(call=closed, by=None, data={"closes_at": closes})
    return created


@demo.register(order=80)
def load_applications(*, context: dict[str, Any], stdout: Any = None) -> None:
    """About thirty applications in the demo calls, in every status before decision."""
    regions: dict[str, Region] = demo.context_get(context, "regions")
    calls: dict[str, list[Call]] = demo.context_get(context, "calls")
    created: list[Application] = []
    statuses: Counter[str] = Counter()
    for slug, specs in DEMO.items():
        region = regions.get(slug)
        if region is None or slug not in calls:
            continue
        # Letters and registered documents read in the region's language.
        with translation.override(region.default_language):
            created.extend(load_region(region, slug, specs, calls[slug]))
        titles = [spec.title for spec in specs]
        statuses.update(
            Application.objects.filter(
                call__in=calls[slug], title__in=titles
            ).values_list("status", flat=True)
        )
    context["applications"] = created
    if stdout is not None:
        summary = ", ".join(
            f"{ApplicationStatus(status).label.lower()} {count}"
            for status, count in sorted(statuses.items())
        )
        stdout.write(
            f"Demo applications: {sum(statuses.values())} ({summary}); "
            f"{len(created)} new."
        )
