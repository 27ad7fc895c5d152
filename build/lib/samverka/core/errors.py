"""Domain errors that services raise; views and the API turn them into responses."""

from django.core.exceptions import PermissionDenied


def require(allowed: bool, message: str = "") -> None:
    """Raise PermissionDenied unless a policy predicate allowed the action."""
    if not allowed:
        raise PermissionDenied(message)
