from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse_lazy

from samverka.accounts import views

app_name = "accounts"

urlpatterns = [
    path(
        "accounts/login/", login_not_required(views.LoginView.as_view()), name="login"
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/signup/", views.SignupView.as_view(), name="signup"),
    path(
        "accounts/password-reset/",
        views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        login_not_required(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        login_not_required(
            auth_views.PasswordResetConfirmView.as_view(
                success_url=reverse_lazy("accounts:password_reset_complete")
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        login_not_required(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
    path("i18n/language/", views.language_set, name="language_set"),
    path("me/", views.HomeView.as_view(), name="home"),
    path(
        "staff/<slug:region_slug>/",
        views.RegionDashboardView.as_view(),
        name="region_dashboard",
    ),
    path(
        "staff/<slug:region_slug>/history/<str:model>/<str:pk>/",
        views.ObjectHistoryView.as_view(),
        name="object_history",
    ),
    path(
        "staff/<slug:region_slug>/roles/",
        views.RoleListView.as_view(),
        name="role_list",
    ),
    path(
        "staff/<slug:region_slug>/roles/<int:pk>/revoke/",
        views.RoleRevokeView.as_view(),
        name="role_revoke",
    ),
    path(
        "staff/<slug:region_slug>/settings/",
        views.RegionSettingsView.as_view(),
        name="region_settings",
    ),
]
