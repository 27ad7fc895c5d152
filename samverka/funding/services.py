"""Writes to funds, their yearly appropriations, calls and the parts of a call.

Every function takes the acting user `by` (None is the system: demo loader, commands),
checks the policy, validates and writes in one transaction, and logs an audit entry.
The parts of a call (criteria, project indicators, required attachments) are logged
against the call, so that the call's history tells the whole story.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.accounts.models import User
from samverka.core import audit
from samverka.core.errors import bump_revision, check_revision, require
from samverka.core.formatting import format_money
from samverka.core.models import Region
from samverka.funding import policies
from samverka.funding.choices import CallStatus, Intake
from samverka.funding.models import (
    Appropriation,
    Call,
    CallIndicator,
    Criterion,
    DelegationLimit,
    Fund,
    RequiredAttachment,
)
from samverka.geo.models import Municipality
from samverka.strategy.models import Indicator

FUND_FIELDS = (
    "name",
    "code",
    "type",
    "description",
    "currency",
    "is_external",
    "managing_body",
    "max_aid_intensity",
    "state_aid_applies",
    "appeal_allowed",
    "four_eyes_threshold",
    "website",
    "is_active",
    "translations",
)
CALL_FIELDS = (
    "title",
    "summary",
    "text",
    "intake",
    "opens_at",
    "closes_at",
    "budget",
    "min_amount",
    "max_amount",
    "eligible_applicant_types",
    "required_sections",
    "two_stage",
    "indirect_cost_rate",
    "asks_sami_perspective",
    "contact_name",
    "contact_email",
    "translations",
)
CALL_M2M_FIELDS = ("funds", "activities", "goals", "municipalities")
CRITERION_FIELDS = (
    "name",
    "guidance",
    "weight",
    "scale_min",
    "scale_max",
    "order",
    "translations",
)
INDICATOR_FIELDS = (
    "code",
    "name",
    "unit",
    "level",
    "strategy_indicator",
    "order",
    "translations",
)
ATTACHMENT_FIELDS = (
    "kind",
    "title",
    "description",
    "is_required",
    "order",
    "translations",
)


# Funds --------------------------------------------------------------------------------


def _require_fund(by: User | None, fund: Fund) -> None:
    if by is not None:
        require(policies.can_change_fund(by, fund))


@transaction.atomic
def fund_create(*, region: Region, by: User | None, data: Mapping[str, Any]) -> Fund:
    """Add a fund (region administrator or funding advisor). The currency defaults to
    the region's."""
    if by is not None:
        require(policies.can_edit_funds(by, region))
    values = audit.pick(data, FUND_FIELDS)
    values.setdefault("currency", region.currency)
    fund = Fund(region=region, **values)
    fund.full_clean()
    fund.save()
    audit.log(
        fund,
        "funding.fund_create",
        by=by,
        changes=audit.created_changes(fund, FUND_FIELDS),
    )
    return fund


@transaction.atomic
def fund_update(
    *,
    fund: Fund,
    by: User | None,
    data: Mapping[str, Any],
    revision: int | None = None,
) -> Fund:
    """Change a fund. With `revision`, a save over someone else's newer save is refused
    (code ``stale_edit``). The currency of a fund with appropriations stays."""
    _require_fund(by, fund)
    check_revision(fund, revision)
    values = audit.pick(data, FUND_FIELDS)
    if (
        "currency" in values
        and values["currency"] != fund.currency
        and fund.appropriations.exists()
    ):
        raise ValidationError(
            {
                "currency": _(
                    "The fund has appropriations in %(currency)s; its currency "
                    "cannot change."
                )
                % {"currency": fund.currency}
            }
        )
    fund, changes = audit.model_update(instance=fund, fields=FUND_FIELDS, data=values)
    if changes:
        bump_revision(fund)
        audit.log(fund, "funding.fund_update", by=by, changes=changes)
    return fund


@transaction.atomic
def appropriation_set(
    *, fund: Fund, year: int, amount: int, by: User | None
) -> Appropriation:
    """Set what the fund has to spend in `year` (minor units of the fund's currency).

    The amount may not fall below what is already committed that year."""
    _require_fund(by, fund)
    appropriation = (
        Appropriation.objects.select_for_update()
        .filter(fund=fund, year=year)
        .order_by("pk")
        .first()
    )
    old = appropriation.amount if appropriation is not None else None
    if appropriation is None:
        appropriation = Appropriation(fund=fund, year=year, amount=amount)
    else:
        appropriation.amount = amount
    appropriation.full_clean(validate_constraints=False)
    if amount < appropriation.committed:
        raise ValidationError(
            {
                "amount": _(
                    "%(committed)s is already committed in %(year)s; the "
                    "appropriation cannot be smaller."
                )
                % {
                    "committed": format_money(appropriation.committed, fund.currency),
                    "year": year,
                }
            }
        )
    if old == amount:
        return appropriation
    appropriation.save()
    audit.log(
        fund,
        "funding.appropriation_set",
        by=by,
        changes={"year": (None, year), "amount": (old, amount)},
    )
    return appropriation


# Calls --------------------------------------------------------------------------------


def _require_call(by: User | None, call: Call) -> None:
    if by is not None:
        require(policies.can_change_call(by, call))


def _not_archived(call: Call) -> None:
    if call.status == CallStatus.ARCHIVED:
        raise ValidationError(_("An archived call cannot be changed."))


def _check_related(region: Region, data: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The call's funds, activities, goals and municipalities from `data`, each checked
    to belong to `region` (municipalities: to its country)."""
    result: dict[str, list[Any]] = {}
    errors: dict[str, str] = {}
    messages = {
        "funds": _("The fund “%(object)s” belongs to another region."),
        "activities": _("The activity “%(object)s” belongs to another region."),
        "goals": _("The goal “%(object)s” belongs to another region."),
    }
    for name in ("funds", "activities", "goals"):
        if name not in data:
            continue
        items = list(data[name] or [])
        foreign = [item for item in items if item.region_id != region.pk]
        if foreign:
            errors[name] = messages[name] % {"object": foreign[0]}
        result[name] = items
    if "municipalities" in data:
        municipalities: list[Municipality] = list(data["municipalities"] or [])
        country_ids = {m.country_id for m in municipalities}
        if country_ids:
            codes = dict(
                Municipality.objects.filter(
                    pk__in=[m.pk for m in municipalities]
                ).values_list("pk", "country__code")
            )
            foreign_m = [m for m in municipalities if codes.get(m.pk) != region.country]
            if foreign_m:
                errors["municipalities"] = _(
                    "The municipality “%(object)s” lies outside the region's country."
                ) % {"object": foreign_m[0]}
        result["municipalities"] = municipalities
    if errors:
        raise ValidationError(errors)
    return result


def _m2m_changes(call: Call, related: Mapping[str, list[Any]]) -> dict[str, Any]:
    return {
        name: (None, sorted(str(item) for item in items))
        for name, items in related.items()
        if items
    }


@transaction.atomic
def call_create(*, region: Region, by: User | None, data: Mapping[str, Any]) -> Call:
    """Start a call as a draft (region administrator or case officer).

    `data` holds any of `CALL_FIELDS` and the lists `funds`, `activities`, `goals` and
    `municipalities`, each of the region (a municipality: of the region's country)."""
    if by is not None:
        require(policies.can_edit_calls(by, region))
    call = Call(region=region, status=CallStatus.DRAFT, **audit.pick(data, CALL_FIELDS))
    errors: dict[str, Any] = {}
    related: dict[str, list[Any]] = {}
    try:
        call.full_clean()
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        related = _check_related(region, data)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    call.save()
    for name, items in related.items():
        getattr(call, name).set(items)
    changes = audit.created_changes(call, CALL_FIELDS)
    changes.update(_m2m_changes(call, related))
    audit.log(call, "funding.call_create", by=by, changes=changes)
    return call


@transaction.atomic
def call_update(
    *,
    call: Call,
    by: User | None,
    data: Mapping[str, Any],
    revision: int | None = None,
) -> Call:
    """Change a draft or published call. A published call must keep a fund."""
    _require_call(by, call)
    check_revision(call, revision)
    _not_archived(call)
    values: dict[str, Any] = audit.pick(data, CALL_FIELDS)
    values.update(_check_related(call.region, data))
    if (
        call.status == CallStatus.PUBLISHED
        and "funds" in values
        and not values["funds"]
    ):
        raise ValidationError({"funds": _("A published call needs at least one fund.")})
    call, changes = audit.model_update(
        instance=call, fields=(*CALL_FIELDS, *CALL_M2M_FIELDS), data=values
    )
    if changes:
        bump_revision(call)
        audit.log(call, "funding.call_update", by=by, changes=changes)
    return call


@transaction.atomic
def call_publish(*, call: Call, by: User | None) -> Call:
    """Publish a draft: it shows on the public pages and opens at its opening time.

    It needs at least one fund, an opening time and, unless the intake is
    continuous, a closing time."""
    _require_call(by, call)
    if call.status != CallStatus.DRAFT:
        raise ValidationError(_("Only a draft call can be published."))
    errors: dict[str, str] = {}
    if not call.funds.exists():
        errors["funds"] = _("Choose at least one fund before publishing.")
    if call.opens_at is None:
        errors["opens_at"] = _("Give the opening time before publishing.")
    if call.intake == Intake.DEADLINE and call.closes_at is None:
        errors["closes_at"] = _("Give the closing time before publishing.")
    if errors:
        raise ValidationError(errors)
    call, changes = audit.model_update(
        instance=call,
        fields=("status", "published_at"),
        data={"status": CallStatus.PUBLISHED, "published_at": timezone.now()},
    )
    bump_revision(call)
    audit.log(call, "funding.call_publish", by=by, changes=changes)
    return call


@transaction.atomic
def call_archive(*, call: Call, by: User | None) -> Call:
    """Archive a published call: it stays public as history and takes no applications."""
    _require_call(by, call)
    if call.status != CallStatus.PUBLISHED:
        raise ValidationError(_("Only a published call can be archived."))
    call, changes = audit.model_update(
        instance=call, fields=("status",), data={"status": CallStatus.ARCHIVED}
    )
    bump_revision(call)
    audit.log(call, "funding.call_archive", by=by, changes=changes)
    return call


@transaction.atomic
def call_delete(*, call: Call, by: User | None) -> None:
    """Remove a draft call with its criteria, indicators and attachments."""
    _require_call(by, call)
    if call.status != CallStatus.DRAFT:
        raise ValidationError(
            _("Only a draft call can be deleted; archive a published one.")
        )
    audit.log(call, "funding.call_delete", by=by, changes={"title": (call.title, None)})
    call.delete()


# Parts of a call ----------------------------------------------------------------------


def _next_order(items: Any) -> int:
    top = items.aggregate(top=Max("order"))["top"]
    return 0 if top is None else top + 1


def _part_create(
    *,
    call: Call,
    by: User | None,
    model: type[Model],
    fields: tuple[str, ...],
    data: Mapping[str, Any],
    related_name: str,
    action: str,
) -> Any:
    _require_call(by, call)
    _not_archived(call)
    values = audit.pick(data, fields)
    if "order" not in values:
        values["order"] = _next_order(getattr(call, related_name))
    obj = model(call=call, **values)
    obj.full_clean()
    obj.save()
    audit.log(
        call,
        action,
        by=by,
        changes=audit.created_changes(obj, fields, prefix=f"{related_name}.{obj.pk}."),
    )
    return obj


def _part_update(
    *,
    obj: Any,
    by: User | None,
    fields: tuple[str, ...],
    data: Mapping[str, Any],
    action: str,
) -> Any:
    call = obj.call
    _require_call(by, call)
    _not_archived(call)
    obj, changes = audit.model_update(
        instance=obj, fields=fields, data=audit.pick(data, fields)
    )
    if changes:
        prefix = f"{obj._meta.model_name}.{obj.pk}."
        audit.log(
            call,
            action,
            by=by,
            changes={f"{prefix}{name}": value for name, value in changes.items()},
        )
    return obj


def _part_delete(*, obj: Any, by: User | None, action: str) -> None:
    call = obj.call
    _require_call(by, call)
    _not_archived(call)
    audit.log(call, action, by=by, changes={obj._meta.model_name: (str(obj), None)})
    obj.delete()


@transaction.atomic
def criterion_create(
    *, call: Call, by: User | None, data: Mapping[str, Any]
) -> Criterion:
    """Add an assessment criterion (name, guidance, weight, scale), last unless `order`
    is given."""
    return _part_create(
        call=call,
        by=by,
        model=Criterion,
        fields=CRITERION_FIELDS,
        data=data,
        related_name="criteria",
        action="funding.criterion_create",
    )


@transaction.atomic
def criterion_update(
    *, criterion: Criterion, by: User | None, data: Mapping[str, Any]
) -> Criterion:
    return _part_update(
        obj=criterion,
        by=by,
        fields=CRITERION_FIELDS,
        data=data,
        action="funding.criterion_update",
    )


@transaction.atomic
def criterion_delete(*, criterion: Criterion, by: User | None) -> None:
    _part_delete(obj=criterion, by=by, action="funding.criterion_delete")


def _check_strategy_indicator(call: Call, data: Mapping[str, Any]) -> None:
    indicator: Indicator | None = data.get("strategy_indicator")
    if indicator is not None and indicator.region_id != call.region_id:
        raise ValidationError(
            {
                "strategy_indicator": _(
                    "The strategy indicator belongs to another region."
                )
            }
        )


@transaction.atomic
def call_indicator_create(
    *, call: Call, by: User | None, data: Mapping[str, Any]
) -> CallIndicator:
    """Add a project indicator that applicants of the call choose from."""
    _check_strategy_indicator(call, data)
    return _part_create(
        call=call,
        by=by,
        model=CallIndicator,
        fields=INDICATOR_FIELDS,
        data=data,
        related_name="indicators",
        action="funding.indicator_create",
    )


@transaction.atomic
def call_indicator_update(
    *, indicator: CallIndicator, by: User | None, data: Mapping[str, Any]
) -> CallIndicator:
    _check_strategy_indicator(indicator.call, data)
    return _part_update(
        obj=indicator,
        by=by,
        fields=INDICATOR_FIELDS,
        data=data,
        action="funding.indicator_update",
    )


@transaction.atomic
def call_indicator_delete(*, indicator: CallIndicator, by: User | None) -> None:
    _part_delete(obj=indicator, by=by, action="funding.indicator_delete")


@transaction.atomic
def required_attachment_create(
    *, call: Call, by: User | None, data: Mapping[str, Any]
) -> RequiredAttachment:
    """Add an attachment the call asks for (or offers, when not required)."""
    return _part_create(
        call=call,
        by=by,
        model=RequiredAttachment,
        fields=ATTACHMENT_FIELDS,
        data=data,
        related_name="required_attachments",
        action="funding.attachment_create",
    )


@transaction.atomic
def required_attachment_update(
    *, attachment: RequiredAttachment, by: User | None, data: Mapping[str, Any]
) -> RequiredAttachment:
    return _part_update(
        obj=attachment,
        by=by,
        fields=ATTACHMENT_FIELDS,
        data=data,
        action="funding.attachment_update",
    )


@transaction.atomic
def required_attachment_delete(
    *, attachment: RequiredAttachment, by: User | None
) -> None:
    _part_delete(obj=attachment, by=by, action="funding.attachment_delete")


# Commitments ---------------------------------------------------------------------------


def _appropriation_locked(fund: Fund, year: int) -> Appropriation:
    appropriation = (
        Appropriation.objects.select_for_update()
        .filter(fund=fund, year=year)
        .order_by("pk")
        .first()
    )
    if appropriation is None:
        raise ValidationError(
            {
                "amount": _(
                    "%(fund)s has no appropriation for %(year)s, so nothing can be "
                    "committed against it. The fund's keepers set it under Funds."
                )
                % {"fund": fund, "year": year}
            }
        )
    return appropriation


def appropriation_commit(
    *, fund: Fund, year: int, amount: int, by: User | None, reason: str
) -> Appropriation:
    """Commit `amount` of the fund's appropriation for `year` (a grant decision).

    Runs inside the caller's transaction (the decision), which holds the row lock; it
    refuses to commit more than is left. The policy is the caller's: a decision maker
    commits without being a keeper of the fund."""
    if amount <= 0:
        raise ValidationError({"amount": _("A commitment must be above zero.")})
    appropriation = _appropriation_locked(fund, year)
    if amount > appropriation.left:
        raise ValidationError(
            {
                "amount": _(
                    "Only %(left)s is left of %(fund)s's appropriation for %(year)s; "
                    "%(amount)s cannot be committed."
                )
                % {
                    "left": format_money(appropriation.left, fund.currency),
                    "fund": fund,
                    "year": year,
                    "amount": format_money(amount, fund.currency),
                }
            }
        )
    old = appropriation.committed
    appropriation.committed = old + amount
    appropriation.save(update_fields=["committed", "updated_at"])
    audit.log(
        fund,
        "funding.commit",
        by=by,
        changes={
            "year": (None, year),
            "committed": (old, appropriation.committed),
            "reason": (None, reason),
        },
    )
    return appropriation


# Delegation limits ---------------------------------------------------------------------

DELEGATION_FIELDS = ("fund", "level", "max_amount", "note")


@transaction.atomic
def delegation_limit_set(
    *, region: Region, by: User | None, data: Mapping[str, Any]
) -> DelegationLimit:
    """Set how large a grant a level may decide on (region administrators).

    One limit per level for the whole region and one per level and fund; setting an
    existing one changes it."""
    if by is not None:
        require(policies.can_edit_delegation(by, region))
    values = audit.pick(data, DELEGATION_FIELDS)
    fund = values.get("fund")
    if fund is not None and fund.region_id != region.pk:
        raise ValidationError({"fund": _("Choose one of the region's funds.")})
    limit = (
        DelegationLimit.objects.select_for_update()
        .filter(region=region, fund=fund, level=values.get("level"))
        .order_by("pk")
        .first()
    )
    old = limit.max_amount if limit is not None else None
    if limit is None:
        limit = DelegationLimit(region=region, **values)
    else:
        limit.max_amount = values.get("max_amount")
        limit.note = values.get("note", "")
    limit.full_clean(validate_constraints=False)
    limit.save()
    audit.log(
        limit,
        "funding.delegation_set",
        by=by,
        changes={
            "level": (None, limit.get_level_display()),
            "fund": (None, str(fund) if fund else ""),
            "max_amount": (old, limit.max_amount),
        },
    )
    return limit


@transaction.atomic
def delegation_limit_delete(*, limit: DelegationLimit, by: User | None) -> None:
    if by is not None:
        require(policies.can_edit_delegation(by, limit.region))
    audit.log(
        limit,
        "funding.delegation_delete",
        by=by,
        changes={"max_amount": (limit.max_amount, None)},
    )
    limit.delete()
