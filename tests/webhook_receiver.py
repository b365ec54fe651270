"""A coalition's system receiving webhooks, on loopback: it records every request, checks
each signature with the receiver's own code (as docs/webhooks.md shows), and answers with the
status it is told to (a 503 while "down"), or holds a request until released."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from signatories.webhooks.signing import verify


class Receiver:
    def __init__(self, secret, port=0):
        self.secret = secret
        self.requests = []  # (headers, payload, signature verified)
        self.status = 204
        self.hold = threading.Event()
        self.hold.set()  # set: answer at once
        self.arrived = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                headers = {name.lower(): value for name, value in self.headers.items()}
                valid = verify(secret=receiver.secret, headers=headers, body=body)
                receiver.requests.append((headers, json.loads(body), valid))
                receiver.arrived.set()
                receiver.hold.wait(60)
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_port}/hooks"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.hold.set()
        self.server.shutdown()
        self.server.server_close()

    def events(self):
        """The payloads received, each event once (a receiver deduplicates by webhook-id)."""
        seen = {}
        for headers, payload, _valid in self.requests:
            seen.setdefault(headers["webhook-id"], payload)
        return list(seen.values())

    def all_verified(self):
        return bool(self.requests) and all(valid for _h, _p, valid in self.requests)
