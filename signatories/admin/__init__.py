"""The admin, by concern; importing the modules registers their ModelAdmins."""

from . import blocklists, signatures, updates  # noqa: F401
