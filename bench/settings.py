"""The production settings plus one URL: the ceiling every speed is compared with."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
