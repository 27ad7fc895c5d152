"""Shared base model, regions (tenants) and the audit log."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.core.choices import Country, Currency, Language

#: Slugs that would hide a top-level URL if a region took them.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "api",
        "accounts",
        "staff",
        "i18n",
        "static",
        "media",
        "me",
        "health",
        "about",
        "strategies",
        "calls",
    }
)


#: Each country's time zone (Finland is an hour ahead of the others).
COUNTRY_TIME_ZONES = {
    "SE": "Europe/Stockholm",
    "DK": "Europe/Copenhagen",
    "NO": "Europe/Oslo",
    "FI": "Europe/Helsinki",
}


class BaseModel(models.Model):
    """Every model of Samverka: when a row was created and last changed."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class RegionQuerySet(models.QuerySet["Region"]):
    def active(self) -> RegionQuerySet:
        return self.filter(is_active=True)


class Region(BaseModel):
    """A regional development body: the tenant that every domain record belongs to.

    Public pages live under the region's slug; staff see only regions where they hold a role.
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        help_text=_("The region's part of web addresses, for example vasternorrland."),
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    default_language = models.CharField(
        _("default language"), max_length=5, choices=Language.choices
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    case_number_prefix = models.CharField(
        _("case-number prefix"),
        max_length=12,
        validators=[
            RegexValidator(
                r"^[A-ZÅÄÖÆØ0-9]{1,12}$",
                _("Use 1 to 12 capital letters or digits, for example RJH."),
            )
        ],
        help_text=_(
            "Starts every case number in the case register, as in RVN 2026-00042."
        ),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_number_prefix"], name="region_unique_prefix"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:region_home", kwargs={"region_slug": self.slug})

    @property
    def tzinfo(self) -> ZoneInfo:
        """The region's time zone: call deadlines and case years are read in it."""
        return ZoneInfo(COUNTRY_TIME_ZONES.get(self.country, settings.TIME_ZONE))

    def clean(self) -> None:
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This address is reserved; choose another slug.")}
            )


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def for_object(self, obj: models.Model) -> AuditEntryQuerySet:
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )

    def update(self, **kwargs: Any) -> int:
        raise ValidationError(_("Audit entries cannot be changed."))

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValidationError(_("Audit entries cannot be deleted."))


class AuditEntry(models.Model):
    """One append-only record of a write: who did what to which object, and what changed."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_repr = models.CharField(_("actor name"), max_length=255, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.PROTECT
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=255)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError(_("Audit entries cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValidationError(_("Audit entries cannot be deleted."))

    @property
    def action_label(self) -> str:
        from samverka.core.audit import action_label

        return str(action_label(self.action))


class RegionCopiedModel(models.Model):
    """Abstract: a `region` copied on every save from the object that `region_from`
    names (a foreign key of this model), so that scope filters on many rows (goals,
    observations, activities) need no join up to their owner."""

    region_from: str = ""

    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text=_("Copied from the owning object on save."),
    )

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.region_id = getattr(self, self.region_from).region_id
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "region" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "region"]
        super().save(*args, **kwargs)


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A message to one user about something that concerns them, shown in the app
    (and usually also sent by e-mail). The text is written in the recipient's
    language when it is made, so it reads the same later."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=80)
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed = models.BooleanField(_("sent by e-mail"), default=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["recipient", "read_at"], name="core_notification_unread"
            )
        ]

    def __str__(self) -> str:
        return self.subject
