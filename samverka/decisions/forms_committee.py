"""Forms of the committee screens: a committee, a meeting, an application put on a
meeting's agenda. They parse input; the services validate and write. The decision on
an agenda item uses the decision screens' own form (`forms.DecideForm`)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samverka.applications.models import Application
from samverka.core.models import Region
from samverka.decisions import services
from samverka.decisions.forms import DateInput


class CommitteeForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the committee"),
        max_length=255,
        required=False,
        help_text=_("For example: the regional development committee."),
    )


class TimeInput(forms.TimeInput):
    """The browser's time picker; the value travels as HH:MM."""

    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


class _SecretaryField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name or obj.email)


class MeetingForm(forms.Form):
    """A meeting's date and time as the region's clocks show them, its place and
    its secretary (a decision maker of the region)."""

    date = forms.DateField(
        label=_("Date"), widget=DateInput(), input_formats=["%Y-%m-%d"]
    )
    time = forms.TimeField(
        label=_("Starts at"),
        widget=TimeInput(),
        input_formats=["%H:%M", "%H.%M"],
    )
    place = forms.CharField(label=_("Place"), max_length=255, required=False)

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        self.fields["time"].help_text = _("In the region's time zone (%(zone)s).") % {
            "zone": region.tzinfo.key
        }
        self.fields["secretary"] = _SecretaryField(
            label=_("Secretary"),
            queryset=services.secretaries(region).order_by("full_name", "email"),
            required=False,
            empty_label=_("Not chosen yet"),
            help_text=_(
                "A decision maker of the region, who records the committee's decisions."
            ),
        )

    def starts_at(self) -> datetime.datetime | None:
        date = self.cleaned_data.get("date")
        time = self.cleaned_data.get("time")
        if date is None or time is None:
            return None
        return datetime.datetime.combine(date, time, tzinfo=self.region.tzinfo)


def application_label(application: Application) -> str:
    parts = [application.case_number, application.title]
    text = " ".join(p for p in parts if p)
    return f"{text} ({application.organisation.name})"


class _ApplicationField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return application_label(obj)


class AgendaAddForm(forms.Form):
    """Choose an application to put on the agenda. The list offers the region's
    applications in assessment that have a recommendation and are on no agenda; any
    of the region's applications is accepted, so that the service can say why one
    cannot go on the agenda."""

    def __init__(
        self,
        *args: Any,
        accepted: QuerySet[Application],
        offered: QuerySet[Application],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = _ApplicationField(
            label=_("Application"),
            queryset=accepted.select_related("organisation", "case"),
            empty_label=_("Choose an application"),
            help_text=_(
                "Applications in assessment with a recommendation that are on no "
                "agenda."
            ),
        )
        field.widget.choices = [
            ("", field.empty_label),
            *(
                (a.pk, application_label(a))
                for a in offered.select_related("organisation", "case")
            ),
        ]
        self.fields["application"] = field

    @property
    def has_choices(self) -> bool:
        return len(self.fields["application"].widget.choices) > 1
