"""Writes to applications: the applicant's draft, submit, and the officer's case work.

Every function takes the acting user `by` (None: the system), checks the policy,
validates, writes in one transaction and leaves an audit entry. Draft sections are
saved one at a time with the application's `revision`, so two people working on the
same draft are told when the other saved first and lose nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from samverka.accounts.choices import RoleCode
from samverka.accounts.models import User
from samverka.accounts.policies import has_role
from samverka.actors.models import Membership, Organisation
from samverka.applications import completeness, policies
from samverka.applications.choices import (
    CORE_ASPECTS,
    ENTERED_CATEGORIES,
    ApplicationStatus,
    CostCategory,
    EffectLevel,
    IntegrationRating,
    PartnerRole,
    ScanResult,
    Stage,
    SustainabilityAspect,
)
from samverka.applications.models import (
    Application,
    Attachment,
    BudgetLine,
    CompletionRequest,
    EffectItem,
    FinancingLine,
    Partner,
    ProjectIndicator,
    SavedFilter,
    Submission,
    SustainabilityAnswer,
)
from samverka.applications.snapshot import build_snapshot
from samverka.core import audit
from samverka.core.errors import bump_revision, check_revision, require
from samverka.core.files import KINDS, check_file_name, sniff
from samverka.core.formatting import format_moment
from samverka.funding.choices import CallState
from samverka.funding.models import Call, CallIndicator, RequiredAttachment
from samverka.records import services as records
from samverka.records.choices import CaseKind, Direction, DocumentKind
from samverka.records.models import Case

PROJECT_FIELDS = (
    "title",
    "summary",
    "background",
    "objectives",
    "target_groups",
    "work_plan",
    "start_date",
    "end_date",
    "contact_name",
    "contact_email",
    "contact_phone",
    "language",
    "fund",
    "municipalities",
    "activities",
    "goals",
    "strategy_fit",
)


def _require_edit(by: User | None, application: Application) -> None:
    if by is not None:
        require(policies.can_edit(by, application))
    elif application.status not in (
        ApplicationStatus.DRAFT,
        ApplicationStatus.COMPLETION_REQUESTED,
    ):
        raise ValidationError(_("The application can no longer be changed."))


def _saved(
    application: Application, by: User | None, section: str, changes: Mapping[str, Any]
) -> None:
    """Count the save and log it against the application."""
    bump_revision(application)
    audit.log(
        application,
        "applications.draft_save",
        by=by,
        changes={"section": (None, section), **changes},
    )


def deadline_text(call: Call) -> str:
    """The call's closing time in the region's time zone, with the zone named."""
    if call.closes_at is None:
        return ""
    return format_moment(call.closes_at, call.region.tzinfo)


# Starting and the project section -----------------------------------------------------


@transaction.atomic
def application_start(
    *,
    call: Call,
    organisation: Organisation,
    by: User,
    title: str = "",
    language: str = "",
) -> Application:
    """Open a draft for `organisation` in an open call. The user must act for the
    organisation, and the organisation must be registered in the call's region."""
    require(
        Membership.objects.filter(user=by, organisation=organisation).exists(),
    )
    if organisation.region_id != call.region_id:
        raise ValidationError(
            {
                "organisation": _(
                    "The organisation is registered with another region; register it "
                    "with %(region)s to apply."
                )
                % {"region": call.region}
            }
        )
    if call.state != CallState.OPEN:
        if call.state == CallState.CLOSED:
            raise ValidationError(
                _("The call closed %(deadline)s.") % {"deadline": deadline_text(call)}
            )
        raise ValidationError(_("The call is not open for applications."))
    if (
        call.eligible_applicant_types
        and organisation.type not in call.eligible_applicant_types
    ):
        raise ValidationError(
            {
                "organisation": _(
                    "The call is not open to organisations of the type “%(type)s”."
                )
                % {"type": organisation.get_type_display()}
            }
        )
    application = Application(
        call=call,
        fund=call.funds.order_by("pk").first(),
        stage=Stage.CONCEPT if call.two_stage else Stage.FULL,
        organisation=organisation,
        created_by=by,
        language=language or by.preferred_language or call.region.default_language,
        title=(title or "").strip()[:255] or _("New application"),
        contact_name=by.full_name,
        contact_email=by.email,
    )
    application.full_clean()
    application.save()
    audit.log(
        application,
        "applications.start",
        by=by,
        changes={
            "call": (None, str(call)),
            "organisation": (None, str(organisation)),
            "title": (None, application.title),
        },
    )
    return application


def _check_choices(application: Application, values: dict[str, Any]) -> None:
    """Municipalities, activities and goals must be ones the call allows."""
    call = application.call
    errors: dict[str, str] = {}
    fund = values.get("fund")
    if fund is not None and not call.funds.filter(pk=fund.pk).exists():
        errors["fund"] = _("Choose one of the call's funds.")
    if "municipalities" in values:
        eligible = set(call.municipalities.values_list("pk", flat=True))
        if eligible and any(m.pk not in eligible for m in values["municipalities"]):
            errors["municipalities"] = _(
                "The call is not open to projects in these municipalities."
            )
    if "activities" in values:
        allowed = set(call.activities.values_list("pk", flat=True))
        for activity in values["activities"]:
            if activity.region_id != call.region_id or (
                allowed and activity.pk not in allowed
            ):
                errors["activities"] = _("Choose among the activities the call serves.")
    if "goals" in values:
        allowed = set(call.goals.values_list("pk", flat=True))
        for goal in values["goals"]:
            if goal.region_id != call.region_id or (allowed and goal.pk not in allowed):
                errors["goals"] = _("Choose among the goals the call serves.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def application_update(
    *,
    application: Application,
    by: User | None,
    data: Mapping[str, Any],
    revision: int | None = None,
) -> Application:
    """Save the project section (and strategy fit): any of `PROJECT_FIELDS`."""
    _require_edit(by, application)
    check_revision(application, revision)
    values = audit.pick(data, PROJECT_FIELDS)
    _check_choices(application, values)
    application, changes = audit.model_update(
        instance=application, fields=PROJECT_FIELDS, data=values
    )
    if changes:
        _saved(application, by, "project", changes)
    return application


# Budget and financing -----------------------------------------------------------------


def indirect_costs(staff: int, rate: int | None) -> int:
    """The flat-rate indirect costs on `staff` costs, rounded down to a minor unit."""
    return staff * rate // 100 if rate else 0


@transaction.atomic
def budget_set(
    *,
    application: Application,
    by: User | None,
    amounts: Mapping[tuple[str, int], int | None],
    descriptions: Mapping[str, str] | None = None,
    revision: int | None = None,
) -> Application:
    """Replace the budget with `amounts` by (category, year), in minor units.

    Indirect costs are not typed: they are the call's flat rate of each year's staff
    costs. A negative amount, an unknown category or a year outside the project period
    is an error at its cell (key ``<category>_<year>``) and nothing is saved.
    """
    _require_edit(by, application)
    check_revision(application, revision)
    descriptions = descriptions or {}
    years = set(application.years)
    errors: dict[str, str] = {}
    cleaned: dict[tuple[str, int], int] = {}
    for (category, year), amount in amounts.items():
        key = f"{category}_{year}"
        if category not in ENTERED_CATEGORIES:
            errors[key] = _("Unknown cost category.")
        elif years and year not in years:
            errors[key] = _("%(year)s is outside the project period.") % {"year": year}
        elif amount is not None and amount < 0:
            errors[key] = _("An amount cannot be negative.")
        elif amount:
            cleaned[(category, year)] = int(amount)
    if errors:
        raise ValidationError(errors)
    rate = application.call.indirect_cost_rate
    for year in sorted({y for (_c, y) in cleaned}):
        indirect = indirect_costs(cleaned.get((CostCategory.STAFF, year), 0), rate)
        if indirect:
            cleaned[(CostCategory.INDIRECT, year)] = indirect
    before = {(b.category, b.year): b.amount for b in application.budget_lines.all()}
    application.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(
                application=application,
                category=category,
                year=year,
                amount=amount,
                description=descriptions.get(category, "")[:500],
            )
            for (category, year), amount in sorted(
                cleaned.items(), key=lambda kv: (kv[0][1], kv[0][0])
            )
        ]
    )
    total = sum(cleaned.values())
    old_total = application.total_cost
    Application.objects.filter(pk=application.pk).update(total_cost=total)
    application.total_cost = total
    changes: dict[str, tuple[Any, Any]] = {}
    for cell in sorted(set(before) | set(cleaned)):
        if before.get(cell) != cleaned.get(cell):
            changes[f"budget.{cell[0]}.{cell[1]}"] = (
                before.get(cell),
                cleaned.get(cell),
            )
    if old_total != total:
        changes["total_cost"] = (old_total, total)
    _saved(application, by, "budget", changes)
    return application


FINANCING_FIELDS = (
    "funder",
    "organisation",
    "kind",
    "sector",
    "status",
    "amount",
    "evidence",
    "note",
)


@transaction.atomic
def financing_set(
    *,
    application: Application,
    by: User | None,
    amount_requested: int | None,
    lines: Sequence[Mapping[str, Any]],
    revision: int | None = None,
) -> Application:
    """Replace the financing plan: the amount applied for and the co-funders' lines.

    Errors name their field (``amount_requested``, ``lines-<n>-<field>``). The amount
    applied for must keep within the fund's maximum aid intensity of the budget's total.
    Whether the plan balances with the budget is checked at submit, so that either
    can be filled in first.
    """
    _require_edit(by, application)
    check_revision(application, revision)
    errors: dict[str, str] = {}
    if amount_requested is not None and amount_requested < 0:
        errors["amount_requested"] = _("An amount cannot be negative.")
    built: list[FinancingLine] = []
    for index, data in enumerate(lines):
        values = audit.pick(data, FINANCING_FIELDS)
        line = FinancingLine(application=application, order=index, **values)
        if line.amount is not None and line.amount < 0:
            errors[f"lines-{index}-amount"] = _("An amount cannot be negative.")
            continue
        if line.evidence is not None and line.evidence.application_id != application.pk:
            errors[f"lines-{index}-evidence"] = _(
                "Choose one of this application's attachments."
            )
            continue
        try:
            line.full_clean(exclude=["application"])
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors[f"lines-{index}-{field}"] = " ".join(messages)
            continue
        built.append(line)
    if not errors and amount_requested is not None:
        probe = Application(
            call=application.call,
            fund=application.fund,
            amount_requested=amount_requested,
            total_cost=application.total_cost,
        )
        message = completeness.aid_intensity_problem(probe)
        if message:
            errors["amount_requested"] = message
    if errors:
        raise ValidationError(errors)
    before = [
        f"{line.funder}: {line.amount}" for line in application.financing_lines.all()
    ]
    application.financing_lines.all().delete()
    FinancingLine.objects.bulk_create(built)
    after = [f"{line.funder}: {line.amount}" for line in built]
    total = sum(line.amount for line in built)
    changes: dict[str, tuple[Any, Any]] = {}
    if application.amount_requested != amount_requested:
        changes["amount_requested"] = (application.amount_requested, amount_requested)
    if before != after:
        changes["financing"] = (before, after)
    Application.objects.filter(pk=application.pk).update(
        amount_requested=amount_requested, cofinancing_total=total
    )
    application.amount_requested = amount_requested
    application.cofinancing_total = total
    _saved(application, by, "financing", changes)
    return application


# Effect chain, indicators, sustainability, state aid ----------------------------------


@transaction.atomic
def effects_set(
    *,
    application: Application,
    by: User | None,
    items: Mapping[str, Sequence[str]],
    indicators: Sequence[Mapping[str, Any]],
    revision: int | None = None,
) -> Application:
    """Replace the effect chain (texts per level) and the chosen indicators
    (``call_indicator``, ``baseline``, ``target``, ``note``)."""
    _require_edit(by, application)
    check_revision(application, revision)
    errors: dict[str, str] = {}
    for level in items:
        if level not in EffectLevel.values:
            errors[level] = _("Unknown link of the effect chain.")
    built: list[ProjectIndicator] = []
    seen: set[int] = set()
    for index, data in enumerate(indicators):
        indicator: CallIndicator | None = data.get("call_indicator")
        if indicator is None or indicator.call_id != application.call_id:
            errors[f"indicators-{index}-call_indicator"] = _(
                "Choose one of the call's indicators."
            )
            continue
        if indicator.pk in seen:
            errors[f"indicators-{index}-call_indicator"] = _(
                "The indicator is chosen twice."
            )
            continue
        seen.add(indicator.pk)
        target = data.get("target")
        if target is None:
            errors[f"indicators-{index}-target"] = _("Set a target.")
            continue
        if Decimal(target) < 0 or (
            data.get("baseline") is not None and Decimal(data["baseline"]) < 0
        ):
            errors[f"indicators-{index}-target"] = _("A value cannot be negative.")
            continue
        built.append(
            ProjectIndicator(
                application=application,
                call_indicator=indicator,
                baseline=data.get("baseline"),
                target=target,
                note=(data.get("note") or "")[:500],
            )
        )
    if errors:
        raise ValidationError(errors)
    before_items = list(application.effect_items.values_list("level", "text"))
    application.effect_items.all().delete()
    new_items = [
        EffectItem(application=application, level=level, text=text.strip(), order=order)
        for level in EffectLevel.values
        for order, text in enumerate(items.get(level, []))
        if text and text.strip()
    ]
    EffectItem.objects.bulk_create(new_items)
    before_ind = sorted(
        (str(i.call_indicator), str(i.target))
        for i in application.indicators.select_related("call_indicator")
    )
    application.indicators.all().delete()
    ProjectIndicator.objects.bulk_create(built)
    after_ind = sorted((str(i.call_indicator), str(i.target)) for i in built)
    changes: dict[str, tuple[Any, Any]] = {}
    after_items = [(i.level, i.text) for i in new_items]
    if before_items != after_items:
        changes["effects"] = (len(before_items), len(after_items))
    if before_ind != after_ind:
        changes["indicators"] = (before_ind, after_ind)
    _saved(application, by, "effects", changes)
    return application


@transaction.atomic
def sustainability_set(
    *,
    application: Application,
    by: User | None,
    answers: Mapping[str, tuple[str, str]],
    revision: int | None = None,
) -> Application:
    """Save the self-assessment: aspect → (rating, description)."""
    _require_edit(by, application)
    check_revision(application, revision)
    allowed: list[str] = list(CORE_ASPECTS)
    if application.call.asks_sami_perspective:
        allowed.append(SustainabilityAspect.SAMI)
    errors: dict[str, str] = {}
    for aspect, (rating, _description) in answers.items():
        if aspect not in allowed:
            errors[aspect] = _("The call does not ask about this aspect.")
        elif rating and rating not in IntegrationRating.values:
            errors[f"{aspect}_rating"] = _("Choose a rating.")
    if errors:
        raise ValidationError(errors)
    changes: dict[str, tuple[Any, Any]] = {}
    existing = {a.aspect: a for a in application.sustainability_answers.all()}
    for aspect, (rating, description) in answers.items():
        answer = existing.get(aspect)
        description = (description or "").strip()
        if not rating:
            if answer is not None:
                changes[aspect] = (answer.rating, None)
                answer.delete()
            continue
        if answer is None:
            SustainabilityAnswer.objects.create(
                application=application,
                aspect=aspect,
                rating=rating,
                description=description,
            )
            changes[aspect] = (None, rating)
        elif (answer.rating, answer.description) != (rating, description):
            changes[aspect] = (answer.rating, rating)
            answer.rating, answer.description = rating, description
            answer.save(update_fields=["rating", "description", "updated_at"])
    _saved(application, by, "sustainability", changes)
    return application


@transaction.atomic
def state_aid_set(
    *,
    application: Application,
    by: User | None,
    received: int | None,
    declared: bool,
    revision: int | None = None,
) -> Application:
    """Record the de minimis declaration: aid received in the last three years."""
    _require_edit(by, application)
    check_revision(application, revision)
    if received is not None and received < 0:
        raise ValidationError(
            {"de_minimis_received": _("An amount cannot be negative.")}
        )
    application, changes = audit.model_update(
        instance=application,
        fields=("de_minimis_received", "de_minimis_declared"),
        data={"de_minimis_received": received, "de_minimis_declared": declared},
    )
    if changes:
        _saved(application, by, "state_aid", changes)
    return application


# Partners -----------------------------------------------------------------------------

PARTNER_FIELDS = (
    "organisation",
    "name",
    "national_id",
    "role",
    "contribution",
    "email",
)


@transaction.atomic
def partner_add(
    *, application: Application, by: User | None, data: Mapping[str, Any]
) -> Partner:
    """Add a partner. A co-applicant with an e-mail address is invited to the draft."""
    _require_edit(by, application)
    values = audit.pick(data, PARTNER_FIELDS)
    organisation = values.get("organisation")
    if organisation is not None:
        values.setdefault("name", organisation.name)
        values.setdefault("national_id", organisation.national_id)
        if not values.get("name"):
            values["name"] = organisation.name
    partner = Partner(application=application, **values)
    partner.full_clean()
    if partner.role == PartnerRole.CO_APPLICANT and partner.email:
        partner.invited_at = timezone.now()
    partner.save()
    audit.log(
        application,
        "applications.partner_add",
        by=by,
        changes=audit.created_changes(partner, PARTNER_FIELDS, prefix="partner."),
    )
    bump_revision(application)
    if partner.invited_at:
        transaction.on_commit(lambda: _send_invitation(partner.pk))
    return partner


def _send_invitation(partner_id: int) -> None:
    from samverka.applications import notifications

    notifications.send_partner_invitation(partner_id)


@transaction.atomic
def partner_remove(*, partner: Partner, by: User | None) -> None:
    application = partner.application
    _require_edit(by, application)
    audit.log(
        application,
        "applications.partner_remove",
        by=by,
        changes={"partner": (str(partner), None)},
    )
    partner.delete()
    bump_revision(application)


@transaction.atomic
def partner_accept(*, token: uuid.UUID | str, by: User) -> Partner:
    """The invited co-applicant, logged in, takes up the invitation."""
    partner = Partner.objects.select_for_update().filter(token=token).first()
    if partner is None or partner.role != PartnerRole.CO_APPLICANT:
        raise ValidationError(_("The invitation is not valid."))
    if partner.accepted_by_id and partner.accepted_by_id != by.pk:
        raise ValidationError(_("The invitation has already been taken up."))
    if partner.accepted_by_id is None:
        partner.accepted_by = by
        partner.accepted_at = timezone.now()
        partner.save(update_fields=["accepted_by", "accepted_at", "updated_at"])
        audit.log(
            partner.application,
            "applications.partner_accept",
            by=by,
            changes={"partner": (None, str(partner)), "user": (None, str(by))},
        )
    return partner


# Attachments --------------------------------------------------------------------------


def max_attachment_size() -> int:
    return int(getattr(settings, "SAMVERKA_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))


def scan_for_viruses(data: bytes, name: str) -> str:
    """Run the configured scanner (``SAMVERKA_VIRUS_SCANNER``, a dotted path to a
    callable taking the bytes and the name and raising ValidationError on a threat)."""
    path = getattr(settings, "SAMVERKA_VIRUS_SCANNER", "")
    if not path:
        return ScanResult.NOT_SCANNED
    scanner = import_string(path)
    scanner(data, name)
    return ScanResult.CLEAN


@transaction.atomic
def attachment_add(
    *,
    application: Application,
    by: User | None,
    upload: UploadedFile,
    title: str = "",
    required: RequiredAttachment | None = None,
) -> Attachment:
    """Attach a file: judged by its content (PDF, Word, Excel, OpenDocument, PNG,
    JPEG), at most `max_attachment_size()`, with a harmless name; scanned when a
    scanner is configured."""
    _require_edit(by, application)
    try:
        name = check_file_name(upload.name or "")
    except ValidationError as exc:
        raise ValidationError({"file": exc.error_list}, code=exc.code) from exc
    limit = max_attachment_size()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            {
                "file": _("The file is larger than %(size)s.")
                % {"size": filesizeformat(limit)}
            },
            code="too_large",
        )
    kind = sniff(upload)
    if kind is None:
        raise ValidationError(
            {
                "file": _(
                    "The file is not a PDF, Word, Excel, OpenDocument, PNG or JPEG file, "
                    "whatever its name says."
                )
            },
            code="wrong_type",
        )
    if required is not None and required.call_id != application.call_id:
        raise ValidationError({"required": _("Choose one of the call's attachments.")})
    upload.seek(0)
    data = upload.read()
    scan = scan_for_viruses(data, name)
    upload.seek(0)
    attachment = Attachment(
        application=application,
        required=required,
        title=(title or (required.title if required else name))[:255],
        file_name=name,
        content_type=KINDS[kind][0],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        scan_result=scan,
        uploaded_by=by,
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    audit.log(
        application,
        "applications.attachment_add",
        by=by,
        changes={"attachment": (None, f"{attachment.title} ({name})")},
    )
    bump_revision(application)
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, by: User | None) -> None:
    application = attachment.application
    _require_edit(by, application)
    audit.log(
        application,
        "applications.attachment_remove",
        by=by,
        changes={"attachment": (f"{attachment.title} ({attachment.file_name})", None)},
    )
    # The stored file stays: an earlier submission may refer to it.
    attachment.delete()
    bump_revision(application)


# Submit -------------------------------------------------------------------------------


def new_submit_key() -> str:
    """A key for one rendering of the submit form: a double click sends it twice."""
    return uuid.uuid4().hex


@transaction.atomic
def application_submit(
    *, application: Application, by: User | None, key: str
) -> Submission:
    """Submit the application: idempotent per `key`.

    A first submit opens the application's case with the region's next case number;
    an answer to a completion request adds to the same case. The snapshot is frozen;
    the printout, the attachments and the receipt are registered in the case and the
    receipt is e-mailed when the transaction has committed.
    """
    app = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call__region", "fund", "organisation")
        .get(pk=application.pk)
    )
    existing = app.submissions.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    _require_edit(by, app)
    answering = app.status == ApplicationStatus.COMPLETION_REQUESTED
    if not answering and app.call.state != CallState.OPEN:
        if app.call.state == CallState.CLOSED:
            raise ValidationError(
                _(
                    "The call closed %(deadline)s; the application can no longer be submitted."
                )
                % {"deadline": deadline_text(app.call)},
                code="deadline",
            )
        raise ValidationError(
            _("The call is not open for applications."), code="not_open"
        )
    found = completeness.problems(app)
    if found:
        raise ValidationError([p.message for p in found], code="incomplete")
    now = timezone.now()
    case = app.case
    if case is None:
        case = app.case = records.case_open(
            region=app.call.region,
            title=app.title,
            by=by,
            kind=CaseKind.APPLICATION,
            party=app.organisation.name,
            officer=app.officer,
        )
    number = app.submissions.count() + 1
    submission = Submission.objects.create(
        application=app,
        number=number,
        stage=app.stage,
        submitted_at=now,
        submitted_by=by if by is not None and by.is_authenticated else None,
        idempotency_key=key[:64],
        snapshot=build_snapshot(app),
    )
    old_status = app.status
    app.status = ApplicationStatus.SUBMITTED
    app.submitted_at = app.submitted_at or now
    app.last_submitted_at = now
    app.save(
        update_fields=[
            "case",
            "status",
            "submitted_at",
            "last_submitted_at",
            "updated_at",
        ]
    )
    bump_revision(app)
    if answering:
        CompletionRequest.objects.filter(
            application=app, answered_at__isnull=True
        ).update(answer=submission, answered_at=now)
    audit.log(
        app,
        "applications.submit",
        by=by,
        changes={
            "status": (old_status, app.status),
            "case_number": (None, case.case_number)
            if number == 1
            else (case.case_number, case.case_number),
            "submission": (None, number),
        },
    )
    transaction.on_commit(lambda: _register_documents(submission.pk))
    application.refresh_from_db()
    return submission


def _register_documents(submission_id: int) -> None:
    from samverka.applications.tasks import register_submission_documents

    register_submission_documents.enqueue(submission_id=submission_id)


@transaction.atomic
def application_withdraw(
    *, application: Application, by: User | None, reason: str = ""
) -> Application:
    if by is not None:
        require(policies.can_withdraw(by, application))
    old = application.status
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    bump_revision(application)
    if application.case is not None:
        records.document_register(
            case=application.case,
            by=by,
            direction=Direction.INCOMING,
            kind=DocumentKind.WITHDRAWAL,
            title=_("Withdrawal of the application"),
            content=reason.encode() if reason else None,
            file_name="withdrawal.txt" if reason else "",
            content_type="text/plain" if reason else "",
            counterpart=application.organisation.name,
        )
    audit.log(
        application,
        "applications.withdraw",
        by=by,
        changes={"status": (old, application.status), "reason": (None, reason)},
    )
    return application


# Officer's case work ------------------------------------------------------------------


@transaction.atomic
def officer_assign(
    *, application: Application, by: User | None, officer: User | None
) -> Application:
    """Make `officer` (a case officer of the region) responsible for the application."""
    if by is not None:
        require(policies.can_handle(by, application))
    if officer is not None and not has_role(
        officer, application.call.region, {RoleCode.OFFICER}
    ):
        raise ValidationError({"officer": _("Choose a case officer of the region.")})
    old = application.officer
    application.officer = officer
    application.save(update_fields=["officer", "updated_at"])
    if application.case is not None:
        Case.objects.filter(pk=application.case.pk).update(officer=officer)
    audit.log(
        application,
        "applications.officer_assign",
        by=by,
        changes={"officer": (old, officer)},
    )
    return application


@transaction.atomic
def completion_request(
    *,
    application: Application,
    by: User | None,
    message: str,
    deadline: datetime.date,
) -> CompletionRequest:
    """Ask the applicant for more: the application opens for changes until they
    submit again. The request is registered in the case and e-mailed."""
    if by is not None:
        require(policies.can_handle(by, application))
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(
            _("Completion can be requested only of a submitted application.")
        )
    message = (message or "").strip()
    errors: dict[str, str] = {}
    if not message:
        errors["message"] = _("Say what is missing.")
    if deadline < timezone.localdate(timezone.now(), application.call.region.tzinfo):
        errors["deadline"] = _("The deadline cannot be in the past.")
    if errors:
        raise ValidationError(errors)
    request = CompletionRequest.objects.create(
        application=application,
        message=message,
        deadline=deadline,
        requested_by=by if by is not None and by.is_authenticated else None,
        requested_at=timezone.now(),
    )
    application.status = ApplicationStatus.COMPLETION_REQUESTED
    application.save(update_fields=["status", "updated_at"])
    bump_revision(application)
    if application.case is not None:
        records.document_register(
            case=application.case,
            by=by,
            direction=Direction.OUTGOING,
            kind=DocumentKind.COMPLETION_REQUEST,
            title=_("Request for completion"),
            content=message.encode(),
            file_name="completion-request.txt",
            content_type="text/plain",
            counterpart=application.organisation.name,
        )
    audit.log(
        application,
        "applications.completion_request",
        by=by,
        changes={
            "status": (ApplicationStatus.SUBMITTED, application.status),
            "deadline": (None, deadline),
            "message": (None, message),
        },
    )
    transaction.on_commit(lambda: _send_completion_request(request.pk))
    return request


def _send_completion_request(request_id: int) -> None:
    from samverka.applications import notifications

    notifications.send_completion_request(request_id)


@transaction.atomic
def application_accept(*, application: Application, by: User | None) -> Application:
    """The officer finds a submitted application complete and eligible: it moves on
    to assessment and can no longer be changed by the applicant."""
    if by is not None:
        require(policies.can_handle(by, application))
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted application can go to assessment."))
    application.status = ApplicationStatus.IN_ASSESSMENT
    application.save(update_fields=["status", "updated_at"])
    bump_revision(application)
    audit.log(
        application,
        "applications.accept",
        by=by,
        changes={"status": (ApplicationStatus.SUBMITTED, application.status)},
    )
    return application


@transaction.atomic
def application_decided(
    *, application: Application, status: str, by: User | None
) -> Application:
    """Set the status a decision gives the application (granted, rejected, dismissed,
    withdrawn). Called by the decisions service, which has checked the delegation."""
    final = {
        ApplicationStatus.GRANTED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.DISMISSED,
        ApplicationStatus.WITHDRAWN,
    }
    if status not in final:
        raise ValidationError(_("A decision ends the application's handling."))
    old = application.status
    application.status = status
    application.save(update_fields=["status", "updated_at"])
    bump_revision(application)
    audit.log(
        application,
        "applications.decided",
        by=by,
        changes={"status": (old, status)},
    )
    return application


@transaction.atomic
def invite_full_application(
    *, application: Application, by: User | None
) -> Application:
    """In a two-stage call, invite the applicant of a submitted concept to write the
    full application (the same application moves on to the full stage as a draft)."""
    if by is not None:
        require(policies.can_handle(by, application))
    if (
        application.stage != Stage.CONCEPT
        or application.status != ApplicationStatus.SUBMITTED
    ):
        raise ValidationError(
            _("Only a submitted concept can be invited to a full application.")
        )
    application.stage = Stage.FULL
    application.status = ApplicationStatus.DRAFT
    application.save(update_fields=["stage", "status", "updated_at"])
    bump_revision(application)
    audit.log(
        application,
        "applications.invite_full",
        by=by,
        changes={
            "stage": (Stage.CONCEPT, Stage.FULL),
            "status": (ApplicationStatus.SUBMITTED, ApplicationStatus.DRAFT),
        },
    )
    return application


@transaction.atomic
def saved_filter_save(*, user: User, region: Any, name: str, query: str) -> SavedFilter:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the filter a name.")})
    require(has_role(user, region))
    saved, _created = SavedFilter.objects.update_or_create(
        user=user, region=region, name=name[:100], defaults={"query": query[:2000]}
    )
    audit.log(
        saved,
        "applications.filter_save",
        by=user,
        region=region,
        changes={"name": (None, saved.name)},
    )
    return saved


@transaction.atomic
def saved_filter_delete(*, saved: SavedFilter, by: User) -> None:
    require(saved.user_id == by.pk)
    audit.log(
        saved,
        "applications.filter_delete",
        by=by,
        region=saved.region,
        changes={"name": (saved.name, None)},
    )
    saved.delete()


__all__ = [
    "application_start",
    "application_submit",
    "application_update",
    "application_withdraw",
    "attachment_add",
    "attachment_remove",
    "budget_set",
    "completion_request",
    "effects_set",
    "financing_set",
    "invite_full_application",
    "officer_assign",
    "partner_accept",
    "partner_add",
    "partner_remove",
    "state_aid_set",
    "sustainability_set",
]
