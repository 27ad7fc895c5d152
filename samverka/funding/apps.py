from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "samverka.funding"
    label = "funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        from samverka.accounts.policies import roles_by_region
        from samverka.core import audit
        from samverka.core.navigation import (
            DashboardPanel,
            MenuItem,
            register_dashboard_panel,
            register_menu_item,
        )
        from samverka.funding import policies, selectors
        from samverka.funding.models import Call, Fund

        for code, label in (
            ("funding.fund_create", _("Fund added")),
            ("funding.fund_update", _("Fund changed")),
            ("funding.appropriation_set", _("Appropriation set")),
            ("funding.call_create", _("Call started")),
            ("funding.call_update", _("Call changed")),
            ("funding.call_publish", _("Call published")),
            ("funding.call_archive", _("Call archived")),
            ("funding.call_delete", _("Draft call deleted")),
            ("funding.criterion_create", _("Assessment criterion added")),
            ("funding.criterion_update", _("Assessment criterion changed")),
            ("funding.criterion_delete", _("Assessment criterion removed")),
            ("funding.indicator_create", _("Project indicator added")),
            ("funding.indicator_update", _("Project indicator changed")),
            ("funding.indicator_delete", _("Project indicator removed")),
            ("funding.attachment_create", _("Required attachment added")),
            ("funding.attachment_update", _("Required attachment changed")),
            ("funding.attachment_delete", _("Required attachment removed")),
            ("funding.commit", _("Amount committed")),
            ("funding.delegation_set", _("Delegation limit set")),
            ("funding.delegation_delete", _("Delegation limit removed")),
        ):
            audit.register_action(code, label)
        audit.register_history(
            Fund,
            lambda user: Fund.objects.filter(region_id__in=list(roles_by_region(user))),
        )
        audit.register_history(
            Call,
            lambda user: Call.objects.filter(region_id__in=list(roles_by_region(user))),
        )
        register_menu_item(
            MenuItem(
                key="funding.funds",
                label=_("Funds"),
                url_name="funding:staff_fund_list",
                allowed=policies.can_view_funding_staff,
                order=300,
            )
        )
        register_menu_item(
            MenuItem(
                key="funding.calls",
                label=_("Calls"),
                url_name="funding:staff_call_list",
                allowed=policies.can_view_funding_staff,
                order=310,
            )
        )
        register_dashboard_panel(
            DashboardPanel(
                key="funding.summary",
                title=_("Funds and calls"),
                template="funding/panels/_funding_summary.html",
                allowed=lambda user, region: (
                    region is not None and policies.can_view_funding_staff(user, region)
                ),
                context=lambda user, region: selectors.funding_summary(region),
                order=300,
            )
        )
