from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "samverka.records"
    label = "records"
    verbose_name = _("Case register")

    def ready(self) -> None:
        from samverka.accounts.policies import roles_by_region
        from samverka.core import audit
        from samverka.core.navigation import MenuItem, register_menu_item
        from samverka.records import policies
        from samverka.records.models import Case

        audit.register_action("records.case_open", _("Case opened"))
        audit.register_action("records.document_register", _("Document registered"))
        audit.register_history(
            Case,
            lambda user: Case.objects.filter(region_id__in=list(roles_by_region(user))),
        )
        register_menu_item(
            MenuItem(
                key="records.cases",
                label=_("Case register"),
                url_name="records:case_list",
                allowed=policies.can_view_register,
                order=330,
            )
        )
