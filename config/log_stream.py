"""The console log handler: standard error as it is when a line is written."""

import logging
import sys


class StderrHandler(logging.StreamHandler):
    """Writes each record to the `sys.stderr` of the moment rather than to the stream that was
    standard error when logging was configured. A stream swapped in for a while and closed
    since (a test runner's capture) then never receives a line from a thread that logs later,
    which would print a "Logging error" traceback instead."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value):
        # StreamHandler.__init__ and setStream assign a stream: there is none to keep.
        pass
