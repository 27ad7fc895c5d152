"""Writes in the assessment of an application.

Every function takes the acting user `by` (None is the system: demo loader,
commands), checks the policy, validates, writes in one transaction and logs an audit
entry against the application, so that the application's history tells the whole
assessment. Saves of shared texts carry the `revision` the user read: a second
person saving over the first is told (`stale_edit`) and loses nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.accounts.models import User
from samverka.applications import services as application_services
from samverka.applications.choices import (
    CORE_ASPECTS,
    ApplicationStatus,
    SustainabilityAspect,
)
from samverka.applications.models import Application
from samverka.assessments import notifications, policies
from samverka.assessments.choices import (
    OPEN_ASSIGNMENT_STATUSES,
    AssignmentStatus,
    CheckItem,
    CheckOutcome,
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
    DnshAnswer,
    FormalCheck,
    FormalCheckItem,
    GoalConflict,
    Recommendation,
    Score,
    SdgEffect,
    SustainabilityAssessment,
    SustainabilityRating,
)
from samverka.core import audit
from samverka.core.errors import bump_revision, check_revision, require
from samverka.core.formatting import format_money
from samverka.strategy.models import Goal, GoalInteraction, SdgTarget


def _lead(by: User | None, application: Application) -> None:
    if by is not None:
        require(policies.can_lead(by, application))


def _assessable(application: Application) -> None:
    if application.status not in policies.ASSESSABLE_STATUSES:
        raise ValidationError(
            _("The application is %(status)s; its assessment can no longer change.")
            % {"status": application.get_status_display().lower()}
        )


def _after_commit(function: Any, *args: Any) -> None:
    transaction.on_commit(lambda: function(*args))


# Assignment and impartiality ---------------------------------------------------------


@transaction.atomic
def assignment_add(
    *, application: Application, assessor: User, by: User | None
) -> Assignment:
    """Ask `assessor` to score the application. They are told, and declare before
    they see the content."""
    _lead(by, application)
    _assessable(application)
    if not policies.can_be_assessor(assessor, application.region):
        raise ValidationError(
            {"assessor": _("Choose an assessor or a case officer of the region.")}
        )
    existing = Assignment.objects.filter(
        application=application, assessor=assessor
    ).first()
    if existing is not None:
        if existing.status == AssignmentStatus.CONFLICT:
            raise ValidationError(
                {
                    "assessor": _(
                        "%(name)s has declared a conflict of interest in this "
                        "application."
                    )
                    % {"name": assessor}
                }
            )
        if existing.status != AssignmentStatus.REMOVED:
            raise ValidationError(
                {"assessor": _("%(name)s is already assigned.") % {"name": assessor}}
            )
        existing.status = AssignmentStatus.AWAITING_DECLARATION
        existing.assigned_by = by
        existing.ended_at = None
        existing.save(update_fields=["status", "assigned_by", "ended_at", "updated_at"])
        assignment = existing
    else:
        assignment = Assignment.objects.create(
            application=application, assessor=assessor, assigned_by=by
        )
    audit.log(
        application,
        "assessments.assign",
        by=by,
        changes={"assessor": (None, str(assessor))},
    )
    _after_commit(notifications.assignment_made, assignment.pk)
    return assignment


def pool_load(region: Any, pool: Iterable[User]) -> dict[int, int]:
    """How many open assignments each user of `pool` holds in the region."""
    ids = [user.pk for user in pool]
    counts = dict(
        Assignment.objects.filter(
            region=region, assessor_id__in=ids, status__in=OPEN_ASSIGNMENT_STATUSES
        )
        .values_list("assessor_id")
        .annotate(n=Count("pk"))
        .values_list("assessor_id", "n")
    )
    return {pk: counts.get(pk, 0) for pk in ids}


@transaction.atomic
def assignments_spread(
    *,
    applications: Sequence[Application],
    pool: Sequence[User],
    per_application: int,
    by: User | None,
) -> list[Assignment]:
    """Give each application up to `per_application` open assessors from `pool`,
    each time the one with the fewest open assignments in the region (ties by name),
    skipping those already assigned and those who declared a conflict."""
    if per_application < 1:
        raise ValidationError(
            {"per_application": _("Ask for at least one assessor per application.")}
        )
    if not pool:
        raise ValidationError({"pool": _("Choose the assessors to spread over.")})
    if not applications:
        return []
    region = applications[0].region
    for person in pool:
        if not policies.can_be_assessor(person, region):
            raise ValidationError(
                {
                    "pool": _("%(name)s is not an assessor of the region.")
                    % {"name": person}
                }
            )
    load = pool_load(region, pool)
    made: list[Assignment] = []
    for application in applications:
        _lead(by, application)
        if application.status not in policies.ASSESSABLE_STATUSES:
            continue
        taken = dict(
            Assignment.objects.filter(application=application).values_list(
                "assessor_id", "status"
            )
        )
        open_now = sum(
            1 for status in taken.values() if status in OPEN_ASSIGNMENT_STATUSES
        )
        candidates = [
            person
            for person in pool
            if taken.get(person.pk) in (None, AssignmentStatus.REMOVED)
        ]
        candidates.sort(key=lambda p: (load[p.pk], p.get_full_name(), p.pk))
        for person in candidates[: max(per_application - open_now, 0)]:
            made.append(assignment_add(application=application, assessor=person, by=by))
            load[person.pk] += 1
    return made


@transaction.atomic
def assignment_remove(*, assignment: Assignment, by: User | None) -> Assignment:
    """Release an assessor from an assignment; submitted scores stay on record."""
    _lead(by, assignment.application)
    if assignment.status not in OPEN_ASSIGNMENT_STATUSES:
        return assignment
    if assignment.status == AssignmentStatus.SUBMITTED:
        raise ValidationError(
            _("The assessor has submitted their scores; they stay in the assessment.")
        )
    assignment.status = AssignmentStatus.REMOVED
    assignment.ended_at = timezone.now()
    assignment.save(update_fields=["status", "ended_at", "updated_at"])
    audit.log(
        assignment.application,
        "assessments.unassign",
        by=by,
        changes={"assessor": (str(assignment.assessor), None)},
    )
    return assignment


@transaction.atomic
def declare(
    *,
    assignment: Assignment,
    by: User,
    has_conflict: bool,
    description: str = "",
) -> Assignment:
    """The assessor's declaration. No conflict: the content opens to them. A
    conflict: the assignment ends and the declaration is kept."""
    require(assignment.assessor_id == by.pk)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.status != AssignmentStatus.AWAITING_DECLARATION:
        raise ValidationError(_("You have already declared for this application."))
    description = (description or "").strip()
    now = timezone.now()
    assignment.declared_at = now
    if has_conflict:
        if not description:
            raise ValidationError(
                {
                    "description": _(
                        "Say what the conflict of interest is, so that it is on record."
                    )
                }
            )
        assignment.status = AssignmentStatus.CONFLICT
        assignment.conflict_description = description
        assignment.ended_at = now
    else:
        assignment.status = AssignmentStatus.ACTIVE
    assignment.save()
    audit.log(
        assignment.application,
        "assessments.declare",
        by=by,
        changes={
            "assessor": (None, str(by)),
            "conflict_of_interest": (None, description if has_conflict else ""),
        },
    )
    if has_conflict:
        _after_commit(notifications.conflict_declared, assignment.pk)
    return assignment


# Scoring -----------------------------------------------------------------------------


def _score_errors(
    assignment: Assignment, values: Mapping[int, tuple[Any, str]]
) -> tuple[dict[str, str], dict[int, tuple[int | None, str]]]:
    errors: dict[str, str] = {}
    clean: dict[int, tuple[int | None, str]] = {}
    for criterion in assignment.application.call.criteria.all():
        raw, comment = values.get(criterion.pk, (None, ""))
        value: int | None
        if raw in (None, ""):
            value = None
        else:
            try:
                value = int(raw)
            except (TypeError, ValueError):
                errors[f"score_{criterion.pk}"] = _("Give a whole number.")
                continue
            if not criterion.scale_min <= value <= criterion.scale_max:
                errors[f"score_{criterion.pk}"] = _(
                    "Give a score from %(min)s to %(max)s."
                ) % {"min": criterion.scale_min, "max": criterion.scale_max}
                continue
        clean[criterion.pk] = (value, (comment or "").strip())
    return errors, clean


@transaction.atomic
def scores_save(
    *,
    assignment: Assignment,
    by: User,
    values: Mapping[int, tuple[Any, str]],
    comment: str = "",
    revision: int | None = None,
) -> Assignment:
    """Save the assessor's scores (criterion id → (score, comment)). A score outside
    the criterion's scale is refused at its field (`score_<criterion id>`)."""
    require(policies.can_score(by, assignment))
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    check_revision(assignment, revision)
    errors, clean = _score_errors(assignment, values)
    if errors:
        raise ValidationError(errors)
    existing = {s.criterion_id: s for s in assignment.scores.all()}
    changes: dict[str, Any] = {}
    for criterion_id, (value, text) in clean.items():
        score = existing.get(criterion_id)
        if score is None:
            Score.objects.create(
                assignment=assignment,
                criterion_id=criterion_id,
                value=value,
                comment=text,
            )
            changes[f"criterion_{criterion_id}"] = (None, value)
        elif (score.value, score.comment) != (value, text):
            changes[f"criterion_{criterion_id}"] = (score.value, value)
            score.value, score.comment = value, text
            score.save(update_fields=["value", "comment", "updated_at"])
    if (comment or "").strip() != assignment.comment:
        assignment.comment = (comment or "").strip()
        assignment.save(update_fields=["comment", "updated_at"])
        changes["comment"] = (None, assignment.comment)
    bump_revision(assignment)
    if changes:
        audit.log(
            assignment.application, "assessments.scores_save", by=by, changes=changes
        )
    return assignment


@transaction.atomic
def scores_submit(
    *, assignment: Assignment, by: User, revision: int | None = None
) -> Assignment:
    """Hand in the scores: every criterion must be scored. The assessor then sees the
    others' scores, and can no longer change their own."""
    require(policies.can_score(by, assignment))
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    check_revision(assignment, revision)
    scored = set(
        assignment.scores.filter(value__isnull=False).values_list(
            "criterion_id", flat=True
        )
    )
    missing = {
        f"score_{c.pk}": _("Score this criterion before you submit.")
        for c in assignment.application.call.criteria.all()
        if c.pk not in scored
    }
    if missing:
        raise ValidationError(missing)
    assignment.status = AssignmentStatus.SUBMITTED
    assignment.submitted_at = timezone.now()
    assignment.save(update_fields=["status", "submitted_at", "updated_at"])
    bump_revision(assignment)
    audit.log(
        assignment.application,
        "assessments.scores_submit",
        by=by,
        changes={"assessor": (None, str(by))},
    )
    _after_commit(notifications.scores_submitted, assignment.pk)
    return assignment


# Formal check ------------------------------------------------------------------------


@transaction.atomic
def formal_check_record(
    *,
    application: Application,
    by: User | None,
    items: Mapping[str, tuple[bool, str]],
    note: str = "",
    revision: int | None = None,
) -> FormalCheck:
    """Record the formal check, question by question (`CheckItem` code → (met,
    reason)). Every question is answered; one not met needs a reason. All met: the
    check passes and a submitted application moves on to assessment. One not met:
    the check fails and the application can be dismissed with that reason."""
    _lead(by, application)
    _assessable(application)
    check, _created = FormalCheck.objects.select_for_update().get_or_create(
        application=application
    )
    check_revision(check, revision)
    errors: dict[str, str] = {}
    for code in CheckItem.values:
        if code not in items:
            errors[f"item_{code}"] = _("Answer this question.")
            continue
        passed, reason = items[code]
        if not passed and not (reason or "").strip():
            errors[f"reason_{code}"] = _("Say why the requirement is not met.")
    if errors:
        raise ValidationError(errors)
    old = check.outcome
    check.items.all().delete()
    FormalCheckItem.objects.bulk_create(
        FormalCheckItem(
            formal_check=check,
            code=code,
            passed=bool(items[code][0]),
            reason=(items[code][1] or "").strip(),
        )
        for code in CheckItem.values
    )
    passed = all(bool(items[code][0]) for code in CheckItem.values)
    check.outcome = CheckOutcome.PASSED if passed else CheckOutcome.FAILED
    check.note = (note or "").strip()
    check.checked_by = by
    check.checked_at = timezone.now()
    check.save()
    bump_revision(check)
    audit.log(
        application,
        "assessments.formal_check",
        by=by,
        changes={
            "outcome": (old or None, check.outcome),
            "not_met": (
                None,
                [str(CheckItem(c).label) for c in CheckItem.values if not items[c][0]],
            ),
        },
    )
    if passed and application.status == ApplicationStatus.SUBMITTED:
        application_services.application_accept(application=application, by=by)
    return check


# Recommendation ----------------------------------------------------------------------


@transaction.atomic
def recommendation_save(
    *,
    application: Application,
    by: User | None,
    data: Mapping[str, Any],
    revision: int | None = None,
) -> Recommendation:
    """The officer's recommendation: outcome, amount (a grant: above zero and at most
    what was applied for) and motivation."""
    _lead(by, application)
    _assessable(application)
    recommendation = (
        Recommendation.objects.select_for_update()
        .filter(application=application)
        .first()
    )
    if recommendation is not None:
        check_revision(recommendation, revision)
    outcome = data.get("outcome") or ""
    amount = data.get("amount") or 0
    text = (data.get("text") or "").strip()
    errors: dict[str, str] = {}
    if outcome not in RecommendedOutcome.values:
        errors["outcome"] = _("Choose what you recommend.")
    if not text:
        errors["text"] = _("Give the reasons for the recommendation.")
    grant = outcome in (
        RecommendedOutcome.GRANT,
        RecommendedOutcome.GRANT_WITH_CONDITIONS,
    )
    if grant and amount <= 0:
        errors["amount"] = _("A grant needs an amount above zero.")
    elif grant and amount > (application.amount_requested or 0):
        errors["amount"] = _(
            "The applicant asked for %(amount)s; recommend at most that."
        ) % {
            "amount": format_money(
                application.amount_requested or 0, application.currency
            )
        }
    if (
        outcome == RecommendedOutcome.GRANT_WITH_CONDITIONS
        and not (data.get("conditions") or "").strip()
    ):
        errors["conditions"] = _("Write the conditions you propose.")
    if errors:
        raise ValidationError(errors)
    if recommendation is None:
        recommendation = Recommendation(application=application)
    old = (recommendation.outcome or None, recommendation.amount or None)
    recommendation.outcome = outcome
    recommendation.amount = amount if grant else 0
    recommendation.text = text
    recommendation.conditions = (data.get("conditions") or "").strip()
    recommendation.written_by = by
    recommendation.written_at = timezone.now()
    recommendation.save()
    bump_revision(recommendation)
    audit.log(
        application,
        "assessments.recommend",
        by=by,
        changes={
            "outcome": (old[0], outcome),
            "amount": (old[1], recommendation.amount),
        },
    )
    return recommendation


# Sustainability assurance ------------------------------------------------------------


def assessed_aspects(application: Application) -> list[str]:
    """The three dimensions and the horizontal criteria, plus Sami perspectives where
    the call asks for them."""
    aspects: list[str] = list(CORE_ASPECTS)
    if application.call.asks_sami_perspective:
        aspects.append(SustainabilityAspect.SAMI)
    return aspects


def needs_dnsh(application: Application) -> bool:
    return bool(application.fund is not None and application.fund.is_eu)


@transaction.atomic
def sustainability_save(
    *,
    application: Application,
    by: User | None,
    summary: str,
    ratings: Mapping[str, tuple[str, str]],
    dnsh: Mapping[str, tuple[str, str]] | None = None,
    sdg_effects: Iterable[tuple[SdgTarget, str, str]] = (),
    complete: bool = False,
    revision: int | None = None,
) -> SustainabilityAssessment:
    """Save the sustainability assurance.

    `ratings` maps an aspect to (effect, evidence); `dnsh` an EU taxonomy objective to
    (result, justification); `sdg_effects` lists (target, direction, motivation).
    A negative or uncertain effect, a DNSH answer other than "supports" and an SDG
    target that may be harmed need their text. `complete` marks the assurance done:
    then every aspect (and, for an EU fund, every objective) must be answered.
    Afterwards the goal conflicts it implies are proposed.
    """
    _lead(by, application)
    _assessable(application)
    assessment, _created = (
        SustainabilityAssessment.objects.select_for_update().get_or_create(
            application=application
        )
    )
    check_revision(assessment, revision)
    aspects = assessed_aspects(application)
    dnsh = dict(dnsh or {})
    errors: dict[str, str] = {}
    for aspect, (effect, evidence) in ratings.items():
        if aspect not in aspects:
            errors[f"effect_{aspect}"] = _("This aspect is not assessed in this call.")
        elif effect and effect not in Effect.values:
            errors[f"effect_{aspect}"] = _("Choose an effect.")
        elif effect in (Effect.NEGATIVE, Effect.UNCERTAIN) and not evidence.strip():
            errors[f"evidence_{aspect}"] = _(
                "Describe the evidence for a negative or uncertain effect."
            )
    for objective, (result, evidence) in dnsh.items():
        if objective not in TaxonomyObjective.values:
            errors[f"dnsh_{objective}"] = _("Unknown environmental objective.")
        elif result and result not in DnshResult.values:
            errors[f"dnsh_{objective}"] = _("Choose a result.")
        elif result and result != DnshResult.SUPPORTS and not evidence.strip():
            errors[f"dnsh_evidence_{objective}"] = _(
                "Justify the answer or give the evidence."
            )
    effects = list(sdg_effects)
    seen_targets: set[int] = set()
    for index, (target, direction, note) in enumerate(effects):
        if direction not in SdgDirection.values:
            errors[f"sdg-{index}-direction"] = _("Choose helps, may harm or unknown.")
        elif direction == SdgDirection.MAY_HARM and not (note or "").strip():
            errors[f"sdg-{index}-note"] = _("Say how the project may harm the target.")
        if target.pk in seen_targets:
            errors[f"sdg-{index}-target"] = _("This target is already listed.")
        seen_targets.add(target.pk)
    if complete:
        for aspect in aspects:
            if not (ratings.get(aspect) or ("", ""))[0]:
                errors.setdefault(f"effect_{aspect}", _("Rate this aspect."))
        if needs_dnsh(application):
            for objective in TaxonomyObjective.values:
                if not (dnsh.get(objective) or ("", ""))[0]:
                    errors.setdefault(
                        f"dnsh_{objective}",
                        _("An EU fund: answer the check for every objective."),
                    )
        if not (summary or "").strip():
            errors["summary"] = _("Sum up the assessment.")
    if errors:
        raise ValidationError(errors)

    assessment.summary = (summary or "").strip()
    assessment.assessed_by = by
    assessment.completed_at = timezone.now() if complete else None
    assessment.save()
    assessment.ratings.all().delete()
    SustainabilityRating.objects.bulk_create(
        SustainabilityRating(
            assessment=assessment,
            aspect=aspect,
            effect=effect,
            evidence=evidence.strip(),
        )
        for aspect, (effect, evidence) in ratings.items()
        if effect
    )
    assessment.dnsh.all().delete()
    DnshAnswer.objects.bulk_create(
        DnshAnswer(
            assessment=assessment,
            objective=objective,
            result=result,
            evidence=evidence.strip(),
        )
        for objective, (result, evidence) in dnsh.items()
        if result
    )
    assessment.sdg_effects.all().delete()
    SdgEffect.objects.bulk_create(
        SdgEffect(
            assessment=assessment,
            target=target,
            direction=direction,
            note=(note or "").strip(),
        )
        for target, direction, note in effects
    )
    bump_revision(assessment)
    audit.log(
        application,
        "assessments.sustainability",
        by=by,
        changes={
            "negative": (
                None,
                sorted(a for a, (e, _t) in ratings.items() if e == Effect.NEGATIVE),
            ),
            "dnsh_risk": (
                None,
                sorted(o for o, (r, _t) in dnsh.items() if r == DnshResult.RISK),
            ),
            "completed": (None, complete),
        },
    )
    goal_conflicts_propose(application=application, by=by)
    return assessment


# Goal conflicts ----------------------------------------------------------------------


def served_goals(application: Application) -> list[Goal]:
    """The strategy goals the application advances: those it names, and those the
    action-plan activities it serves are linked to."""
    return list(
        Goal.objects.filter(
            Q(pk__in=application.goals.values("pk"))
            | Q(activity_links__activity__in=application.activities.all())
        ).distinct()
    )


def _goal_label(goal: Goal) -> str:
    title = goal.localised("title")
    return f"{goal.code} {title}".strip() if goal.code else str(title)


def conflict_proposals(application: Application) -> list[dict[str, Any]]:
    """The goal conflicts the system puts on the table, each as the fields of a
    `GoalConflict` (with its `key`)."""
    found: list[dict[str, Any]] = []
    goals = served_goals(application)
    served_ids = {g.pk for g in goals}
    # Every negative interaction from a goal the project advances counts, also one
    # towards a goal the project says it serves too: then the tension is inside the
    # project (more visitors and lower emissions).
    interactions = (
        GoalInteraction.objects.filter(from_goal_id__in=served_ids, score__lte=-1)
        .exclude(to_goal_id=F("from_goal_id"))
        .select_related("from_goal", "to_goal")
        .order_by("score", "pk")
    )
    for interaction in interactions:
        found.append(
            {
                "key": f"interaction:{interaction.pk}",
                "source": ConflictSource.INTERACTION,
                "goal": interaction.from_goal,
                "other_goal": interaction.to_goal,
                "interaction": interaction,
                "interaction_score": interaction.score,
                "subject": _("%(goal)s against %(other)s")
                % {
                    "goal": _goal_label(interaction.from_goal),
                    "other": _goal_label(interaction.to_goal),
                },
            }
        )
    assessment = SustainabilityAssessment.objects.filter(
        application=application
    ).first()
    if assessment is not None:
        for rating in assessment.ratings.filter(effect=Effect.NEGATIVE):
            found.append(
                {
                    "key": f"aspect:{rating.aspect}",
                    "source": ConflictSource.SUSTAINABILITY,
                    "subject": _("Negative effect on %(aspect)s")
                    % {"aspect": rating.get_aspect_display().lower()},
                    "description": rating.evidence,
                }
            )
        for answer in assessment.dnsh.filter(result=DnshResult.RISK):
            found.append(
                {
                    "key": f"dnsh:{answer.objective}",
                    "source": ConflictSource.DNSH,
                    "subject": _("Risk of significant harm: %(objective)s")
                    % {"objective": answer.get_objective_display().lower()},
                    "description": answer.evidence,
                }
            )
        for effect in assessment.sdg_effects.filter(
            direction=SdgDirection.MAY_HARM
        ).select_related("target"):
            found.append(
                {
                    "key": f"sdg:{effect.target.code}",
                    "source": ConflictSource.SDG,
                    "subject": _("May harm SDG target %(code)s")
                    % {"code": effect.target.code},
                    "description": effect.note,
                }
            )
    return found


@transaction.atomic
def goal_conflicts_propose(
    *, application: Application, by: User | None
) -> list[GoalConflict]:
    """Put the proposed goal conflicts on the application: new proposals are added,
    proposals whose ground has gone are taken away (unless someone has weighed them;
    those stay, as weighed)."""
    _lead(by, application)
    proposals = {p["key"]: p for p in conflict_proposals(application)}
    existing = {c.key: c for c in application.goal_conflicts.all()}
    added: list[GoalConflict] = []
    for key, fields in proposals.items():
        if key in existing:
            continue
        added.append(GoalConflict.objects.create(application=application, **fields))
    stale = [
        c.pk
        for key, c in existing.items()
        if c.source != ConflictSource.MANUAL
        and key not in proposals
        and c.status == ConflictStatus.PROPOSED
    ]
    if stale:
        GoalConflict.objects.filter(pk__in=stale).delete()
    if added or stale:
        audit.log(
            application,
            "assessments.conflict_propose",
            by=by,
            changes={
                "proposed": (None, [c.subject for c in added]),
                "withdrawn": (None, len(stale)),
            },
        )
    return added


@transaction.atomic
def goal_conflict_add(
    *,
    application: Application,
    by: User | None,
    subject: str,
    goal: Goal | None = None,
    other_goal: Goal | None = None,
    description: str = "",
) -> GoalConflict:
    """Raise a goal conflict the system did not see."""
    _lead(by, application)
    _assessable(application)
    subject = (subject or "").strip()
    if not subject:
        raise ValidationError({"subject": _("Say what conflicts with what.")})
    strategy_goals = Goal.objects.filter(region=application.region)
    for name, value in (("goal", goal), ("other_goal", other_goal)):
        if value is not None and not strategy_goals.filter(pk=value.pk).exists():
            raise ValidationError({name: _("Choose a goal of the region's strategy.")})
    conflict = GoalConflict.objects.create(
        application=application,
        key=f"manual:{uuid.uuid4().hex[:16]}",
        source=ConflictSource.MANUAL,
        goal=goal,
        other_goal=other_goal,
        subject=subject[:300],
        description=(description or "").strip(),
    )
    audit.log(
        application,
        "assessments.conflict_add",
        by=by,
        changes={"subject": (None, conflict.subject)},
    )
    return conflict


@transaction.atomic
def goal_conflict_weigh(
    *,
    conflict: GoalConflict,
    by: User | None,
    status: str,
    description: str = "",
    handling: str = "",
    handling_text: str = "",
    revision: int | None = None,
) -> GoalConflict:
    """Confirm a goal conflict with its handling (mitigated: how; a condition: its
    wording; a trade-off accepted: why), or dismiss it with the reason. Who weighed
    it and when is kept."""
    _lead(by, conflict.application)
    _assessable(conflict.application)
    conflict = GoalConflict.objects.select_for_update().get(pk=conflict.pk)
    check_revision(conflict, revision)
    description = (description or "").strip()
    handling_text = (handling_text or "").strip()
    errors: dict[str, str] = {}
    if status not in (ConflictStatus.CONFIRMED, ConflictStatus.DISMISSED):
        errors["status"] = _("Confirm or dismiss the conflict.")
    elif status == ConflictStatus.CONFIRMED:
        if not description:
            errors["description"] = _("Describe the conflict in this project.")
        if handling not in ConflictHandling.values:
            errors["handling"] = _("Choose how the conflict is handled.")
        elif not handling_text:
            errors["handling_text"] = {
                ConflictHandling.MITIGATED: _("Say how the conflict is mitigated."),
                ConflictHandling.CONDITION: _("Write the condition for the decision."),
                ConflictHandling.TRADE_OFF: _("Say why the trade-off is accepted."),
            }[ConflictHandling(handling)]
    elif not description:
        errors["description"] = _("Say why this is not a conflict in this project.")
    if errors:
        raise ValidationError(errors)
    old = conflict.status
    conflict.status = status
    conflict.description = description
    conflict.handling = handling if status == ConflictStatus.CONFIRMED else ""
    conflict.handling_text = handling_text if status == ConflictStatus.CONFIRMED else ""
    conflict.weighed_by = by
    conflict.weighed_at = timezone.now()
    conflict.save()
    bump_revision(conflict)
    audit.log(
        conflict.application,
        "assessments.conflict_weigh",
        by=by,
        changes={
            "conflict": (None, conflict.subject),
            "status": (old, status),
            "handling": (None, conflict.handling),
        },
    )
    return conflict
