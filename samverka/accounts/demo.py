"""Demo part of accounts: the three regions of the seeds and fictional staff for every role."""

from __future__ import annotations

from typing import Any

from samverka.accounts import services
from samverka.accounts.choices import RoleCode
from samverka.accounts.models import RoleAssignment, User
from samverka.core import demo
from samverka.core.models import Region

REGIONS: list[dict[str, Any]] = [
    {
        "slug": "vasternorrland",
        "name": "Region Västernorrland",
        "country": "SE",
        "default_language": "sv",
        "currency": "SEK",
        "case_number_prefix": "RVN",
        "email": "registrator@vasternorrland.example.org",
        "address": "Region Västernorrland\n871 85 Härnösand",
    },
    {
        "slug": "jamtland-harjedalen",
        "name": "Region Jämtland Härjedalen",
        "country": "SE",
        "default_language": "sv",
        "currency": "SEK",
        "case_number_prefix": "RJH",
        "email": "registrator@jamtland-harjedalen.example.org",
        "address": "Region Jämtland Härjedalen\nBox 654\n831 27 Östersund",
    },
    {
        "slug": "sjaelland",
        "name": "Region Sjælland",
        "country": "DK",
        "default_language": "da",
        "currency": "DKK",
        "case_number_prefix": "RSJ",
        "email": "post@sjaelland.example.org",
        "address": "Region Sjælland\nAlléen 15\n4180 Sorø",
    },
]

# Obviously fictional staff: the surname says the role.
SWEDISH_STAFF = {
    RoleCode.REGISTRAR: "Rut Registratorsson",
    RoleCode.OFFICER: "Hanna Handläggare",
    RoleCode.ASSESSOR: "Bengt Bedömare",
    RoleCode.DECISION_MAKER: "Berit Beslutsfattare",
    RoleCode.STRATEGIST: "Stina Strategsson",
    RoleCode.FUNDING_ADVISOR: "Frans Fondrådgivare",
    RoleCode.REGION_ADMIN: "Adam Administratörsson",
}
DANISH_STAFF = {
    RoleCode.REGISTRAR: "Jens Journalisen",
    RoleCode.OFFICER: "Sofie Sagsbehandler",
    RoleCode.ASSESSOR: "Vagn Vurderingsen",
    RoleCode.DECISION_MAKER: "Birgitte Beslutningstager",
    RoleCode.STRATEGIST: "Signe Strategsen",
    RoleCode.FUNDING_ADVISOR: "Finn Fondsrådgiver",
    RoleCode.REGION_ADMIN: "Anders Administratorsen",
}


def demo_email(role: str, slug: str) -> str:
    return f"{role.replace('_', '-')}@{slug}.example.org"


def demo_user(email: str, full_name: str, language: str, **extra: Any) -> User:
    """The demo user with `email`, made with the demo password if missing."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = services.user_create(
            email=email,
            full_name=full_name,
            password=demo.DEMO_PASSWORD,
            preferred_language=language,
            **extra,
        )
    return user


def first_holder(region: Region, role: str) -> User | None:
    """The region's first holder of `role` (the demo's officer, decision maker …)."""
    assignment = (
        RoleAssignment.objects.filter(region=region, role=role)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return assignment.user if assignment is not None else None


@demo.register(order=10)
def load_regions_and_staff(*, context: dict[str, Any], stdout: Any) -> None:
    regions: dict[str, Region] = {}
    logins: list[str] = context.setdefault("logins", [])
    logins.append(f"Demo logins (password for all: {demo.DEMO_PASSWORD})")
    admin = demo_user(
        "platform-admin@example.org",
        "Plattform Administratör",
        "en",
        is_staff=True,
        is_superuser=True,
    )
    logins.append(f"  {admin.email:<48} platform administrator (Django admin)")
    for data in REGIONS:
        region = Region.objects.filter(slug=data["slug"]).first()
        if region is None:
            region = services.region_create(by=None, **data)
        regions[region.slug] = region
        names = DANISH_STAFF if region.country == "DK" else SWEDISH_STAFF
        for role, full_name in names.items():
            user = demo_user(
                demo_email(role, region.slug), full_name, region.default_language
            )
            services.role_assign(user=user, region=region, role=role, by=None)
            logins.append(f"  {user.email:<48} {RoleCode(role).label} · {region.name}")
    context["regions"] = regions
