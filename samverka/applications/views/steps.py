"""The applicant's form in steps: one page per form section of a draft application.

Every page is under ``me/applications/<pk>/``. The application is looked up among
those the user works on as an applicant (`policies.applications_of_applicant`), so
anyone else, staff of the region included, finds nothing (404). Only the sections the
call asks for are offered. Each save goes through a service with the revision the
form was read at; a save on top of someone else's, or a field the service refuses,
shows the form again with everything typed kept. The project step also saves as the
applicant types (htmx autosave), so a lost session loses little.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from samverka.accounts.models import User
from samverka.applications import completeness, policies, services
from samverka.applications.choices import (
    ENTERED_CATEGORIES,
    CostCategory,
    Stage,
)
from samverka.applications.forms.steps import (
    DECLARATION,
    AttachmentForm,
    BudgetForm,
    EffectsForm,
    FinancingForm,
    FinancingLineFormSet,
    PartnerForm,
    ProjectForm,
    StateAidForm,
    StrategyForm,
    SustainabilityForm,
    financing_initial,
    make_read_only,
    money_field,
)
from samverka.applications.models import Application, Attachment, Partner
from samverka.core.errors import STALE_EDIT
from samverka.core.files import stored_file_response
from samverka.funding.choices import FormSection
from samverka.plans.forms import add_service_errors
from samverka.plans.models import Activity
from samverka.strategy.models import Goal


def _actor(request: HttpRequest) -> User:
    """The acting user: every page here is behind the login (LoginRequiredMiddleware)."""
    return cast(User, request.user)


def _is_stale(exc: ValidationError) -> bool:
    return not hasattr(exc, "error_dict") and any(
        error.code == STALE_EDIT for error in exc.error_list
    )


def _reverse_or_none(name: str, *args: Any) -> str | None:
    """A URL of a page another part of the app provides, if it is there yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def applicable_sections(application: Application) -> list[str]:
    """The form sections the applicant fills in, in the form's order."""
    call = application.call
    if application.stage == Stage.CONCEPT:
        return [FormSection.PROJECT, FormSection.FINANCING]
    sections: list[str] = []
    for section in FormSection.values:
        if section == FormSection.STATE_AID:
            wanted = bool(application.fund and application.fund.state_aid_applies)
        elif section == FormSection.ATTACHMENTS:
            wanted = call.requires(section) or call.required_attachments.exists()
        else:
            wanted = call.requires(section)
        if wanted:
            sections.append(section)
    return sections


def autosave_key(application: Application) -> str:
    """Where the session notes the revision the user's own last autosave made."""
    return f"applications.autosave.{application.pk}"


def step_url(application: Application, section: str) -> str:
    return reverse("applications:step", args=[application.pk, section])


def get_application(request: HttpRequest, pk: int) -> Application:
    return get_object_or_404(
        policies.applications_of_applicant(request.user).select_related(
            "call__region", "fund", "organisation"
        ),
        pk=pk,
    )


# Sections -----------------------------------------------------------------------------


class Step:
    """One section's forms, how they save, and what the page shows besides them."""

    section: ClassVar[str]
    template_name: ClassVar[str]

    def __init__(self, request: HttpRequest, application: Application) -> None:
        self.request = request
        self.application = application
        self.form: forms.BaseForm

    @property
    def by(self) -> User:
        return _actor(self.request)

    def build(self, data: Any = None, files: Any = None) -> None:
        raise NotImplementedError

    def all_forms(self) -> list[forms.BaseForm]:
        return [self.form]

    def is_valid(self) -> bool:
        # Validate every form, so that each shows its errors.
        results = [form.is_valid() for form in self.all_forms()]
        return all(results)

    def is_blank(self) -> bool:
        """Nothing to save ("Save and continue" on an empty add form moves on)."""
        return False

    def revision(self) -> int | None:
        value = self.form.cleaned_data.get("revision")
        return int(value) if value is not None else None

    def save(self) -> None:
        raise NotImplementedError

    def add_errors(self, exc: ValidationError) -> None:
        add_service_errors(self.form, exc)

    def take_revision(self, revision: int) -> None:
        """After a stale save: the next save knowingly overwrites the stored version."""
        data = self.form.data.copy()  # type: ignore[attr-defined]
        data[self.form.add_prefix("revision")] = str(revision)
        self.form.data = data

    def read_only(self) -> None:
        for form in self.all_forms():
            make_read_only(form)

    def success_message(self) -> str:
        return _("Saved.")

    def context(self) -> dict[str, Any]:
        return {"form": self.form}


class ProjectStep(Step):
    section = FormSection.PROJECT
    template_name = "applications/steps/project.html"

    def build(self, data: Any = None, files: Any = None) -> None:
        self.form = ProjectForm(data, application=self.application)
        self.amount_form: forms.Form | None = None
        sections = applicable_sections(self.application)
        if FormSection.FINANCING not in sections:
            # No financing step: the amount applied for is asked here.
            amount = forms.Form(data, prefix="amount")
            amount.fields["amount_requested"] = money_field(
                self.application,
                _("Amount applied for (%(currency)s)")
                % {"currency": self.application.currency},
            )
            amount.fields[
                "amount_requested"
            ].initial = self.application.amount_requested
            self.amount_form = amount

    def all_forms(self) -> list[forms.BaseForm]:
        return [self.form] + ([self.amount_form] if self.amount_form else [])

    def revision(self) -> int | None:
        """The form's revision, or the one the user's own autosave made of it: a save
        right after the autosave (or while it ran) overwrites no one else's work."""
        revision = super().revision()
        own = self.request.session.get(autosave_key(self.application))
        if (
            revision is not None
            and isinstance(own, dict)
            and own.get("from") == revision
            and own.get("to") == self.application.revision
        ):
            return self.application.revision
        return revision

    def save(self) -> None:
        form = cast(ProjectForm, self.form)
        application = services.application_update(
            application=self.application,
            by=self.by,
            data=form.service_data(),
            revision=self.revision(),
        )
        if self.amount_form is not None:
            amount = self.amount_form.cleaned_data.get("amount_requested")
            if amount != application.amount_requested:
                try:
                    services.financing_set(
                        application=application,
                        by=self.by,
                        amount_requested=amount,
                        lines=[],
                        revision=application.revision,
                    )
                except ValidationError as exc:
                    # The project part is saved: the form goes on from its revision.
                    add_service_errors(self.amount_form, exc)
                    self.take_revision(application.revision)
                    raise ValidationError(
                        _("The amount applied for was not saved.")
                    ) from exc

    def context(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "amount_form": self.amount_form,
            "autosave_url": reverse(
                "applications:autosave", args=[self.application.pk, self.section]
            ),
        }


class PartnersStep(Step):
    section = FormSection.PARTNERS
    template_name = "applications/steps/partners.html"

    def build(self, data: Any = None, files: Any = None) -> None:
        self.form = PartnerForm(data, application=self.application)

    def is_blank(self) -> bool:
        return cast(PartnerForm, self.form).is_blank()

    def save(self) -> None:
        form = cast(PartnerForm, self.form)
        self.partner = services.partner_add(
            application=self.application, by=self.by, data=form.service_data()
        )

    def success_message(self) -> str:
        if self.partner.invited_at:
            return _(
                "%(name)s is added as a co-applicant; an invitation goes to %(email)s."
            ) % {"name": self.partner.name, "email": self.partner.email}
        return _("%(name)s is added.") % {"name": self.partner.name}

    def context(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "partners": list(
                self.application.partners.select_related("organisation", "accepted_by")
            ),
        }


class BudgetStep(Step):
    section = FormSection.BUDGET
    template_name = "applications/steps/budget.html"

    def build(self, data: Any = None, files: Any = None) -> None:
        self.lines = list(self.application.budget_lines.all())
        self.form = BudgetForm(data, application=self.application, lines=self.lines)

    def save(self) -> None:
        form = cast(BudgetForm, self.form)
        services.budget_set(
            application=self.application,
            by=self.by,
            amounts=form.amounts(),
            descriptions=form.descriptions(),
            revision=self.revision(),
        )

    def context(self) -> dict[str, Any]:
        form = cast(BudgetForm, self.form)
        years = form.years
        stored = {(line.category, line.year): line.amount for line in self.lines}
        rows = []
        for row in form.rows():
            category = row["category"]
            rows.append(
                {
                    **row,
                    "label": category.label,
                    "total": sum(stored.get((category, y), 0) for y in years),
                }
            )
        indirect = [stored.get((CostCategory.INDIRECT, y), 0) for y in years]
        year_totals = [
            sum(amount for (_c, y), amount in stored.items() if y == year)
            for year in years
        ]
        rate = self.application.call.indirect_cost_rate
        return {
            "form": form,
            "years": years,
            "rows": rows,
            "indirect": indirect,
            "indirect_total": sum(indirect),
            "indirect_rate": rate,
            "year_totals": year_totals,
            "grand_total": sum(year_totals),
            "outside_period": [
                line for line in self.lines if years and line.year not in years
            ],
            "categories": ENTERED_CATEGORIES,
        }


class FinancingStep(Step):
    section = FormSection.FINANCING
    template_name = "applications/steps/financing.html"

    def build(self, data: Any = None, files: Any = None) -> None:
        self.form = FinancingForm(data, application=self.application)
        self.formset: Any = None
        if self.application.stage != Stage.CONCEPT:
            attachments = list(self.application.attachments.only("pk", "title"))
            self.formset = FinancingLineFormSet(  # type: ignore[call-arg]
                data,
                prefix="lines",
                application=self.application,
                attachments=attachments,
                initial=None
                if data is not None
                else financing_initial(self.application),
            )

    def all_forms(self) -> list[forms.BaseForm]:
        forms_ = [self.form]
        if self.formset is not None:
            forms_.extend(self.formset.forms)
        return forms_

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        if self.formset is not None:
            valid = self.formset.is_valid() and valid
        return valid

    def save(self) -> None:
        # A concept has the amount only (and so no co-financing lines).
        filled = self.formset.filled() if self.formset is not None else []
        self.filled = filled
        lines = [form.service_data() for form in filled]
        services.financing_set(
            application=self.application,
            by=self.by,
            amount_requested=self.form.cleaned_data.get("amount_requested"),
            lines=lines,
            revision=self.revision(),
        )

    def add_errors(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            add_service_errors(self.form, exc)
            return
        for key, errors in exc.error_dict.items():
            if key.startswith("lines-") and self.formset is not None:
                _prefix, index, field = key.split("-", 2)
                try:
                    target = self.filled[int(index)]
                except (IndexError, ValueError, AttributeError):
                    self.form.add_error(None, errors)
                    continue
                target.add_error(field if field in target.fields else None, errors)
            else:
                self.form.add_error(key if key in self.form.fields else None, errors)

    def context(self) -> dict[str, Any]:
        app = self.application
        amount = app.amount_requested or 0
        financed = amount + app.cofinancing_total
        fund = app.fund
        return {
            "form": self.form,
            "formset": self.formset,
            "total_cost": app.total_cost,
            "amount_requested": app.amount_requested,
            "cofinancing_total": app.cofinancing_total,
            "financed": financed,
            "difference": app.total_cost - financed,
            "surplus": financed - app.total_cost,
            "balances": app.total_cost == financed,
            "fund": fund,
            "max_amount": (
                app.total_cost * fund.max_aid_intensity // 100 if fund else None
            ),
        }


class EffectsStep(Step):
    section = FormSection.EFFECTS
    template_name = "applications/steps/effects.html"

    def build(self, data: Any = None, files: Any = None) -> None:
        self.form = EffectsForm(
            data,
            application=self.application,
            items=list(self.application.effect_items.all()),
            chosen=list(self.application.indicators.all()),
            call_indicators=list(self.application.call.indicators.all()),
        )

    def save(self) -> None:
        form = cast(EffectsForm, self.form)
        services.effects_set(
            application=self.application,
            by=self.by,
            items=form.items(),
            indicators=form.chosen_indicators(),
            revision=self.revision(),
        )

    def add_errors(self, exc: ValidationError) -> None:
        form = cast(EffectsForm, self.form)
        if not hasattr(exc, "error_dict"):
            add_service_errors(form, exc)
            return
        for key, errors in exc.error_dict.items():
            if key.startswith("indicators-"):
                _prefix, index, field = key.split("-", 2)
                try:
                    indicator = form.indicator_fields[int(index)]
                except (IndexError, ValueError, AttributeError):
                    form.add_error(None, errors)
                    continue
                part = "use" if field == "call_indicator" else field
                name = f"indicator_{indicator.pk}_{part}"
                form.add_error(name if name in form.fields else None, errors)
            else:
                name = f"effect_{key}"
                form.add_error(name if name in form.fields else None, errors)


class StrategyStep(Step):
    section = FormSection.STRATEGY
    template_name = "applications/steps/strategy.html"

    def build(self, data: Any = None, files: Any = None) -> None:
        call = self.application.call
        activities = list(
            call.activities.select_related("action_plan").order_by(
                "action_plan__title", "order", "pk"
            )
        )
        if not activities:
            activities = list(
                Activity.objects.filter(region_id=call.region_id)
                .select_related("action_plan")
                .order_by("action_plan__title", "order", "pk")
            )
        goals = list(call.goals.order_by("strategy_id", "code", "order", "pk"))
        if not goals:
            goals = list(
                Goal.objects.filter(region_id=call.region_id).order_by(
                    "strategy_id", "code", "order", "pk"
                )
            )
        self.form = StrategyForm(
            data, application=self.application, activities=activities, goals=goals
        )

    def save(self) -> None:
        form = cast(StrategyForm, self.form)
        services.application_update(
            application=self.application,
            by=self.by,
            data=form.service_data(),
            revision=self.revision(),
        )


class SustainabilityStep(Step):
    section = FormSection.SUSTAINABILITY
    template_name = "applications/steps/sustainability.html"

    def build(self, data: Any = None, files: Any = None) -> None:
        self.form = SustainabilityForm(
            data,
            application=self.application,
            answers=list(self.application.sustainability_answers.all()),
        )

    def save(self) -> None:
        form = cast(SustainabilityForm, self.form)
        services.sustainability_set(
            application=self.application,
            by=self.by,
            answers=form.answers(),
            revision=self.revision(),
        )

    def add_errors(self, exc: ValidationError) -> None:
        form = cast(SustainabilityForm, self.form)
        if hasattr(exc, "error_dict"):
            exc = ValidationError(form.add_service_error_keys(exc.error_dict))
        add_service_errors(form, exc)


class StateAidStep(Step):
    section = FormSection.STATE_AID
    template_name = "applications/steps/state_aid.html"

    def build(self, data: Any = None, files: Any = None) -> None:
        self.form = StateAidForm(data, application=self.application)

    def save(self) -> None:
        services.state_aid_set(
            application=self.application,
            by=self.by,
            received=self.form.cleaned_data.get("de_minimis_received"),
            declared=bool(self.form.cleaned_data.get("de_minimis_declared")),
            revision=self.revision(),
        )

    def context(self) -> dict[str, Any]:
        return {"form": self.form, "declaration": DECLARATION}


class AttachmentsStep(Step):
    section = FormSection.ATTACHMENTS
    template_name = "applications/steps/attachments.html"

    def build(self, data: Any = None, files: Any = None) -> None:
        self.requirements = list(
            self.application.call.required_attachments.order_by("order", "pk")
        )
        self.form = AttachmentForm(
            data, files, application=self.application, requirements=self.requirements
        )

    def is_blank(self) -> bool:
        return cast(AttachmentForm, self.form).is_blank()

    def save(self) -> None:
        data = self.form.cleaned_data
        self.attachment = services.attachment_add(
            application=self.application,
            by=self.by,
            upload=data["file"],
            title=data.get("title") or "",
            required=data.get("required"),
        )

    def add_errors(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict") and any(
            error.code == "dangerous_name" for error in exc.error_list
        ):
            # The file name is refused: show it at the file field.
            self.form.add_error("file", exc)
            return
        add_service_errors(self.form, exc)

    def success_message(self) -> str:
        return _("“%(title)s” is attached.") % {"title": self.attachment.title}

    def context(self) -> dict[str, Any]:
        attachments = list(
            self.application.attachments.select_related("required").order_by("pk")
        )
        answered = {a.required_id for a in attachments if a.required_id}
        return {
            "form": self.form,
            "attachments": attachments,
            "requirements": [
                {"item": r, "attached": r.pk in answered} for r in self.requirements
            ],
        }


STEPS: dict[str, type[Step]] = {
    step.section: step
    for step in (
        ProjectStep,
        PartnersStep,
        BudgetStep,
        FinancingStep,
        EffectsStep,
        StrategyStep,
        SustainabilityStep,
        StateAidStep,
        AttachmentsStep,
    )
}


# Views --------------------------------------------------------------------------------


class ApplicationMixin:
    """The application among the user's own as an applicant (404 otherwise)."""

    request: HttpRequest
    application: Application

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        self.application = get_application(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def editable(self) -> bool:
        return policies.can_edit(self.request.user, self.application)


class StepView(ApplicationMixin, View):
    """One step of the form: GET shows it, POST saves it through its service."""

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        self.application = get_application(request, kwargs["pk"])
        self.sections = applicable_sections(self.application)
        section = kwargs["section"]
        if section not in self.sections or section not in STEPS:
            raise Http404
        self.step = STEPS[section](request, self.application)
        return View.dispatch(self, request, *args, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.step.build()
        if not self.editable():
            self.step.read_only()
        return self.render()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        here = step_url(self.application, self.step.section)
        if not self.editable():
            messages.error(
                request,
                _("The application can no longer be changed: it is %(status)s.")
                % {"status": self.application.get_status_display().lower()},
            )
            return redirect(here)
        self.step.build(request.POST, request.FILES)
        go_on = "continue" in request.POST
        if go_on and self.step.is_blank():
            return redirect(self.next_url())
        if self.step.is_valid():
            try:
                self.step.save()
            except ValidationError as exc:
                self.step.add_errors(exc)
                if _is_stale(exc):
                    stored = (
                        Application.objects.filter(pk=self.application.pk)
                        .values_list("revision", flat=True)
                        .first()
                    )
                    if stored is not None:
                        self.step.take_revision(stored)
            except PermissionDenied:
                messages.error(request, _("The application can no longer be changed."))
                return redirect(here)
            else:
                messages.success(request, self.step.success_message())
                return redirect(self.next_url() if go_on else here)
        # Show the form again with what was typed; the page's facts as stored.
        self.application = get_application(request, self.application.pk)
        self.step.application = self.application
        return self.render()

    def next_url(self) -> str:
        index = self.sections.index(self.step.section)
        if index + 1 < len(self.sections):
            return step_url(self.application, self.sections[index + 1])
        return (
            _reverse_or_none("applications:review", self.application.pk)
            or _reverse_or_none("applications:applicant_detail", self.application.pk)
            or step_url(self.application, self.step.section)
        )

    def navigation(self) -> list[dict[str, Any]]:
        found = completeness.problems(self.application) if self.editable() else []
        by_section: dict[str, list[str]] = {}
        for problem in found:
            by_section.setdefault(str(problem.section), []).append(problem.message)
        return [
            {
                "section": section,
                "label": FormSection(section).label,
                "url": step_url(self.application, section),
                "current": section == self.step.section,
                "problems": by_section.get(section, []),
            }
            for section in self.sections
        ]

    def render(self) -> HttpResponse:
        nav = self.navigation()
        current = next(item for item in nav if item["current"])
        index = self.sections.index(self.step.section)
        is_last = index + 1 >= len(self.sections)
        context = {
            "application": self.application,
            "call": self.application.call,
            "region": self.application.call.region,
            "currency": self.application.currency,
            "section": self.step.section,
            "section_label": current["label"],
            "section_problems": current["problems"],
            "steps": nav,
            "step_number": index + 1,
            "step_count": len(self.sections),
            "is_last": is_last,
            "editable": self.editable(),
            "detail_url": _reverse_or_none(
                "applications:applicant_detail", self.application.pk
            ),
            "review_url": _reverse_or_none("applications:review", self.application.pk),
            "project_url": step_url(self.application, FormSection.PROJECT),
            **self.step.context(),
        }
        return render(self.request, self.step.template_name, context)


class AutosaveView(ApplicationMixin, View):
    """Saves, as the applicant types, what validates of the project's fields and
    answers with a short status and the fresh revision."""

    http_method_names = ["post"]
    template_name = "applications/steps/_autosave_status.html"

    def post(self, request: HttpRequest, pk: int, section: str) -> HttpResponse:
        if section != FormSection.PROJECT or section not in applicable_sections(
            self.application
        ):
            raise Http404
        context: dict[str, Any] = {"application": self.application}
        if not self.editable():
            context["error"] = _("The application can no longer be changed.")
            return render(request, self.template_name, context)
        form = ProjectForm(request.POST, application=self.application)
        form.is_valid()
        data = form.valid_text_data()
        revision = (
            form.cleaned_data.get("revision") if hasattr(form, "cleaned_data") else None
        )
        skipped = [name for name in form.errors if name != "revision"]
        application = self.application
        for _attempt in range(2):
            try:
                application = services.application_update(
                    application=self.application,
                    by=_actor(request),
                    data=data,
                    revision=revision,
                )
                break
            except ValidationError as exc:
                if _is_stale(exc) or not hasattr(exc, "error_dict"):
                    context["error"] = " ".join(exc.messages)
                    return render(request, self.template_name, context)
                # Leave out what the model refused (an end before the start) and
                # save the rest.
                self.application = get_application(request, pk)
                skipped.extend(exc.error_dict)
                for key in exc.error_dict:
                    data.pop(key, None)
        else:  # pragma: no cover - the second try saves what is left
            context["error"] = _("Not saved.")
            return render(request, self.template_name, context)
        application.refresh_from_db(fields=["revision"])
        if revision is not None:
            request.session[autosave_key(application)] = {
                "from": int(revision),
                "to": application.revision,
            }
        context.update(
            {
                "saved_at": timezone.localtime(
                    timezone.now(), application.call.region.tzinfo
                ),
                "revision": application.revision,
                "skipped": [
                    str(form.fields[name].label)
                    for name in skipped
                    if name in form.fields
                ],
            }
        )
        return render(request, self.template_name, context)


class PartnerRemoveView(ApplicationMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
        partner: Partner = get_object_or_404(
            self.application.partners.all(), pk=partner_pk
        )
        return _remove(
            request,
            self.application,
            FormSection.PARTNERS,
            lambda: services.partner_remove(partner=partner, by=_actor(request)),
            _("%(name)s is removed.") % {"name": partner.name},
        )


class AttachmentRemoveView(ApplicationMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
        attachment: Attachment = get_object_or_404(
            self.application.attachments.all(), pk=attachment_pk
        )
        return _remove(
            request,
            self.application,
            FormSection.ATTACHMENTS,
            lambda: services.attachment_remove(
                attachment=attachment, by=_actor(request)
            ),
            _("“%(title)s” is removed.") % {"title": attachment.title},
        )


def _remove(
    request: HttpRequest,
    application: Application,
    section: str,
    action: Callable[[], None],
    done: str,
) -> HttpResponseRedirect:
    target = (
        step_url(application, section)
        if section in applicable_sections(application)
        else step_url(application, FormSection.PROJECT)
    )
    if not policies.can_edit(request.user, application):
        messages.error(request, _("The application can no longer be changed."))
        return redirect(target)
    try:
        action()
    except (ValidationError, PermissionDenied):
        messages.error(request, _("The application can no longer be changed."))
    else:
        messages.success(request, done)
    return redirect(target)


class AttachmentDownloadView(ApplicationMixin, View):
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
        attachment: Attachment = get_object_or_404(
            self.application.attachments.all(), pk=attachment_pk
        )
        return stored_file_response(
            attachment.file,
            file_name=attachment.file_name,
            content_type=attachment.content_type,
        )


urlpatterns = [
    path(
        "me/applications/<int:pk>/edit/<slug:section>/",
        StepView.as_view(),
        name="step",
    ),
    path(
        "me/applications/<int:pk>/edit/<slug:section>/autosave/",
        AutosaveView.as_view(),
        name="autosave",
    ),
    path(
        "me/applications/<int:pk>/partners/<int:partner_pk>/remove/",
        PartnerRemoveView.as_view(),
        name="partner_remove",
    ),
    path(
        "me/applications/<int:pk>/attachments/<int:attachment_pk>/remove/",
        AttachmentRemoveView.as_view(),
        name="attachment_remove",
    ),
    path(
        "me/applications/<int:pk>/attachments/<int:attachment_pk>/",
        AttachmentDownloadView.as_view(),
        name="attachment_download",
    ),
]
