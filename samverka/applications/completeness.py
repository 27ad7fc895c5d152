"""What an application still lacks before it can be submitted.

The list is shown to the applicant before submit, each item naming its form step, and
the same list refuses a submit that is not complete. The project section is always
checked; the others when the call requires them (`Call.requires`). A concept (the
first stage of a two-stage call) needs only the project and the amount.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from samverka.applications.choices import (
    CORE_ASPECTS,
    EffectLevel,
    Stage,
    SustainabilityAspect,
)
from samverka.applications.models import Application
from samverka.core.formatting import end_sentence, format_money
from samverka.funding.choices import FormSection


@dataclass(frozen=True)
class Problem:
    section: str  # a FormSection value: the step of the form to go to
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", end_sentence(str(self.message)))


def aid_intensity_problem(application: Application) -> str | None:
    """A message when the amount applied for exceeds the fund's share of the total."""
    fund = application.fund
    amount = application.amount_requested
    if fund is None or amount is None or application.total_cost <= 0:
        return None
    # amount / total <= intensity / 100, in integers.
    if amount * 100 > fund.max_aid_intensity * application.total_cost:
        limit = application.total_cost * fund.max_aid_intensity // 100
        return end_sentence(
            _(
                "The amount applied for is more than %(percent)s %% of the total cost; "
                "%(fund)s pays at most %(limit)s."
            )
            % {
                "percent": fund.max_aid_intensity,
                "fund": fund.name,
                "limit": format_money(limit, application.currency),
            }
        )
    return None


def balance_problem(application: Application) -> str | None:
    """A message when the total cost is not the amount applied for plus co-financing."""
    amount = application.amount_requested or 0
    financed = amount + application.cofinancing_total
    if application.total_cost != financed:
        currency = application.currency
        return end_sentence(
            _(
                "The budget does not balance: the total cost is %(total)s, but the amount "
                "applied for and the co-financing come to %(financed)s."
            )
            % {
                "total": format_money(application.total_cost, currency),
                "financed": format_money(financed, currency),
            }
        )
    return None


def municipalities_known(application: Application) -> bool:
    """Whether there are municipalities to choose from: the call's, or, where the
    call names none, the geography register's for the region's country (an
    installation without loaded geography cannot ask for them)."""
    from samverka.geo.models import Municipality

    call = application.call
    if call.municipalities.exists():
        return True
    return Municipality.objects.filter(country__code=call.region.country).exists()


def problems(application: Application) -> list[Problem]:
    app = application
    call = app.call
    found: list[Problem] = []

    def need(section: str, ok: object, message: str) -> None:
        if not ok:
            found.append(Problem(section, message))

    project = FormSection.PROJECT
    need(project, app.title.strip(), _("Give the project a title."))
    need(project, app.summary.strip(), _("Write a summary of the project."))
    need(
        project,
        app.contact_name.strip() and app.contact_email,
        _("Name a contact person with an e-mail address."),
    )
    need(
        project,
        app.start_date and app.end_date,
        _("Give the project's start and end dates."),
    )
    if (
        call.eligible_applicant_types
        and app.organisation.type not in call.eligible_applicant_types
    ):
        found.append(
            Problem(
                project,
                _("The call is not open to organisations of the type “%(type)s”.")
                % {"type": app.organisation.get_type_display()},
            )
        )
    need(
        FormSection.FINANCING if call.requires(FormSection.FINANCING) else project,
        app.amount_requested,
        _("Give the amount applied for."),
    )
    if app.amount_requested is not None:
        currency = app.currency
        if call.min_amount is not None and app.amount_requested < call.min_amount:
            found.append(
                Problem(
                    FormSection.FINANCING,
                    _("The call's smallest amount is %(amount)s.")
                    % {"amount": format_money(call.min_amount, currency)},
                )
            )
        if call.max_amount is not None and app.amount_requested > call.max_amount:
            found.append(
                Problem(
                    FormSection.FINANCING,
                    _("The call's largest amount is %(amount)s.")
                    % {"amount": format_money(call.max_amount, currency)},
                )
            )
    if app.stage == Stage.CONCEPT:
        return found

    need(project, app.background.strip(), _("Describe the background and the need."))
    need(project, app.objectives.strip(), _("Describe the project's objectives."))
    need(project, app.target_groups.strip(), _("Describe the target groups."))
    need(project, app.work_plan.strip(), _("Describe the work plan."))
    if municipalities_known(app):
        need(
            project,
            app.municipalities.exists(),
            _("Choose the municipalities the project concerns."),
        )

    if call.requires(FormSection.PARTNERS):
        need(
            FormSection.PARTNERS,
            app.partners.exists(),
            _("Add the project's partners."),
        )
    if call.requires(FormSection.BUDGET):
        need(FormSection.BUDGET, app.total_cost > 0, _("Fill in the budget."))
        years = set(app.years)
        if years and app.budget_lines.exclude(year__in=years).exists():
            found.append(
                Problem(
                    FormSection.BUDGET,
                    _("The budget has costs in years outside the project period."),
                )
            )
    if call.requires(FormSection.FINANCING) and app.total_cost > 0:
        for message in (balance_problem(app), aid_intensity_problem(app)):
            if message:
                found.append(Problem(FormSection.FINANCING, message))
    if call.requires(FormSection.EFFECTS):
        levels = set(app.effect_items.values_list("level", flat=True))
        missing = [str(level.label) for level in EffectLevel if level not in levels]
        if missing:
            found.append(
                Problem(
                    FormSection.EFFECTS,
                    _("Describe every link of the effect chain; missing: %(links)s.")
                    % {"links": ", ".join(missing)},
                )
            )
        if call.indicators.exists():
            need(
                FormSection.EFFECTS,
                app.indicators.exists(),
                _("Choose at least one of the call's indicators and set its target."),
            )
    if call.requires(FormSection.STRATEGY):
        need(
            FormSection.STRATEGY,
            app.activities.exists() or app.goals.exists(),
            _("Say which action-plan activities or strategy goals the project serves."),
        )
    if call.requires(FormSection.SUSTAINABILITY):
        aspects: list[str] = list(CORE_ASPECTS)
        if call.asks_sami_perspective:
            aspects.append(SustainabilityAspect.SAMI)
        answered = {
            a.aspect: a
            for a in app.sustainability_answers.all()
            if a.description.strip()
        }
        missing = [
            str(SustainabilityAspect(a).label) for a in aspects if a not in answered
        ]
        if missing:
            found.append(
                Problem(
                    FormSection.SUSTAINABILITY,
                    _("Rate and describe: %(aspects)s.")
                    % {"aspects": ", ".join(missing)},
                )
            )
    if app.fund is not None and app.fund.state_aid_applies:
        need(
            FormSection.STATE_AID,
            app.de_minimis_declared and app.de_minimis_received is not None,
            _("Make the de minimis declaration."),
        )
    required = list(call.required_attachments.filter(is_required=True))
    if required:
        have = set(app.attachments.values_list("required_id", flat=True))
        for item in required:
            if item.pk not in have:
                found.append(
                    Problem(
                        FormSection.ATTACHMENTS,
                        _("Attach: %(title)s.") % {"title": item.localised("title")},
                    )
                )
    return found
