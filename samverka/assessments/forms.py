"""Forms of the assessment screens. They parse input; the services validate and write.

A score outside its criterion's scale, a "not met" without a reason and a grant above
what was applied for are the services' to refuse: the forms only turn what was typed
into the values the services take, so the rule lives in one place and its message is
shown at the field it names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, cast

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samverka.accounts.models import RoleAssignment, User
from samverka.applications.models import Application
from samverka.assessments import policies
from samverka.assessments.choices import (
    AssignmentStatus,
    CheckItem,
    RecommendedOutcome,
)
from samverka.assessments.models import Assignment, FormalCheck, Recommendation
from samverka.core.models import Region
from samverka.funding.models import Criterion
from samverka.plans.forms import MoneyField, money_example

#: The radio values of a formal-check question.
MET, NOT_MET = "met", "not_met"
#: The radio values of the declaration.
NO_CONFLICT, CONFLICT = "no_conflict", "conflict"


def _revision_field() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


def _text(label: Any, *, rows: int = 4, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def set_revision(form: forms.BaseForm, revision: int) -> None:
    """After a save (or a stale one), the next save is based on `revision`: a bound
    form keeps what was typed and takes the stored revision in its hidden field."""
    if form.is_bound:
        data = cast(QueryDict, form.data).copy()
        data[form.add_prefix("revision")] = str(revision)
        form.data = data
    else:
        form.initial["revision"] = revision


# Who may be asked to assess ----------------------------------------------------------


def region_assessors(region: Region) -> QuerySet[User]:
    """The active users who hold an assessor or case-officer role in `region`."""
    holders = RoleAssignment.objects.filter(
        region=region, role__in=policies.ASSESSOR_ROLES
    ).values("user_id")
    return User.objects.filter(pk__in=holders, is_active=True).order_by(
        "full_name", "email", "pk"
    )


class _PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        user: User = obj
        return f"{user.full_name} ({user.email})" if user.full_name else user.email


class _PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        user: User = obj
        return f"{user.full_name} ({user.email})" if user.full_name else user.email


class AssignForm(forms.Form):
    """Ask one of the region's assessors or officers to assess an application; those
    already assigned, and those who declared a conflict, are not offered."""

    assessor = _PersonChoiceField(
        label=_("Assessor"),
        queryset=User.objects.none(),
        empty_label=_("Choose a person"),
        error_messages={
            "required": _("Choose who is to assess the application."),
            "invalid_choice": _(
                "Choose an assessor or case officer of the region who is not "
                "assigned yet."
            ),
        },
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = Assignment.objects.filter(application=application).exclude(
            status=AssignmentStatus.REMOVED
        )
        self.choices = region_assessors(application.call.region).exclude(
            pk__in=taken.values("assessor_id")
        )
        cast(forms.ModelChoiceField, self.fields["assessor"]).queryset = self.choices

    @property
    def has_choices(self) -> bool:
        return self.choices.exists()


class SpreadForm(forms.Form):
    """Spread a call's applications evenly over a pool of assessors."""

    applications = forms.ModelMultipleChoiceField(
        label=_("Applications"),
        queryset=Application.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one application.")},
    )
    pool = _PeopleChoiceField(
        label=_("Assessors to spread over"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    per_application = forms.IntegerField(
        label=_("Assessors per application"),
        initial=2,
        min_value=1,
        max_value=20,
        help_text=_(
            "Applications that already have this many open assessors get no more."
        ),
        widget=forms.NumberInput(attrs={"min": 1, "max": 20, "step": 1}),
    )

    def __init__(
        self,
        *args: Any,
        applications: QuerySet[Application],
        region: Region,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.application_choices = applications
        self.pool_choices = region_assessors(region)
        cast(
            forms.ModelMultipleChoiceField, self.fields["applications"]
        ).queryset = applications
        cast(
            forms.ModelMultipleChoiceField, self.fields["pool"]
        ).queryset = self.pool_choices


# The assessor's declaration and scores -----------------------------------------------


class DeclarationForm(forms.Form):
    """The assessor's declaration of (no) conflict of interest."""

    declaration = forms.ChoiceField(
        label=_("Your declaration"),
        choices=[
            (NO_CONFLICT, _("I have no conflict of interest")),
            (CONFLICT, _("I have a conflict of interest")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the two declarations.")},
    )
    description = _text(
        _("The conflict of interest"),
        help_text=_(
            "Only if you have a conflict: say what it is, for example a family tie, "
            "an economic interest or a role in the applicant's organisation or one "
            "of its partners."
        ),
    )

    @property
    def has_conflict(self) -> bool:
        return self.cleaned_data.get("declaration") == CONFLICT


class ScoreForm(forms.Form):
    """A score and a comment per criterion of the call, and an overall comment.

    Whether a score is a whole number on the criterion's scale is the service's rule
    (`score_<criterion id>`), shown at the field."""

    comment = _text(_("Overall comment"), rows=6)
    revision = _revision_field()

    def __init__(
        self,
        *args: Any,
        criteria: Iterable[Criterion],
        scores: Mapping[int, tuple[int | None, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        scores = scores or {}
        for criterion in self.criteria:
            name = criterion.localised("name")
            value, comment = scores.get(criterion.pk, (None, ""))
            # Text, not a number field: the service reads it, so that a word and a
            # score off the scale are told at their fields in one go.
            self.fields[f"score_{criterion.pk}"] = forms.CharField(
                label=_("%(criterion)s: score from %(min)s to %(max)s")
                % {
                    "criterion": name,
                    "min": criterion.scale_min,
                    "max": criterion.scale_max,
                },
                required=False,
                initial=value,
                help_text=criterion.localised("guidance"),
                widget=forms.NumberInput(
                    attrs={
                        "min": criterion.scale_min,
                        "max": criterion.scale_max,
                        "step": 1,
                        "class": "score-input",
                    }
                ),
            )
            self.fields[f"score_comment_{criterion.pk}"] = _text(
                _("Your comment on %(criterion)s") % {"criterion": name},
                initial=comment,
            )
        # The overall comment and the revision come after the criteria.
        self.order_fields(
            [
                *(
                    name
                    for c in self.criteria
                    for name in (f"score_{c.pk}", f"score_comment_{c.pk}")
                ),
                "comment",
                "revision",
            ]
        )

    def rows(self) -> list[dict[str, Any]]:
        """One row per criterion: the criterion, its score field and comment field."""
        return [
            {
                "criterion": c,
                "score": self[f"score_{c.pk}"],
                "comment": self[f"score_comment_{c.pk}"],
            }
            for c in self.criteria
        ]

    def values(self) -> dict[int, tuple[Any, str]]:
        """Criterion id → (score, comment), as the service takes them."""
        return {
            c.pk: (
                self.cleaned_data.get(f"score_{c.pk}"),
                self.cleaned_data.get(f"score_comment_{c.pk}") or "",
            )
            for c in self.criteria
        }


# The lead's forms ---------------------------------------------------------------------


class FormalCheckForm(forms.Form):
    """The formal check: each question met or not, with a reason; and a note."""

    note = _text(_("Note"), help_text=_("Anything else the check found (optional)."))
    revision = _revision_field()

    def __init__(
        self,
        *args: Any,
        answers: Mapping[str, tuple[bool, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        answers = answers or {}
        for code, label in CheckItem.choices:
            passed, reason = answers.get(code, (None, ""))
            self.fields[f"item_{code}"] = forms.ChoiceField(
                label=label,
                choices=[(MET, _("Met")), (NOT_MET, _("Not met"))],
                widget=forms.RadioSelect,
                required=False,
                initial=None if passed is None else (MET if passed else NOT_MET),
            )
            self.fields[f"reason_{code}"] = _text(
                _("Reason: %(question)s") % {"question": label},
                rows=2,
                initial=reason,
                help_text=_("Needed when the requirement is not met."),
            )
        self.order_fields(
            [
                *(
                    name
                    for code in CheckItem.values
                    for name in (f"item_{code}", f"reason_{code}")
                ),
                "note",
                "revision",
            ]
        )

    @staticmethod
    def answers_of(check: FormalCheck) -> dict[str, tuple[bool, str]]:
        return {item.code: (item.passed, item.reason) for item in check.items.all()}

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "code": code,
                "label": label,
                "item": self[f"item_{code}"],
                "reason": self[f"reason_{code}"],
            }
            for code, label in CheckItem.choices
        ]

    def items(self) -> dict[str, tuple[bool, str]]:
        """The answered questions (code → (met, reason)), as the service takes them;
        an unanswered one is left out, and the service asks for it."""
        found: dict[str, tuple[bool, str]] = {}
        for code in CheckItem.values:
            answer = self.cleaned_data.get(f"item_{code}")
            if answer in (MET, NOT_MET):
                found[code] = (
                    answer == MET,
                    self.cleaned_data.get(f"reason_{code}") or "",
                )
        return found


def money_field(region: Region, label: Any, **kwargs: Any) -> MoneyField:
    """An amount in the region's currency, typed as the page's language writes it."""
    currency = str(region.currency)
    return MoneyField(
        currency=currency,
        languages=[
            get_language() or settings.LANGUAGE_CODE,
            str(region.default_language),
        ],
        label=_("%(label)s (%(currency)s)") % {"label": label, "currency": currency},
        help_text=_("In whole %(currency)s or with decimals, %(example)s.")
        % {"currency": currency, "example": money_example(currency)},
        **kwargs,
    )


class RecommendationForm(forms.Form):
    """The officer's recommendation to the decision maker or committee."""

    outcome = forms.ChoiceField(
        label=_("Recommended outcome"),
        choices=RecommendedOutcome.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    text = _text(
        _("Motivation"),
        rows=8,
        help_text=_(
            "Why you recommend this: the assessment's strengths and weaknesses, "
            "the scores, the sustainability assurance and the goal conflicts."
        ),
    )
    conditions = _text(
        _("Proposed conditions"),
        help_text=_("Needed when you recommend a grant with conditions."),
    )
    revision = _revision_field()

    def __init__(
        self,
        *args: Any,
        region: Region,
        recommendation: Recommendation | None = None,
        **kwargs: Any,
    ) -> None:
        if recommendation is not None:
            kwargs["initial"] = {
                **(kwargs.get("initial") or {}),
                "outcome": recommendation.outcome,
                "amount": recommendation.amount or None,
                "text": recommendation.text,
                "conditions": recommendation.conditions,
                "revision": recommendation.revision,
            }
        super().__init__(*args, **kwargs)
        self.fields["amount"] = money_field(
            region, _("Recommended amount"), required=False
        )
        self.fields["amount"].help_text = _(
            "For a grant: at most what was applied for. %(help)s"
        ) % {"help": self.fields["amount"].help_text}
        self.order_fields(["outcome", "amount", "text", "conditions", "revision"])

    def data_for_service(self) -> dict[str, Any]:
        return {
            "outcome": self.cleaned_data.get("outcome") or "",
            "amount": self.cleaned_data.get("amount") or 0,
            "text": self.cleaned_data.get("text") or "",
            "conditions": self.cleaned_data.get("conditions") or "",
        }
