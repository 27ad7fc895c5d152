"""Who may see and change applications.

Applicants see the applications of the organisations they act for (`Membership`) and
those they work on as an accepted co-applicant; they change them while they are drafts
or while completion is requested. Staff of a region see its applications once they have
been submitted (a draft that was never submitted is the applicant's own; a concept
invited to a full application stays visible while the applicant writes it); case officers and region administrators
act on them. Anything outside a user's scope is a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from samverka.accounts.choices import RoleCode
from samverka.accounts.policies import has_role, roles_by_region
from samverka.actors.models import Membership
from samverka.applications.choices import (
    EDITABLE_STATUSES,
    ApplicationStatus,
    PartnerRole,
)
from samverka.applications.models import Application
from samverka.core.models import Region

CASEWORK_ROLES = frozenset({RoleCode.OFFICER, RoleCode.REGION_ADMIN})
#: Roles that read the whole assessment of an application (scores, conflicts,
#: recommendation): those who lead it and those who decide.
ASSESSMENT_READER_ROLES = CASEWORK_ROLES | {RoleCode.DECISION_MAKER}
#: Staff roles that read a region's applications. An assessor who holds no other
#: role reads only the applications assigned to them, after declaring that they have
#: no conflict of interest (the assessments app's pages).
READER_ROLES = frozenset(RoleCode.values) - {RoleCode.ASSESSOR}
#: A draft that has never been submitted: the applicant's own.
NEVER_SUBMITTED = Q(status=ApplicationStatus.DRAFT, submitted_at__isnull=True)


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def applicant_scope(user: Any) -> Q:
    """The applications `user` works on as an applicant."""
    if not _active(user):
        return Q(pk__in=[])
    member_of = Membership.objects.filter(user=user).values("organisation_id")
    return Q(organisation_id__in=member_of) | Q(
        partners__accepted_by=user, partners__role=PartnerRole.CO_APPLICANT
    )


def applications_of_applicant(user: Any) -> QuerySet[Application]:
    return Application.objects.filter(
        pk__in=Application.objects.filter(applicant_scope(user)).values("pk")
    )


def reading_regions(user: Any) -> list[int]:
    """The regions whose submitted applications `user` reads as staff."""
    return [
        region_id
        for region_id, roles in roles_by_region(user).items()
        if roles & READER_ROLES
    ]


def applications_of_staff(user: Any) -> QuerySet[Application]:
    """Submitted applications of the regions where `user` holds a reading role."""
    return Application.objects.filter(region_id__in=reading_regions(user)).exclude(
        NEVER_SUBMITTED
    )


def applications_visible_to(user: Any) -> QuerySet[Application]:
    if not _active(user):
        return Application.objects.none()
    staff_regions = reading_regions(user)
    return Application.objects.filter(
        Q(pk__in=Application.objects.filter(applicant_scope(user)).values("pk"))
        | (Q(region_id__in=staff_regions) & ~NEVER_SUBMITTED)
    )


def is_applicant_of(user: Any, application: Application) -> bool:
    if not _active(user):
        return False
    if Membership.objects.filter(
        user=user, organisation_id=application.organisation_id
    ).exists():
        return True
    return application.partners.filter(
        accepted_by=user, role=PartnerRole.CO_APPLICANT
    ).exists()


def can_edit(user: Any, application: Application) -> bool:
    return application.status in EDITABLE_STATUSES and is_applicant_of(
        user, application
    )


def can_submit(user: Any, application: Application) -> bool:
    return can_edit(user, application)


def can_withdraw(user: Any, application: Application) -> bool:
    return application.status not in {
        ApplicationStatus.WITHDRAWN,
        ApplicationStatus.GRANTED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.DISMISSED,
    } and is_applicant_of(user, application)


def can_view_inbox(user: Any, region: Region | None) -> bool:
    return has_role(user, region, READER_ROLES)


def can_handle(user: Any, application: Application) -> bool:
    """Case work: assign an officer, ask for completion."""
    roles = roles_by_region(user).get(application.region_id or 0, frozenset())
    return bool(roles & CASEWORK_ROLES)


def can_read_assessment(user: Any, application: Application) -> bool:
    roles = roles_by_region(user).get(application.region_id or 0, frozenset())
    return bool(roles & ASSESSMENT_READER_ROLES)


def can_view_staff(user: Any, application: Application) -> bool:
    return (
        application.submitted_at is not None
        or application.status != ApplicationStatus.DRAFT
    ) and application.region_id in reading_regions(user)
