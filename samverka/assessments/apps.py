from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "samverka.assessments"
    label = "assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        from samverka.assessments import navigation
        from samverka.core import audit

        for code, label in (
            ("assessments.assign", _("Assessor assigned")),
            ("assessments.unassign", _("Assessor removed")),
            ("assessments.declare", _("Conflict-of-interest declaration")),
            ("assessments.scores_save", _("Scores saved")),
            ("assessments.scores_submit", _("Scores submitted")),
            ("assessments.formal_check", _("Formal check recorded")),
            ("assessments.recommend", _("Recommendation written")),
            ("assessments.sustainability", _("Sustainability assessment saved")),
            ("assessments.conflict_propose", _("Goal conflicts proposed")),
            ("assessments.conflict_add", _("Goal conflict raised")),
            ("assessments.conflict_weigh", _("Goal conflict weighed")),
        ):
            audit.register_action(code, label)
        navigation.register()
