"""Settings of the Emscher-Portal: one module, driven by the environment.

Every variable is listed in `.env.example` and explained in the README.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

# ---------------------------------------------------------------------------
# Core
# ---------------------------------------------------------------------------

DEBUG = env.bool("DJANGO_DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="insecure-local-development-key")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
else:
    # No defaults on purpose: a production start without them must fail loudly.
    SECRET_KEY = env.str("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

ROOT_URLCONF = "emscher_portal.urls"
WSGI_APPLICATION = "emscher_portal.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# ---------------------------------------------------------------------------
# Apps
# ---------------------------------------------------------------------------

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
]
THIRD_PARTY_APPS = [
    "emscher_portal.third_party_apps.TasksConfig",  # django_tasks_db under a German name
    "emscher_portal.third_party_apps.AxesConfig",  # axes under a German name
    "simple_history",
]
LOCAL_APPS = [
    "emscher_portal",
    "forums",
    "networks",
    "documents",
    "articles",
    "participation",
    "oparl",
    "alerts",
]
# The project's apps before the third-party ones: `manage.py db_worker` is then the portal's worker
# (emscher_portal/management/commands/db_worker.py, which wraps django-tasks-db's).
INSTALLED_APPS = DJANGO_APPS + LOCAL_APPS + THIRD_PARTY_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # After the CSP middleware, so its response hook runs first and can hand /admin/ its own policy.
    "emscher_portal.security.AdminContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML, feeds and JSON by Accept-Encoding (brotli, gzip) for what the page cache below does not store; the page
    # cache compresses what it stores once. Never a page with a CSRF token (BREACH). See core/compression.py.
    "emscher_portal.core.compression.CompressionMiddleware",
    # Whole pages for anonymous readers. Below the security/CSP middlewares (they add their headers to cached
    # pages too) and above sessions/CSRF/auth (a hit skips them). See emscher_portal/core/pagecache/. It also
    # carries out due scheduled publications first (emscher_portal/core/scheduling.py).
    "emscher_portal.core.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Who made a change, for the history of every content model (services and bulk actions included).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

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
                "django.template.context_processors.csp",
                "emscher_portal.context_processors.site",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Database and cache
# ---------------------------------------------------------------------------

SQLITE_PATH = BASE_DIR / "var" / "db.sqlite3"
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{SQLITE_PATH}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A dead server must not hang a worker: fail the connect after a few seconds.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=3)
    )
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

CACHES = {"default": env.cache("CACHE_URL", default=env.str("REDIS_URL", default="locmemcache://"))}
# django-environ hands `?key_prefix=` on in lower case, which Django ignores: several portals (or a benchmark beside
# a portal) on one Redis database would share their keys, the page cache's content version among them.
if "key_prefix" in CACHES["default"]:
    CACHES["default"]["KEY_PREFIX"] = CACHES["default"].pop("key_prefix")
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same backend, reusing its Redis client instead of building one per operation (see the module).
    CACHES["default"]["BACKEND"] = "emscher_portal.core.cache.RedisCache"

# Page cache (emscher_portal/core/pagecache/): exact inside the portal; a browser or CDN may keep a page for
# PAGE_CACHE_MAX_AGE / PAGE_CACHE_S_MAXAGE seconds, because an invalidation cannot reach them.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=60)
PAGE_CACHE_S_MAXAGE = env.int("PAGE_CACHE_S_MAXAGE", default=60)
# How long an unused page stays in the cache; pages of an old content version are unreachable anyway.
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=3600)
PAGE_CACHE_MAX_BYTES = env.int("PAGE_CACHE_MAX_BYTES", default=2 * 1024 * 1024)
# "auto": the version token lives in a shared cache (Redis), with a process-local one (locmem) in the database.
PAGE_CACHE_VERSION_STORE = env.str("PAGE_CACHE_VERSION_STORE", default="auto")
PAGE_CACHE_EXCLUDED_PATHS = [
    "/admin/",
    "/suche/",
    "/kontakt/",
    "/healthz",
    "/readyz",
    "/media/",
    "/vorschau/",
    "/bestaetigen/",
]

# Rate limits and single-use tokens (emscher_portal/core/limits.py) must hold across all app processes: "auto"
# counts in a shared cache (Redis) when one is configured and in the database otherwise.
LIMITS_STORE = env.str("LIMITS_STORE", default="auto")

# ---------------------------------------------------------------------------
# Background tasks (django.tasks with the database backend)
# ---------------------------------------------------------------------------

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The worker (`manage.py db_worker`, see emscher_portal/core/worker/) writes a heartbeat this often. A running task
# whose worker has sent none for TASK_WORKER_LOST_SECONDS (killed, out of memory, host restart) is queued again,
# or marked failed once it has been started TASK_MAX_ATTEMPTS times.
TASK_WORKER_HEARTBEAT_SECONDS = env.float("TASK_WORKER_HEARTBEAT_SECONDS", default=10)
TASK_WORKER_LOST_SECONDS = env.float("TASK_WORKER_LOST_SECONDS", default=60)
TASK_MAX_ATTEMPTS = env.int("TASK_MAX_ATTEMPTS", default=3)
# /readyz answers 503 when tasks have waited this long and no worker has taken one for as long (0: no check).
TASK_QUEUE_STALE_SECONDS = env.int("TASK_QUEUE_STALE_SECONDS", default=600)
# Finished task results (and the rows of workers gone since) are deleted after this many days, daily.
TASK_RESULT_RETENTION_DAYS = env.int("TASK_RESULT_RETENTION_DAYS", default=14)

# ---------------------------------------------------------------------------
# Authentication
# ---------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=8 * 60 * 60)

# Admin hardening: django-axes throttles logins. After AXES_FAILURE_LIMIT failed attempts for one
# user name from one address, logins are refused (HTTP 429) until AXES_COOLOFF_MINUTES have passed.
# Tests log in with client.force_login(), which does not authenticate and so is never throttled.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_MINUTES = env.int("AXES_COOLOFF_MINUTES", default=15)
AXES_COOLOFF_TIME = "emscher_portal.security.axes_cool_off"
AXES_LOCKOUT_CALLABLE = "emscher_portal.security.axes_lockout_response"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A session ends with the browser as well as after SESSION_COOKIE_AGE.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# ---------------------------------------------------------------------------
# Locale
# ---------------------------------------------------------------------------

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# ---------------------------------------------------------------------------
# Security
# ---------------------------------------------------------------------------

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preload on by default in production (check --deploy asks for it); the flag only matters once the domain is
# submitted to the browsers' preload list.
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("DJANGO_BEHIND_PROXY", default=False) else None
)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

from django.utils.csp import CSP  # noqa: E402 -- kept beside the setting it serves

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# ---------------------------------------------------------------------------
# Static and media files
# ---------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Uploaded library documents: outside MEDIA_ROOT, so /media/ never serves a draft's file; downloads go
    # through /dokumente/<slug>/download/, which checks the status.
    "documents": {"BACKEND": "documents.storage.PrivateDocumentStorage"},
}
# Where PrivateDocumentStorage keeps uploaded PDFs (never served directly).
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private")
# One stylesheet for the pages: css/portal.css with its @imports inlined (emscher_portal/core/staticbundle.py),
# collected and hashed like any file; the finder writes it to STATIC_BUNDLE_ROOT.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "emscher_portal.core.staticbundle.BundleFinder",
]
STATIC_BUNDLES = {"css/portal.bundle.css": "css/portal.css"}
STATIC_BUNDLE_ROOT = env.path("STATIC_BUNDLE_ROOT", default=BASE_DIR / "var" / "static-bundles")
# In development (and tests) serve static files straight from the finders, no collectstatic needed.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_MAX_AGE = 31_536_000 if not DEBUG else 0
FILE_UPLOAD_PERMISSIONS = 0o644
# Serve public media files from Django (local demo, single host). Behind a reverse proxy, let it serve /media/.
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=DEBUG)
# Event photos: uploads above these limits are refused; the pixel limit is checked before decoding.
PHOTO_MAX_PIXELS = env.int("PHOTO_MAX_PIXELS", default=40_000_000)
PHOTO_MAX_BYTES = env.int("PHOTO_MAX_BYTES", default=25 * 1024 * 1024)

# ---------------------------------------------------------------------------
# Document library and generated PDFs
# ---------------------------------------------------------------------------

# Largest PDF the Redaktion may upload to the document library, in megabytes.
DOCUMENT_MAX_UPLOAD_MB = env.int("DOCUMENT_MAX_UPLOAD_MB", default=50)
# Publishing or editing content queues a render of its PDFs in the task worker, so readers get a stored file.
PDF_PRERENDER = env.bool("PDF_PRERENDER", default=True)

# ---------------------------------------------------------------------------
# E-mail
# ---------------------------------------------------------------------------

_email = env.email("EMAIL_URL", default="consolemail://")
_email_options = (
    {
        option: _email[setting]
        for setting, option in (
            ("EMAIL_HOST", "host"),
            ("EMAIL_PORT", "port"),
            ("EMAIL_HOST_USER", "username"),
            ("EMAIL_HOST_PASSWORD", "password"),
            ("EMAIL_USE_TLS", "use_tls"),
            ("EMAIL_USE_SSL", "use_ssl"),
        )
        if _email.get(setting) not in (None, "")
    }
    if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    else {}
)
MAILERS = {"default": {"BACKEND": _email["EMAIL_BACKEND"], "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# ---------------------------------------------------------------------------
# Logging: everything to stdout, as the process manager expects
# ---------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every rendering step at INFO; only its warnings concern an operator.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# ---------------------------------------------------------------------------
# Contact form, legal pages, Gebärdensprache video
# ---------------------------------------------------------------------------

# Where messages from /kontakt/ are e-mailed to (through the tasks queue).
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="redaktion@localhost")
# Messages older than this are deleted daily by the task worker (emscher_portal/periodic.py; by hand:
# `manage.py purge_contact_messages`); the Datenschutz page states it.
CONTACT_RETENTION_DAYS = env.int("CONTACT_RETENTION_DAYS", default=180)
# Spam defences without third parties: a form sent faster than this is refused, each form token is accepted
# once, and one client IP may send at most CONTACT_RATE_LIMIT messages per hour (counted by core.limits).
CONTACT_MIN_FILL_SECONDS = env.int("CONTACT_MIN_FILL_SECONDS", default=3)
CONTACT_RATE_LIMIT = env.int("CONTACT_RATE_LIMIT", default=5)
SIGN_LANGUAGE_VIDEO_MAX_BYTES = env.int("SIGN_LANGUAGE_VIDEO_MAX_BYTES", default=500 * 1024 * 1024)

# E-mail confirmations (emscher_portal/core/confirmation.py): how long a link is valid, how long a request is
# kept after it expired (for „Neuen Link senden“; then it is deleted with what waited for it), how many unconfirmed
# requests an address may have per purpose, and how many requests per client IP and per address an hour.
CONFIRMATION_VALID_HOURS = env.int("CONFIRMATION_VALID_HOURS", default=48)
CONFIRMATION_KEEP_DAYS = env.int("CONFIRMATION_KEEP_DAYS", default=7)
CONFIRMATION_MAX_PENDING = env.int("CONFIRMATION_MAX_PENDING", default=3)
CONFIRMATION_IP_LIMIT = env.int("CONFIRMATION_IP_LIMIT", default=30)
CONFIRMATION_ADDRESS_LIMIT = env.int("CONFIRMATION_ADDRESS_LIMIT", default=5)

# E-mail alerts (alerts/): how many subscriptions one address may have, and how long the link to the page that
# manages them is valid (every digest brings a fresh one).
ALERTS_MAX_PER_ADDRESS = env.int("ALERTS_MAX_PER_ADDRESS", default=20)
ALERTS_MANAGE_LINK_DAYS = env.int("ALERTS_MANAGE_LINK_DAYS", default=30)
