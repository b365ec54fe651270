"""Renamed letter/public_version.py. Only until signatories/services.py imports
mark_published from there (branch `split`): delete this module at that merge."""

from .public_version import mark_published

__all__ = ["mark_published"]
