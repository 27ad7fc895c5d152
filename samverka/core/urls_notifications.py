"""The user's notifications under "me/". Included from config/urls.py with
``path("", include("samverka.core.urls_notifications"))``."""

from django.urls import path

from samverka.core import views_notifications as views

app_name = "core"

urlpatterns = [
    path(
        "me/notifications/",
        views.NotificationListView.as_view(),
        name="notifications",
    ),
    path(
        "me/notifications/read/",
        views.NotificationsMarkReadView.as_view(),
        name="notifications_mark_read",
    ),
    path(
        "me/notifications/<int:pk>/open/",
        views.NotificationOpenView.as_view(),
        name="notification_open",
    ),
]
