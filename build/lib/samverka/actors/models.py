"""The actor registry: organisations, their contact people, networks and members."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samverka.actors.choices import MembershipRole, OrganisationType
from samverka.actors.validators import normalise_national_id
from samverka.core.choices import Country
from samverka.core.models import BaseModel, Region

_DUPLICATE_NATIONAL_ID = "duplicate_national_id"


class Organisation(BaseModel):
    """A body in one region's actor registry: a municipality, company, university and so on.

    The national identifier is stored normalised by the country's rule
    (see `validators`), and is unique within a region's registry when given.
    """

    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    name = models.CharField(_("name"), max_length=255)
    type = models.CharField(
        _("type"),
        max_length=40,
        choices=OrganisationType.choices,
        default=OrganisationType.OTHER,
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    national_id = models.CharField(
        _("organisation number"),
        max_length=20,
        blank=True,
        help_text=_(
            "As the country's register issued it: organisationsnummer, CVR number, "
            "organisasjonsnummer or Y-tunnus."
        ),
    )
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "country", "national_id"],
                condition=~Q(national_id=""),
                name="organisation_unique_national_id",
                violation_error_code=_DUPLICATE_NATIONAL_ID,
                violation_error_message=_(
                    "The region's actor registry already holds an organisation with "
                    "this organisation number."
                ),
            ),
        ]
        indexes = [models.Index(fields=["region", "name"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Check the organisation number by the country's rule and store it normalised;
        the municipality lies in the organisation's country."""
        errors: dict[str, Any] = {}
        if self.national_id:
            try:
                self.national_id = normalise_national_id(self.country, self.national_id)
            except ValidationError as exc:
                errors["national_id"] = exc.error_list
        municipality = self.municipality if self.municipality_id is not None else None
        if (
            municipality is not None
            and self.country
            and municipality.country.code != self.country
        ):
            errors["municipality"] = _(
                "Choose a municipality in the organisation's country."
            )
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude: Any = None) -> None:
        # A conditional unique constraint reports as a non-field error; put it next
        # to the organisation number, where the person can fix it.
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict({})
            moved = [
                e
                for e in errors.get(NON_FIELD_ERRORS, [])
                if e.code == _DUPLICATE_NATIONAL_ID
            ]
            if moved:
                errors[NON_FIELD_ERRORS] = [
                    e for e in errors[NON_FIELD_ERRORS] if e not in moved
                ]
                if not errors[NON_FIELD_ERRORS]:
                    del errors[NON_FIELD_ERRORS]
                errors.setdefault("national_id", []).extend(moved)
            raise ValidationError(errors) from exc


class ContactPerson(BaseModel):
    """A person to contact at an organisation; at most one is the primary contact."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title or role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        ordering = ["-is_primary", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(is_primary=True),
                name="contact_one_primary_per_organisation",
                violation_error_message=_(
                    "An organisation has only one primary contact."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name


class Network(BaseModel):
    """A network of organisations that a region convenes, such as a tourism cluster."""

    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="networks",
    )
    name = models.CharField(_("name"), max_length=255)
    purpose = models.TextField(_("purpose"), blank=True)
    members: models.ManyToManyField[Organisation, NetworkMembership] = (
        models.ManyToManyField(
            Organisation,
            verbose_name=_("members"),
            through="NetworkMembership",
            related_name="networks",
            blank=True,
        )
    )

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"], name="network_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class NetworkMembership(BaseModel):
    """An organisation takes part in a network, perhaps with a role and since a date."""

    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="network_memberships",
    )
    role = models.CharField(_("role in the network"), max_length=200, blank=True)
    joined_on = models.DateField(_("joined"), null=True, blank=True)

    class Meta:
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        ordering = ["organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"],
                name="network_membership_unique",
                violation_error_message=_(
                    "The organisation is already a member of the network."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.network}"

    def clean(self) -> None:
        """A network gathers organisations of its own region only."""
        if (
            self.network_id
            and self.organisation_id
            and self.organisation.region_id != self.network.region_id
        ):
            raise ValidationError(
                {
                    "organisation": _(
                        "Only organisations of the network's region can join it."
                    )
                }
            )


class Membership(BaseModel):
    """A user acts for an organisation: as an applicant, or also as its administrator.

    Applicants are the users who hold memberships; staff hold role assignments instead.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=MembershipRole.choices,
        default=MembershipRole.APPLICANT,
        help_text=_(
            "An applicant drafts and submits applications for the organisation; an "
            "organisation administrator also keeps its profile and members."
        ),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="membership_unique",
                violation_error_message=_(
                    "The user is already a member of the organisation."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"
