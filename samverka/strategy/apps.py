from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "samverka.strategy"
    label = "strategy"
    verbose_name = _("Strategy")

    def ready(self) -> None:
        from samverka.core import audit
        from samverka.core.navigation import (
            DashboardPanel,
            MenuItem,
            register_dashboard_panel,
            register_menu_item,
        )
        from samverka.strategy import policies, selectors
        from samverka.strategy.models import Goal, GoalInteraction, Indicator, Strategy

        for code, label in (
            ("strategy.strategy_create", _("Strategy started")),
            ("strategy.strategy_update", _("Strategy changed")),
            ("strategy.strategy_adopt", _("Strategy adopted")),
            ("strategy.strategy_supersede", _("Strategy superseded by a new version")),
            ("strategy.strategy_new_version", _("New version of the strategy started")),
            ("strategy.strategy_delete", _("Draft strategy deleted")),
            ("strategy.document_add", _("Document attached")),
            ("strategy.document_remove", _("Document removed")),
            ("strategy.goal_create", _("Goal added")),
            ("strategy.goal_update", _("Goal changed")),
            ("strategy.goal_move", _("Goal moved")),
            ("strategy.goal_delete", _("Goal removed")),
            ("strategy.interaction_set", _("Goal interaction assessed")),
            ("strategy.interaction_remove", _("Goal interaction removed")),
            ("strategy.indicator_create", _("Indicator defined")),
            ("strategy.indicator_update", _("Indicator changed")),
            ("strategy.goal_indicator_add", _("Indicator linked to goal")),
            ("strategy.goal_indicator_update", _("Baseline changed")),
            ("strategy.goal_indicator_remove", _("Indicator unlinked from goal")),
            ("strategy.target_set", _("Target set")),
            ("strategy.observations_write", _("Observations written")),
            ("strategy.observation_delete", _("Observation removed")),
            ("strategy.import_start", _("Statistics import started")),
            ("strategy.spreadsheet_import", _("Spreadsheet imported")),
        ):
            audit.register_action(code, label)

        from samverka.accounts.policies import roles_by_region

        def staff_scope(model):
            # Staff with any role in a region read the history of its objects.
            return lambda user: model.objects.filter(
                region_id__in=list(roles_by_region(user))
            )

        audit.register_history(Strategy, staff_scope(Strategy))
        audit.register_history(Goal, staff_scope(Goal))
        audit.register_history(GoalInteraction, staff_scope(GoalInteraction))
        audit.register_history(Indicator, staff_scope(Indicator))

        register_menu_item(
            MenuItem(
                key="strategy.strategies",
                label=_("Strategy"),
                url_name="strategy:staff_strategy_list",
                allowed=policies.can_view_strategy_staff,
                order=200,
            )
        )
        register_menu_item(
            MenuItem(
                key="strategy.indicators",
                label=_("Indicators"),
                url_name="strategy:staff_indicator_list",
                allowed=policies.can_view_strategy_staff,
                order=205,
            )
        )
        register_dashboard_panel(
            DashboardPanel(
                key="strategy.summary",
                title=_("Strategy follow-up"),
                template="strategy/panels/_strategy_summary.html",
                allowed=lambda user, region: (
                    region is not None
                    and policies.can_view_strategy_staff(user, region)
                ),
                context=lambda user, region: selectors.strategy_summary(region=region),
                order=200,
            )
        )
