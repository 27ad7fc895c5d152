"""The officer's side: the inbox of a region's applications, one application's page
with the case work on it, the comparison of two submissions, and the downloads.

Every page is under ``staff/<region>/applications/``. Any staff role in the region
reads; case officers and region administrators act (`policies.can_handle`). An
application is resolved among the region's submitted applications the user sees, so
a draft, another region's application or a made-up number is "not found".
"""

from __future__ import annotations

import datetime
from typing import Any, ClassVar, cast
from urllib.parse import parse_qsl

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Field, QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    QueryDict,
)
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, path, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from samverka.accounts.mixins import RegionStaffMixin
from samverka.accounts.models import User
from samverka.applications import export, policies, selectors, services
from samverka.applications.choices import ApplicationStatus, Stage
from samverka.applications.forms.staff import (
    AssignOfficerForm,
    CompletionRequestForm,
    InboxFilterForm,
    SavedFilterForm,
)
from samverka.applications.models import Application, Attachment, SavedFilter
from samverka.applications.snapshot import SECTION_LABELS, diff_snapshots
from samverka.core.files import stored_file_response
from samverka.core.formatting import format_date, format_money
from samverka.plans.forms import add_service_errors

PAGE_SIZE = 50

#: The sort keys of the inbox's sortable columns.
SORTABLE = ("case", "amount", "status", "submitted")


def _actor(request: HttpRequest) -> User:
    """The acting user: every page here is behind the login."""
    return cast(User, request.user)


def _filter_query(data: QueryDict) -> str:
    """The query string of the filters, without the page number."""
    query = data.copy()
    query.pop("page", None)
    return query.urlencode()


class InboxStaffMixin(RegionStaffMixin):
    """Any staff role in the region opens the inbox and reads the applications."""

    permission = staticmethod(policies.can_view_inbox)


# The inbox ----------------------------------------------------------------------------


class InboxView(InboxStaffMixin, ListView):
    """The region's submitted applications: filters (GET), sortable columns,
    pagination, saved filters and the export of what is shown."""

    template_name = "applications/staff/inbox.html"
    context_object_name = "applications"
    paginate_by = PAGE_SIZE
    saved_filter_form: SavedFilterForm | None = None

    def filter_data(self) -> QueryDict:
        return self.request.GET

    def get_queryset(self) -> QuerySet[Application]:
        data = self.filter_data()
        self.filter_form = InboxFilterForm(data or None, region=self.region)
        sort = data.get("sort") or selectors.INBOX_DEFAULT_SORT
        if sort.lstrip("-") not in selectors.INBOX_SORTS:
            sort = selectors.INBOX_DEFAULT_SORT
        self.sort = sort
        return selectors.inbox_list(
            user=self.request.user,
            region=self.region,
            filters=self.filter_form.filters,
            sort=sort,
        )

    def columns(self) -> dict[str, dict[str, str]]:
        """The sortable column headers: a link that sorts (or reverses) and the
        ``aria-sort`` state of the column the list is sorted by."""
        data = self.filter_data()
        labels = {
            "case": _("Case number"),
            "amount": _("Amount applied for"),
            "status": _("Status"),
            "submitted": _("Submitted"),
        }
        inbox_url = reverse(
            "applications:inbox", kwargs={"region_slug": self.region.slug}
        )
        current = self.sort.lstrip("-")
        descending = self.sort.startswith("-")
        headers = {}
        for key in SORTABLE:
            query = data.copy()
            query.pop("page", None)
            if key == current:
                query["sort"] = key if descending else f"-{key}"
                aria = "descending" if descending else "ascending"
            else:
                # Amounts and dates read best largest / newest first.
                query["sort"] = f"-{key}" if key in ("amount", "submitted") else key
                aria = ""
            headers[key] = {
                "label": labels[key],
                "url": f"{inbox_url}?{query.urlencode()}",
                "aria_sort": aria,
            }
        return headers

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        data = self.filter_data()
        query = _filter_query(data)
        context["filter_form"] = self.filter_form
        context["headers"] = self.columns()
        context["query"] = query
        context["page_query"] = f"&{query}" if query else ""
        context["export_url"] = reverse(
            "applications:inbox_export", kwargs={"region_slug": self.region.slug}
        ) + (f"?{query}" if query else "")
        context["inbox_url"] = reverse(
            "applications:inbox", kwargs={"region_slug": self.region.slug}
        )
        context["saved_filters"] = list(
            selectors.saved_filters(user=self.request.user, region=self.region)
        )
        context["saved_filter_form"] = self.saved_filter_form or SavedFilterForm(
            initial={"query": query}
        )
        context["currency"] = self.region.currency
        return context


class InboxExportView(InboxStaffMixin, View):
    """What the inbox shows with the same filters and order, as .xlsx."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = InboxFilterForm(request.GET or None, region=self.region)
        sort = request.GET.get("sort") or selectors.INBOX_DEFAULT_SORT
        applications = selectors.inbox_list(
            user=request.user, region=self.region, filters=form.filters, sort=sort
        )
        workbook = export.inbox_workbook(applications, region=self.region)
        response = HttpResponse(
            export.workbook_bytes(workbook), content_type=export.XLSX_CONTENT_TYPE
        )
        response["Content-Disposition"] = content_disposition_header(  # type: ignore[assignment]
            as_attachment=True, filename=export.export_filename(self.region)
        )
        return response


class SavedFilterSaveView(InboxView):
    """POST: save the inbox's current filters under a name. A missing name shows the
    inbox again with the error at the field and the filters as they were."""

    http_method_names = ["post"]

    def filter_data(self) -> QueryDict:
        return QueryDict(self._query())

    def _query(self) -> str:
        raw = (self.request.POST.get("query") or "").lstrip("?")
        pairs = [(k, v) for k, v in parse_qsl(raw) if k != "page"]
        query = QueryDict(mutable=True)
        for key, value in pairs:
            query.appendlist(key, value)
        return query.urlencode()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = SavedFilterForm(request.POST)
        query = self._query()
        if form.is_valid():
            try:
                saved = services.saved_filter_save(
                    user=_actor(request),
                    region=self.region,
                    name=form.cleaned_data["name"],
                    query=query,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The filter “%(name)s” was saved.") % {"name": saved.name},
                )
                url = reverse(
                    "applications:inbox", kwargs={"region_slug": self.region.slug}
                )
                return redirect(f"{url}?{saved.query}" if saved.query else url)
        self.saved_filter_form = form
        self.object_list = self.get_queryset()
        context = self.get_context_data()
        return self.render_to_response(context)


class SavedFilterDeleteView(InboxStaffMixin, View):
    """POST: forget one of the user's saved filters."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        saved = get_object_or_404(
            SavedFilter, pk=kwargs["pk"], user=request.user, region=self.region
        )
        name = saved.name
        services.saved_filter_delete(saved=saved, by=_actor(request))
        messages.success(
            request, _("The filter “%(name)s” was deleted.") % {"name": name}
        )
        return redirect("applications:inbox", region_slug=self.region.slug)


# One application ----------------------------------------------------------------------


class ApplicationObjectMixin:
    """Resolve ``pk`` among the region's applications the user sees as staff (404);
    with `action`, only case officers and region administrators get on (403)."""

    action: ClassVar[bool] = False
    application: Application
    region: Any
    request: HttpRequest

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        application = selectors.staff_application(
            user=request.user, region=self.region, pk=kwargs["pk"]
        )
        if application is None:
            raise Http404
        self.application = application
        if self.action and not policies.can_handle(request.user, application):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def detail_url(self) -> str:
        return reverse(
            "applications:staff_detail",
            kwargs={"region_slug": self.region.slug, "pk": self.application.pk},
        )


def _case_url(application: Application) -> str | None:
    """The case's page in the register, where that page exists."""
    if not application.case_id:
        return None
    try:
        return reverse(
            "records:case_detail",
            args=[application.call.region.slug, application.case_id],
        )
    except NoReverseMatch:
        return None


class StaffDetailView(InboxStaffMixin, ApplicationObjectMixin, TemplateView):
    """Everything the officer needs about one application, read from its latest
    submission; the case-work forms for those who may act."""

    template_name = "applications/staff/detail.html"
    assign_form: AssignOfficerForm | None = None
    completion_form: CompletionRequestForm | None = None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        app = self.application
        submissions = list(
            app.submissions.select_related("submitted_by", "document").order_by(
                "number"
            )
        )
        latest = submissions[-1] if submissions else None
        summary = selectors.submitted_content(app, latest)
        if summary is not None:
            for item in summary["attachments"]:
                download = item["download"]
                item["url"] = (
                    reverse(
                        "applications:staff_attachment_download",
                        kwargs={
                            "region_slug": self.region.slug,
                            "pk": app.pk,
                            "attachment_pk": download.pk,
                        },
                    )
                    if download is not None
                    else ""
                )
        can_handle = policies.can_handle(self.request.user, app)
        context.update(
            {
                "application": app,
                "currency": app.currency,
                "submissions": submissions,
                "latest": latest,
                "summary": summary,
                "completion_requests": list(
                    app.completion_requests.select_related(
                        "requested_by", "answer"
                    ).order_by("-requested_at")
                ),
                "documents": list(
                    app.case.documents.select_related("case").order_by("number")
                )
                if app.case is not None
                else [],
                "case_url": _case_url(app),
                "other_applications": list(
                    selectors.inbox_base(user=self.request.user, region=self.region)
                    .filter(organisation_id=app.organisation_id)
                    .exclude(pk=app.pk)
                    .select_related("call", "call__region", "case")
                    .order_by("-last_submitted_at", "-pk")[:20]
                ),
                "can_handle": can_handle,
                "can_read_assessment": policies.can_read_assessment(
                    self.request.user, app
                ),
                "can_request_completion": can_handle
                and app.status == ApplicationStatus.SUBMITTED,
                "can_invite_full": can_handle
                and app.stage == Stage.CONCEPT
                and app.status == ApplicationStatus.SUBMITTED,
                "can_accept": can_handle
                and app.stage == Stage.FULL
                and app.status == ApplicationStatus.SUBMITTED,
                "inbox_url": reverse(
                    "applications:inbox", kwargs={"region_slug": self.region.slug}
                ),
            }
        )
        if can_handle:
            context["assign_form"] = self.assign_form or AssignOfficerForm(
                region=self.region, initial={"officer": app.officer_id}
            )
            context["completion_form"] = self.completion_form or CompletionRequestForm(
                initial={
                    "deadline": CompletionRequestForm.default_deadline(self.region)
                }
            )
        return context


class AssignOfficerView(StaffDetailView):
    """POST: make a case officer of the region responsible (or nobody)."""

    action = True
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = AssignOfficerForm(request.POST, region=self.region)
        if form.is_valid():
            officer = form.cleaned_data["officer"]
            try:
                services.officer_assign(
                    application=self.application, by=_actor(request), officer=officer
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if officer is None:
                    messages.success(request, _("No officer is assigned now."))
                else:
                    messages.success(
                        request,
                        _("%(officer)s is now the responsible officer.")
                        % {"officer": officer.full_name or officer.email},
                    )
                return redirect(self.detail_url())
        self.assign_form = form
        return self.render_to_response(self.get_context_data())


class RequestCompletionView(StaffDetailView):
    """POST: ask the applicant for more information by a deadline."""

    action = True
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = CompletionRequestForm(request.POST)
        if form.is_valid():
            try:
                services.completion_request(
                    application=self.application,
                    by=_actor(request),
                    message=form.cleaned_data["message"],
                    deadline=form.cleaned_data["deadline"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "The applicant was asked to complete the application by "
                        "%(deadline)s."
                    )
                    % {"deadline": format_date(form.cleaned_data["deadline"])},
                )
                return redirect(self.detail_url())
        self.completion_form = form
        return self.render_to_response(self.get_context_data())


class InviteFullView(InboxStaffMixin, ApplicationObjectMixin, View):
    """POST: invite the applicant of a submitted concept to a full application. The
    application becomes the applicant's draft again, so the officer returns to the
    inbox."""

    action = True
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.invite_full_application(
                application=self.application, by=_actor(request)
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(self.detail_url())
        messages.success(
            request,
            _(
                "%(applicant)s is invited to write the full application; it shows here "
                "again when it is submitted."
            )
            % {"applicant": self.application.organisation.name},
        )
        return redirect("applications:inbox", region_slug=self.region.slug)


class AcceptView(InboxStaffMixin, ApplicationObjectMixin, View):
    """POST: the application is complete and eligible; it goes on to assessment."""

    action = True
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.application_accept(
                application=self.application, by=_actor(request)
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("The application is complete and goes on to assessment."),
            )
        return redirect(self.detail_url())


# Comparing two submissions ------------------------------------------------------------

MONEY_FIELDS = ("amount_requested", "de_minimis_received")
DATE_FIELDS = ("start_date", "end_date")


def _field_label(name: str) -> str:
    """The label `diff_snapshots` gives a project field."""
    field = cast(Field[Any, Any], Application._meta.get_field(name))
    return str(field.verbose_name)


def _show(value: Any, *, money: bool, currency: str, date: bool = False) -> Any:
    """A value of a snapshot as the comparison shows it; lists stay lists."""
    if value is None or value == "":
        return "–"
    if isinstance(value, list):
        return [str(v) for v in value] or "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if money and isinstance(value, int):
        return format_money(value, currency)
    if date:
        try:
            return format_date(datetime.date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return str(value)


class CompareView(InboxStaffMixin, ApplicationObjectMixin, TemplateView):
    """What changed between two submissions (``?from=1&to=2``; the last two by
    default), section by section."""

    template_name = "applications/staff/compare.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        app = self.application
        submissions = {s.number: s for s in app.submissions.order_by("number")}
        numbers = sorted(submissions)
        context.update(
            {
                "application": app,
                "numbers": numbers,
                "detail_url": self.detail_url(),
            }
        )
        first = self._number("from", numbers, numbers[-2] if len(numbers) > 1 else 0)
        second = self._number("to", numbers, numbers[-1] if numbers else 0)
        if len(numbers) < 2:
            context["changes"] = None
            return context
        old, new = submissions[first], submissions[second]
        currency = new.snapshot.get("currency") or app.currency
        money_labels = {_field_label(name) for name in MONEY_FIELDS}
        date_labels = {_field_label(name) for name in DATE_FIELDS}
        rows = []
        for change in diff_snapshots(old.snapshot, new.snapshot):
            money = change.section == "budget" or change.label in money_labels
            date = change.label in date_labels
            rows.append(
                {
                    "section": str(SECTION_LABELS.get(change.section, change.section)),
                    "label": change.label,
                    "old": _show(change.old, money=money, currency=currency, date=date),
                    "new": _show(change.new, money=money, currency=currency, date=date),
                    "old_is_list": isinstance(change.old, list) and bool(change.old),
                    "new_is_list": isinstance(change.new, list) and bool(change.new),
                }
            )
        context.update(
            {"changes": rows, "old": old, "new": new, "first": first, "second": second}
        )
        return context

    def _number(self, name: str, numbers: list[int], default: int) -> int:
        raw = self.request.GET.get(name)
        if raw in (None, ""):
            return default
        try:
            number = int(raw)
        except ValueError:
            raise Http404 from None
        if number not in numbers:
            raise Http404
        return number


# Attachments --------------------------------------------------------------------------


class AttachmentDownloadView(InboxStaffMixin, ApplicationObjectMixin, View):
    """Stream one of the application's attachments as a download, as stored."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        attachment = get_object_or_404(
            Attachment, application=self.application, pk=kwargs["attachment_pk"]
        )
        return stored_file_response(
            attachment.file,
            file_name=attachment.file_name,
            content_type=attachment.content_type,
        )


# URLs ---------------------------------------------------------------------------------

_inbox = "staff/<slug:region_slug>/applications/"
_app = _inbox + "<int:pk>/"

urlpatterns = [
    path(_inbox, InboxView.as_view(), name="inbox"),
    path(_inbox + "export/", InboxExportView.as_view(), name="inbox_export"),
    path(_inbox + "filters/", SavedFilterSaveView.as_view(), name="saved_filter_save"),
    path(
        _inbox + "filters/<int:pk>/delete/",
        SavedFilterDeleteView.as_view(),
        name="saved_filter_delete",
    ),
    path(_app, StaffDetailView.as_view(), name="staff_detail"),
    path(_app + "assign/", AssignOfficerView.as_view(), name="staff_assign"),
    path(
        _app + "request-completion/",
        RequestCompletionView.as_view(),
        name="staff_request_completion",
    ),
    path(_app + "invite-full/", InviteFullView.as_view(), name="staff_invite_full"),
    path(_app + "accept/", AcceptView.as_view(), name="staff_accept"),
    path(_app + "compare/", CompareView.as_view(), name="staff_compare"),
    path(
        _app + "attachments/<int:attachment_pk>/",
        AttachmentDownloadView.as_view(),
        name="staff_attachment_download",
    ),
]
