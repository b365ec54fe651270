"""The admin, by concern; importing the modules registers their ModelAdmins."""

from signatories.admin import (  # noqa: F401
    blocklists,
    imports,
    lockouts,
    partners,
    signatures,
    updates,
    webhooks,
)
