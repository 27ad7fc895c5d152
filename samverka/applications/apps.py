from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "samverka.applications"
    label = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from samverka.actors.policies import has_memberships
        from samverka.applications import navigation, panels, policies
        from samverka.applications.models import Application
        from samverka.core import audit
        from samverka.core.navigation import DashboardPanel, register_dashboard_panel

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
            ("applications.accept", _("Application accepted for assessment")),
            ("applications.invite_full", _("Invited to a full application")),
            ("applications.decided", _("Application decided")),
            ("applications.filter_save", _("Inbox filter saved")),
            ("applications.filter_delete", _("Inbox filter deleted")),
        ):
            audit.register_action(code, label)
        navigation.register()
        register_dashboard_panel(
            DashboardPanel(
                key="applications.mine",
                title=_("My applications"),
                template="applications/panels/_my_applications.html",
                allowed=lambda user, region: region is None and has_memberships(user),
                context=lambda user, region: panels.my_applications(user),
                order=55,
            )
        )
        audit.register_history(Application, policies.applications_of_staff)
