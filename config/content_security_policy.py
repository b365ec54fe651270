"""The Content-Security-Policy of every page, for settings.py: no inline script or style
anywhere public; only the count widget, and a partner's embedded form by its own origin
(signatories/partners/embed.py), may be framed (see config/security.py, which also relaxes
styles for the Django admin's own templates)."""

CONTENT_SECURITY_POLICY_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}
