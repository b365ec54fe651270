"""The statistics of bench/signon_timing.py: the rank test finds a shift the outside test
found, finds none between samples of one distribution, and the check fails only on a
difference both real and usable."""

import random

from bench.signon_timing import compare, mann_whitney_u, timing_check


def samples(median, count=300, seed=1):
    rng = random.Random(seed)
    return [median + rng.lognormvariate(0, 0.6) for _ in range(count)]


def test_mann_whitney_u_counts_wins_and_ties():
    assert mann_whitney_u([3, 4], [1, 2])[0] == 4
    assert mann_whitney_u([1, 2], [3, 4])[0] == 0
    assert mann_whitney_u([2], [2])[0] == 0.5


def test_a_7_ms_difference_as_the_outside_test_found_fails_the_check():
    result = compare(samples(27), samples(20, seed=2))
    assert result["p"] < 1e-11 and result["auc"] > 0.65
    assert 6 < result["difference_ms"] < 8
    assert not timing_check("approved", result)["ok"]


def test_samples_of_one_distribution_pass_the_check():
    result = compare(samples(20, seed=3), samples(20, seed=4))
    assert result["p"] > 1e-3 and abs(result["auc"] - 0.5) < 0.05
    assert timing_check("approved", result)["ok"]


def test_a_real_but_unusable_difference_passes():
    # Many samples find a tiny shift, but one request still tells nothing.
    result = compare(samples(20.05, 20000, seed=5), samples(20, 20000, seed=6))
    assert abs(result["auc"] - 0.5) < 0.05
    assert timing_check("approved", result)["ok"]
