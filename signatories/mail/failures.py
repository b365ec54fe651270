"""What a failed delivery means: a mail server that refuses a message for good (a 5xx reply)
will refuse it again, so it is recorded and never retried; anything else (a 4xx reply, a
server down or unreachable) may pass later, so the task retries it. Mail servers quote the
refused address in their replies, and smtplib quotes it in its exceptions: neither may reach
a log, so both leave here with every address removed."""

import re
from smtplib import SMTPAuthenticationError, SMTPRecipientsRefused, SMTPResponseException

from config.log_privacy import scrub


class DeliveryDeferred(Exception):
    """The email could not be sent now and may be later: the task retries it. Its text names
    the mail server's reply code and words, never an address."""


class DeliveryRefused(Exception):
    """The mail server refused the email for good."""


def classify(error: OSError) -> Exception:
    """DeliveryRefused for a permanent refusal, DeliveryDeferred for anything else, each with
    the reply (code and words) and no address. Raise it `from None`: the original exception,
    chained, would print the address in the traceback."""
    code, words = _reply(error)
    reply = _one_line(f"{code} {words}" if code else f"{type(error).__name__}: {words}")
    # A refused login is the operator's to fix, after which every email owed should go out.
    if code and 500 <= code < 600 and not isinstance(error, SMTPAuthenticationError):
        return DeliveryRefused(reply)
    return DeliveryDeferred(reply)


def _reply(error):
    if isinstance(error, SMTPRecipientsRefused):
        # One recipient per email: the dict holds its (code, words).
        code, words = next(iter(error.recipients.values()), (None, b""))
        return code, _text(words)
    if isinstance(error, SMTPResponseException):
        return error.smtp_code, _text(error.smtp_error)
    return None, str(error)


def _text(words):
    return words.decode("utf-8", "replace") if isinstance(words, bytes) else str(words)


def _one_line(text):
    return scrub(re.sub(r"\s+", " ", text).strip())[:255]
