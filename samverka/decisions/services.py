"""Writes of decisions, their conditions, and committee meetings.

A decision is checked against the delegation order and the four-eyes rule
(`delegation`), commits a grant against the fund's appropriation for the year (and
refuses to commit more than is left), moves the application to its final status,
and after the commit registers the memo and the letter in the case and tells the
applicant, the officer and the assessors.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.accounts.choices import RoleCode
from samverka.accounts.models import User
from samverka.applications import services as application_services
from samverka.applications.choices import ApplicationStatus
from samverka.applications.models import Application
from samverka.core import audit
from samverka.core.errors import require
from samverka.decisions import delegation, policies
from samverka.decisions.choices import (
    GRANT_OUTCOMES,
    ConditionKind,
    ConditionStatus,
    MeetingStatus,
    Outcome,
)
from samverka.decisions.models import (
    AgendaItem,
    Committee,
    Condition,
    Decision,
    Meeting,
)
from samverka.funding import services as funding_services
from samverka.funding.models import Fund

#: The application's status after each outcome.
OUTCOME_STATUS = {
    Outcome.GRANT: ApplicationStatus.GRANTED,
    Outcome.GRANT_WITH_CONDITIONS: ApplicationStatus.GRANTED,
    Outcome.REJECT: ApplicationStatus.REJECTED,
    Outcome.DISMISS: ApplicationStatus.DISMISSED,
    Outcome.WITHDRAWN: ApplicationStatus.WITHDRAWN,
}
#: The statuses each outcome can be decided from.
DECIDABLE_FROM = {
    Outcome.GRANT: {ApplicationStatus.IN_ASSESSMENT},
    Outcome.GRANT_WITH_CONDITIONS: {ApplicationStatus.IN_ASSESSMENT},
    Outcome.REJECT: {ApplicationStatus.IN_ASSESSMENT},
    Outcome.DISMISS: {
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.COMPLETION_REQUESTED,
        ApplicationStatus.IN_ASSESSMENT,
    },
    Outcome.WITHDRAWN: {
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.COMPLETION_REQUESTED,
        ApplicationStatus.IN_ASSESSMENT,
        ApplicationStatus.WITHDRAWN,
    },
}


def decision_fund(application: Application, fund: Fund | None = None) -> Fund | None:
    """The fund a grant is paid from: the one chosen, else the application's, else
    the call's only own fund."""
    if fund is not None:
        return fund
    if application.fund is not None:
        return application.fund
    own = list(application.call.funds.filter(is_external=False)[:2])
    return own[0] if len(own) == 1 else None


def _clean_conditions(
    rows: Sequence[Mapping[str, Any]], outcome: str
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    errors: dict[str, str] = {}
    clean: list[dict[str, Any]] = []
    for index, row in enumerate(rows):
        text = (row.get("text") or "").strip()
        kind = row.get("kind") or ConditionKind.GENERAL
        if not text and not (row.get("funder") or "").strip():
            continue
        if kind not in ConditionKind.values:
            errors[f"conditions-{index}-kind"] = _("Choose the kind of condition.")
            continue
        if not text:
            errors[f"conditions-{index}-text"] = _("Write the condition.")
        if kind == ConditionKind.COFUNDING:
            if not (row.get("funder") or "").strip():
                errors[f"conditions-{index}-funder"] = _("Name the other funder.")
            if not row.get("deadline"):
                errors[f"conditions-{index}-deadline"] = _(
                    "Give the date by which the other funder must have decided."
                )
        clean.append(
            {
                "kind": kind,
                "text": text,
                "funder": (row.get("funder") or "").strip()[:255],
                "amount": row.get("amount") or None,
                "deadline": row.get("deadline") or None,
                "order": index,
            }
        )
    if outcome == Outcome.GRANT_WITH_CONDITIONS and not clean and not errors:
        errors["conditions"] = _(
            "A grant with conditions needs at least one condition."
        )
    if outcome not in GRANT_OUTCOMES and clean:
        errors["conditions"] = _("Only a grant has conditions.")
    return clean, errors


@transaction.atomic
def decision_record(
    *,
    application: Application,
    by: User | None,
    data: Mapping[str, Any],
    agenda_item: AgendaItem | None = None,
) -> Decision:
    """Decide on an application.

    `data`: outcome, amount (minor units; a grant only), start_date, end_date,
    reasons, conditions (a list of {kind, text, funder, amount, deadline}), and
    optionally fund. With `agenda_item` the decision is the committee's, recorded by
    its secretary. Refused with the rule that stops it: an outcome the application's
    status does not allow, a decision above the decider's delegation, a sole
    assessor above the four-eyes threshold, a grant above what is left of the
    appropriation."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call__region", "fund")
        .get(pk=application.pk)
    )
    committee = agenda_item is not None
    if by is not None:
        require(
            policies.can_record_committee_decision(by, application.region)
            if committee
            else policies.can_decide(by, application)
        )
    if Decision.objects.filter(application=application).exists():
        raise ValidationError(_("The application has already been decided."))
    if agenda_item is not None and agenda_item.application_id != application.pk:
        raise ValidationError(_("The agenda item is about another application."))
    outcome = data.get("outcome") or ""
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    if application.status not in DECIDABLE_FROM[Outcome(outcome)]:
        raise ValidationError(
            {
                "outcome": _(
                    "An application that is %(status)s cannot be decided as “%(outcome)s”."
                )
                % {
                    "status": application.get_status_display().lower(),
                    "outcome": Outcome(outcome).label.lower(),
                }
            }
        )
    reasons = (data.get("reasons") or "").strip()
    if not reasons:
        errors["reasons"] = _("Give the reasons for the decision.")
    grant = outcome in GRANT_OUTCOMES
    amount = int(data.get("amount") or 0) if grant else 0
    if grant:
        if amount <= 0:
            errors["amount"] = _("A grant needs an amount above zero.")
        elif amount > (application.amount_requested or 0):
            errors["amount"] = _(
                "A grant cannot be larger than the amount applied for."
            )
    start = data.get("start_date") or application.start_date
    end = data.get("end_date") or application.end_date
    if grant and start and end and end < start:
        errors["end_date"] = _("The project cannot end before it starts.")
    conditions, condition_errors = _clean_conditions(
        list(data.get("conditions") or []), outcome
    )
    errors.update(condition_errors)
    fund = decision_fund(application, data.get("fund")) if grant else None
    if grant and fund is None:
        errors["fund"] = _("Choose the fund the grant is paid from.")
    elif fund is not None and fund.region_id != application.region_id:
        errors["fund"] = _("Choose one of the region's funds.")
    if errors:
        raise ValidationError(errors)

    level = delegation.decide_level(
        by=by, application=application, amount=amount, committee=committee
    )
    delegation.four_eyes(
        by=by, application=application, amount=amount, committee=committee
    )

    now = timezone.now()
    paying = fund or application.fund
    appropriation = None
    if grant and fund is not None:
        year = now.astimezone(application.call.region.tzinfo).year
        appropriation = funding_services.appropriation_commit(
            fund=fund,
            year=year,
            amount=amount,
            by=by,
            reason=str(application.case_number or application),
        )
    decision = Decision.objects.create(
        application=application,
        outcome=outcome,
        amount=amount,
        start_date=start if grant else None,
        end_date=end if grant else None,
        reasons=reasons,
        level=level,
        agenda_item=agenda_item,
        decided_by=by,
        decided_at=now,
        appropriation=appropriation,
        appeal_allowed=outcome != Outcome.WITHDRAWN
        and (paying is None or paying.appeal_allowed),
    )
    Condition.objects.bulk_create(
        Condition(decision=decision, region=application.region, **row)
        for row in conditions
    )
    application_services.application_decided(
        application=application, status=OUTCOME_STATUS[Outcome(outcome)], by=by
    )
    audit.log(
        application,
        "decisions.decide",
        by=by,
        changes={
            "outcome": (None, Outcome(outcome).label),
            "amount": (None, amount),
            "level": (None, decision.get_level_display()),
            "conditions": (None, len(conditions)),
        },
    )
    transaction.on_commit(lambda: _after_decision(decision.pk))
    return decision


def _after_decision(decision_id: int) -> None:
    from samverka.decisions import tasks

    tasks.decision_documents.enqueue(decision_id=decision_id)


# Conditions --------------------------------------------------------------------------


@transaction.atomic
def condition_resolve(
    *,
    condition: Condition,
    by: User | None,
    status: str,
    note: str = "",
) -> Condition:
    """Mark a condition met, or lapsed (its deadline passed without it being met)."""
    if by is not None:
        require(policies.can_follow_conditions(by, condition.region))
    condition = Condition.objects.select_for_update().get(pk=condition.pk)
    if condition.status != ConditionStatus.OPEN:
        raise ValidationError(_("The condition has already been resolved."))
    if status not in (ConditionStatus.MET, ConditionStatus.LAPSED):
        raise ValidationError({"status": _("Choose met or lapsed.")})
    condition.status = status
    condition.note = (note or "").strip()
    condition.resolved_by = by
    condition.resolved_at = timezone.now()
    condition.save()
    audit.log(
        condition.decision.application,
        "decisions.condition_resolve",
        by=by,
        changes={
            "condition": (None, condition.text[:200]),
            "status": (ConditionStatus.OPEN, status),
        },
    )
    if status == ConditionStatus.LAPSED:
        from samverka.decisions import notifications

        transaction.on_commit(lambda: notifications.condition_lapsed(condition.pk))
    return condition


def conditions_lapse_overdue(today: datetime.date | None = None) -> list[Condition]:
    """Lapse the open conditions whose deadline has passed (run daily by the system)."""
    lapsed: list[Condition] = []
    # "Overdue" on each region's calendar; the servers' date may be a day behind.
    horizon = today or timezone.localdate() + datetime.timedelta(days=1)
    for condition in Condition.objects.filter(
        status=ConditionStatus.OPEN, deadline__lt=horizon
    ).select_related("decision__application", "region"):
        region_today = today or (
            timezone.localdate(timezone=condition.region.tzinfo)
            if condition.region is not None
            else timezone.localdate()
        )
        if condition.deadline is None or condition.deadline >= region_today:
            continue
        lapsed.append(
            condition_resolve(
                condition=condition,
                by=None,
                status=ConditionStatus.LAPSED,
                note=_("The deadline passed without the condition being met."),
            )
        )
    return lapsed


# Committees --------------------------------------------------------------------------


@transaction.atomic
def committee_create(*, region: Any, by: User | None, name: str) -> Committee:
    if by is not None:
        require(policies.can_manage_meetings(by, region))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Name the committee.")})
    committee = Committee.objects.create(region=region, name=name[:255])
    audit.log(
        committee, "decisions.committee_create", by=by, changes={"name": (None, name)}
    )
    return committee


@transaction.atomic
def meeting_create(
    *,
    committee: Committee,
    by: User | None,
    starts_at: datetime.datetime,
    place: str = "",
    secretary: User | None = None,
) -> Meeting:
    if by is not None:
        require(policies.can_manage_meetings(by, committee.region))
    if starts_at is None:
        raise ValidationError({"starts_at": _("Give the meeting's date and time.")})
    if secretary is not None and not policies.can_record_committee_decision(
        secretary, committee.region
    ):
        raise ValidationError(
            {"secretary": _("The secretary must be a decision maker of the region.")}
        )
    meeting = Meeting.objects.create(
        committee=committee,
        starts_at=starts_at,
        place=(place or "")[:255],
        secretary=secretary,
    )
    audit.log(
        committee,
        "decisions.meeting_create",
        by=by,
        changes={"meeting": (None, str(meeting))},
    )
    return meeting


@transaction.atomic
def agenda_item_add(
    *, meeting: Meeting, application: Application, by: User | None
) -> AgendaItem:
    """Put an application with its recommendation on a planned meeting's agenda."""
    if by is not None:
        require(policies.can_manage_meetings(by, meeting.region))
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("The meeting has been held; its agenda is closed."))
    if application.region_id != meeting.region_id:
        raise ValidationError(
            {"application": _("Choose an application of the region.")}
        )
    if application.status != ApplicationStatus.IN_ASSESSMENT:
        raise ValidationError(
            {"application": _("Only an application in assessment goes on an agenda.")}
        )
    if getattr(application, "recommendation", None) is None:
        raise ValidationError(
            {
                "application": _(
                    "Write the recommendation before the application goes on an agenda."
                )
            }
        )
    if meeting.items.filter(application=application).exists():
        raise ValidationError(
            {"application": _("The application is already on the agenda.")}
        )
    top = meeting.items.aggregate(top=Max("number"))["top"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting, application=application, number=top + 1
    )
    audit.log(
        application,
        "decisions.agenda_add",
        by=by,
        changes={"meeting": (None, str(meeting)), "item": (None, item.number)},
    )
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, by: User | None) -> None:
    if by is not None:
        require(policies.can_manage_meetings(by, item.region))
    if hasattr(item, "decision"):
        raise ValidationError(_("The item has been decided; it stays in the minutes."))
    if item.meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("The meeting has been held; its agenda is closed."))
    audit.log(
        item.application,
        "decisions.agenda_remove",
        by=by,
        changes={"meeting": (str(item.meeting), None)},
    )
    item.delete()


@transaction.atomic
def meeting_hold(*, meeting: Meeting, by: User | None) -> Meeting:
    """Close the meeting once every item on its agenda has been decided."""
    if by is not None:
        require(policies.can_record_committee_decision(by, meeting.region))
    undecided = [i for i in meeting.items.all() if not hasattr(i, "decision")]
    if undecided:
        raise ValidationError(
            _("Record a decision on every item first; undecided: %(items)s.")
            % {"items": ", ".join(f"§{i.number}" for i in undecided)}
        )
    meeting.status = MeetingStatus.HELD
    meeting.save(update_fields=["status", "updated_at"])
    audit.log(
        meeting.committee,
        "decisions.meeting_hold",
        by=by,
        changes={"meeting": (None, str(meeting))},
    )
    return meeting


def secretaries(region: Any) -> Any:
    """Users who may record committee decisions in the region."""
    return User.objects.filter(
        role_assignments__region=region,
        role_assignments__role=RoleCode.DECISION_MAKER,
        is_active=True,
    ).distinct()
