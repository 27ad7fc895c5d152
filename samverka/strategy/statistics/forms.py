"""The form that starts a statistics import."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.strategy.choices import ImportSource, IndicatorSource


class ImportForm(forms.Form):
    """Where the statistics come from; the runner checks the rest
    (`runner.start_import`), so that the form and the command refuse alike."""

    source = forms.ChoiceField(
        label=_("Source"),
        choices=ImportSource.choices,
        widget=forms.RadioSelect,
    )
    table = forms.CharField(
        label=_("Table"),
        required=False,
        max_length=200,
        help_text=_(
            "The table's id: TAB638 (Statistics Sweden, PxWebApi 2), "
            "BE/BE0101/BE0101A/BefolkningNy (PxWebApi 1) or FOLK1A (Statistics "
            "Denmark). Not needed for a file."
        ),
    )
    query = forms.CharField(
        label=_("Query"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=_(
            'The selection per variable as JSON, for example {"Region": ["22"], '
            '"ContentsCode": ["BE0101N1"], "Tid": ["*"]}. Every variable other than '
            "region, time, sex and age must be left out by the source or fixed to "
            "one value."
        ),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("A JSON-stat (1.0 or 2.0) or PxWeb JSON file, for an upload only."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["table"].widget.attrs["spellcheck"] = "false"
        self.fields["file"].widget.attrs["accept"] = ".json,application/json"

    @staticmethod
    def initial_for(indicator: Any) -> dict[str, Any]:
        source = {
            IndicatorSource.DST: ImportSource.DST,
            IndicatorSource.SCB: ImportSource.SCB_V2,
        }.get(indicator.source)
        if source is None:
            source = (
                ImportSource.DST
                if indicator.region.country == "DK"
                else ImportSource.SCB_V2
            )
        query = indicator.source_query or {}
        return {
            "source": source,
            "table": indicator.source_table,
            "query": json.dumps(query, ensure_ascii=False, indent=2) if query else "",
        }

    def clean_query(self) -> dict[str, Any]:
        text = (self.cleaned_data.get("query") or "").strip()
        if not text:
            return {}
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("The query is not valid JSON (line %(line)s: %(error)s)."),
                params={"line": exc.lineno, "error": exc.msg},
            ) from exc
        if not isinstance(value, dict):
            raise forms.ValidationError(
                _("Give the query as an object of variables, for example {…}.")
            )
        return value
