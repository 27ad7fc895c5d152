"""Forms of the sustainability assurance, the goal conflicts and the ranking of a call.

They parse input; the services in `samverka.assessments.services` validate and write.
The sustainability form's field names are the services' error keys (``effect_<aspect>``,
``dnsh_<objective>``, ``sdg-<row>-target`` …) so that each error lands at its field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samverka.applications.choices import SustainabilityAspect
from samverka.applications.models import SustainabilityAnswer
from samverka.assessments.choices import (
    ConflictHandling,
    ConflictStatus,
    DnshResult,
    Effect,
    SdgDirection,
    TaxonomyObjective,
)
from samverka.assessments.models import GoalConflict, SustainabilityAssessment
from samverka.core.models import Region
from samverka.plans.forms import MoneyField, money_example
from samverka.plans.forms import add_service_errors as _add_service_errors
from samverka.strategy.models import Goal, SdgTarget

#: Empty SDG rows offered below the ones already filled in.
SDG_EMPTY_ROWS = 3
#: More rows than anyone types; guards against a crafted POST.
SDG_MAX_ROWS = 200
#: The length an SDG target's text is cut to in the select.
SDG_LABEL_LENGTH = 110

_SDG_KEY = re.compile(r"sdg-(\d+)-(target|direction|note)")


def _revision_field() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def sdg_target_choices(targets: Iterable[SdgTarget]) -> list[Any]:
    """The targets grouped by goal (an <optgroup> each), code first, in the active
    language; `targets` come with their goal selected."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    current_goal: int | None = None
    for target in targets:
        if target.goal_id != current_goal:
            current_goal = target.goal_id
            groups.append((f"{target.goal.number}. {target.goal.title()}", []))
        text = Truncator(target.text()).chars(SDG_LABEL_LENGTH)
        groups[-1][1].append((str(target.pk), f"{target.code} {text}".strip()))
    return [("", _("Choose a target")), *groups]


def goal_label(goal: Goal) -> str:
    """'1.2 Hållbar besöksnäring' in the active language."""
    return f"{goal.code} {goal.localised('title')}".strip()


# Sustainability assurance ------------------------------------------------------------


class SustainabilityForm(forms.Form):
    """The officer's sustainability assurance of one application.

    Per aspect an effect and its evidence, for an EU fund the "do no significant harm"
    check per environmental objective, SDG targets in rows (``sdg-<n>-…``), the overall
    judgement and whether the assurance is complete.
    """

    summary = forms.CharField(
        label=_("Overall judgement"),
        required=False,
        widget=_textarea(5),
        help_text=_(
            "Sum up the project's effects on sustainability and what the decision "
            "should take into account."
        ),
    )
    complete = forms.BooleanField(
        label=_("The assessment is complete"),
        required=False,
        help_text=_(
            "Then every aspect must be rated (and, for an EU fund, every "
            "environmental objective answered), and the overall judgement written."
        ),
    )
    revision = _revision_field()

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        aspects: Sequence[str],
        dnsh: bool,
        targets: Sequence[SdgTarget],
        assessment: SustainabilityAssessment | None = None,
        answers: Mapping[str, SustainabilityAnswer] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.aspects = list(aspects)
        self.dnsh = dnsh
        self.answers = dict(answers or {})
        self.targets = {str(t.pk): t for t in targets}
        self.sdg_effects: list[tuple[SdgTarget, str, str]] = []
        self._sdg_rows: list[int] = []
        stored = self._stored(assessment)

        effects = [("", _("Not rated yet")), *Effect.choices]
        for aspect in self.aspects:
            label = SustainabilityAspect(aspect).label
            self.fields[f"effect_{aspect}"] = forms.ChoiceField(
                label=_("Effect on %(aspect)s") % {"aspect": str(label).lower()},
                choices=effects,
                required=False,
                widget=forms.RadioSelect,
                initial=stored["ratings"].get(aspect, ("", ""))[0],
            )
            self.fields[f"evidence_{aspect}"] = forms.CharField(
                label=_("Evidence: %(aspect)s") % {"aspect": str(label).lower()},
                required=False,
                widget=_textarea(),
                help_text=_("Needed for a negative or uncertain effect."),
                initial=stored["ratings"].get(aspect, ("", ""))[1],
            )
        if self.dnsh:
            results = [("", _("Not answered yet")), *DnshResult.choices]
            for objective in TaxonomyObjective:
                self.fields[f"dnsh_{objective.value}"] = forms.ChoiceField(
                    label=objective.label,
                    choices=results,
                    required=False,
                    widget=forms.RadioSelect,
                    initial=stored["dnsh"].get(objective.value, ("", ""))[0],
                )
                self.fields[f"dnsh_evidence_{objective.value}"] = forms.CharField(
                    label=_("Justification or evidence: %(objective)s")
                    % {"objective": str(objective.label).lower()},
                    required=False,
                    widget=_textarea(),
                    help_text=_("Needed unless the project supports the objective."),
                    initial=stored["dnsh"].get(objective.value, ("", ""))[1],
                )

        self.sdg_row_count = self._row_count(data, len(stored["sdg"]))
        target_choices = sdg_target_choices(targets)
        directions = [("", _("Choose")), *SdgDirection.choices]
        for row in range(self.sdg_row_count):
            target, direction, note = (
                stored["sdg"][row] if row < len(stored["sdg"]) else ("", "", "")
            )
            self.fields[f"sdg-{row}-target"] = forms.ChoiceField(
                label=_("SDG target, row %(number)s") % {"number": row + 1},
                choices=target_choices,
                required=False,
                initial=target,
            )
            self.fields[f"sdg-{row}-direction"] = forms.ChoiceField(
                label=_("Effect on the target, row %(number)s") % {"number": row + 1},
                choices=directions,
                required=False,
                initial=direction,
            )
            self.fields[f"sdg-{row}-note"] = forms.CharField(
                label=_("Motivation, row %(number)s") % {"number": row + 1},
                required=False,
                widget=_textarea(2),
                help_text=_("Needed when the project may harm the target."),
                initial=note,
            )
        if assessment is not None:
            self.fields["summary"].initial = assessment.summary
            self.fields["complete"].initial = assessment.completed_at is not None
            self.fields["revision"].initial = assessment.revision

    def _stored(self, assessment: SustainabilityAssessment | None) -> dict[str, Any]:
        if assessment is None:
            return {"ratings": {}, "dnsh": {}, "sdg": []}
        return {
            "ratings": {
                r.aspect: (r.effect, r.evidence) for r in assessment.ratings.all()
            },
            "dnsh": {
                d.objective: (d.result, d.evidence) for d in assessment.dnsh.all()
            },
            "sdg": [
                (str(e.target_id), e.direction, e.note)
                for e in assessment.sdg_effects.all()
            ],
        }

    def _row_count(self, data: Mapping[str, Any] | None, stored: int) -> int:
        if not self.targets:
            return 0
        if data is None:
            return stored + SDG_EMPTY_ROWS
        rows = [
            int(match[1])
            for key in data
            if (match := _SDG_KEY.fullmatch(key)) is not None
        ]
        return min(max(rows, default=-1) + 1, SDG_MAX_ROWS)

    # Rows for the template -------------------------------------------------------

    def aspect_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "aspect": aspect,
                "label": SustainabilityAspect(aspect).label,
                "own": self.answers.get(aspect),
                "effect": self[f"effect_{aspect}"],
                "evidence": self[f"evidence_{aspect}"],
            }
            for aspect in self.aspects
        ]

    def dnsh_rows(self) -> list[dict[str, Any]]:
        if not self.dnsh:
            return []
        return [
            {
                "objective": objective.value,
                "label": objective.label,
                "result": self[f"dnsh_{objective.value}"],
                "evidence": self[f"dnsh_evidence_{objective.value}"],
            }
            for objective in TaxonomyObjective
        ]

    def sdg_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "number": row + 1,
                "target": self[f"sdg-{row}-target"],
                "direction": self[f"sdg-{row}-direction"],
                "note": self[f"sdg-{row}-note"],
            }
            for row in range(self.sdg_row_count)
        ]

    # Parsing ---------------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        for aspect in self.aspects:
            if (cleaned.get(f"evidence_{aspect}") or "").strip() and not cleaned.get(
                f"effect_{aspect}"
            ):
                self.add_error(
                    f"effect_{aspect}",
                    _("Choose the effect that the evidence is about."),
                )
        if self.dnsh:
            for objective in TaxonomyObjective.values:
                if (
                    cleaned.get(f"dnsh_evidence_{objective}") or ""
                ).strip() and not cleaned.get(f"dnsh_{objective}"):
                    self.add_error(
                        f"dnsh_{objective}",
                        _("Choose the result that the justification is about."),
                    )
        self.sdg_effects = []
        self._sdg_rows = []
        for row in range(self.sdg_row_count):
            target_pk = cleaned.get(f"sdg-{row}-target") or ""
            direction = cleaned.get(f"sdg-{row}-direction") or ""
            note = cleaned.get(f"sdg-{row}-note") or ""
            if not target_pk:
                if direction or note.strip():
                    self.add_error(
                        f"sdg-{row}-target",
                        _("Choose the target, or clear the row."),
                    )
                continue
            self.sdg_effects.append((self.targets[target_pk], direction, note))
            self._sdg_rows.append(row)
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of `services.sustainability_save` (without the
        application and the user)."""
        data = self.cleaned_data
        return {
            "summary": data.get("summary") or "",
            "ratings": {
                aspect: (
                    data.get(f"effect_{aspect}") or "",
                    data.get(f"evidence_{aspect}") or "",
                )
                for aspect in self.aspects
            },
            "dnsh": {
                objective: (
                    data.get(f"dnsh_{objective}") or "",
                    data.get(f"dnsh_evidence_{objective}") or "",
                )
                for objective in TaxonomyObjective.values
            }
            if self.dnsh
            else None,
            "sdg_effects": list(self.sdg_effects),
            "complete": bool(data.get("complete")),
            "revision": data.get("revision"),
        }

    def add_service_errors(self, exc: ValidationError) -> None:
        """The service's errors at their fields; an SDG error's index (the position
        among the rows handed over) becomes the row it came from."""
        if hasattr(exc, "error_dict"):
            remapped: dict[str, Any] = {}
            for key, errors in exc.error_dict.items():
                match = _SDG_KEY.fullmatch(key)
                if match is not None and int(match[1]) < len(self._sdg_rows):
                    key = f"sdg-{self._sdg_rows[int(match[1])]}-{match[2]}"
                remapped[key] = errors
            exc = ValidationError(remapped)
        _add_service_errors(self, exc)


# Goal conflicts ----------------------------------------------------------------------


class _GoalField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        goal: Goal = obj
        return f"{goal.strategy.localised('title')}: {goal_label(goal)}"


class ConflictAddForm(forms.Form):
    """A goal conflict the system did not propose."""

    subject = forms.CharField(
        label=_("What conflicts"),
        max_length=300,
        required=False,
        help_text=_("For example: more visitors against lower emissions."),
    )
    goal = _GoalField(
        label=_("Goal the project advances"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("No goal of the strategy"),
    )
    other_goal = _GoalField(
        label=_("Goal that may suffer"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("No goal of the strategy"),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=_textarea(4)
    )

    def __init__(self, *args: Any, goals: QuerySet[Goal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("goal", "other_goal"):
            self.fields[name].queryset = goals  # type: ignore[attr-defined]


class ConflictWeighForm(forms.Form):
    """Confirm a goal conflict with its handling, or dismiss it with the reason."""

    status = forms.ChoiceField(
        label=_("Your judgement"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            (ConflictStatus.CONFIRMED, _("Confirm: a goal conflict in this project")),
            (ConflictStatus.DISMISSED, _("Dismiss: not a conflict in this project")),
        ],
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=_textarea(4),
        help_text=_(
            "Confirming: describe the conflict in this project. Dismissing: say why "
            "it is not a conflict here."
        ),
    )
    handling = forms.ChoiceField(
        label=_("Handling"),
        required=False,
        widget=forms.RadioSelect,
        choices=ConflictHandling.choices,
        help_text=_("Only for a confirmed conflict."),
    )
    handling_text = forms.CharField(
        label=_("How it is handled"),
        required=False,
        widget=_textarea(4),
        help_text=_(
            "Mitigated: how. A condition: the condition's wording. A trade-off: why "
            "it is accepted."
        ),
    )
    revision = _revision_field()

    def __init__(self, *args: Any, conflict: GoalConflict, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if conflict.status != ConflictStatus.PROPOSED:
            self.fields["status"].initial = conflict.status
        self.fields["description"].initial = conflict.description
        self.fields["handling"].initial = conflict.handling
        self.fields["handling_text"].initial = conflict.handling_text
        self.fields["revision"].initial = conflict.revision


# Ranking -----------------------------------------------------------------------------


class FundingLineForm(forms.Form):
    """GET: where the funding line goes and which year's money counts."""

    line = forms.Field(required=False)
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        localize=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        currency = str(region.currency)
        self.fields["line"] = MoneyField(
            currency=currency,
            languages=[
                get_language() or settings.LANGUAGE_CODE,
                str(region.default_language),
            ],
            required=False,
            label=_("Funding line (%(currency)s)") % {"currency": currency},
            help_text=_(
                "In whole %(currency)s, %(example)s. Empty: what is left in the "
                "call's funds."
            )
            % {"currency": currency, "example": money_example(currency)},
        )
        self.fields["year"].initial = timezone.localdate().year
