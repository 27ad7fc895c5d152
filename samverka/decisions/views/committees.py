"""Committees, their meetings and agendas, and the minutes extract of one item.

- ``committees``: the region's committees with their upcoming and held meetings, and
  a form to add a committee.
- ``meeting_create``: plan a meeting of a committee (date and time in the region's
  zone, place, secretary).
- ``meeting``: the agenda: each item with its recommendation, combined score and the
  decision recorded; a form to put an application on the agenda, and holding the
  meeting once every item is decided.
- ``item_decide``: the committee's decision on one item, recorded by a decision
  maker (the same form as a decision by delegation).
- ``minutes_extract`` (+ ``_pdf``): one item as the minutes record it.

Case officers, decision makers and region administrators prepare meetings
(`policies.can_manage_meetings`); only decision makers record the committee's
decisions and hold the meeting (`policies.can_record_committee_decision`). Objects are
resolved within the region, so another region's meeting is "not found".
"""

from __future__ import annotations

import logging
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from samverka.accounts.mixins import RegionStaffMixin
from samverka.accounts.models import User
from samverka.applications.choices import ApplicationStatus
from samverka.applications.models import Application
from samverka.applications.policies import applications_of_staff
from samverka.assessments.models import Recommendation
from samverka.assessments.selectors import combined_scores
from samverka.decisions import documents, policies, services
from samverka.decisions.choices import MeetingStatus, Outcome
from samverka.decisions.forms import (
    ConditionFormSet,
    DecideForm,
    add_decision_errors,
)
from samverka.decisions.forms_committee import (
    AgendaAddForm,
    CommitteeForm,
    MeetingForm,
)
from samverka.decisions.models import AgendaItem, Committee, Decision, Meeting
from samverka.plans.forms import add_service_errors

logger = logging.getLogger(__name__)


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def _can_open_committees(user: Any, region: Any) -> bool:
    return policies.can_manage_meetings(
        user, region
    ) or policies.can_record_committee_decision(user, region)


def meeting_url(region: Any, meeting: Meeting) -> str:
    return reverse(
        "decisions:meeting", kwargs={"region_slug": region.slug, "pk": meeting.pk}
    )


def _meetings(user: Any, region: Any) -> QuerySet[Meeting]:
    return policies.meetings_visible_to(user).filter(region=region)


def _items(user: Any, region: Any) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(region=region, meeting__in=_meetings(user, region))


# Committees ---------------------------------------------------------------------------


class CommitteesView(RegionStaffMixin, TemplateView):
    """GET: the region's committees and their meetings; POST: add a committee."""

    template_name = "decisions/committees.html"
    permission = staticmethod(_can_open_committees)
    form: CommitteeForm | None = None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        meetings = (
            Meeting.objects.select_related("secretary")
            .annotate(item_count=Count("items"))
            .order_by("starts_at", "pk")
        )
        committees = list(
            Committee.objects.filter(region=self.region)
            .prefetch_related(Prefetch("meetings", queryset=meetings))
            .order_by("-is_active", "name")
        )
        rows = []
        for committee in committees:
            all_meetings = list(committee.meetings.all())
            rows.append(
                {
                    "committee": committee,
                    "upcoming": [
                        m for m in all_meetings if m.status == MeetingStatus.PLANNED
                    ],
                    "held": [
                        m
                        for m in reversed(all_meetings)
                        if m.status == MeetingStatus.HELD
                    ],
                }
            )
        can_manage = policies.can_manage_meetings(self.request.user, self.region)
        context.update(
            {
                "committees": rows,
                "can_manage": can_manage,
                "form": (self.form or CommitteeForm()) if can_manage else None,
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = CommitteeForm(request.POST)
        if form.is_valid():
            try:
                committee = services.committee_create(
                    region=self.region,
                    by=_actor(request),
                    name=form.cleaned_data["name"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The committee “%(name)s” was added.") % {"name": committee.name},
                )
                return redirect("decisions:committees", region_slug=self.region.slug)
        self.form = form
        return self.render_to_response(self.get_context_data())


class MeetingCreateView(RegionStaffMixin, TemplateView):
    """Plan a meeting of a committee."""

    template_name = "decisions/meeting_form.html"
    permission = staticmethod(policies.can_manage_meetings)
    form: MeetingForm | None = None

    def committee(self) -> Committee:
        return get_object_or_404(
            Committee.objects.filter(region=self.region), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["committee"] = self.committee()
        context["form"] = self.form or MeetingForm(region=self.region)
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        committee = self.committee()
        form = MeetingForm(request.POST, region=self.region)
        if form.is_valid():
            try:
                meeting = services.meeting_create(
                    committee=committee,
                    by=_actor(request),
                    starts_at=form.starts_at(),  # type: ignore[arg-type]
                    place=form.cleaned_data["place"],
                    secretary=form.cleaned_data["secretary"],
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict") and "starts_at" in exc.error_dict:
                    exc.error_dict["date"] = exc.error_dict.pop("starts_at")
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The meeting is planned."))
                return redirect(meeting_url(self.region, meeting))
        self.form = form
        return self.render_to_response(self.get_context_data())


# A meeting and its agenda -------------------------------------------------------------


def _agenda_offered(user: Any, region: Any) -> QuerySet[Application]:
    """The region's applications that can go on an agenda: in assessment, with a
    recommendation, on no agenda."""
    return (
        applications_of_staff(user)
        .filter(
            region=region,
            status=ApplicationStatus.IN_ASSESSMENT,
            recommendation__isnull=False,
            agenda_items__isnull=True,
        )
        .order_by("case__case_number", "pk")
    )


class MeetingView(RegionStaffMixin, TemplateView):
    """The agenda of a meeting."""

    template_name = "decisions/meeting.html"
    permission = staticmethod(_can_open_committees)
    add_form: AgendaAddForm | None = None

    def meeting(self) -> Meeting:
        if not hasattr(self, "_meeting"):
            self._meeting = get_object_or_404(
                _meetings(self.request.user, self.region).select_related(
                    "committee", "secretary"
                ),
                pk=self.kwargs["pk"],
            )
        return self._meeting

    def make_add_form(self, data: Any = None) -> AgendaAddForm:
        user = self.request.user
        return AgendaAddForm(
            data,
            accepted=applications_of_staff(user).filter(region=self.region),
            offered=_agenda_offered(user, self.region),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        meeting = self.meeting()
        user = self.request.user
        items = list(
            meeting.items.select_related(
                "application__organisation",
                "application__case",
                "application__call__region",
                "application__recommendation",
                "decision",
            )
        )
        scores = combined_scores(item.application_id for item in items)
        rows = []
        for item in items:
            rows.append(
                {
                    "item": item,
                    "application": item.application,
                    "recommendation": getattr(item.application, "recommendation", None),
                    "score": scores[item.application_id],
                    "decision": getattr(item, "decision", None),
                }
            )
        planned = meeting.status == MeetingStatus.PLANNED
        can_manage = policies.can_manage_meetings(user, self.region)
        can_record = policies.can_record_committee_decision(user, self.region)
        context.update(
            {
                "meeting": meeting,
                "committee": meeting.committee,
                "rows": rows,
                "currency": self.region.currency,
                "planned": planned,
                "can_manage": can_manage and planned,
                "can_record": can_record,
                "can_hold": can_record and planned,
                "undecided": [r["item"] for r in rows if r["decision"] is None],
                "add_form": (self.add_form or self.make_add_form())
                if can_manage and planned
                else None,
            }
        )
        return context


class AgendaAddView(MeetingView):
    """POST: put an application on the meeting's agenda."""

    http_method_names = ["post"]
    permission = staticmethod(policies.can_manage_meetings)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        meeting = self.meeting()
        form = self.make_add_form(request.POST)
        if form.is_valid():
            try:
                item = services.agenda_item_add(
                    meeting=meeting,
                    application=form.cleaned_data["application"],
                    by=_actor(request),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("“%(title)s” is on the agenda as § %(number)s.")
                    % {"title": item.application.title, "number": item.number},
                )
                return redirect(meeting_url(self.region, meeting))
        self.add_form = form
        return self.render_to_response(self.get_context_data())


class AgendaRemoveView(RegionStaffMixin, View):
    """POST: take an undecided item off a planned meeting's agenda."""

    http_method_names = ["post"]
    permission = staticmethod(policies.can_manage_meetings)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        item = get_object_or_404(
            _items(request.user, self.region).select_related("meeting", "application"),
            pk=kwargs["pk"],
        )
        meeting = item.meeting
        title = item.application.title
        try:
            services.agenda_item_remove(item=item, by=_actor(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("“%(title)s” was taken off the agenda.") % {"title": title},
            )
        return redirect(meeting_url(self.region, meeting))


class MeetingHoldView(RegionStaffMixin, View):
    """POST: close the meeting once every item is decided."""

    http_method_names = ["post"]
    permission = staticmethod(policies.can_record_committee_decision)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        meeting = get_object_or_404(
            _meetings(request.user, self.region).select_related("committee"),
            pk=kwargs["pk"],
        )
        try:
            services.meeting_hold(meeting=meeting, by=_actor(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The meeting is held; its minutes are closed."))
        return redirect(meeting_url(self.region, meeting))


# The committee's decision on an item --------------------------------------------------

#: What a committee decides on an item (a withdrawal is written off by the officer).
COMMITTEE_OUTCOMES = (
    Outcome.GRANT,
    Outcome.GRANT_WITH_CONDITIONS,
    Outcome.REJECT,
    Outcome.DISMISS,
)


class ItemDecideView(RegionStaffMixin, TemplateView):
    """GET: the item and the decision form; POST: record the committee's decision."""

    template_name = "decisions/agenda_item_decide.html"
    permission = staticmethod(policies.can_record_committee_decision)
    form: DecideForm | None = None
    formset: Any = None
    condition_errors: list[str] = []

    def item(self) -> AgendaItem:
        if not hasattr(self, "_item"):
            self._item = get_object_or_404(
                _items(self.request.user, self.region).select_related(
                    "meeting__committee",
                    "application__organisation",
                    "application__case",
                    "application__call__region",
                    "application__fund",
                ),
                pk=self.kwargs["pk"],
            )
        return self._item

    def decided(self) -> bool:
        return Decision.objects.filter(application=self.item().application).exists()

    def recommendation(self) -> Recommendation | None:
        return (
            Recommendation.objects.filter(application=self.item().application)
            .select_related("written_by")
            .first()
        )

    def outcomes(self, posted: str = "") -> list[str]:
        status = self.item().application.status
        found = [o for o in COMMITTEE_OUTCOMES if status in services.DECIDABLE_FROM[o]]
        if posted in COMMITTEE_OUTCOMES and posted not in found:
            found.append(Outcome(posted))
        return [str(o) for o in found]

    def form_kwargs(self, posted: str = "") -> dict[str, Any]:
        application = self.item().application
        return {
            "region": self.region,
            "currency": application.currency,
            "outcomes": self.outcomes(posted),
            "funds": list(application.call.funds.filter(is_external=False)),
        }

    def initial(self) -> dict[str, Any]:
        application = self.item().application
        initial: dict[str, Any] = {
            "fund": application.fund_id,
            "start_date": application.start_date,
            "end_date": application.end_date,
        }
        recommendation = self.recommendation()
        if recommendation is not None:
            if recommendation.outcome in self.outcomes():
                initial["outcome"] = recommendation.outcome
            if recommendation.amount:
                initial["amount"] = recommendation.amount
            initial["reasons"] = recommendation.text
        return initial

    def make_formset(self, data: Any = None) -> Any:
        recommendation = self.recommendation()
        initial = (
            [{"text": recommendation.conditions}]
            if recommendation is not None and recommendation.conditions
            else []
        )
        return ConditionFormSet(
            data,
            initial=initial,
            region=self.region,
            currency=self.item().application.currency,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.decided():
            messages.info(request, _("The item has already been decided."))
            return redirect(
                "decisions:minutes_extract",
                region_slug=self.region.slug,
                pk=self.item().pk,
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        item = self.item()
        application = item.application
        form = self.form or DecideForm(initial=self.initial(), **self.form_kwargs())
        formset = self.formset or self.make_formset()
        context.update(
            {
                "item": item,
                "meeting": item.meeting,
                "committee": item.meeting.committee,
                "application": application,
                "currency": application.currency,
                "recommendation": self.recommendation(),
                "score": combined_scores([application.pk])[application.pk],
                "form": form,
                "formset": formset,
                "condition_errors": self.condition_errors,
                "can_be_decided": bool(self.outcomes())
                and item.meeting.status == MeetingStatus.PLANNED,
                "has_errors": bool(
                    form.errors
                    or any(f.errors for f in formset.forms)
                    or formset.non_form_errors()
                ),
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        item = self.item()
        posted = request.POST.get("outcome", "")
        form = DecideForm(
            request.POST, initial=self.initial(), **self.form_kwargs(posted)
        )
        formset = self.make_formset(request.POST)
        self.form, self.formset = form, formset
        if form.is_valid() and formset.is_valid():
            try:
                services.decision_record(
                    application=item.application,
                    by=_actor(request),
                    data=form.service_data(formset.rows()),
                    agenda_item=item,
                )
            except ValidationError as exc:
                self.condition_errors = add_decision_errors(form, formset, exc)
            else:
                messages.success(
                    request,
                    _("The committee's decision on § %(number)s is recorded.")
                    % {"number": item.number},
                )
                return redirect(meeting_url(self.region, item.meeting))
        return self.render_to_response(self.get_context_data())


# The minutes extract ------------------------------------------------------------------


class MinutesExtractMixin(RegionStaffMixin):
    permission = staticmethod(policies.can_view_decisions)
    kwargs: dict[str, Any]
    request: HttpRequest

    def item(self) -> AgendaItem:
        return get_object_or_404(
            _items(self.request.user, self.region), pk=self.kwargs["pk"]
        )


class MinutesExtractView(MinutesExtractMixin, TemplateView):
    template_name = "decisions/minutes_extract.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(documents.minutes_extract_context(self.item()))
        return context


class MinutesExtractPdfView(MinutesExtractMixin, View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        item = self.item()
        pdf = documents.render_minutes_extract_pdf(item)
        if pdf is None:
            return render(
                request,
                "decisions/pdf/unavailable.html",
                {
                    "region": self.region,
                    "html_url": reverse(
                        "decisions:minutes_extract",
                        kwargs={"region_slug": self.region.slug, "pk": item.pk},
                    ),
                },
                status=503,
            )
        response = HttpResponse(pdf, content_type="application/pdf")
        stem = documents.file_stem(item.application)
        response["Content-Disposition"] = (
            f'inline; filename="{stem}-minutes-{item.number}.pdf"'
        )
        return response


# URLs ---------------------------------------------------------------------------------

_staff = "staff/<slug:region_slug>/"

urlpatterns = [
    path(_staff + "committees/", CommitteesView.as_view(), name="committees"),
    path(
        _staff + "committees/<int:pk>/meetings/new/",
        MeetingCreateView.as_view(),
        name="meeting_create",
    ),
    path(_staff + "meetings/<int:pk>/", MeetingView.as_view(), name="meeting"),
    path(
        _staff + "meetings/<int:pk>/agenda/", AgendaAddView.as_view(), name="agenda_add"
    ),
    path(
        _staff + "meetings/<int:pk>/hold/",
        MeetingHoldView.as_view(),
        name="meeting_hold",
    ),
    path(
        _staff + "agenda/<int:pk>/remove/",
        AgendaRemoveView.as_view(),
        name="agenda_remove",
    ),
    path(
        _staff + "agenda/<int:pk>/decide/", ItemDecideView.as_view(), name="item_decide"
    ),
    path(
        _staff + "agenda/<int:pk>/extract/",
        MinutesExtractView.as_view(),
        name="minutes_extract",
    ),
    path(
        _staff + "agenda/<int:pk>/extract.pdf",
        MinutesExtractPdfView.as_view(),
        name="minutes_extract_pdf",
    ),
]
