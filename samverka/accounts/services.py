"""Writes to users, roles and region settings."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samverka.accounts import policies
from samverka.accounts.choices import RoleCode
from samverka.accounts.models import RoleAssignment, User
from samverka.core import audit
from samverka.core.errors import require
from samverka.core.models import Region

REGION_EDITABLE_FIELDS = (
    "name",
    "email",
    "phone",
    "address",
    "website",
    "default_language",
)


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    password: str | None = None,
    by: User | None = None,
    **extra: Any,
) -> User:
    """Create a user. E-mail addresses are unique regardless of case."""
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("A user with this e-mail address already exists.")}
        )
    user = User(email=email, full_name=full_name, **extra)
    user.set_password(password)
    user.full_clean()
    user.save()
    audit.log(user, "accounts.user_create", by=by)
    return user


@transaction.atomic
def role_assign(
    *, user: User, region: Region, role: str, by: User | None
) -> RoleAssignment:
    """Give `user` a staff role in `region`. Only a region administrator may (or a command, by=None)."""
    if by is not None:
        require(policies.can_manage_roles(by, region))
    existing = RoleAssignment.objects.filter(
        user=user, region=region, role=role
    ).first()
    if existing is not None:
        return existing
    # Validated before it is written: an unknown role code never reaches the table.
    assignment = RoleAssignment(user=user, region=region, role=role)
    assignment.full_clean()
    assignment.save()
    audit.log(assignment, "accounts.role_assign", by=by, changes={"role": (None, role)})
    policies.forget_roles(user)
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment, by: User) -> None:
    """Take a role away. A region keeps at least one region administrator."""
    require(policies.can_manage_roles(by, assignment.region))
    if (
        assignment.role == RoleCode.REGION_ADMIN
        and not RoleAssignment.objects.filter(
            region=assignment.region, role=RoleCode.REGION_ADMIN
        )
        .exclude(pk=assignment.pk)
        .exists()
    ):
        raise ValidationError(
            _("A region must keep at least one region administrator.")
        )
    audit.log(
        assignment,
        "accounts.role_revoke",
        by=by,
        changes={"role": (assignment.role, None)},
    )
    assignment.delete()
    policies.forget_roles(assignment.user)


@transaction.atomic
def region_update(*, region: Region, by: User, data: dict[str, Any]) -> Region:
    """Change a region's contact details and default language (region administrator)."""
    require(policies.can_update_region(by, region))
    region, changes = audit.model_update(
        instance=region, fields=REGION_EDITABLE_FIELDS, data=data
    )
    if changes:
        audit.log(region, "core.region_update", by=by, changes=changes)
    return region


@transaction.atomic
def user_language_set(*, user: User, language: str) -> User:
    """Remember the language a logged-in user chose."""
    user, changes = audit.model_update(
        instance=user,
        fields=["preferred_language"],
        data={"preferred_language": language},
    )
    if changes:
        audit.log(user, "accounts.language_set", by=user, changes=changes)
    return user


@transaction.atomic
def region_create(*, by: User | None, **data: Any) -> Region:
    """Create a region (tenant). Platform administrators and commands (by=None) only."""
    if by is not None:
        require(policies.can_use_admin(by))
    region = Region(**data)
    region.full_clean()
    region.save()
    audit.log(region, "core.region_create", by=by)
    return region


@transaction.atomic
def applicant_signup(
    *, email: str, full_name: str, password: str, language: str = ""
) -> User:
    """Someone makes an account of their own to apply for funding. They hold no role;
    they act for organisations once they register one or are added to one."""
    user = user_create(
        email=email,
        full_name=full_name.strip(),
        password=password,
        by=None,
        preferred_language=language,
    )
    audit.log(user, "accounts.signup", by=user)
    return user
