from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "samverka.geo"
    label = "geo"
    verbose_name = _("Geography")

    def ready(self) -> None:
        from samverka.core import audit

        audit.register_action("geo.load", _("Reference geography loaded"))
