"""The admin, by concern; importing the modules registers their ModelAdmins."""

from signatories.admin import blocklists, imports, lockouts, signatures, updates  # noqa: F401
