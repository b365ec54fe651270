"""Hands one email at a time to the mail server in two steps, so that a worker killed at
any moment sends an update once, not twice.

`begin` sends the envelope and the message but holds back the final "." that ends SMTP's
DATA; the caller then commits "sent" to the database; `finish` sends the "." and reads the
reply. A worker that dies before the commit leaves the server with an unfinished message,
which it discards (RFC 5321 §4.1.1.4), and the database with the delivery still owed: it is
sent again, once. Only a death in the microseconds between the commit and the write of the
"." loses the email instead (at most one per death): never a duplicate.

Mail backends other than SMTP (console, locmem in tests) send the whole message in
`finish`, after the commit."""

import contextlib
import re
import smtplib
import socket

from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address


class Mailer:
    def __init__(self):
        self.backend = get_connection()
        self.two_step = isinstance(self.backend, SMTPBackend)
        self._pending = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        with contextlib.suppress(Exception):  # closing a dead connection
            self.backend.close()

    def _smtp(self):
        if self.backend.connection is None:
            self.backend.open()
            # The final "." is a small write after the message: without this, Nagle's
            # algorithm holds it until the server's delayed ACK, some 40 ms an email.
            self.backend.connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return self.backend.connection

    def begin(self, message):
        """Everything but the end of the message; raises smtplib's errors (OSError)."""
        self._pending = message
        if not self.two_step:
            return
        try:
            self._begin_smtp(message)
        except smtplib.SMTPResponseException:
            raise
        except OSError:
            self.close()  # the connection is broken: the next email opens a new one
            raise

    def _begin_smtp(self, message):
        smtp = self._smtp()
        encoding = message.encoding or "utf-8"
        sender = sanitize_address(message.from_email, encoding)
        recipient = sanitize_address(message.to[0], encoding)
        data = message.message().as_bytes(linesep="\r\n")
        smtp.ehlo_or_helo_if_needed()
        code, reply = smtp.mail(sender)
        if code != 250:
            smtp.rset()
            raise smtplib.SMTPSenderRefused(code, reply, sender)
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            smtp.rset()
            raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
        code, reply = smtp.docmd("data")
        if code != 354:
            smtp.rset()
            raise smtplib.SMTPDataError(code, reply)
        data = re.sub(rb"(?m)^\.", b"..", data)
        smtp.send(data if data.endswith(b"\r\n") else data + b"\r\n")

    def finish(self):
        """End the message begun; raises smtplib's errors if the server refuses it."""
        message, self._pending = self._pending, None
        if not self.two_step:
            self.backend.send_messages([message])
            return
        try:
            smtp = self._smtp()
            smtp.send(b".\r\n")
            code, reply = smtp.getreply()
        except OSError:
            self.close()
            raise
        if code != 250:
            raise smtplib.SMTPDataError(code, reply)
