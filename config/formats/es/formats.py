"""Dates in es: see config/formats/__init__.py."""

from config.formats import *  # noqa: F403
