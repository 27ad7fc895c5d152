from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from samverka.accounts.choices import RoleCode
from samverka.accounts.models import User
from samverka.core.models import Region


class LoginForm(AuthenticationForm):
    """E-mail and password; the field keeps the name `username` that django-axes reads."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is wrong. Both are case-sensitive."
        ),
        "inactive": _("This account is not active."),
    }


class TaskPasswordResetForm(PasswordResetForm):
    """Sends the reset e-mail through a background task instead of inside the request."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        from django.template import loader

        from samverka.core.tasks import email_send_task

        subject = "".join(
            loader.render_to_string(subject_template_name, context).splitlines()
        )
        body = loader.render_to_string(email_template_name, context)
        email_send_task.enqueue(subject=subject, body=body, to=[to_email])


class RoleAssignForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the user"))
    role = forms.ChoiceField(label=_("Role"), choices=RoleCode.choices)

    def clean_email(self) -> User:
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active user has this e-mail address."))
        return user


class RegionForm(forms.ModelForm):
    class Meta:
        model = Region
        fields = ["name", "default_language", "email", "phone", "address", "website"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
