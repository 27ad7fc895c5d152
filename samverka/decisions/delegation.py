"""The delegation order and the four-eyes rule, applied to one decision.

Limits come from `funding.DelegationLimit`: a fund's own limit for a level overrides
the region's. Without any limit for a level, the head of unit (decision maker) and
the committee decide without an upper bound and case officers do not decide at all.
Refusals name the rule that stops the decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samverka.accounts.choices import RoleCode
from samverka.accounts.policies import roles_by_region
from samverka.applications.models import Application
from samverka.assessments.choices import AssignmentStatus
from samverka.core.formatting import format_money
from samverka.funding.choices import DecisionLevel
from samverka.funding.models import DelegationLimit, Fund

#: The role that lets a person decide at each level outside a committee.
LEVEL_ROLES = {
    DecisionLevel.OFFICER: RoleCode.OFFICER,
    DecisionLevel.DECISION_MAKER: RoleCode.DECISION_MAKER,
}
#: No limit set: who decides without an upper bound (None) and who not at all (0).
DEFAULT_LIMITS: dict[str, int | None] = {
    DecisionLevel.OFFICER: 0,
    DecisionLevel.DECISION_MAKER: None,
    DecisionLevel.COMMITTEE: None,
}


@dataclass(frozen=True)
class Limit:
    level: str
    max_amount: int | None
    note: str = ""

    def covers(self, amount: int) -> bool:
        return self.max_amount is None or amount <= self.max_amount


def limits_for(region: Any, fund: Fund | None) -> dict[str, Limit]:
    """Each level's limit for decisions on `fund` in `region`."""
    found = {level: Limit(level, amount) for level, amount in DEFAULT_LIMITS.items()}
    rows = DelegationLimit.objects.filter(region=region).filter(
        fund__isnull=True
    ) | DelegationLimit.objects.filter(region=region, fund=fund)
    # Region-wide first, the fund's own after: the fund's wins.
    for row in sorted(rows, key=lambda r: r.fund_id is not None):
        found[row.level] = Limit(row.level, row.max_amount, row.note)
    return found


def levels_of(user: Any, region: Any) -> list[str]:
    """The levels at which `user` decides outside a committee, highest first."""
    roles = roles_by_region(user).get(region.pk, frozenset())
    return [
        level
        for level in (DecisionLevel.DECISION_MAKER, DecisionLevel.OFFICER)
        if LEVEL_ROLES[level] in roles
    ]


def _money(amount: int | None, application: Application) -> str:
    return format_money(amount or 0, application.currency)


def decide_level(
    *,
    by: Any,
    application: Application,
    amount: int,
    committee: bool,
    fund: Fund | None = None,
) -> str:
    """The level at which `by` may take a decision of `amount` paid from `fund` (the
    application's fund when not given), or a refusal that names the limit."""
    fund = fund or application.fund
    limits = limits_for(application.region, fund)
    if committee:
        limit = limits[DecisionLevel.COMMITTEE]
        if not limit.covers(amount):
            raise ValidationError(
                {
                    "amount": _(
                        "The committee's delegation covers decisions up to "
                        "%(limit)s; this one is %(amount)s."
                    )
                    % {
                        "limit": _money(limit.max_amount, application),
                        "amount": _money(amount, application),
                    }
                }
            )
        return DecisionLevel.COMMITTEE
    if by is None:
        return DecisionLevel.DECISION_MAKER
    levels = levels_of(by, application.region)
    if not levels:
        raise ValidationError(
            _("You hold no role that decides on applications in this region.")
        )
    for level in levels:
        if limits[level].covers(amount):
            return level
    best = limits[levels[0]]
    if best.max_amount == 0:
        message = _(
            "Case officers do not decide on grants of %(fund)s under the delegation "
            "order. It goes to %(next)s."
        ) % {
            "fund": application.fund or application.region,
            "next": _next(limits, amount),
        }
    else:
        message = _(
            "Your delegation as %(level)s covers decisions up to %(limit)s; this one "
            "is %(amount)s. It goes to %(next)s."
        ) % {
            "level": DecisionLevel(best.level).label.lower(),
            "limit": _money(best.max_amount, application),
            "amount": _money(amount, application),
            "next": _next(limits, amount),
        }
    raise ValidationError({"amount": message})


def _next(limits: dict[str, Limit], amount: int) -> str:
    for level in (DecisionLevel.DECISION_MAKER, DecisionLevel.COMMITTEE):
        if limits[level].covers(amount):
            if level == DecisionLevel.COMMITTEE:
                return str(_("the committee"))
            return str(_("the head of unit"))
    return str(_("the committee"))


def assessed_by(application: Application) -> set[int]:
    """Everyone who took part in assessing the application: its assessors who
    submitted scores, the officer who wrote the recommendation, the officer who did
    the sustainability assurance."""
    people = set(
        application.assignments.filter(status=AssignmentStatus.SUBMITTED).values_list(
            "assessor_id", flat=True
        )
    )
    for related in ("recommendation", "sustainability_assessment"):
        obj = getattr(application, related, None)
        author = getattr(obj, "written_by_id", None) or getattr(
            obj, "assessed_by_id", None
        )
        if author:
            people.add(author)
    return people


def four_eyes(
    *, by: Any, application: Application, amount: int, committee: bool
) -> None:
    """Above the fund's four-eyes threshold, nobody who assessed the application
    decides on it alone."""
    fund = application.fund
    if committee or by is None or fund is None or fund.four_eyes_threshold is None:
        return
    if amount > fund.four_eyes_threshold and by.pk in assessed_by(application):
        raise ValidationError(
            {
                "amount": _(
                    "You took part in assessing this application, and %(fund)s's "
                    "four-eyes rule says that above %(threshold)s someone who did not "
                    "assess it decides."
                )
                % {
                    "fund": fund,
                    "threshold": _money(fund.four_eyes_threshold, application),
                }
            }
        )
