"""Demo part of the actor registry: each region's municipalities, its university, a few
obviously fictional companies, networks, contact people and applicant users.

Real organisations get no organisation number here: a blank is better than a wrong
one. The fictional companies have made-up numbers that pass the check-digit rules but
cannot belong to anybody: the Swedish ones start with group number 4, which is not
issued, and the Danish ones lie far beyond the CVR numbers issued so far.
Idempotent: everything is looked up by its natural key before it is created.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from samverka.accounts.models import User
from samverka.accounts.services import user_create
from samverka.actors import services
from samverka.actors.choices import MembershipRole, OrganisationType
from samverka.actors.models import (
    ContactPerson,
    Membership,
    Network,
    NetworkMembership,
    Organisation,
)
from samverka.core import demo
from samverka.core.models import Region


@dataclass(frozen=True)
class DemoCompany:
    name: str
    national_id: str
    city: str
    description: str


@dataclass(frozen=True)
class DemoApplicant:
    email: str
    full_name: str
    company: str
    municipality: str


@dataclass(frozen=True)
class DemoNetwork:
    name: str
    purpose: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class DemoRegion:
    country: str
    #: (official name, municipality code as in the national register)
    municipalities: tuple[tuple[str, str], ...]
    university: str
    companies: tuple[DemoCompany, ...]
    networks: tuple[DemoNetwork, ...]
    applicant: DemoApplicant
    contacts: dict[str, tuple[str, str, str]] = field(default_factory=dict)


DEMO: dict[str, DemoRegion] = {
    "vasternorrland": DemoRegion(
        country="SE",
        municipalities=(
            ("Sundsvalls kommun", "2281"),
            ("Härnösands kommun", "2280"),
            ("Timrå kommun", "2262"),
            ("Kramfors kommun", "2282"),
            ("Sollefteå kommun", "2283"),
            ("Örnsköldsviks kommun", "2284"),
            ("Ånge kommun", "2260"),
        ),
        university="Mittuniversitetet",
        companies=(
            DemoCompany(
                "Exempelbolaget Norrland AB",
                "499900-0005",
                "Sundsvall",
                "A fictional company for the demo: digital services for tourism companies.",
            ),
            DemoCompany(
                "Demo Skog & Energi AB",
                "499900-0013",
                "Örnsköldsvik",
                "A fictional company for the demo: bioenergy from forest residues.",
            ),
        ),
        networks=(
            DemoNetwork(
                "Besöksnäringsnätverket Västernorrland",
                "Municipalities, companies and the university work together to extend the "
                "tourist season along the High Coast and in the inland.",
                (
                    "Exempelbolaget Norrland AB",
                    "Härnösands kommun",
                    "Kramfors kommun",
                    "Örnsköldsviks kommun",
                    "Mittuniversitetet",
                ),
            ),
        ),
        applicant=DemoApplicant(
            "sara.sokande@example.org",
            "Sara Sökande",
            "Exempelbolaget Norrland AB",
            "Sundsvalls kommun",
        ),
        contacts={
            "Exempelbolaget Norrland AB": (
                "Exempel Exempelsson",
                "VD",
                "exempel.exempelsson@example.org",
            ),
            "Demo Skog & Energi AB": (
                "Testa Testberg",
                "Projektledare",
                "testa.testberg@example.org",
            ),
        },
    ),
    "jamtland-harjedalen": DemoRegion(
        country="SE",
        municipalities=(
            ("Östersunds kommun", "2380"),
            ("Krokoms kommun", "2309"),
            ("Strömsunds kommun", "2313"),
            ("Ragunda kommun", "2303"),
            ("Bräcke kommun", "2305"),
            ("Bergs kommun", "2326"),
            ("Härjedalens kommun", "2361"),
            ("Åre kommun", "2321"),
        ),
        university="Mittuniversitetet",
        companies=(
            DemoCompany(
                "Fjällexempel Turism AB",
                "499900-0021",
                "Åre",
                "A fictional company for the demo: year-round activities in the mountains.",
            ),
            DemoCompany(
                "Demo Livsmedel Jämtland AB",
                "499900-0039",
                "Östersund",
                "A fictional company for the demo: local dairy products.",
            ),
        ),
        networks=(
            DemoNetwork(
                "Matnätverket Jämtland Härjedalen",
                "Food producers, municipalities and the university develop local food "
                "chains and the region as a destination for food tourism.",
                (
                    "Demo Livsmedel Jämtland AB",
                    "Östersunds kommun",
                    "Krokoms kommun",
                    "Mittuniversitetet",
                ),
            ),
        ),
        applicant=DemoApplicant(
            "jonas.jamtsokande@example.org",
            "Jonas Jämtsökande",
            "Fjällexempel Turism AB",
            "Åre kommun",
        ),
        contacts={
            "Fjällexempel Turism AB": (
                "Exempla Fjällsdotter",
                "Verksamhetschef",
                "exempla.fjallsdotter@example.org",
            ),
        },
    ),
    "sjaelland": DemoRegion(
        country="DK",
        municipalities=(
            ("Roskilde Kommune", "265"),
            ("Næstved Kommune", "370"),
            ("Holbæk Kommune", "316"),
            ("Slagelse Kommune", "330"),
            ("Køge Kommune", "259"),
            ("Kalundborg Kommune", "326"),
            ("Guldborgsund Kommune", "376"),
            ("Lolland Kommune", "360"),
            ("Vordingborg Kommune", "390"),
            ("Faxe Kommune", "320"),
            ("Greve Kommune", "253"),
            ("Solrød Kommune", "269"),
            ("Stevns Kommune", "336"),
            ("Sorø Kommune", "340"),
            ("Ringsted Kommune", "329"),
            ("Lejre Kommune", "350"),
            ("Odsherred Kommune", "306"),
        ),
        university="Roskilde Universitet",
        companies=(
            DemoCompany(
                "Eksempel Fødevarer ApS",
                "99000015",
                "Næstved",
                "A fictional company for the demo: organic vegetables for public kitchens.",
            ),
            DemoCompany(
                "Demo Grøn Omstilling A/S",
                "99000023",
                "Kalundborg",
                "A fictional company for the demo: industrial symbiosis and surplus heat.",
            ),
        ),
        networks=(
            DemoNetwork(
                "Fødevarenetværket Sjælland",
                "Food companies, municipalities and Roskilde Universitet develop sustainable "
                "food production and short supply chains.",
                (
                    "Eksempel Fødevarer ApS",
                    "Næstved Kommune",
                    "Lolland Kommune",
                    "Roskilde Universitet",
                ),
            ),
        ),
        applicant=DemoApplicant(
            "soren.ansoger@example.org",
            "Søren Ansøger",
            "Eksempel Fødevarer ApS",
            "Næstved Kommune",
        ),
        contacts={
            "Eksempel Fødevarer ApS": (
                "Eksempel Eksempelsen",
                "Direktør",
                "eksempel.eksempelsen@example.org",
            ),
        },
    ),
}


def _municipality(country: str, code: str) -> Any:
    """The geo row for a municipality code, or None when the geo data is not loaded."""
    from samverka.geo.models import Municipality

    return (
        Municipality.objects.filter(
            country__code=country, code__in={code, code.zfill(4)}
        )
        .defer("boundary")
        .first()
    )


def _organisation(region: Region, name: str, **data: Any) -> Organisation:
    existing = Organisation.objects.filter(region=region, name=name).first()
    if existing is not None:
        if data.get("municipality") is not None and existing.municipality_id is None:
            # The geo data was loaded after an earlier run: link it now.
            services.organisation_update(
                organisation=existing,
                by=None,
                data={"municipality": data["municipality"]},
            )
        return existing
    return services.organisation_create(
        region=region, by=None, data={"name": name, **data}
    )


def _user(applicant: DemoApplicant, language: str) -> User:
    user = User.objects.filter(email__iexact=applicant.email).first()
    if user is None:
        user = user_create(
            email=applicant.email,
            full_name=applicant.full_name,
            password=demo.DEMO_PASSWORD,
            preferred_language=language,
            by=None,
        )
    return user


def _member(organisation: Organisation, user: User, role: str) -> None:
    if not Membership.objects.filter(organisation=organisation, user=user).exists():
        services.membership_add(
            organisation=organisation, user=user, role=role, by=None
        )


def load_region(region: Region, spec: DemoRegion) -> list[str]:
    """Load one region's part of the demo; returns the login lines to print."""
    by_name: dict[str, Organisation] = {}
    for name, code in spec.municipalities:
        by_name[name] = _organisation(
            region,
            name,
            type=OrganisationType.MUNICIPALITY,
            country=spec.country,
            municipality=_municipality(spec.country, code),
        )
    by_name[spec.university] = _organisation(
        region, spec.university, type=OrganisationType.UNIVERSITY, country=spec.country
    )
    for company in spec.companies:
        by_name[company.name] = _organisation(
            region,
            company.name,
            type=OrganisationType.COMPANY,
            country=spec.country,
            national_id=company.national_id,
            city=company.city,
            description=company.description,
        )
    for organisation_name, (name, title, email) in spec.contacts.items():
        organisation = by_name[organisation_name]
        if not ContactPerson.objects.filter(
            organisation=organisation, name=name
        ).exists():
            services.contact_create(
                organisation=organisation,
                by=None,
                data={"name": name, "title": title, "email": email, "is_primary": True},
            )
    for item in spec.networks:
        network = Network.objects.filter(region=region, name=item.name).first()
        if network is None:
            network = services.network_create(
                region=region,
                by=None,
                data={"name": item.name, "purpose": item.purpose},
            )
        for member in item.members:
            organisation = by_name[member]
            if not NetworkMembership.objects.filter(
                network=network, organisation=organisation
            ).exists():
                services.network_member_add(
                    network=network, organisation=organisation, by=None
                )

    user = _user(spec.applicant, region.default_language)
    _member(by_name[spec.applicant.company], user, MembershipRole.ADMIN)
    _member(by_name[spec.applicant.municipality], user, MembershipRole.APPLICANT)
    applicant = spec.applicant
    return [
        f"  {applicant.email:<48} applicant · {applicant.company}, "
        f"{applicant.municipality} · {region.name}"
    ]


@demo.register(order=40)
def load_actors(*, context: dict[str, Any], stdout: Any = None) -> None:
    """The actor registry of each demo region that the core loader created."""
    regions: dict[str, Region] = demo.context_get(context, "regions")
    logins: list[str] = context.setdefault("logins", [])
    for slug, spec in DEMO.items():
        region = regions.get(slug)
        if region is None:
            continue
        logins.extend(load_region(region, spec))
