from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "samverka.applications"
    label = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from samverka.accounts.policies import roles_by_region
        from samverka.applications.choices import ApplicationStatus
        from samverka.applications.models import Application
        from samverka.core import audit

        for code, label in (
            ("applications.start", _("Application started")),
            ("applications.draft_save", _("Application draft saved")),
            ("applications.partner_add", _("Partner added")),
            ("applications.partner_remove", _("Partner removed")),
            ("applications.partner_accept", _("Invitation taken up")),
            ("applications.attachment_add", _("Attachment added")),
            ("applications.attachment_remove", _("Attachment removed")),
            ("applications.submit", _("Application submitted")),
            ("applications.withdraw", _("Application withdrawn")),
            ("applications.officer_assign", _("Officer assigned")),
            ("applications.completion_request", _("Completion requested")),
            ("applications.invite_full", _("Invited to a full application")),
            ("applications.filter_save", _("Inbox filter saved")),
            ("applications.filter_delete", _("Inbox filter deleted")),
        ):
            audit.register_action(code, label)
        audit.register_history(
            Application,
            lambda user: Application.objects.filter(
                region_id__in=list(roles_by_region(user))
            ).exclude(status=ApplicationStatus.DRAFT),
        )
