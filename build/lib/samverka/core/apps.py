from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samverka.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from samverka.core import audit

        audit.register_action("core.region_create", _("Region created"))
        audit.register_action("core.region_update", _("Region updated"))
