"""Detection rates as a reader needs them: a 95% Wilson interval per cell
and the runs needed to catch the race with 99% confidence; and for
benchmarks, how sure a ratio of two medians is."""

import math
import statistics

import numpy
from scipy.stats import binomtest, bootstrap

# Fewer runs than this and a plain-stress interval says little.
MIN_PLAIN_RUNS = 20


def median(values):
    """The median (the mean of the two middle values when their number is
    even), or None for no values: one definition for every tool."""
    return statistics.median(values) if values else None


def wilson(k, n):
    """95% Wilson score interval (low, high) for k successes in n trials."""
    if n == 0:
        return (0.0, 1.0)
    ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    return (ci.low, ci.high)


def runs_for_confidence(p_low, confidence=0.99):
    """Runs needed so that at least one detects with `confidence`, if each
    detects with probability p_low (the interval's lower bound): the least
    n with 1 - (1 - p_low)^n >= confidence. None if p_low is 0."""
    if p_low <= 0:
        return None
    if p_low >= 1:
        return 1
    return max(1, math.ceil(math.log(1 - confidence) / math.log(1 - p_low)))


def rate_cell(k, n):
    """'k/n (95% CI lo-hi%)' and the runs for 99%, as text."""
    low, high = wilson(k, n)
    runs = runs_for_confidence(low)
    return (f"{k}/{n} ({low * 100:.0f}-{high * 100:.0f}%)",
            "never (lower bound 0)" if runs is None else str(runs))


# Fewer repetitions than this on either side and no interval is given.
MIN_REPETITIONS_FOR_INTERVAL = 3


def median_ratio_interval(numerators, denominators, confidence=0.95):
    """A bootstrap interval (low, high) for median(numerators) /
    median(denominators), two independent sets of repetitions (percentile
    method, 2,000 resamples, a fixed seed: the same input gives the same
    interval). None if either side has fewer than
    MIN_REPETITIONS_FOR_INTERVAL values."""
    if min(len(numerators), len(denominators)) < MIN_REPETITIONS_FOR_INTERVAL:
        return None

    def ratio(a, b, axis):
        return numpy.median(a, axis=axis) / numpy.median(b, axis=axis)

    result = bootstrap((numpy.asarray(numerators, dtype=float),
                        numpy.asarray(denominators, dtype=float)), ratio,
                       vectorized=True, paired=False,
                       confidence_level=confidence, n_resamples=2000,
                       method="percentile",
                       random_state=numpy.random.default_rng(0))
    return (float(result.confidence_interval.low),
            float(result.confidence_interval.high))


def goal_status(measured, goal, interval):
    """'met' / 'NOT met' for a ratio that must reach `goal`; when the 95%
    interval straddles the goal, says the run cannot tell."""
    if interval is None:
        return "met" if measured >= goal else "NOT met"
    low, high = interval
    if low >= goal:
        return "met"
    if high < goal:
        return "NOT met"
    return ("not resolved: the 95% interval spans the goal ("
            + ("met" if measured >= goal else "NOT met") + " by the medians)")
