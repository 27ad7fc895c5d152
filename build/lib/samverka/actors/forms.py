"""Forms of the actor registry. They parse input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samverka.accounts.models import User
from samverka.actors.choices import MembershipRole, OrganisationType
from samverka.actors.models import ContactPerson, Network, Organisation
from samverka.actors.services import ORGANISATION_FIELDS
from samverka.core.models import Region
from samverka.geo.models import Municipality


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: next to a field where it names one
    the form has, in the summary otherwise."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class ServiceModelForm(forms.ModelForm):
    """A model form that only parses input: the service validates the model and saves.

    Django's model forms copy the input onto the instance and run the model's
    validation while validating the form. Ours hand `cleaned_data` to a service
    instead, so the instance stays as stored and the service's audit diff is true.
    """

    def _post_clean(self) -> None:
        return


def _municipality_with_country(municipality: Municipality) -> str:
    return f"{municipality.name} ({municipality.country.code})"


class OrganisationForm(ServiceModelForm):
    """An organisation's profile. With `country`, the municipalities are that country's."""

    class Meta:
        model = Organisation
        fields = list(ORGANISATION_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "national_id": forms.TextInput(
                attrs={"autocomplete": "off", "spellcheck": "false"}
            ),
        }

    def __init__(self, *args: Any, country: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Boundaries are large and no use in a list of names.
        queryset = Municipality.objects.select_related("country").defer("boundary")
        if country:
            queryset = queryset.filter(country__code=country)
        field = self.fields["municipality"]
        field.queryset = queryset.order_by("name", "code")  # type: ignore[attr-defined]
        if not country:
            field.label_from_instance = _municipality_with_country  # type: ignore[attr-defined]


class OrganisationRegisterForm(OrganisationForm):
    """An applicant registers an organisation they act for, in a region they choose."""

    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        help_text=_("The region whose actor registry the organisation joins."),
    )

    class Meta(OrganisationForm.Meta):
        fields = ["region", *ORGANISATION_FIELDS]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.active().order_by("name")  # type: ignore[attr-defined]
        self.order_fields(["region", *ORGANISATION_FIELDS])


class OrganisationFilterForm(forms.Form):
    """Search and filter the list of organisations."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All types")), *OrganisationType.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"type": "search", "placeholder": _("Name or organisation number")}
        )


class ContactPersonForm(ServiceModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "title", "email", "phone", "is_primary"]


class NetworkForm(ServiceModelForm):
    class Meta:
        model = Network
        fields = ["name", "purpose"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}


class NetworkMemberForm(forms.Form):
    """Add an organisation of the network's region to the network."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    role = forms.CharField(
        label=_("Role in the network"),
        required=False,
        max_length=200,
        help_text=_("For example host, coordinator or member."),
    )
    joined_on = forms.DateField(
        label=_("Joined"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class MembershipAddForm(forms.Form):
    """Let a user with an account act for the organisation."""

    email = forms.EmailField(label=_("E-mail address of the user"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=MembershipRole.choices,
        initial=MembershipRole.APPLICANT,
        help_text=_(
            "An applicant drafts and submits applications; an organisation "
            "administrator also keeps the profile and the members."
        ),
    )

    def clean_email(self) -> User:
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active user has this e-mail address."))
        return user
