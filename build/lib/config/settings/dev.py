"""Local development and the demo: debug on, a fixed development-only secret."""

from .base import *

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-samverka"
DATA_DIR.mkdir(parents=True, exist_ok=True)
