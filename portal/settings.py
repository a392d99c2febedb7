"""Settings for the portal, read from the environment with safe development defaults.

Production sets at least SECRET_KEY, DEBUG=0, ALLOWED_HOSTS, DATABASE_URL and REDIS_URL;
see docs/deploy.md.
"""

from pathlib import Path

import environ
from celery.schedules import crontab, schedule
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Runtime data of `make run` / `make test`: embedded servers, media, secrets.
VAR_DIR = Path(env("PORTAL_VAR_DIR", default=str(BASE_DIR / "var")))

DEFAULT_SECRET_KEY = "dev-only-insecure-secret-key-do-not-use-in-production"
DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default=DEFAULT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured(
        "Refusing to start: DEBUG=0 with the default SECRET_KEY. "
        "Set the SECRET_KEY environment variable to a long random value "
        '(python -c "import secrets; print(secrets.token_urlsafe(50))").'
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The embedded servers started by `make run` / `make test` listen on these ports.
EMBEDDED_POSTGRES_PORT = env.int("EMBEDDED_POSTGRES_PORT", default=54329)
EMBEDDED_REDIS_PORT = env.int("EMBEDDED_REDIS_PORT", default=63799)

DATABASES = {
    "default": env.db(
        "DATABASE_URL",
        default=f"postgres://postgres@127.0.0.1:{EMBEDDED_POSTGRES_PORT}/portal",
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("TEST", {})
if env("TEST_DATABASE_NAME", default=""):
    # Lets several test runs share one server without touching each other's database.
    DATABASES["default"]["TEST"]["NAME"] = env("TEST_DATABASE_NAME")

REDIS_URL = env("REDIS_URL", default=f"redis://127.0.0.1:{EMBEDDED_REDIS_PORT}/0")
# Every key the portal writes (cache, counters, locks) starts with this prefix.
REDIS_KEY_PREFIX = env("REDIS_KEY_PREFIX", default="portal")
REDIS_SOCKET_TIMEOUT = env.float("REDIS_SOCKET_TIMEOUT", default=0.5)

CACHES = {
    "default": {
        "BACKEND": "core.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": REDIS_KEY_PREFIX,
        "OPTIONS": {
            "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
            "socket_timeout": REDIS_SOCKET_TIMEOUT,
        },
    }
}

INSTALLED_APPS = [
    "portal.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "django_ckeditor_5",
    "sorl.thumbnail",
    "solo",
    "captcha",
    "portal.admin_site.AxesConfig",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "auditlog",
    "reversion",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "portal",
    "accounts",
    "news",
    "documents",
    "polls",
    "stats",
    "importer",
    "api",
    "pages",
    "multimedia",
]

# The site's identity row (core.site.site_settings): apps read it without importing portal.
SITE_SETTINGS_MODEL = "portal.SiteSettings"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.csp.PortalCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "stats.middleware.VisitMiddleware",
    # Whole pages for anonymous readers, counted by VisitMiddleware above (docs/caching.md).
    "portal.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Old NukeViet addresses: consulted only when a page would be a 404.
    "importer.middleware.LegacyRedirectMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.twofactor.StaffTwoFactorMiddleware",
    "accounts.audit.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.IdleSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "portal.context_processors.site",
                "portal.context_processors.csrf_placeholder",
                "portal.context_processors.maintenance",
            ],
        },
    }
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    # Accounts imported from NukeViet: verified once, then re-hashed with PBKDF2.
    "importer.hashers.NukeVietPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    # Accounts that reach the admin: at least STAFF_PASSWORD_MIN_LENGTH characters.
    {
        "NAME": "accounts.passwords.StaffMinimumLengthValidator",
        "OPTIONS": {"min_length": env.int("STAFF_PASSWORD_MIN_LENGTH", default=12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Two-factor sign-in (django-otp) for every staff account, on these paths (accounts/twofactor.py).
STAFF_TWO_FACTOR_REQUIRED = env.bool("STAFF_TWO_FACTOR_REQUIRED", default=True)
STAFF_TWO_FACTOR_PATHS = ["/admin/", "/tin-tuc/xem-truoc/", "/tin-tuc/tai-anh/", "/thong-ke/"]
STAFF_TWO_FACTOR_EXEMPT_PATHS = ["/admin/login/", "/admin/logout/"]
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Cổng thông tin Ban Tuyên giáo")

# The editorial log (django-auditlog, accounts/audit.py): the rules ask for at least two years;
# nothing in the portal deletes an entry younger than AUDIT_RETENTION_DAYS (accounts/audit.py).
# Addresses only as keyed hashes.
AUDITLOG_DISABLE_REMOTE_ADDR = True
# What the log follows, by name (no app imports another's models to register them); the
# counters change with every reader and are not editorial changes.
_COUNTERS = ["view_count", "download_count", "rating_total", "rating_count"]
AUDITLOG_INCLUDE_TRACKING_MODELS = [
    *(
        {"model": model, "exclude_fields": _COUNTERS}
        for model in ("news.Article", "documents.Document", "documents.DocumentFile")
    ),
    "news.Comment",
    "polls.Poll",
    "polls.Choice",
    "portal.Banner",
    "portal.SiteSettings",
    # Named fields only: diffing every field would touch (and cache) reverse relations.
    {
        "model": "auth.User",
        "include_fields": ["username", "first_name", "last_name", "email"]
        + ["is_active", "is_staff", "is_superuser"],
        "m2m_fields": {"groups"},
    },
    {"model": "auth.Group", "m2m_fields": {"permissions"}},
]
AUDIT_RETENTION_DAYS = max(env.int("AUDIT_RETENTION_DAYS", default=730), 730)

# gunicorn's access log (devtools/launcher.py, deploy/gunicorn.conf.py read it too): off by
# default, never with the client's address; the privacy notice states which.
WEB_ACCESS_LOG = env.bool("WEB_ACCESS_LOG", default=False)

# Deleted articles and documents wait in the trash this many days before a nightly purge.
TRASH_DAYS = env.int("TRASH_DAYS", default=90)

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Reporters are signed out after this many idle seconds (a countdown warns them first).
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_IDLE_WARNING_SECONDS = env.int("SESSION_IDLE_WARNING_SECONDS", default=60)
# Accounts that reach the admin: signed out after this many idle seconds.
STAFF_SESSION_IDLE_SECONDS = env.int("STAFF_SESSION_IDLE_SECONDS", default=15 * 60)
# Staff accounts not signed in for this many days are disabled (a superuser re-enables them).
STAFF_INACTIVE_DAYS = env.int("STAFF_INACTIVE_DAYS", default=45)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
# Vietnamese for what Django's admin and django-axes leave in English (locale/vi).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True
FORMAT_MODULE_PATH = ["portal.locale_formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed names in production; tests and DEBUG read static/ directly.
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Document files live here, outside every public URL; only the download view serves them.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
# Production: nginx serves private files after Django's access check (docs/deploy.md).
PRIVATE_MEDIA_X_ACCEL_PREFIX = env("PRIVATE_MEDIA_X_ACCEL_PREFIX", default="")
DOCUMENT_MAX_UPLOAD_BYTES = env.int("DOCUMENT_MAX_UPLOAD_BYTES", default=50 * 1024 * 1024)
# Text extraction of document files for search (documents/extraction.py): files larger than
# this are not read, one file gets at most this many seconds, and its text is cut at MAX_CHARS.
DOCUMENT_TEXT_MAX_FILE_BYTES = env.int("DOCUMENT_TEXT_MAX_FILE_BYTES", default=20 * 1024 * 1024)
DOCUMENT_TEXT_SECONDS = env.int("DOCUMENT_TEXT_SECONDS", default=30)
DOCUMENT_TEXT_MAX_CHARS = env.int("DOCUMENT_TEXT_MAX_CHARS", default=200_000)
IMAGE_MAX_UPLOAD_BYTES = env.int("IMAGE_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
VIDEO_MAX_UPLOAD_BYTES = env.int("VIDEO_MAX_UPLOAD_BYTES", default=50 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Security. Behind nginx with TLS, production sets HTTPS=1 (docs/deploy.md).
HTTPS = env.bool("HTTPS", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"  # the document page embeds its own PDFs
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

# Content-Security-Policy (django-csp): only the portal's own files run or style a page; no
# inline script or style anywhere (pages are cached whole, so no per-request nonce either).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Only article bodies carry style attributes: the sanitiser (news/sanitize.py) lets
        # through text-align, color and background-color with validated values, nothing else.
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        # Documents preview their own PDFs; videos play from YouTube only after a click.
        "frame-src": ["'self'", "https://www.youtube-nocookie.com"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'self'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        **({"upgrade-insecure-requests": True} if HTTPS else {}),
    }
}
# CKEditor 5 and the Django admin add inline styles from their scripts (portal/csp.py).
CSP_INLINE_STYLE_PREFIXES = env.list("CSP_INLINE_STYLE_PREFIXES", default=["/admin/"])
# Permissions-Policy (django-permissions-policy): no page needs these browser features.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "browsing-topics": [],
    # The YouTube player may go full screen and autoplay after the reader's click.
    "fullscreen": ["self", "https://www.youtube-nocookie.com"],
    "autoplay": ["self", "https://www.youtube-nocookie.com"],
}

# E-mail from one URL (django-environ): smtp+tls://user:password@host:587, smtps://…,
# consolemail:// (the default: printed by the process that sends), filemail:///path.
# filemail:////var/mail/portal (four slashes) for an absolute directory.
vars().update({k: v for k, v in env.email_url("EMAIL_URL", default="consolemail://").items() if v})
if env("EMAIL_BACKEND", default=""):
    EMAIL_BACKEND = env("EMAIL_BACKEND")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
# Absolute links in e-mails sent by the worker, which has no request to build them from.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# New documents for reporters are e-mailed to subscribers in batches of this size (one SMTP
# connection each); documents issued more than NOTIFY_MAX_AGE_DAYS ago (imports) are not.
REPORTER_EMAIL_BATCH_SIZE = env.int("REPORTER_EMAIL_BATCH_SIZE", default=50)
REPORTER_NOTIFY_MAX_AGE_DAYS = env.int("REPORTER_NOTIFY_MAX_AGE_DAYS", default=30)

# Counting: Celery beat flushes Redis counters to PostgreSQL at this interval.
COUNTER_FLUSH_SECONDS = env.int("COUNTER_FLUSH_SECONDS", default=10)
# The flush lock's expiry (default: one flush interval, so a killed flush delays at most two).
STATS_FLUSH_LOCK_SECONDS = env.float("STATS_FLUSH_LOCK_SECONDS", default=COUNTER_FLUSH_SECONDS)
# Test hook: a worker started with STATS_FLUSH_PAUSE_AFTER=<step> waits there, to be killed.
STATS_FLUSH_PAUSE_AFTER = env("STATS_FLUSH_PAUSE_AFTER", default="")
STATS_FLUSH_PAUSE_SECONDS = env.float("STATS_FLUSH_PAUSE_SECONDS", default=60)
STATS_ONLINE_SECONDS = env.int("STATS_ONLINE_SECONDS", default=5 * 60)
STATS_DEDUP_SECONDS = env.int("STATS_DEDUP_SECONDS", default=30 * 60)
# One address (an office behind one public IP) counts at most this many new visits, and
# this many views or downloads of each object, per STATS_DEDUP_SECONDS (README: Counting).
STATS_ADDRESS_CAP = env.int("STATS_ADDRESS_CAP", default=300)
# Counts that could not reach Redis wait here (one file per process) until replayed.
COUNTER_SPOOL_DIR = env.path("COUNTER_SPOOL_DIR", default=str(VAR_DIR / "spool"))
COUNTER_SPOOL_MAX_BYTES = env.int("COUNTER_SPOOL_MAX_BYTES", default=64 * 1024 * 1024)

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default=f"{REDIS_KEY_PREFIX}-celery")
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE = {
    "stats-flush": {
        "task": "stats.tasks.flush_counters",
        "schedule": schedule(COUNTER_FLUSH_SECONDS),
        "options": {"expires": COUNTER_FLUSH_SECONDS},
    },
    "stats-rollup": {
        "task": "stats.tasks.roll_up_days",
        "schedule": schedule(300),
    },
    "nightly-backup": {
        "task": "portal.tasks.nightly_backup",
        "schedule": crontab(hour=env.int("BACKUP_HOUR", default=2), minute=30),
    },
    "staff-disable-inactive": {
        "task": "accounts.tasks.disable_inactive_staff",
        "schedule": crontab(hour=3, minute=10),
    },
    # Hourly: django-axes' raw addresses must not outlive the lockout window by much.
    "privacy-retention": {
        "task": "portal.tasks.purge_personal_data",
        "schedule": schedule(3600),
    },
    "trash-purge": {
        "task": "portal.tasks.purge_trash",
        "schedule": crontab(hour=3, minute=40),
    },
    "captcha-cleanup": {
        "task": "portal.tasks.remove_expired_captchas",
        "schedule": schedule(3600),
    },
}

# Backups (`make backup`, and nightly at BACKUP_HOUR:30): the newest BACKUP_KEEP are kept.
BACKUP_DIR = env.path("BACKUP_DIR", default=str(VAR_DIR / "backups"))
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)

# django-axes: lock a username from one address after AXES_FAILURE_LIMIT failures, and an
# address after AXES_ADDRESS_FAILURE_LIMIT failures over any usernames (password spraying).
AXES_HANDLER = "accounts.lockout.AddressAwareHandler"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# No record of successful logins with raw IP and user agent; failure rows are deleted once
# the lockout window has passed (accounts/privacy.py, run by portal/privacy.py).
AXES_DISABLE_ACCESS_LOG = True
# Quiet: no start-up banner on make run's screen, and its log lines name only what locks
# (username and address), never the user agent.
AXES_VERBOSE = False

# Retention (portal/privacy.py, hourly): names and e-mails of comments are anonymised after
# PRIVACY_RETENTION_DAYS; address hashes and vote/rating records after IP_HASH_RETENTION_DAYS.
PRIVACY_RETENTION_DAYS = env.int("PRIVACY_RETENTION_DAYS", default=365)
IP_HASH_RETENTION_DAYS = env.int("IP_HASH_RETENTION_DAYS", default=30)

# django-ratelimit uses the default (Redis) cache.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_VIEW = "portal.views.ratelimited"
# With Redis down, rate limits let requests through (logged) instead of refusing everyone.
RATELIMIT_FAIL_OPEN = True
# Behind nginx the client address arrives in X-Real-IP (docs/deploy.md).
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", default="")

# The read API (/api/v1/): anonymous, read-only, throttled per client address in Redis.
API_CACHE_SECONDS = env.int("API_CACHE_SECONDS", default=60)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientAddressThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env("API_THROTTLE_RATE", default="120/min")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Cổng thông tin Ban Tuyên giáo",
    "DESCRIPTION": (
        "Dữ liệu công khai của cổng thông tin, chỉ đọc: tin bài, chuyên mục, văn bản (tệp của "
        "văn bản dành cho báo cáo viên không bao giờ có ở đây), thăm dò ý kiến và kết quả."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI from the portal's own static files (drf-spectacular-sidecar), never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

CAPTCHA_FONT_SIZE = 32
CAPTCHA_IMAGE_SIZE = (140, 48)
CAPTCHA_LENGTH = 5
# The "new picture" button: at most this many new captchas per address.
CAPTCHA_REFRESH_RATE = env("CAPTCHA_REFRESH_RATE", default="20/m")

# Polls: an office shares one address, so each address gets this many votes an hour on a
# poll (one per visitor), and at most POLL_POST_RATE vote requests whatever the poll.
POLL_VOTES_PER_IP_PER_HOUR = env.int("POLL_VOTES_PER_IP_PER_HOUR", default=20)
POLL_POST_RATE = env("POLL_POST_RATE", default="60/m")

THUMBNAIL_PRESERVE_FORMAT = True
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"

# `make bench` mounts a bare view as its baseline; never set in production.
BENCH_BASELINE = env.bool("BENCH_BASELINE", default=False)

# Anonymous readers' pages (portal/pagecache.py, docs/caching.md): fresh this many seconds at
# most (an editor's change shows at once), kept this long as a stale copy for database outages.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)
PAGE_CACHE_STALE_SECONDS = env.int("PAGE_CACHE_STALE_SECONDS", default=24 * 60 * 60)

# Editors' inline images go through news' own upload view: validated, re-encoded, dated folders.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "news:upload_image"
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "jpg", "png", "gif", "webp"]
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "vi",
        # Everything here must survive news/sanitize.py (tests/news/test_sanitize.py checks it).
        "toolbar": [
            "heading",
            "|",
            "bold",
            "italic",
            "underline",
            "link",
            "|",
            "alignment",
            "fontColor",
            "|",
            "bulletedList",
            "numberedList",
            "blockQuote",
            "horizontalLine",
            "specialCharacters",
            "|",
            "imageUpload",
            "insertTable",
            "|",
            "undo",
            "redo",
        ],
        "alignment": {"options": ["left", "center", "right", "justify"]},
        "fontColor": {
            "colors": [
                {"color": "#1f2328", "label": "Đen"},
                {"color": "#b3101f", "label": "Đỏ"},
                {"color": "#850b16", "label": "Đỏ sẫm"},
                {"color": "#0b57d0", "label": "Xanh dương"},
                {"color": "#1a7f37", "label": "Xanh lá"},
                {"color": "#9a6700", "label": "Vàng đất"},
                {"color": "#555d66", "label": "Xám"},
            ],
            "columns": 7,
            "documentColors": 0,
            "colorPicker": False,
        },
        # Only the default: pasted sizes and families are not taken in (nor kept).
        "fontSize": {"options": ["default"]},
        "fontFamily": {"options": ["default"]},
        "image": {
            "toolbar": [
                "imageTextAlternative",
                "toggleImageCaption",
                "|",
                "imageStyle:alignLeft",
                "imageStyle:alignCenter",
                "imageStyle:alignRight",
            ],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Đoạn văn", "class": "ck-heading_paragraph"},
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": "Tiêu đề 2",
                    "class": "ck-heading_heading2",
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": "Tiêu đề 3",
                    "class": "ck-heading_heading3",
                },
            ]
        },
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

SOLO_CACHE = "default"
SOLO_CACHE_TIMEOUT = 60 * 60
SOLO_CACHE_PREFIX = "solo"
