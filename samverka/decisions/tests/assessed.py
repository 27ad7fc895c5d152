"""Helpers of the memo, letter and committee tests: an application taken through its
assessment (formal check, one assessor's scores, the sustainability assurance, goal
conflicts weighed, the recommendation) and decided, through the services."""

from __future__ import annotations

import datetime
from typing import Any

from samverka.assessments import services as assessment_services
from samverka.assessments.choices import CheckItem
from samverka.assessments.models import GoalConflict
from samverka.decisions import services as decision_services

TRADE_OFF_WHY = "Fler jobb i inlandet väger tyngre än de ökade resorna."


def assess(application: Any, *, officer: Any, assessor: Any, criteria: Any) -> None:
    """Formal check passed; one assessor scores 4 of 0–5 and 8 of 1–10 (combined
    79.3 of 100); ecology rated negative, its conflict weighed as an accepted
    trade-off; a manual conflict dismissed and another left proposed."""
    assessment_services.formal_check_record(
        application=application,
        by=officer,
        items=dict.fromkeys(CheckItem.values, (True, "")),
    )
    assignment = assessment_services.assignment_add(
        application=application, assessor=assessor, by=officer
    )
    assignment = assessment_services.declare(
        assignment=assignment, by=assessor, has_conflict=False
    )
    assessment_services.scores_save(
        assignment=assignment,
        by=assessor,
        values={criteria[0].pk: (4, ""), criteria[1].pk: (8, "")},
    )
    assessment_services.scores_submit(assignment=assignment, by=assessor)
    assessment_services.sustainability_save(
        application=application,
        by=officer,
        summary="Sammantaget hållbart.",
        ratings={"ecological": ("negative", "Fler bilresor till anläggningen.")},
    )
    conflict = GoalConflict.objects.get(
        application=application, key="aspect:ecological"
    )
    assessment_services.goal_conflict_weigh(
        conflict=conflict,
        by=officer,
        status="confirmed",
        description="Besökare reser med bil.",
        handling="trade_off",
        handling_text=TRADE_OFF_WHY,
    )
    dismissed = assessment_services.goal_conflict_add(
        application=application, by=officer, subject="Buller mot boende"
    )
    assessment_services.goal_conflict_weigh(
        conflict=dismissed,
        by=officer,
        status="dismissed",
        description="Anläggningen ligger långt från bostäder.",
    )
    assessment_services.goal_conflict_add(
        application=application, by=officer, subject="Markanvändning mot rennäring"
    )


def recommend(application: Any, *, officer: Any, amount: int = 400_000_00) -> Any:
    return assessment_services.recommendation_save(
        application=application,
        by=officer,
        data={
            "outcome": "grant_with_conditions",
            "amount": amount,
            "text": "Projektet stärker besöksnäringen.",
            "conditions": "Kommunen medfinansierar.",
        },
    )


def decide(
    application: Any, *, by: Any, outcome: str = "grant_with_conditions", **more: Any
) -> Any:
    data: dict[str, Any] = {
        "outcome": outcome,
        "amount": 400_000_00 if outcome.startswith("grant") else 0,
        "reasons": "Projektet ligger i linje med strategin.",
        "conditions": [
            {
                "kind": "cofunding",
                "text": "Sundsvalls kommun medfinansierar projektet.",
                "funder": "Sundsvalls kommun",
                "amount": 500_000_00,
                "deadline": datetime.date(2027, 3, 31),
            }
        ]
        if outcome == "grant_with_conditions"
        else [],
    }
    data.update(more)
    return decision_services.decision_record(application=application, by=by, data=data)
