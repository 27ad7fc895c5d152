"""Staff screens of a region's strategies: versions, documents and the goal tree editor.

Every page lives under ``staff/<region>/strategy/``. Any staff role of the region reads
(`can_view_strategy_staff`); strategists and region administrators write
(`can_change_strategy`), and a POST by anyone else is 403. Strategies come from
`strategies_visible_to` filtered by the region, so another region's strategy is a 404.

The goal tree editor works with htmx and without it: an htmx request gets a partial
(the tree, or an inline goal form), a plain request a full page or a redirect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseBase,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django_htmx.http import reswap, retarget

from samverka.accounts.mixins import RegionStaffMixin
from samverka.accounts.models import User
from samverka.accounts.policies import can_view_history
from samverka.core.errors import STALE_EDIT
from samverka.strategy import policies, selectors, services
from samverka.strategy.choices import GoalKind, StrategyStatus
from samverka.strategy.diff import compare_versions, order_versions
from samverka.strategy.forms import (
    GoalForm,
    GoalMoveForm,
    StrategyAdoptForm,
    StrategyDocumentForm,
    StrategyForm,
    add_service_errors,
)
from samverka.strategy.models import Goal, Strategy, StrategyDocument

TREE_TEMPLATE = "strategy/staff/partials/_goal_tree.html"
INLINE_FORM_TEMPLATE = "strategy/staff/partials/_goal_form_inline.html"
#: The kind a new goal gets under a parent of each kind.
CHILD_KIND: dict[str, str] = {
    GoalKind.VISION: GoalKind.PRIORITY_AREA,
    GoalKind.PRIORITY_AREA: GoalKind.GOAL,
    GoalKind.GOAL: GoalKind.SUB_GOAL,
}
FOCUS_ACTIONS = ("edit", "add", "up", "down", "indent", "outdent", "delete")


def _actor(request: HttpRequest) -> User:
    """The acting user: every page here is behind the login."""
    return cast(User, request.user)


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _is_stale(exc: ValidationError) -> bool:
    return not hasattr(exc, "error_dict") and any(
        error.code == STALE_EDIT for error in exc.error_list
    )


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple | set | QuerySet):
        return ", ".join(sorted(str(v) for v in value))
    return str(value)


def keep_input_after_stale_edit(form: Any, current: Any) -> None:
    """After a refused stale save: keep what the user typed, take the current revision
    (so the next save goes through) and list what the other save changed."""
    data = form.data.copy()
    data["revision"] = str(current.revision)
    form.data = data
    saved_meanwhile = []
    stored_translations = current.translations or {}
    for bound in form.main_bound_fields():
        name = bound.name
        if name not in form.cleaned_data:
            continue
        stored: Any = getattr(current, name, None)
        if stored is not None and hasattr(stored, "all"):
            stored = list(stored.all())
        if _as_text(stored) != _as_text(form.cleaned_data[name]):
            saved_meanwhile.append((bound.label, _as_text(stored)))
    for bound in form.translation_bound_fields():
        field_name, code = bound.name.split("__")
        stored = stored_translations.get(code, {}).get(field_name, "")
        if stored != (form.cleaned_data.get(bound.name) or ""):
            saved_meanwhile.append((bound.label, stored))
    form.saved_meanwhile = saved_meanwhile


# Access -------------------------------------------------------------------------------


class StrategyStaffMixin(RegionStaffMixin):
    """The region of the URL, for any staff role there (`can_view_strategy_staff`)."""

    permission = staticmethod(policies.can_view_strategy_staff)


class StrategyObjectMixin:
    """Resolve the strategy of the URL among those the user sees in the region (404).

    Runs after `StrategyStaffMixin` has resolved the region (put it after that mixin). With `writes`, every
    request needs `can_change_strategy`; otherwise only POSTs do (403).
    """

    strategy_kwarg: ClassVar[str] = "pk"
    writes: ClassVar[bool] = True
    region: Any
    request: HttpRequest
    strategy: Strategy
    can_edit: bool

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        self.strategy = get_object_or_404(
            policies.strategies_visible_to(request.user)
            .filter(region=self.region)
            .select_related("region", "previous_version"),
            pk=kwargs[self.strategy_kwarg],
        )
        allowed = policies.can_change_strategy(request.user, self.strategy)
        if (self.writes or request.method not in ("GET", "HEAD")) and not allowed:
            raise PermissionDenied
        self.can_edit = allowed and self.strategy.status != StrategyStatus.SUPERSEDED
        self.load_related(**kwargs)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def load_related(self, **kwargs: Any) -> None:
        """Resolve objects inside the strategy (a goal, a document)."""

    def detail_url(self, anchor: str = "") -> str:
        url = reverse(
            "strategy:staff_strategy_detail", args=[self.region.slug, self.strategy.pk]
        )
        return f"{url}#{anchor}" if anchor else url

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["strategy"] = self.strategy
        context["can_edit"] = self.can_edit
        context["detail_url"] = self.detail_url()
        return context


class GoalObjectMixin(StrategyObjectMixin):
    """A goal of the strategy (404 when it belongs to another)."""

    strategy_kwarg = "strategy_pk"
    goal: Goal

    def load_related(self, **kwargs: Any) -> None:
        self.goal = get_object_or_404(
            selectors.goal_queryset(self.strategy), pk=kwargs["pk"]
        )


# The goal tree editor -----------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    """A move button: the direction, its symbol and label, and where it puts the goal
    (None when the move is not possible)."""

    direction: str
    symbol: str
    label: str
    parent_id: int | None = None
    position: int | None = None

    @property
    def possible(self) -> bool:
        return self.position is not None


@dataclass
class EditorNode:
    goal: Goal
    depth: int
    children: list[EditorNode] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    focus: str = ""

    def move(self, direction: str) -> Move | None:
        return next((m for m in self.moves if m.direction == direction), None)


def _moves(
    goal: Goal,
    parent: selectors.GoalNode | None,
    index: int,
    siblings: list[selectors.GoalNode],
    grandparent_siblings: list[selectors.GoalNode],
) -> list[Move]:
    title = goal.localised("title")
    parent_id = parent.goal.pk if parent else None
    nowhere: tuple[int | None, int | None] = (None, None)
    up = down = indent = outdent = nowhere
    if index > 0:
        up = (parent_id, index - 1)
        previous = siblings[index - 1]
        indent = (previous.goal.pk, len(previous.children))
    if index < len(siblings) - 1:
        down = (parent_id, index + 1)
    if parent is not None:
        parent_index = next(
            i for i, n in enumerate(grandparent_siblings) if n.goal.pk == parent.goal.pk
        )
        outdent = (parent.goal.parent_id, parent_index + 1)
    return [
        Move("up", "↑", _("Move “%(goal)s” up") % {"goal": title}, *up),
        Move("down", "↓", _("Move “%(goal)s” down") % {"goal": title}, *down),
        Move(
            "indent",
            "→",
            _("Make “%(goal)s” a sub-goal of the goal above") % {"goal": title},
            *indent,
        ),
        Move(
            "outdent",
            "←",
            _("Move “%(goal)s” out one level") % {"goal": title},
            *outdent,
        ),
    ]


def editor_tree(
    roots: list[selectors.GoalNode], focus: tuple[int, str] | None = None
) -> list[EditorNode]:
    """The goal tree with each goal's move buttons; `focus` (goal id, action) marks the
    control that gets the focus after an htmx swap."""

    def build(
        nodes: list[selectors.GoalNode],
        parent: selectors.GoalNode | None,
        parent_siblings: list[selectors.GoalNode],
    ) -> list[EditorNode]:
        result = []
        for index, node in enumerate(nodes):
            editor = EditorNode(
                goal=node.goal,
                depth=node.depth,
                children=build(node.children, node, nodes),
                moves=_moves(node.goal, parent, index, nodes, parent_siblings),
            )
            if focus is not None and focus[0] == node.goal.pk:
                editor.focus = _focus_action(editor, focus[1])
            result.append(editor)
        return result

    return build(roots, None, [])


def _focus_action(node: EditorNode, action: str) -> str:
    """The control to focus: the one asked for, or (when that move is no longer
    possible) the opposite move, or the edit link."""
    move = node.move(action)
    if move is None:
        return action if action in FOCUS_ACTIONS else "edit"
    if move.possible:
        return action
    opposite = {"up": "down", "down": "up", "indent": "outdent", "outdent": "indent"}
    other = node.move(opposite[action])
    return other.direction if other is not None and other.possible else "edit"


def tree_context(
    strategy: Strategy,
    *,
    can_edit: bool,
    focus: tuple[int, str] | None = None,
    status: str = "",
    error: str = "",
    focus_root_add: bool = False,
) -> dict[str, Any]:
    # The goal's own region gives its source language (`localised`): join it too.
    goals = list(selectors.goal_queryset(strategy).select_related("region"))
    return {
        "strategy": strategy,
        "region": strategy.region,
        "nodes": editor_tree(selectors.goal_tree(strategy, goals), focus),
        "goal_count": len(goals),
        "can_edit": can_edit,
        "htmx_status": status,
        "tree_error": error,
        "focus_root_add": focus_root_add,
    }


def render_tree(
    request: HttpRequest, strategy: Strategy, **kwargs: Any
) -> HttpResponse:
    context = tree_context(strategy, **kwargs)
    context["is_partial"] = True
    return render(request, TREE_TEMPLATE, context)


# Strategies -----------------------------------------------------------------------------


class StrategyListView(StrategyStaffMixin, TemplateView):
    """The region's strategies, each with its versions, newest first."""

    template_name = "strategy/staff/strategy_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        strategies = list(
            policies.strategies_visible_to(self.request.user)
            .filter(region=self.region)
            .order_by("-start_year", "title", "-version")
        )
        by_previous = {s.previous_version_id: s for s in strategies}
        chains = []
        for first in (s for s in strategies if s.previous_version_id is None):
            chain = [first]
            while chain[-1].pk in by_previous:
                chain.append(by_previous[chain[-1].pk])
            chains.append(list(reversed(chain)))
        listed = {s.pk for chain in chains for s in chain}
        chains.extend([s] for s in strategies if s.pk not in listed)
        context["chains"] = chains
        context["can_create"] = policies.can_edit_strategy(
            self.request.user, self.region
        )
        return context


class StrategyCreateView(RegionStaffMixin, FormView):
    template_name = "strategy/staff/strategy_form.html"
    form_class = StrategyForm
    permission = staticmethod(policies.can_edit_strategy)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["region"] = self.region
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form: StrategyForm) -> HttpResponse:
        try:
            strategy = services.strategy_create(
                region=self.region, by=_actor(self.request), data=form.service_data()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The strategy was started as a draft."))
        return redirect(
            "strategy:staff_strategy_detail",
            region_slug=self.region.slug,
            pk=strategy.pk,
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("New strategy")
        context["cancel_url"] = reverse(
            "strategy:staff_strategy_list", args=[self.region.slug]
        )
        return context


class StrategyDetailView(StrategyStaffMixin, StrategyObjectMixin, TemplateView):
    """A strategy's overview, documents and versions, and the goal tree editor.

    An htmx request gets only the goal tree (used by the editor's Cancel links), with
    the focus on ``?focus=<goal id>-<action>``.
    """

    template_name = "strategy/staff/strategy_detail.html"
    writes = False

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if _is_htmx(request):
            focus = request.GET.get("focus", "")
            return render_tree(
                request,
                self.strategy,
                can_edit=self.can_edit,
                focus=self._focus(focus),
                focus_root_add=focus == "root-add",
            )
        return super().get(request, *args, **kwargs)

    @staticmethod
    def _focus(value: str) -> tuple[int, str] | None:
        goal_id, _sep, action = value.partition("-")
        if goal_id.isdigit() and action in FOCUS_ACTIONS:
            return int(goal_id), action
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        strategy = self.strategy
        user = self.request.user
        context.update(tree_context(strategy, can_edit=self.can_edit))
        context["versions"] = selectors.version_chain(strategy)
        context["documents"] = list(strategy.documents.all())
        context["serves"] = list(strategy.serves.select_related("region"))
        context["can_change"] = policies.can_change_strategy(user, strategy)
        context["has_next_version"] = Strategy.objects.filter(
            previous_version=strategy
        ).exists()
        if context["can_change"] and strategy.status == StrategyStatus.DRAFT:
            context["adopt_form"] = StrategyAdoptForm(
                initial={"decision_reference": strategy.decision_reference},
                auto_id="adopt_%s",
            )
        context["can_view_history"] = can_view_history(user, self.region)
        return context


class StrategyUpdateView(StrategyStaffMixin, StrategyObjectMixin, FormView):
    """Change a strategy; a save on top of someone else's is refused and keeps the text."""

    template_name = "strategy/staff/strategy_form.html"
    form_class = StrategyForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(
            instance=self.strategy, region=self.region, user=self.request.user
        )
        return kwargs

    def form_valid(self, form: StrategyForm) -> HttpResponse:
        try:
            services.strategy_update(
                strategy=self.strategy,
                by=_actor(self.request),
                data=form.service_data(),
                revision=form.cleaned_data.get("revision"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            if _is_stale(exc):
                current = Strategy.objects.get(pk=self.strategy.pk)
                keep_input_after_stale_edit(form, current)
            return self.form_invalid(form)
        messages.success(self.request, _("The strategy was saved."))
        return redirect(self.detail_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit %(strategy)s") % {
            "strategy": self.strategy.localised("title")
        }
        context["cancel_url"] = self.detail_url()
        return context


class StrategyAdoptView(StrategyStaffMixin, StrategyObjectMixin, FormView):
    """Record the adoption of a draft (the form sits on the detail page)."""

    template_name = "strategy/staff/strategy_adopt.html"
    form_class = StrategyAdoptForm

    def get_initial(self) -> dict[str, Any]:
        return {"decision_reference": self.strategy.decision_reference}

    def form_valid(self, form: StrategyAdoptForm) -> HttpResponse:
        try:
            services.strategy_adopt(
                strategy=self.strategy,
                by=_actor(self.request),
                adopted_on=form.cleaned_data["adopted_on"],
                decision_reference=form.cleaned_data["decision_reference"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The strategy was recorded as adopted."))
        return redirect(self.detail_url())


class StrategyNewVersionView(StrategyStaffMixin, StrategyObjectMixin, View):
    """Start the next version of an adopted strategy as a draft copy (POST only)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            new = services.strategy_new_version(
                strategy=self.strategy, by=_actor(request)
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(self.detail_url())
        messages.success(
            request,
            _("Version %(version)s was started as a draft copy.")
            % {"version": new.version},
        )
        return redirect(
            "strategy:staff_strategy_detail", region_slug=self.region.slug, pk=new.pk
        )


class StrategyDiffView(StrategyStaffMixin, StrategyObjectMixin, TemplateView):
    """What changed between this version and another (``?with=<id>``; by default the
    previous version)."""

    template_name = "strategy/staff/strategy_diff.html"
    writes = False

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        other_id = self.request.GET.get("with") or self.strategy.previous_version_id
        if other_id is None or not str(other_id).isdigit():
            raise Http404
        other = get_object_or_404(
            policies.strategies_visible_to(self.request.user).filter(
                region=self.region
            ),
            pk=int(other_id),
        )
        ordered = order_versions(self.strategy, other)
        if ordered is None:
            raise Http404
        context["diff"] = compare_versions(*ordered)
        return context


class StrategyDeleteView(StrategyStaffMixin, StrategyObjectMixin, TemplateView):
    """GET asks for confirmation; POST deletes the draft."""

    template_name = "strategy/staff/strategy_confirm_delete.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.strategy.status != StrategyStatus.DRAFT:
            messages.error(
                request, _("Only a draft can be deleted; adopted strategies are kept.")
            )
            return redirect(self.detail_url())
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.strategy_delete_draft(strategy=self.strategy, by=_actor(request))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(self.detail_url())
        messages.success(request, _("The draft was deleted."))
        return redirect("strategy:staff_strategy_list", region_slug=self.region.slug)


# Documents ----------------------------------------------------------------------------


class DocumentAddView(StrategyStaffMixin, StrategyObjectMixin, FormView):
    template_name = "strategy/staff/document_form.html"
    form_class = StrategyDocumentForm
    strategy_kwarg = "strategy_pk"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["region"] = self.region
        return kwargs

    def form_valid(self, form: StrategyDocumentForm) -> HttpResponse:
        try:
            services.strategy_document_add(
                strategy=self.strategy, by=_actor(self.request), **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The document was attached."))
        return redirect(self.detail_url("documents"))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.detail_url("documents")
        return context


class DocumentRemoveView(StrategyStaffMixin, StrategyObjectMixin, TemplateView):
    """GET asks for confirmation; POST removes the document and its file."""

    template_name = "strategy/staff/document_confirm_remove.html"
    strategy_kwarg = "strategy_pk"
    document: StrategyDocument

    def load_related(self, **kwargs: Any) -> None:
        self.document = get_object_or_404(
            StrategyDocument.objects.filter(strategy=self.strategy), pk=kwargs["pk"]
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        services.strategy_document_remove(document=self.document, by=_actor(request))
        messages.success(request, _("The document was removed."))
        return redirect(self.detail_url("documents"))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["document"] = self.document
        context["cancel_url"] = self.detail_url("documents")
        return context


# Goals --------------------------------------------------------------------------------


class GoalFormMixin(StrategyObjectMixin):
    """Shared by adding and editing a goal: a full page, or inline with htmx."""

    template_name: str | None = "strategy/staff/goal_form.html"
    form_class: type[Any] | None = GoalForm
    goal: Goal | None = None

    def get_template_names(self) -> list[str]:
        if _is_htmx(self.request):
            return [INLINE_FORM_TEMPLATE]
        return [self.template_name or "strategy/staff/goal_form.html"]

    def inline_id(self) -> str:
        raise NotImplementedError

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["strategy"] = self.strategy
        if _is_htmx(self.request):
            # Inline forms share the page: their ids must not clash.
            kwargs["auto_id"] = f"{self.inline_id()}-%s"
            kwargs["inline"] = True
        return kwargs

    def form_invalid(self, form: GoalForm) -> HttpResponse:
        response = super().form_invalid(form)  # type: ignore[misc]
        if _is_htmx(self.request):
            response = retarget(response, f"#{self.inline_slot()}")
            response = reswap(response, "innerHTML")
        return cast(HttpResponse, response)

    def inline_slot(self) -> str:
        raise NotImplementedError

    def saved(self, goal: Goal, message: str) -> HttpResponse:
        if _is_htmx(self.request):
            return render_tree(
                self.request,
                self.strategy,
                can_edit=self.can_edit,
                focus=(goal.pk, "edit"),
                status=message,
            )
        messages.success(self.request, message)
        return redirect(self.detail_url(f"goal-{goal.pk}"))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["inline_id"] = self.inline_id()
        context["inline_slot"] = self.inline_slot()
        context["goal"] = self.goal
        return context


class GoalCreateView(StrategyStaffMixin, GoalFormMixin, FormView):
    """Add a goal, under ``?parent=<id>`` when given."""

    strategy_kwarg = "strategy_pk"
    parent: Goal | None = None

    def load_related(self, **kwargs: Any) -> None:
        parent_id = self.request.GET.get("parent", "")
        if parent_id:
            if not parent_id.isdigit():
                raise Http404
            self.parent = get_object_or_404(
                Goal.objects.filter(strategy=self.strategy), pk=int(parent_id)
            )

    def inline_id(self) -> str:
        return f"new{self.parent.pk if self.parent else 'root'}"

    def inline_slot(self) -> str:
        return f"goal-{self.parent.pk if self.parent else 'root'}-new"

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        if self.parent is not None:
            initial["parent"] = self.parent.pk
            initial["kind"] = CHILD_KIND.get(self.parent.kind, GoalKind.SUB_GOAL)
        return initial

    def form_valid(self, form: GoalForm) -> HttpResponse:
        try:
            goal = services.goal_create(
                strategy=self.strategy,
                by=_actor(self.request),
                data=form.service_data(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        return self.saved(
            goal, _("“%(goal)s” was added.") % {"goal": goal.localised("title")}
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["parent"] = self.parent
        if self.parent is not None:
            context["title"] = _("Add a sub-goal to “%(goal)s”") % {
                "goal": self.parent.localised("title")
            }
            context["cancel_url"] = self.detail_url(f"goal-{self.parent.pk}")
            context["cancel_focus"] = f"{self.parent.pk}-add"
        else:
            context["title"] = _("Add a goal")
            context["cancel_url"] = self.detail_url("goals")
            context["cancel_focus"] = "root-add"
        action = reverse(
            "strategy:staff_goal_create", args=[self.region.slug, self.strategy.pk]
        )
        if self.parent is not None:
            action += f"?parent={self.parent.pk}"
        context["action_url"] = action
        return context


class GoalUpdateView(StrategyStaffMixin, GoalObjectMixin, GoalFormMixin, FormView):
    """Edit a goal: a full page, or a form swapped into the tree with htmx."""

    goal: Goal

    def inline_id(self) -> str:
        return f"goal{self.goal.pk}"

    def inline_slot(self) -> str:
        return f"goal-{self.goal.pk}-row"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.goal
        return kwargs

    def form_valid(self, form: GoalForm) -> HttpResponse:
        try:
            goal = services.goal_update(
                goal=self.goal,
                by=_actor(self.request),
                data=form.service_data(),
                revision=form.cleaned_data.get("revision"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            if _is_stale(exc):
                keep_input_after_stale_edit(form, Goal.objects.get(pk=self.goal.pk))
            return self.form_invalid(form)
        return self.saved(
            goal, _("“%(goal)s” was saved.") % {"goal": goal.localised("title")}
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        title = Goal.objects.get(pk=self.goal.pk).localised("title")
        context["title"] = _("Edit “%(goal)s”") % {"goal": title}
        context["cancel_url"] = self.detail_url(f"goal-{self.goal.pk}")
        context["cancel_focus"] = f"{self.goal.pk}-edit"
        context["action_url"] = reverse(
            "strategy:staff_goal_update",
            args=[self.region.slug, self.strategy.pk, self.goal.pk],
        )
        return context


class GoalMoveView(StrategyStaffMixin, GoalObjectMixin, View):
    """Place a goal under ``parent`` at ``position`` (POST). htmx gets the refreshed
    tree, a plain form a redirect back to the goal."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = GoalMoveForm(request.POST, strategy=self.strategy)
        if not form.is_valid():
            return HttpResponseBadRequest(_("Say where the goal goes."))
        direction = form.cleaned_data["direction"] or "edit"
        title = self.goal.localised("title")
        try:
            services.goal_move(
                goal=self.goal,
                by=_actor(request),
                parent=form.cleaned_data["parent"],
                position=form.cleaned_data["position"],
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
            if _is_htmx(request):
                self.strategy.refresh_from_db()
                return render_tree(
                    request,
                    self.strategy,
                    can_edit=self.can_edit,
                    focus=(self.goal.pk, direction),
                    error=error,
                    status=error,
                )
            messages.error(request, error)
            return redirect(self.detail_url(f"goal-{self.goal.pk}"))
        message = _("“%(goal)s” was moved.") % {"goal": title}
        if _is_htmx(request):
            return render_tree(
                request,
                self.strategy,
                can_edit=self.can_edit,
                focus=(self.goal.pk, direction),
                status=message,
            )
        messages.success(request, message)
        return redirect(self.detail_url(f"goal-{self.goal.pk}"))


class GoalDeleteView(StrategyStaffMixin, GoalObjectMixin, TemplateView):
    """GET asks for confirmation; POST removes a goal without sub-goals."""

    template_name = "strategy/staff/goal_confirm_delete.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        title = self.goal.localised("title")
        try:
            services.goal_delete(goal=self.goal, by=_actor(request))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(self.detail_url(f"goal-{self.goal.pk}"))
        messages.success(request, _("“%(goal)s” was removed.") % {"goal": title})
        return redirect(self.detail_url("goals"))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["goal"] = self.goal
        context["has_children"] = self.goal.children.exists()
        context["cancel_url"] = self.detail_url(f"goal-{self.goal.pk}")
        return context


_base = "staff/<slug:region_slug>/strategy/"
_one = _base + "<int:pk>/"
_in = _base + "<int:strategy_pk>/"

urlpatterns = [
    path(_base, StrategyListView.as_view(), name="staff_strategy_list"),
    path(_base + "new/", StrategyCreateView.as_view(), name="staff_strategy_create"),
    path(_one, StrategyDetailView.as_view(), name="staff_strategy_detail"),
    path(_one + "edit/", StrategyUpdateView.as_view(), name="staff_strategy_update"),
    path(_one + "adopt/", StrategyAdoptView.as_view(), name="staff_strategy_adopt"),
    path(
        _one + "new-version/",
        StrategyNewVersionView.as_view(),
        name="staff_strategy_new_version",
    ),
    path(_one + "diff/", StrategyDiffView.as_view(), name="staff_strategy_diff"),
    path(_one + "delete/", StrategyDeleteView.as_view(), name="staff_strategy_delete"),
    path(_in + "documents/new/", DocumentAddView.as_view(), name="staff_document_add"),
    path(
        _in + "documents/<int:pk>/remove/",
        DocumentRemoveView.as_view(),
        name="staff_document_remove",
    ),
    path(_in + "goals/new/", GoalCreateView.as_view(), name="staff_goal_create"),
    path(
        _in + "goals/<int:pk>/edit/",
        GoalUpdateView.as_view(),
        name="staff_goal_update",
    ),
    path(_in + "goals/<int:pk>/move/", GoalMoveView.as_view(), name="staff_goal_move"),
    path(
        _in + "goals/<int:pk>/delete/",
        GoalDeleteView.as_view(),
        name="staff_goal_delete",
    ),
]
