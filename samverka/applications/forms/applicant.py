"""Forms of the applicant's pages around the form steps: start, submit, withdraw."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samverka.actors.models import Organisation


class _OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        organisation: Organisation = obj
        if organisation.national_id:
            return f"{organisation.name} ({organisation.national_id})"
        return organisation.name


class ApplicationStartForm(forms.Form):
    """Which organisation applies, and a working title for the project."""

    organisation = _OrganisationChoiceField(
        label=_("Applicant organisation"),
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_(
            "The organisations you act for that are registered in the call's region."
        ),
    )
    title = forms.CharField(
        label=_("Working title of the project"),
        max_length=255,
        help_text=_("You can change it later."),
    )

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["organisation"])
        field.queryset = organisations
        if not self.is_bound:
            only = list(organisations[:2])
            if len(only) == 1:
                self.initial.setdefault("organisation", only[0].pk)


class SubmitForm(forms.Form):
    """The submit button's form: a key made when the page was drawn, so that a
    second click (or a reload) sends the same key and makes no second submission."""

    key = forms.CharField(widget=forms.HiddenInput, max_length=64)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The reason is registered with the application's case."),
    )
