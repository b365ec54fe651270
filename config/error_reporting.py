"""Errors reach a person without carrying anything secret: to Sentry (SENTRY_DSN) from web
requests and from Celery tasks that gave up after their retries, and by email to ADMINS for
500s. Both paths drop request bodies, headers, cookies and local variables, and blank out
confirmation and withdrawal tokens, email addresses and client addresses from every text
that is left (messages, URLs, breadcrumbs)."""

import ipaddress
import re

from django.utils.log import AdminEmailHandler
from django.views.debug import SafeExceptionReporterFilter

from config.log_privacy import EMAIL

# A signed token (django.core.signing: value, optional timestamp, 43-character signature),
# and the path segment that carries one even when it is mangled.
_SIGNED = re.compile(r"[A-Za-z0-9_:-]*:[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")
_TOKEN_PATH = re.compile(r"/(confirm|withdraw)/(?!new-link/)[^/?#\s'\"]+")
_ADDRESS_LIKE = re.compile(r"[0-9A-Fa-f]*[:.][0-9A-Fa-f:.]*[0-9A-Fa-f]")


def _hide_address(match):
    try:
        ipaddress.ip_address(match.group(0))
    except ValueError:
        return match.group(0)
    return "[address]"


def scrub_text(text):
    text = _TOKEN_PATH.sub(r"/\1/[token]", text)
    text = _SIGNED.sub("[token]", text)
    text = EMAIL.sub("[email]", text)
    return _ADDRESS_LIKE.sub(_hide_address, text)


def _scrub(value):
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {key: _scrub(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_scrub(item) for item in value]
    return value


def before_send(event, hint):
    """Sentry's last look at an event: keep of the request its method and (scrubbed) URL,
    nothing about the user, and scrub every string."""
    request = event.get("request") or {}
    event["request"] = {key: request[key] for key in ("method", "url") if key in request}
    event.pop("user", None)
    return _scrub(event)


def init_sentry(dsn):
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=before_send,
        before_breadcrumb=lambda crumb, hint: _scrub(crumb),
    )


class PrivateExceptionReporterFilter(SafeExceptionReporterFilter):
    """What Django's error report (the 500 email) shows: no form values, no local variables,
    and of the request's environment only what describes the request, not its client."""

    SHOWN_META = {"REQUEST_METHOD", "SERVER_NAME", "SERVER_PORT", "CONTENT_TYPE"}
    # Django's list, plus settings that are URLs: REDIS_URL, EMAIL_URL and the like may hold
    # passwords.
    hidden_settings = re.compile(
        "API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|URL|DSN|LOCATION", flags=re.I
    )

    def get_safe_cookies(self, request):
        return dict.fromkeys(request.COOKIES, self.cleansed_substitute)

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_safe_request_meta(self, request):
        # The log privacy filter drops the request from records; then there is nothing to show.
        if not hasattr(request, "META"):
            return {}
        return {
            name: value if name in self.SHOWN_META else self.cleansed_substitute
            for name, value in request.META.items()
        }

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]


class PrivateAdminEmailHandler(AdminEmailHandler):
    """Django's 500 email, with tokens, emails and addresses blanked out of its subject (the
    path) and body (URL, exception message, GET and cookie values)."""

    def send_mail(self, subject, message, *args, html_message=None, **kwargs):
        if html_message is not None:
            html_message = scrub_text(html_message)
        super().send_mail(
            scrub_text(subject), scrub_text(message), *args, html_message=html_message, **kwargs
        )
