"""Dates in a form no reader can take for another day, in every language (FORMAT_MODULE_PATH):
the day, the month in words and the year ("2 Dec 2026", "2 déc. 2026"), never 02/12/2026,
which half the world reads as the 12th of February. Each language's module imports these."""

DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j M"
