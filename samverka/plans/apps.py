from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "samverka.plans"
    label = "plans"
    verbose_name = _("Action plans")

    def ready(self) -> None:
        from samverka.accounts.policies import roles_by_region
        from samverka.core import audit
        from samverka.core.navigation import (
            DashboardPanel,
            MenuItem,
            register_dashboard_panel,
            register_menu_item,
        )
        from samverka.plans import policies, report_sections, selectors
        from samverka.plans.models import ActionPlan, Activity

        for code, label in (
            ("plans.plan_create", _("Action plan started")),
            ("plans.plan_update", _("Action plan changed")),
            ("plans.plan_adopt", _("Action plan adopted")),
            ("plans.plan_archive", _("Action plan archived")),
            ("plans.activity_create", _("Activity added")),
            ("plans.activity_update", _("Activity changed")),
            ("plans.activity_delete", _("Activity removed")),
            ("plans.activity_reorder", _("Activities reordered")),
            ("plans.activity_goal_set", _("Activity linked to goal")),
            ("plans.activity_goal_remove", _("Activity unlinked from goal")),
            ("plans.spreadsheet_import", _("Spreadsheet imported")),
        ):
            audit.register_action(code, label)
        audit.register_history(
            ActionPlan,
            lambda user: ActionPlan.objects.filter(
                region_id__in=list(roles_by_region(user))
            ),
        )
        audit.register_history(
            Activity,
            lambda user: Activity.objects.filter(
                region_id__in=list(roles_by_region(user))
            ),
        )
        register_menu_item(
            MenuItem(
                key="plans.action_plans",
                label=_("Action plans"),
                url_name="plans:staff_plan_list",
                allowed=policies.can_view_plans_staff,
                order=210,
            )
        )
        register_dashboard_panel(
            DashboardPanel(
                key="plans.summary",
                title=_("Action plans"),
                template="plans/panels/_plans_summary.html",
                allowed=lambda user, region: (
                    region is not None and policies.can_view_plans_staff(user, region)
                ),
                context=lambda user, region: selectors.plans_summary(region),
                order=210,
            )
        )
        # The plans app's part of the strategy follow-up report.
        report_sections.register()
