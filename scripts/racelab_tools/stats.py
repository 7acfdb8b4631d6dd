"""Detection rates as a reader needs them: a 95% Wilson interval per cell
and the runs needed to catch the race with 99% confidence."""

import math
import statistics

from scipy.stats import binomtest

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
