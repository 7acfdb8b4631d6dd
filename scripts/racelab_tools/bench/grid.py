"""The benchmark grid and its number formats, for scripts/bench-report.

Grid indexes the merged Google Benchmark runs by (strategy, construction,
parameters, round trip, threads); the helpers format rates, ratios and
times the way every report table and chart shows them.
"""

from . import results
from .results import STRATEGIES, Key

MAIN_HOST_INFO = "gathered"


# ---------------------------------------------------------------- format


def rate(value):
    """Requests/s, three significant digits: 158k, 9.43k, 930."""
    if value >= 1e5:
        return f"{value / 1e3:.0f}k"
    if value >= 1e4:
        return f"{value / 1e3:.1f}k"
    if value >= 1e3:
        return f"{value / 1e3:.2f}k"
    return f"{value:.0f}"


def ratio(value):
    return f"{value:.2f}×"


def micros(ns):
    return f"{ns / 1e3:.1f} µs" if ns < 1e6 else f"{ns / 1e6:.2f} ms"


def latency_label(latency_us):
    if latency_us == 0:
        return "no round trip"
    if latency_us % 1000 == 0:
        return f"{latency_us // 1000} ms round trip"
    return f"{latency_us} µs round trip"


def label(strategy, host_info):
    if host_info == MAIN_HOST_INFO:
        return strategy
    return f"{strategy} (light construction)"


# ------------------------------------------------------------- the grid


class Grid:
    """The strategy results of one run, by Key; errors kept apart."""

    def __init__(self, stats):
        everything = results.strategy_grid(stats)
        self.errors = {k: s for k, s in everything.items() if s.error}
        self.cells = {k: s for k, s in everything.items() if not s.error}
        keys = list(everything)
        self.params = sorted({k.params for k in keys})
        self.latencies = sorted({k.latency_us for k in keys})
        self.threads = sorted({k.threads for k in keys})

    def rate(self, strategy, params, latency_us, threads,
             host_info=MAIN_HOST_INFO):
        stat = self.cells.get(Key(strategy, host_info, params, latency_us,
                                  threads))
        return stat.median_rate if stat else None

    def samples(self, strategy, params, latency_us, threads,
                host_info=MAIN_HOST_INFO):
        """Requests/s of each repetition ([] if not run)."""
        stat = self.cells.get(Key(strategy, host_info, params, latency_us,
                                  threads))
        return stat.rates if stat else []

    def rows(self, params, latency_us):
        """(strategy, host_info) pairs present, main host info first."""
        present = {(k.strategy, k.host_info) for k in self.cells
                   if k.params == params and k.latency_us == latency_us}
        order = [(s, MAIN_HOST_INFO) for s in STRATEGIES]
        order += [(s, h) for s in STRATEGIES for h in ("skipped", "gathered")
                  if h != MAIN_HOST_INFO]
        known = [row for row in order if row in present]
        return known + sorted(present - set(known))

    def cvs(self):
        return [s.cv for s in self.cells.values() if s.cv is not None]


def ratio_of(a, b):
    return a / b if a is not None and b else None


def locked_rates(grid, params, latency_us):
    """locked's medians over the thread counts that ran."""
    rates = (grid.rate("locked", params, latency_us, t) for t in grid.threads)
    return [r for r in rates if r]


def is_flat(rates):
    """Within 15% from lowest to highest: the lock's plateau."""
    return max(rates) <= min(rates) * 1.15


def round_trip_ns(round_trip, latency_us):
    """The measured round trip, or None if it was not measured."""
    stat = round_trip.get(latency_us)
    return stat.median_time_ns if stat and not stat.error else None
