"""Settings shared by every environment, driven by the environment (docs/configuration.md)."""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


# Where Samverka keeps its SQLite database, uploaded files and other state.
DATA_DIR = Path(os.environ.get("SAMVERKA_DATA_DIR", BASE_DIR / "var"))
# Where the shared public reference data (../shared/data) lies.
SHARED_DATA_DIR = Path(
    os.environ.get("SAMVERKA_SHARED_DATA", BASE_DIR.parent / "shared" / "data")
)

# Statistics offices whose APIs feed indicator observations (docs/statistics-import.md).
SAMVERKA_SCB_V2_URL = os.environ.get(
    "SAMVERKA_SCB_V2_URL", "https://statistikdatabasen.scb.se/api/v2/"
)
SAMVERKA_SCB_V1_URL = os.environ.get(
    "SAMVERKA_SCB_V1_URL", "https://api.scb.se/OV0104/v1/doris/sv/ssd/"
)
SAMVERKA_STATBANK_URL = os.environ.get(
    "SAMVERKA_STATBANK_URL", "https://api.statbank.dk/v1/"
)
SAMVERKA_STATISTICS_TIMEOUT = float(os.environ.get("SAMVERKA_STATISTICS_TIMEOUT", "60"))
SAMVERKA_STATISTICS_MAX_UPLOAD = int(
    os.environ.get("SAMVERKA_STATISTICS_MAX_UPLOAD", str(10 * 1024 * 1024))
)

# Applications (docs/models/applications.md).
# The address of this installation, for links in e-mails (invitations, receipts).
SAMVERKA_BASE_URL = os.environ.get("SAMVERKA_BASE_URL", "http://localhost:8000")
# The largest attachment an applicant may upload, in bytes.
SAMVERKA_ATTACHMENT_MAX_BYTES = int(
    os.environ.get("SAMVERKA_ATTACHMENT_MAX_BYTES", str(20 * 1024 * 1024))
)
# A dotted path to a callable(data: bytes, name: str) that raises ValidationError
# when a file carries a threat; empty: attachments are stored as "not scanned".
SAMVERKA_VIRUS_SCANNER = os.environ.get("SAMVERKA_VIRUS_SCANNER", "")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "samverka.core",
    "samverka.accounts",
    "samverka.geo",
    "samverka.actors",
    "samverka.strategy",
    "samverka.plans",
    "samverka.records",
    "samverka.funding",
    "samverka.applications",
    "samverka.assessments",
    "samverka.decisions",
    "samverka.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "samverka.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "samverka.core.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "samverka.core.middleware.RegionLanguageMiddleware",
    # Last, as django-axes asks: it turns lock-outs into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "samverka.accounts.context_processors.shell",
            ],
        },
    },
]

# Database: SQLite in DATA_DIR unless DATABASE_URL names another (PostgreSQL in production).
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"],
            conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "samverka.sqlite3"),
            "OPTIONS": {
                # Writers queue instead of failing with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out login never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "portal:index"

# Failed logins: after AXES_FAILURE_LIMIT failures for one e-mail address from one IP
# address, that pair is locked out for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0")) or None

# Languages: Swedish, Danish, Norwegian bokmål, Finnish, English.
LANGUAGE_CODE = os.environ.get("SAMVERKA_DEFAULT_LANGUAGE", "sv")
LANGUAGES = [
    ("sv", _("Swedish")),
    ("da", _("Danish")),
    ("nb", _("Norwegian bokmål")),
    ("fi", _("Finnish")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "samverka" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("SAMVERKA_TIME_ZONE", "Europe/Stockholm")
USE_THOUSAND_SEPARATOR = True
LANGUAGE_COOKIE_NAME = "samverka_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", DATA_DIR / "media"))
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Samverka <noreply@localhost>"
)

# Background work through the django-tasks API: "immediate" runs a task inside the
# request; "database" queues it for `manage.py db_worker` processes.
TASKS_BACKEND = os.environ.get("SAMVERKA_TASKS_BACKEND", "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND]
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "samverka.core.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_RATE", "120/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samverka API",
    "DESCRIPTION": "Regional development: strategy, funding, applications, decisions and follow-up.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "samverka.core.choices.Language",
        "CountryEnum": "samverka.core.choices.Country",
        "CurrencyEnum": "samverka.core.choices.Currency",
        "OrganisationTypeEnum": "samverka.actors.choices.OrganisationType",
        "NutsRegionLevelEnum": "samverka.geo.choices.NutsRegionLevel",
        "StrategyLevelEnum": "samverka.strategy.choices.StrategyLevel",
        "StrategyStatusEnum": "samverka.strategy.choices.StrategyStatus",
        "GoalKindEnum": "samverka.strategy.choices.GoalKind",
        "GeographyLevelEnum": "samverka.strategy.choices.GeographyLevel",
        "IndicatorSourceEnum": "samverka.strategy.choices.IndicatorSource",
        "InteractionScoreEnum": "samverka.strategy.choices.InteractionScore",
        "PlanKindEnum": "samverka.plans.choices.PlanKind",
        "PlanStatusEnum": "samverka.plans.choices.PlanStatus",
        "ActivityStatusEnum": "samverka.plans.choices.ActivityStatus",
        "ActivityStageEnum": "samverka.plans.choices.ActivityStage",
        "FundingTypeEnum": "samverka.plans.choices.FundingType",
        "RelevanceEnum": "samverka.plans.choices.Relevance",
        "ImportSourceEnum": "samverka.strategy.choices.ImportSource",
        "ImportStatusEnum": "samverka.strategy.choices.ImportStatus",
        "ApplicationStatusEnum": "samverka.applications.choices.ApplicationStatus",
        "StageEnum": "samverka.applications.choices.Stage",
        "PartnerRoleEnum": "samverka.applications.choices.PartnerRole",
        "CostCategoryEnum": "samverka.applications.choices.CostCategory",
        "FinancingKindEnum": "samverka.applications.choices.FinancingKind",
        "FunderSectorEnum": "samverka.applications.choices.FunderSector",
        "FinancingStatusEnum": "samverka.applications.choices.FinancingStatus",
        "EffectLevelEnum": "samverka.applications.choices.EffectLevel",
        "SustainabilityAspectEnum": "samverka.applications.choices.SustainabilityAspect",
        "IntegrationRatingEnum": "samverka.applications.choices.IntegrationRating",
        "ScanResultEnum": "samverka.applications.choices.ScanResult",
        "FormSectionEnum": "samverka.funding.choices.FormSection",
        "CallStatusEnum": "samverka.funding.choices.CallStatus",
        "CallStateEnum": "samverka.funding.choices.CallState",
        "IntakeEnum": "samverka.funding.choices.Intake",
        "AttachmentKindEnum": "samverka.funding.choices.AttachmentKind",
        "IndicatorLevelEnum": "samverka.funding.choices.IndicatorLevel",
        "DecisionLevelEnum": "samverka.funding.choices.DecisionLevel",
        "AssignmentStatusEnum": "samverka.assessments.choices.AssignmentStatus",
        "CheckItemEnum": "samverka.assessments.choices.CheckItem",
        "CheckOutcomeEnum": "samverka.assessments.choices.CheckOutcome",
        "EffectEnum": "samverka.assessments.choices.Effect",
        "TaxonomyObjectiveEnum": "samverka.assessments.choices.TaxonomyObjective",
        "DnshResultEnum": "samverka.assessments.choices.DnshResult",
        "SdgDirectionEnum": "samverka.assessments.choices.SdgDirection",
        "ConflictSourceEnum": "samverka.assessments.choices.ConflictSource",
        "ConflictStatusEnum": "samverka.assessments.choices.ConflictStatus",
        "ConflictHandlingEnum": "samverka.assessments.choices.ConflictHandling",
        "RecommendedOutcomeEnum": "samverka.assessments.choices.RecommendedOutcome",
        "DecisionOutcomeEnum": "samverka.decisions.choices.Outcome",
        "ConditionKindEnum": "samverka.decisions.choices.ConditionKind",
        "ConditionStatusEnum": "samverka.decisions.choices.ConditionStatus",
        "MeetingStatusEnum": "samverka.decisions.choices.MeetingStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "samverka.core.request_context.RequestIdLogFilter"}
    },
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint reports every font and image it loads at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
