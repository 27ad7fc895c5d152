"""The user's own notifications: the list, "mark all as read", and opening one.

Only the recipient sees a notification: anyone else's is a 404. Opening a
notification marks it read and follows its link, but only a link within the site (a
path that starts with one "/"); anything else leads back to the list.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import ListView

from samverka.core.formatting import format_moment
from samverka.core.models import Notification
from samverka.core.notifications import mark_read

PAGE_SIZE = 50


def notifications_of(user: Any) -> QuerySet[Notification]:
    """The notifications addressed to `user`, newest first."""
    if user is None or not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def safe_target(url: str) -> str | None:
    """`url` when it is a path within the site ("/…", not "//…"), else None."""
    url = (url or "").strip()
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        return None
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return None
    return url


class NotificationListView(ListView):
    """The user's notifications, newest first, unread ones marked "New"."""

    template_name = "core/notifications.html"
    context_object_name = "notifications"
    paginate_by = PAGE_SIZE

    def get_queryset(self) -> QuerySet[Notification]:
        return notifications_of(self.request.user).select_related("region")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        current = timezone.get_current_timezone()
        rows = []
        for notification in context["notifications"]:
            zone = (
                notification.region.tzinfo
                if notification.region is not None
                else current
            )
            rows.append(
                {
                    "notification": notification,
                    "unread": notification.read_at is None,
                    "sent": format_moment(notification.created_at, zone),
                    "sent_iso": timezone.localtime(
                        notification.created_at, zone
                    ).isoformat(timespec="minutes"),
                    "has_link": safe_target(notification.url) is not None,
                }
            )
        context["rows"] = rows
        context["unread_count"] = (
            notifications_of(self.request.user).filter(read_at__isnull=True).count()
        )
        context["area"] = "me"
        return context


class NotificationsMarkReadView(View):
    """POST: mark all of the user's notifications read."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        marked = mark_read(user=request.user)
        if marked:
            messages.success(
                request,
                ngettext(
                    "%(count)d notification marked as read.",
                    "%(count)d notifications marked as read.",
                    marked,
                )
                % {"count": marked},
            )
        else:
            messages.info(request, _("You had no unread notifications."))
        return redirect("core:notifications")


class NotificationOpenView(View):
    """Mark one notification read and go to the page it is about (within the site
    only; otherwise back to the list)."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        notification = get_object_or_404(notifications_of(request.user), pk=pk)
        if notification.read_at is None:
            mark_read(user=request.user, notification_ids=[notification.pk])
        target = safe_target(notification.url)
        if target is None:
            return redirect("core:notifications")
        return HttpResponseRedirect(target)
