from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from django.views.i18n import set_language

from samverka.accounts import policies, services
from samverka.accounts.forms import (
    LoginForm,
    RegionForm,
    RoleAssignForm,
    SignupForm,
    TaskPasswordResetForm,
)
from samverka.accounts.mixins import RegionStaffMixin
from samverka.accounts.models import User
from samverka.core import audit
from samverka.core.models import AuditEntry
from samverka.core.navigation import dashboard_panels


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        language = getattr(self.request.user, "preferred_language", "")
        if language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
                secure=settings.LANGUAGE_COOKIE_SECURE,
            )
        return response


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    form_class = TaskPasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


@require_POST
@login_not_required
def language_set(request: HttpRequest) -> HttpResponse:
    """Django's set_language, and for a logged-in user the choice is remembered."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if isinstance(request.user, User) and language in dict(settings.LANGUAGES):
        services.user_language_set(user=request.user, language=language)
    return response


class HomeView(TemplateView):
    """Where a user lands after logging in: their regions and organisations."""

    template_name = "accounts/home.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        regions = list(policies.regions_visible_to(request.user))
        if len(regions) == 1 and not request.GET.get("all"):
            return redirect("accounts:region_dashboard", region_slug=regions[0].slug)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        roles = policies.roles_by_region(user)
        regions = list(policies.regions_visible_to(user))
        context["regions"] = [
            {
                "region": r,
                "roles": sorted(_role_label(code) for code in roles.get(r.pk, ())),
            }
            for r in regions
        ]
        context["panels"] = [
            {"panel": p, "context": p.context(user, None)}
            for p in dashboard_panels()
            if p.allowed(user, None)
        ]
        return context


def _role_label(code: str) -> str:
    from samverka.accounts.choices import RoleCode

    return str(RoleCode(code).label)


class RegionDashboardView(RegionStaffMixin, TemplateView):
    """A region's staff dashboard: panels that the apps contribute."""

    template_name = "accounts/region_dashboard.html"
    permission = staticmethod(policies.can_view_region_staff_pages)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        roles = policies.roles_by_region(user).get(self.region.pk, frozenset())
        context["my_roles"] = sorted(_role_label(code) for code in roles)
        context["panels"] = [
            {"panel": p, "context": p.context(user, self.region)}
            for p in dashboard_panels()
            if p.allowed(user, self.region)
        ]
        return context


class ObjectHistoryView(RegionStaffMixin, TemplateView):
    """The audit history of one object the user can see."""

    template_name = "accounts/object_history.html"
    permission = staticmethod(policies.can_view_history)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        label = self.kwargs["model"]
        scope = audit.history_scope(label)
        if scope is None:
            raise Http404
        model = apps.get_model(label)
        queryset = scope(self.request.user)
        if "region" in {f.name for f in model._meta.get_fields()}:
            queryset = queryset.filter(region=self.region)
        elif model._meta.label_lower == "core.region":
            queryset = queryset.filter(pk=self.region.pk)
        obj = get_object_or_404(queryset, pk=self.kwargs["pk"])
        context["object"] = obj
        context["model_name"] = model._meta.verbose_name
        context["entries"] = AuditEntry.objects.for_object(obj).select_related("actor")[
            :500
        ]
        return context


class RoleListView(RegionStaffMixin, FormView):
    """A region administrator sees who holds which role, assigns and revokes roles."""

    template_name = "accounts/role_list.html"
    form_class = RoleAssignForm
    permission = staticmethod(policies.can_manage_roles)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["assignments"] = (
            policies.role_assignments_visible_to(self.request.user)
            .filter(region=self.region)
            .order_by("user__full_name", "role")
        )
        return context

    def form_valid(self, form: RoleAssignForm) -> HttpResponse:
        services.role_assign(
            user=form.cleaned_data["email"],
            region=self.region,
            role=form.cleaned_data["role"],
            by=self.request.user,  # type: ignore[arg-type]
        )
        messages.success(self.request, _("The role was assigned."))
        return redirect("accounts:role_list", region_slug=self.region.slug)


class RoleRevokeView(RegionStaffMixin, View):
    permission = staticmethod(policies.can_manage_roles)

    def post(self, request: HttpRequest, region_slug: str, pk: int) -> HttpResponse:
        assignment = get_object_or_404(
            policies.role_assignments_visible_to(request.user).filter(
                region=self.region
            ),
            pk=pk,
        )
        try:
            services.role_revoke(assignment=assignment, by=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The role was revoked."))
        return HttpResponseRedirect(
            reverse("accounts:role_list", kwargs={"region_slug": region_slug})
        )


class RegionSettingsView(RegionStaffMixin, FormView):
    template_name = "accounts/region_settings.html"
    form_class = RegionForm
    permission = staticmethod(policies.can_update_region)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.region
        return kwargs

    def form_valid(self, form: RegionForm) -> HttpResponse:
        try:
            services.region_update(
                region=self.get_fresh_region(),
                by=self.request.user,  # type: ignore[arg-type]
                data=form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The region's settings were saved."))
        return redirect("accounts:region_settings", region_slug=self.region.slug)

    def get_fresh_region(self) -> Any:
        # The form has already written the cleaned values onto self.region; the service
        # compares against the stored row so that the audit entry shows what changed.
        return type(self.region).objects.get(pk=self.region.pk)


@method_decorator(login_not_required, name="dispatch")
class SignupView(FormView):
    """An applicant makes an account, is logged in, and goes on where they were."""

    form_class = SignupForm
    template_name = "registration/signup.html"

    def get_initial(self) -> dict[str, Any]:
        return {
            "preferred_language": translation.get_language() or settings.LANGUAGE_CODE
        }

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        if request.user.is_authenticated:
            return redirect(self.next_url())
        return super().dispatch(request, *args, **kwargs)

    def next_url(self) -> str:
        candidate = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if candidate and url_has_allowed_host_and_scheme(
            candidate,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ):
            return candidate
        return reverse("accounts:home")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["next"] = self.next_url()
        return context

    def form_valid(self, form: SignupForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            user = services.applicant_signup(
                email=data["email"],
                full_name=data["full_name"],
                password=data["password1"],
                language=data["preferred_language"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            self.request,
            _("Welcome, %(name)s. Your account is ready.")
            % {"name": user.get_short_name()},
        )
        response = redirect(self.next_url())
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.preferred_language or settings.LANGUAGE_CODE,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
        return response
