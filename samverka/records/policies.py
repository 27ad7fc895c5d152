"""Who may read the case register.

The register of a region is read by its registrars, case officers, decision makers and
region administrators. Other staff roles (assessors, strategists, funding advisors) do
not read it: their work reaches documents through the applications they handle. A case
or document of a region where the user reads no register is a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from samverka.accounts.choices import RoleCode
from samverka.accounts.policies import has_role, roles_by_region
from samverka.core.models import Region
from samverka.records.models import Case, Document

REGISTER_ROLES = frozenset(
    {
        RoleCode.REGISTRAR,
        RoleCode.OFFICER,
        RoleCode.DECISION_MAKER,
        RoleCode.REGION_ADMIN,
    }
)


def register_regions(user: Any) -> list[int]:
    """The ids of the regions whose register `user` reads."""
    return [
        region_id
        for region_id, roles in roles_by_region(user).items()
        if roles & REGISTER_ROLES
    ]


def can_view_register(user: Any, region: Region | None) -> bool:
    """A registrar, case officer, decision maker or region administrator of `region`."""
    return has_role(user, region, REGISTER_ROLES)


def cases_visible_to(user: Any) -> QuerySet[Case]:
    """The cases of the regions whose register `user` reads."""
    return Case.objects.filter(region_id__in=register_regions(user))


def documents_visible_to(user: Any) -> QuerySet[Document]:
    """The registered documents of the cases `user` sees."""
    return Document.objects.filter(case__region_id__in=register_regions(user))
