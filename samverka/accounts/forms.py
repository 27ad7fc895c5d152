from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from samverka.accounts.choices import RoleCode
from samverka.accounts.models import User
from samverka.core.choices import Language
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


class SignupForm(forms.Form):
    """A new applicant's account: name, e-mail, language and a password."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("You log in with it, and receipts and letters are sent to it."),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language"), choices=Language.choices
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "At least 10 characters, not only digits, and not a common password."
        ),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            candidate = User(
                email=cleaned.get("email", ""), full_name=cleaned.get("full_name", "")
            )
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned
