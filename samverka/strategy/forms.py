"""Staff forms of strategies, their documents and goal trees.

The forms only parse input: the services in `strategy.services` validate the models and
write. A form that edits a translatable model also offers the texts in other languages
(`TranslationFieldsMixin`) and hands them to the service as one `translations` value.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from samverka.core.models import Region
from samverka.strategy import policies
from samverka.strategy.choices import StrategyLevel
from samverka.strategy.models import (
    Goal,
    SdgGoal,
    SdgTarget,
    Strategy,
    StrategyDocument,
)
from samverka.strategy.selectors import flatten, goal_tree

#: The largest document a strategist may attach (20 MB).
MAX_DOCUMENT_SIZE = 20 * 1024 * 1024

#: The languages a strategy's texts may be translated into on the staff pages, in order.
TRANSLATION_LANGUAGES = ("en", "sv", "da", "nb", "fi")

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: next to a field where it names one
    the form has, in the summary otherwise."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _language_name(code: str) -> Any:
    return dict(settings.LANGUAGES).get(code, code)


class ServiceModelForm(forms.ModelForm):
    """A model form that only parses input; the service validates the model and saves,
    so the instance stays as stored and the service's audit diff is true."""

    def _post_clean(self) -> None:
        return


class TranslationFieldsMixin(forms.BaseForm):
    """Extra fields for the texts in other languages, named ``<field>__<language>``.

    `translation_languages` are offered, less the source language (the region's).
    Translations of languages the form does not offer are kept as they are.
    """

    translated_fields: Sequence[str] = ()
    translation_languages: Sequence[str] = ("en",)
    source_language: str = "en"
    stored_translations: dict[str, dict[str, str]]

    def add_translation_fields(
        self, *, source_language: str, stored: dict[str, dict[str, str]] | None
    ) -> None:
        self.source_language = source_language
        self.stored_translations = {
            code: dict(texts) for code, texts in (stored or {}).items()
        }
        model = self._meta.model  # type: ignore[attr-defined]
        for code in self.offered_languages():
            for name in self.translated_fields:
                model_field = model._meta.get_field(name)
                widget: forms.Widget
                if isinstance(self.fields[name].widget, forms.Textarea):
                    widget = forms.Textarea(attrs={"rows": 3, "lang": code})
                else:
                    widget = forms.TextInput(attrs={"lang": code})
                self.fields[f"{name}__{code}"] = forms.CharField(
                    label=format_lazy(
                        "{} ({})",
                        capfirst(model_field.verbose_name),
                        _language_name(code),
                    ),
                    required=False,
                    max_length=getattr(model_field, "max_length", None),
                    widget=widget,
                    initial=self.stored_translations.get(code, {}).get(name, ""),
                )

    def offered_languages(self) -> list[str]:
        return [c for c in self.translation_languages if c != self.source_language]

    def translation_field_names(self) -> list[str]:
        return [
            f"{name}__{code}"
            for code in self.offered_languages()
            for name in self.translated_fields
        ]

    def translations_value(self) -> dict[str, dict[str, str]]:
        """The stored translations with the offered languages replaced by the input."""
        result = {code: dict(texts) for code, texts in self.stored_translations.items()}
        for code in self.offered_languages():
            texts = result.get(code, {})
            for name in self.translated_fields:
                text = (self.cleaned_data.get(f"{name}__{code}") or "").strip()
                if text:
                    texts[name] = text
                else:
                    texts.pop(name, None)
            if texts:
                result[code] = texts
            else:
                result.pop(code, None)
        return result

    def translations_open(self) -> bool:
        """Show the translations unfolded when one is filled in or wrong."""
        return any(
            bound.value() or bound.errors for bound in self.translation_bound_fields()
        )

    def translation_bound_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.translation_field_names()]

    def main_bound_fields(self) -> list[forms.BoundField]:
        skip = {*self.translation_field_names(), "revision"}
        return [self[name] for name in self.fields if name not in skip]

    def service_data(self) -> dict[str, Any]:
        """`cleaned_data` as the service takes it."""
        skip = {*self.translation_field_names(), "revision"}
        data = {k: v for k, v in self.cleaned_data.items() if k not in skip}
        data["translations"] = self.translations_value()
        return data


# Strategies ---------------------------------------------------------------------------


class StrategyForm(TranslationFieldsMixin, ServiceModelForm):
    """A region's strategy: texts, period, owner, level and the strategies it serves."""

    translated_fields = ("title", "summary")
    translation_languages = TRANSLATION_LANGUAGES

    revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Strategy
        fields = [
            "title",
            "short_name",
            "summary",
            "start_year",
            "end_year",
            "owner",
            "level",
            "serves",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "serves": forms.CheckboxSelectMultiple,
            "start_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "end_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args: Any, region: Region, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = self.instance if self.instance.pk else None
        self.fields["level"] = forms.ChoiceField(
            label=capfirst(Strategy._meta.get_field("level").verbose_name),
            choices=[
                (StrategyLevel.REGIONAL.value, StrategyLevel.REGIONAL.label),
                (StrategyLevel.LOCAL.value, StrategyLevel.LOCAL.label),
            ],
            initial=instance.level if instance else StrategyLevel.REGIONAL,
        )
        serves = (
            policies.strategies_visible_to(user)
            .filter(Q(region__isnull=True) | Q(region=region))
            .select_related("region")
            .order_by("region", "level", "title", "version")
        )
        if instance is not None:
            serves = serves.exclude(pk=instance.pk)
        field = self.fields["serves"]
        field.queryset = serves  # type: ignore[attr-defined]
        field.label_from_instance = (  # type: ignore[attr-defined]
            lambda s: f"{s.localised('title')} {s.period} ({s.get_level_display()})"
        )
        field.help_text = _("The higher-level strategies this strategy contributes to.")
        if instance is not None:
            self.fields["revision"].initial = instance.revision
        self.add_translation_fields(
            source_language=str(region.default_language),
            stored=instance.translations if instance else None,
        )


class StrategyAdoptForm(forms.Form):
    adopted_on = forms.DateField(
        label=_("Adopted on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    decision_reference = forms.CharField(
        label=_("Decision reference"),
        required=False,
        max_length=100,
    )


def document_type(upload: UploadedFile) -> str | None:
    """'pdf', 'docx' or 'odt' when the file's content is one, else None (the file
    name and the browser's content type are not trusted)."""
    upload.seek(0)
    head = upload.read(8)
    try:
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"PK\x03\x04"):
            upload.seek(0)
            try:
                with zipfile.ZipFile(upload) as archive:
                    names = set(archive.namelist())
                    if "word/document.xml" in names and "[Content_Types].xml" in names:
                        return "docx"
                    if (
                        "mimetype" in names
                        and archive.read("mimetype").strip() == ODT_MIMETYPE
                    ):
                        return "odt"
            except (zipfile.BadZipFile, OSError, KeyError):
                return None
        return None
    finally:
        upload.seek(0)


class StrategyDocumentForm(ServiceModelForm):
    class Meta:
        model = StrategyDocument
        fields = ["kind", "title", "language", "file"]

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = region.default_language
        self.fields["file"].help_text = _(
            "A PDF, Word (DOCX) or OpenDocument text file of at most 20 MB."
        )
        self.fields["file"].widget.attrs["accept"] = (
            ".pdf,.docx,.odt,application/pdf,"
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
            "application/vnd.oasis.opendocument.text"
        )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_DOCUMENT_SIZE:
            raise ValidationError(
                _("The file is larger than %(size)s MB.")
                % {"size": MAX_DOCUMENT_SIZE // (1024 * 1024)},
                code="too_large",
            )
        if document_type(upload) is None:
            raise ValidationError(
                _(
                    "The file is not a PDF, Word (DOCX) or OpenDocument text file, "
                    "whatever its name says."
                ),
                code="wrong_type",
            )
        return upload


# Goals --------------------------------------------------------------------------------


def _sdg_goal_label(goal: SdgGoal) -> str:
    return f"{goal.number}. {goal.title()}"


def sdg_target_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """The SDG targets grouped by their goal, for a grouped multi-select."""
    groups: dict[int, tuple[str, list[tuple[int, str]]]] = {}
    for target in SdgTarget.objects.select_related("goal").order_by(
        "goal__number", "order", "code"
    ):
        options = groups.setdefault(
            target.goal.number, (_sdg_goal_label(target.goal), [])
        )[1]
        text = target.text()
        if len(text) > 90:
            text = text[:89].rstrip() + "…"
        options.append((target.pk, f"{target.code} {text}".strip()))
    return list(groups.values())


class GoalForm(TranslationFieldsMixin, ServiceModelForm):
    """A goal of the tree: kind, code, texts, place in the tree and SDG links."""

    translated_fields = ("title", "description")
    translation_languages = ("en",)

    sdg_targets = forms.TypedMultipleChoiceField(
        label=_("SDG targets"),
        required=False,
        coerce=int,
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose more than one."),
    )
    revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Goal
        fields = ["kind", "code", "title", "description", "parent", "sdg_goals"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "sdg_goals": forms.CheckboxSelectMultiple,
            "code": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    def __init__(
        self,
        *args: Any,
        strategy: Strategy,
        goals: Sequence[Goal] | None = None,
        inline: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.strategy = strategy
        if inline:
            # Swapped into the tree with htmx: the focus moves to the title.
            self.fields["title"].widget.attrs["autofocus"] = True
        instance = self.instance if self.instance.pk else None
        # The parent choices in tree order, indented by depth. The goal itself is left
        # out; a goal below it stays, so that the service can name the cycle.
        nodes = flatten(goal_tree(strategy, goals))
        labels = {
            node.goal.pk: "— " * node.depth
            + f"{node.goal.code} {node.goal.localised('title')}".strip()
            for node in nodes
        }
        parent = self.fields["parent"]
        parent.queryset = strategy.goals.all()  # type: ignore[attr-defined]
        parent.empty_label = _("None (top level)")  # type: ignore[attr-defined]
        parent.choices = [  # type: ignore[attr-defined]
            ("", _("None (top level)")),
            *[
                (node.goal.pk, labels[node.goal.pk])
                for node in nodes
                if instance is None or node.goal.pk != instance.pk
            ],
        ]
        parent.help_text = _("The goal this goal is part of.")
        sdg_goals = self.fields["sdg_goals"]
        sdg_goals.queryset = SdgGoal.objects.order_by("number")  # type: ignore[attr-defined]
        sdg_goals.label_from_instance = _sdg_goal_label  # type: ignore[attr-defined]
        sdg_goals.help_text = ""
        # Beside the kind in one row: labels and boxes line up without help text.
        self.fields["code"].help_text = ""
        self.fields["sdg_targets"].choices = sdg_target_choices()  # type: ignore[attr-defined]
        if instance is not None:
            self.fields["revision"].initial = instance.revision
            self.fields["sdg_targets"].initial = [
                t.pk for t in instance.sdg_targets.all()
            ]
        self.add_translation_fields(
            source_language=strategy.source_language,
            stored=instance.translations if instance else None,
        )

    def clean_sdg_targets(self) -> list[SdgTarget]:
        ids = self.cleaned_data.get("sdg_targets") or []
        return list(SdgTarget.objects.filter(pk__in=ids))


class GoalMoveForm(forms.Form):
    """Where a goal goes: under `parent` (empty: the top level) at `position`."""

    parent = forms.ModelChoiceField(queryset=Goal.objects.none(), required=False)
    position = forms.IntegerField(min_value=0)
    direction = forms.ChoiceField(
        required=False,
        choices=[
            ("", ""),
            ("up", "up"),
            ("down", "down"),
            ("indent", "indent"),
            ("outdent", "outdent"),
        ],
    )

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = strategy.goals.all()  # type: ignore[attr-defined]
