"""What the public portal reads."""

from samverka.core.selectors import region_list_public

__all__ = ["region_list_public"]
