"""Forms of the case register's pages."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.records.choices import CaseKind, CaseStatus


class CaseFilterForm(forms.Form):
    """Search and filters of the case list; the years are the region's."""

    q = forms.CharField(
        label=_("Case number, title or party"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *CaseKind.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *CaseStatus.choices],
    )

    def __init__(
        self, *args: Any, years: list[int] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        year_field = cast(forms.TypedChoiceField, self.fields["year"])
        year_field.choices = [
            ("", _("All years")),
            *((str(y), str(y)) for y in years or []),
        ]
