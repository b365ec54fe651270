from bench.signon_post import CONNECTIONS, _parse, _stored_check

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:1234/sign/
  Latency Distribution
     50%   57.90ms
     99%    1.26s
  806 requests in 10.02s, 250.00KB read
  Socket errors: connect 0, read 0, write 0, timeout 2
Requests/sec:     80.44
Redirects: 801
Other answers: 5 (highest status 403)
"""


def test_only_redirects_make_the_rate_and_other_answers_are_errors():
    result = _parse(WRK_OUTPUT)
    assert round(result["rps"], 1) == 79.9  # 801 redirects in 10.02 s, not wrk's 80.44
    assert result["errors"] == 5
    assert result["highest_error_status"] == 403
    assert result["p99_ms"] == 1260
    assert result["socket_errors"] == 2


def _result(accepted, stored, errors=0, socket_errors=0):
    return {
        "accepted": accepted,
        "stored": stored,
        "errors": errors,
        "highest_error_status": 500 if errors else 0,
        "socket_errors": socket_errors,
    }


def test_stored_check_passes_with_requests_in_flight_when_wrk_stopped():
    assert _stored_check("x", _result(100, 100 + CONNECTIONS), True, "")["ok"]


def test_stored_check_fails_when_a_redirected_post_was_not_stored():
    assert not _stored_check("x", _result(100, 99), True, "")["ok"]


def test_stored_check_fails_when_more_was_stored_than_was_in_flight():
    assert not _stored_check("x", _result(100, 101 + CONNECTIONS), True, "")["ok"]


def test_stored_check_fails_on_any_other_answer_or_none_accepted():
    assert not _stored_check("x", _result(100, 100, errors=1), True, "")["ok"]
    assert not _stored_check("x", _result(0, 0), True, "")["ok"]
