from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "samverka.plans"
    label = "plans"
    verbose_name = _("Action plans")

    def ready(self) -> None:
        from samverka.accounts.policies import roles_by_region
        from samverka.core import audit
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
