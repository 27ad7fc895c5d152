"""Who may do what in the assessment of an application.

Case officers and region administrators lead the assessment: they assign assessors,
do the formal check, the sustainability assurance and the goal-conflict analysis,
and write the recommendation. Assessors (the `assessor` role, and officers asked to
assess) score the applications assigned to them, and see an application's content
only once they have declared that they have no conflict of interest. An assessor
sees the other assessors' scores only after submitting their own. Decision makers
read everything of the assessment.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from samverka.accounts.choices import RoleCode
from samverka.accounts.policies import roles_by_region
from samverka.applications.choices import ApplicationStatus
from samverka.applications.models import Application
from samverka.applications.policies import (
    ASSESSMENT_READER_ROLES,
    CASEWORK_ROLES,
    applications_of_staff,
)
from samverka.assessments.choices import AssignmentStatus
from samverka.assessments.models import Assignment

#: Roles that may be assigned to assess.
ASSESSOR_ROLES = frozenset({RoleCode.ASSESSOR, RoleCode.OFFICER})
#: Application statuses in which the assessment can still change.
ASSESSABLE_STATUSES = frozenset(
    {
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.COMPLETION_REQUESTED,
        ApplicationStatus.IN_ASSESSMENT,
    }
)


def _roles(user: Any, region_id: int | None) -> frozenset[str]:
    return roles_by_region(user).get(region_id or 0, frozenset())


def can_lead(user: Any, application: Application) -> bool:
    """Assign assessors, check, assure, weigh conflicts, recommend."""
    return bool(_roles(user, application.region_id) & CASEWORK_ROLES)


def can_lead_region(user: Any, region: Any) -> bool:
    return region is not None and bool(_roles(user, region.pk) & CASEWORK_ROLES)


def can_read_assessment(user: Any, application: Application) -> bool:
    """Read the whole assessment of an application (not as one of its assessors)."""
    return bool(_roles(user, application.region_id) & ASSESSMENT_READER_ROLES)


def can_read_region_assessments(user: Any, region: Any) -> bool:
    """Case officers, region administrators and decision makers read all of the
    region's assessments (overviews, rankings, memos)."""
    return region is not None and bool(
        _roles(user, region.pk) & ASSESSMENT_READER_ROLES
    )


def can_open_assessments(user: Any, region: Any) -> bool:
    """The assessment pages are for those who may be asked to assess (assessors and
    case officers) and those who read the region's assessments."""
    return region is not None and (
        can_be_assessor(user, region) or can_read_region_assessments(user, region)
    )


def can_be_assessor(user: Any, region: Any) -> bool:
    return bool(_roles(user, getattr(region, "pk", region)) & ASSESSOR_ROLES)


def assignments_of(user: Any) -> QuerySet[Assignment]:
    """The assignments `user` holds as an assessor (an assignment of someone else is
    a 404)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Assignment.objects.none()
    return Assignment.objects.filter(
        assessor=user, region_id__in=list(roles_by_region(user))
    )


def assignments_visible_to(user: Any) -> QuerySet[Assignment]:
    """Own assignments, and all assignments where `user` reads whole assessments."""
    from django.db.models import Q

    regions = [
        region_id
        for region_id, roles in roles_by_region(user).items()
        if roles & ASSESSMENT_READER_ROLES
    ]
    return Assignment.objects.filter(
        Q(pk__in=assignments_of(user).values("pk")) | Q(region_id__in=regions)
    )


def can_score(user: Any, assignment: Assignment) -> bool:
    return (
        assignment.assessor_id == getattr(user, "pk", None)
        and assignment.status == AssignmentStatus.ACTIVE
        and assignment.application.status in ASSESSABLE_STATUSES
        and bool(_roles(user, assignment.region_id))
    )


def can_see_content(user: Any, assignment: Assignment) -> bool:
    """An assessor sees the application once they have declared no conflict."""
    return assignment.assessor_id == getattr(user, "pk", None) and assignment.declared


def can_see_other_scores(user: Any, application: Application) -> bool:
    """Others' scores are hidden from an assessor until their own are submitted;
    those who lead or decide and are not assessing see them."""
    own = Assignment.objects.filter(
        application=application, assessor_id=getattr(user, "pk", None)
    ).first()
    if own is not None and own.status in (
        AssignmentStatus.AWAITING_DECLARATION,
        AssignmentStatus.ACTIVE,
    ):
        return False
    if own is not None and own.status == AssignmentStatus.SUBMITTED:
        return True
    return can_read_assessment(user, application)


def applications_for_assessment(user: Any) -> QuerySet[Application]:
    """The applications whose assessment `user` reads as a whole."""
    regions = [
        region_id
        for region_id, roles in roles_by_region(user).items()
        if roles & ASSESSMENT_READER_ROLES
    ]
    return applications_of_staff(user).filter(region_id__in=regions)
