"""Whether a sign-on POST's answer time tells who has signed, measured as the outside test
measured it: POSTs for addresses that never signed, interleaved with POSTs for addresses that
have (approved and counted only; unconfirmed), one at a time, each with a fresh form token;
each group's times compared by their medians and by a rank test (Mann-Whitney U).

A difference counts only if it is both real (the rank test's p below P_THRESHOLD) and usable:
the rank test's AUC, the chance that a request of one group is slower than one of the other,
is also how often one request is classified right; the outside test classified 65-71% right.
The check fails if p < P_THRESHOLD and the AUC is further than AUC_MARGIN from 0.5."""

import http.client
import math
import os
import random
import secrets
import statistics
import time
import urllib.parse

from bench.signon_post import POST_LETTER, PROJECT_FIELDS, _form_once

PAIRS = int(os.environ.get("BENCH_TIMING_PAIRS", "300"))
WARM_UP = 30
P_THRESHOLD = 1e-3
AUC_MARGIN = 0.05
# What an address has done before its POST is timed (None: never signed).
GROUPS = {
    "never signed": None,
    "approved, counted only": {"status": "approved", "listing": "unlisted"},
    "unconfirmed": {"status": "unconfirmed"},
}


def measure(base):
    """(checks, rows): one check and one row per group that has signed, compared with the
    addresses that never did."""
    prefix = f"timing{secrets.token_hex(3)}"
    addresses = _seed(prefix)
    cookie, hidden = _form_once(f"{base}/letters/{POST_LETTER}/sign/")
    post = _poster(base, cookie, hidden["csrfmiddlewaretoken"])
    for n in range(WARM_UP):  # not counted: the workers' first POSTs of this letter
        post(f"{prefix}-warm-{n}@warm{n}-example.org")
    times = {name: [] for name in GROUPS}
    for n in range(PAIRS):
        order = list(GROUPS)
        random.shuffle(order)  # interleaved, in a new order each round
        for name in order:
            times[name].append(post(addresses[name][n]))
    rows, checks = [], []
    for name in list(GROUPS)[1:]:
        result = compare(times[name], times["never signed"])
        rows.append({"name": f"{name} vs never signed", **result})
        checks.append(timing_check(name, result))
    return checks, rows


def _seed(prefix):
    """PAIRS addresses per group, each POSTed once: those that have signed are stored first,
    on the letter the POSTs go to, as they stand before their POST."""
    from django.utils import timezone

    from letter.models import Letter
    from signatories.models import Signature

    letter = Letter.objects.get(slug=POST_LETTER)
    now = timezone.now()
    addresses = {}
    for name, before in GROUPS.items():
        tag = name.split(",")[0].replace(" ", "")
        addresses[name] = [f"{prefix}-{tag}-{n}@org{n}-{tag}-example.org" for n in range(PAIRS)]
        if before is None:
            continue
        signatures = []
        for email in addresses[name]:
            signature = Signature(
                letter=letter, organization="Org", country="KE", scope="national",
                contact_name="Contact", email=email, consented_at=now, **before,
            )  # fmt: skip
            if before["status"] == "approved":
                signature.confirmed_at = signature.decided_at = now
            signature.derive_fields()
            signatures.append(signature)
        Signature.objects.bulk_create(signatures)
    return addresses


def _poster(base, cookie, csrf_token):
    """A function that POSTs the sign-on form for an address, with a new form token, and
    returns how long the answer took in milliseconds (a redirect is the only answer taken)."""
    from signatories.abuse.bots import form_started_token

    parts = urllib.parse.urlsplit(base)
    path = f"/letters/{POST_LETTER}/sign/"
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}

    def post(email):
        fields = {**PROJECT_FIELDS, "country": "KE", "consent": "on", "email": email}
        fields |= {"csrfmiddlewaretoken": csrf_token, "started": form_started_token()}
        body = urllib.parse.urlencode(fields)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            started = time.perf_counter()
            connection.request("POST", path, body, headers)
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
        finally:
            connection.close()
        if response.status not in (302, 303):
            raise RuntimeError(f"sign-on POST answered {response.status}")
        return elapsed

    return post


def compare(slower, faster):
    """Medians (ms), their difference, the rank test's two-sided p and AUC of two samples."""
    u, p = mann_whitney_u(slower, faster)
    return {
        "samples": len(slower),
        "median_ms": statistics.median(slower),
        "baseline_median_ms": statistics.median(faster),
        "difference_ms": statistics.median(slower) - statistics.median(faster),
        "p": p,
        "auc": u / (len(slower) * len(faster)),
    }


def timing_check(name, result):
    distinguishable = result["p"] < P_THRESHOLD and abs(result["auc"] - 0.5) > AUC_MARGIN
    return {
        "name": f"sign-on POST time does not tell an address {name} from one never signed",
        "ok": not distinguishable,
        "detail": (
            f"{result['samples']} interleaved each, medians {result['median_ms']:.2f} vs"
            f" {result['baseline_median_ms']:.2f} ms ({result['difference_ms']:+.2f} ms),"
            f" Mann-Whitney p={result['p']:.2g}, one request classified right"
            f" {max(result['auc'], 1 - result['auc']):.0%} of the time"
        ),
    }


def mann_whitney_u(first, second):
    """U of `first` (how many of its pairs with `second` it wins, ties counting half) and the
    two-sided p-value, by the normal approximation with the correction for ties."""
    n1, n2 = len(first), len(second)
    ranked = sorted([(value, 0) for value in first] + [(value, 1) for value in second])
    ranks, ties, start = [0.0] * len(ranked), 0.0, 0
    while start < len(ranked):
        end = start
        while end + 1 < len(ranked) and ranked[end + 1][0] == ranked[start][0]:
            end += 1
        for k in range(start, end + 1):
            ranks[k] = (start + end) / 2 + 1
        count = end - start + 1
        ties += count**3 - count
        start = end + 1
    rank_sum = sum(rank for rank, (_, group) in zip(ranks, ranked, strict=True) if group == 0)
    u = rank_sum - n1 * (n1 + 1) / 2
    n = n1 + n2
    variance = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)))
    if variance <= 0:
        return u, 1.0
    z = (abs(u - n1 * n2 / 2) - 0.5) / math.sqrt(variance)
    return u, min(1.0, math.erfc(max(z, 0) / math.sqrt(2)))
