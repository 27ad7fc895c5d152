from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "samverka.decisions"
    label = "decisions"
    verbose_name = _("Decisions")

    def ready(self) -> None:
        from samverka.core import audit
        from samverka.decisions import navigation

        for code, label in (
            ("decisions.decide", _("Decision taken")),
            ("decisions.condition_resolve", _("Condition resolved")),
            ("decisions.committee_create", _("Committee added")),
            ("decisions.meeting_create", _("Meeting planned")),
            ("decisions.meeting_hold", _("Meeting held")),
            ("decisions.agenda_add", _("Put on the agenda")),
            ("decisions.agenda_remove", _("Taken off the agenda")),
            ("decisions.document_register", _("Decision documents registered")),
        ):
            audit.register_action(code, label)
        navigation.register()
