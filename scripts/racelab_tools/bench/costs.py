"""The cost of each way of sharing a user's class (racelab::Costs,
include/racelab/cost.h), read from Google Benchmark's JSON: a table per
class, the cheapest strategy at each thread count, what each strategy
assumes, and a log-log chart.

Names: <Class>/<strategy>/wait_us:<W>/manual_time/threads:<T>, and the
calibrations <Class>/construction, <Class>/copy and
<Class>/wait/wait_us:<W>.
"""

import re

from ..document import Code, Strong
from ..plots import pyplot, save
from .chart import log_log_axes
from .grid import micros, rate, ratio

COST_NAME = re.compile(
    r"^(?P<cls>[A-Za-z_][^/]*)/(?P<strategy>shared_unlocked|shared_safe|"
    r"locked|per_call|copy_per_call|per_thread|pool)/wait_us:(?P<wait>\d+)"
    r"/manual_time/threads:(?P<threads>\d+)$")
CALIBRATION_NAME = re.compile(
    r"^(?P<cls>[A-Za-z_][^/]*)/(?P<what>construction|copy|wait)"
    r"(/wait_us:(?P<wait>\d+))?$")
# Strategies this close to the fastest are named with it: the difference
# is within a run's noise.
TIE = 0.05

ORDER = ("shared_unlocked", "shared_safe", "locked", "per_call",
         "copy_per_call", "per_thread", "pool")
COLOURS = {"shared_unlocked": "black", "shared_safe": "tab:grey",
           "locked": "tab:red",
           "per_call": "tab:green", "copy_per_call": "tab:blue",
           "per_thread": "tab:orange", "pool": "tab:purple"}
# What each strategy assumes, and so what its MayShare test must show.
ASSUMES = {
    "shared_unlocked": "nothing: it is the one-thread reference, never a "
                       "cure (one instance shared with no lock is what "
                       "MayShare refused)",
    "shared_safe": "the class's own MayShare test passes: one instance "
                   "may be shared as it is",
    "locked": "every use of the instance goes through the one lock (a "
              "method or callback that escapes it is a race again)",
    "per_call": "nothing shared between instances: no static or global "
                "state the constructor or the calls touch",
    "copy_per_call": "a copy is independent of its prototype (no shared "
                     "pointer to mutable state) and copying is safe while "
                     "others copy the same prototype",
    "per_thread": "no static state shared by the instances; a thread's "
                  "instance never escapes to another thread",
    "pool": "no static state shared by the instances; an instance is "
            "returned before anyone else may use it",
}


class CostGrid:
    """One class's cost families: (strategy, wait_us, threads) -> Stat."""

    def __init__(self, name, stats):
        self.name = name
        self.cells = {}
        self.errors = {}
        self.calibrations = {}  # "construction", "copy", ("wait", W)
        for run, stat in stats.items():
            if (m := COST_NAME.match(run)) and m["cls"] == name:
                key = (m["strategy"], int(m["wait"]), int(m["threads"]))
                (self.errors if stat.error else self.cells)[key] = stat
            elif (m := CALIBRATION_NAME.match(run)) and m["cls"] == name:
                what = m["what"]
                self.calibrations[(what, int(m["wait"])) if m["wait"]
                                  else what] = stat
        self.waits = sorted({w for _, w, _ in self.cells})
        self.threads = sorted({t for _, _, t in self.cells})
        self.strategies = [s for s in ORDER
                           if any(k[0] == s for k in self.cells)]

    def rate(self, strategy, wait_us, threads):
        stat = self.cells.get((strategy, wait_us, threads))
        return stat.median_rate if stat else None

    def samples(self, strategy, wait_us, threads):
        """Calls/s of each repetition ([] if not run)."""
        stat = self.cells.get((strategy, wait_us, threads))
        return stat.rates if stat else []

    def counter(self, strategy, wait_us, threads, name):
        stat = self.cells.get((strategy, wait_us, threads))
        return stat.counters.get(name) if stat else None

    def reference(self, wait_us):
        """The one-thread rate of one unlocked instance, or None."""
        return self.rate("shared_unlocked", wait_us, 1)

    def cheapest(self, wait_us, threads):
        """[(strategy, rate)] of the fastest cure at `threads`, then every
        other within TIE of it, fastest first; [] if none ran."""
        rates = sorted(((self.rate(s, wait_us, threads), s)
                        for s in self.strategies if s != "shared_unlocked"
                        and self.rate(s, wait_us, threads)), reverse=True)
        if not rates:
            return []
        best = rates[0][0]
        return [(s, r) for r, s in rates if r >= best * (1 - TIE)]


def classes(stats):
    """The class names that have cost families among `stats`, sorted."""
    return sorted({m["cls"] for run in stats
                   if (m := COST_NAME.match(run))})


def _calibration_line(grid):
    parts = []
    for what, text in (("construction", "one construction"),
                       ("copy", "one copy of the prototype")):
        stat = grid.calibrations.get(what)
        if stat and not stat.error and stat.median_time_ns:
            parts.append(f"{text}: {micros(stat.median_time_ns)}")
    for wait in grid.waits:
        stat = grid.calibrations.get(("wait", wait))
        if stat and not stat.error and stat.median_time_ns:
            parts.append(f"the {wait} µs wait as this machine sleeps it: "
                         f"{micros(stat.median_time_ns)}")
    return "; ".join(parts)


def _wait_label(wait_us):
    return (f"a {wait_us} µs simulated wait inside every call" if wait_us
            else "no simulated wait")


def add_to(doc, grid, heading, charts):
    """Adds the class's cost comparison to `doc`; `heading(depth, title)`
    places the headings (scripts/racelab_tools/bench/report.py's Headings)."""
    heading(0, f"{grid.name}: what each way of sharing costs")
    doc.para(f"racelab::Costs<{grid.name}>: every call one of the declared "
             "operations; calls per second, all threads together, median of "
             "repetitions. The ideal is threads x one unlocked instance's "
             "one-thread rate with the same wait.")
    calibration = _calibration_line(grid)
    if calibration:
        doc.para("Calibrations: ", calibration, ".")
    header = ["strategy"] + [f"{t} thr" for t in grid.threads]
    for wait in grid.waits:
        heading(1, _wait_label(wait).capitalize())
        reference = grid.reference(wait)
        rows = []
        for strategy in grid.strategies:
            cells = [strategy]
            for t in grid.threads:
                r = grid.rate(strategy, wait, t)
                if not r:
                    cells.append("–")
                elif reference and strategy != "shared_unlocked":
                    cells.append(f"{rate(r)} ({ratio(r / (t * reference))})")
                else:
                    cells.append(rate(r))
            rows.append(cells)
        doc.table(header, rows, numeric=range(1, len(header)))
        doc.para("Each cell: calls/s (its ratio to the ideal). Latency per "
                 "call, p99 of the timed calls (every 8th) / a thread's "
                 "first call (its instance's construction included where "
                 "the strategy builds one then):")
        rows = []
        for strategy in grid.strategies:
            cells = [strategy]
            for t in grid.threads:
                p99 = grid.counter(strategy, wait, t, "p99_us")
                first = grid.counter(strategy, wait, t, "first_call_us")
                cells.append("–" if p99 is None else
                             f"{micros(p99 * 1e3)} / {micros(first * 1e3)}")
            rows.append(cells)
        doc.table(header, rows, numeric=range(1, len(header)))
        _add_allocations(doc, grid, wait)
        _add_throws(doc, grid, wait)
        lines = []
        for t in grid.threads:
            best = grid.cheapest(wait, t)
            if best:
                named = ", ".join(f"{s} ({rate(r)}/s)" for s, r in best)
                lines.append([Strong(f"{t} thread{'s' if t > 1 else ''}"),
                              f": {named}"])
        doc.para("The cheapest at each thread count (and any other within "
                 f"{TIE:.0%} of it):")
        doc.bullets(lines)
        if charts:
            doc.image("chart", chart_name(grid, wait))
    doc.para("The unlocked shared instance is never a candidate: it is the "
             "reference MayShare refused. Each cure rests on an assumption "
             "its own MayShare test should pin (", Code("racelab::MayShare"),
             " on the class as each strategy uses it):")
    doc.bullets([[Code(s), f": {ASSUMES[s]}."] for s in grid.strategies])
    if grid.errors:
        doc.para("These benchmarks failed:")
        doc.bullets([[Code(s.name), f": {s.error}"]
                     for s in grid.errors.values()])


def _first_counter(grid, strategy, wait, name):
    """(threads, value) of `name` at the lowest thread count that has it."""
    for t in grid.threads:
        value = grid.counter(strategy, wait, t, name)
        if value is not None:
            return t, value
    return None, None


def _add_allocations(doc, grid, wait):
    """Allocations per call, when racelab::cost_allocations was linked."""
    rows = []
    for strategy in grid.strategies:
        t, count = _first_counter(grid, strategy, wait, "allocs_per_call")
        if count is None:
            continue
        size = grid.counter(strategy, wait, t, "alloc_bytes_per_call") or 0
        rows.append([strategy, f"{count:.1f}", f"{size:,.0f}", str(t)])
    if not rows:
        return
    doc.para("Allocations per call (operator new, counted by "
             "racelab::cost_allocations: the call and what its strategy "
             "adds, a construction or a copy):")
    doc.table(["strategy", "allocations", "bytes", "at threads"], rows,
              numeric=range(1, 4))


def _add_throws(doc, grid, wait):
    """A warning for the strategies whose calls threw."""
    lines = []
    for strategy in grid.strategies:
        t, threw = _first_counter(grid, strategy, wait, "threw_per_call")
        if threw:
            lines.append([Code(strategy),
                          f": {threw:.0%} of calls threw (at {t} thread"
                          f"{'s' if t > 1 else ''})"])
    if lines:
        doc.para(Strong("Warning:"), " some calls threw; their cost is "
                 "that of the error path, not of the work:")
        doc.bullets(lines)


def chart_name(grid, wait_us):
    return f"chart-costs-{grid.name}-wait{wait_us}us.svg"


def chart(grid, wait_us, context, path):
    """Calls/s against threads per strategy, log-log, with the ideal."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(8, 5))
    for strategy in grid.strategies:
        points = [(t, grid.rate(strategy, wait_us, t)) for t in grid.threads]
        points = [(t, r) for t, r in points if r]
        if not points:
            continue
        xs, ys = zip(*points)
        if strategy == "shared_unlocked":
            ax.plot(xs, ys, "k*", markersize=12,
                    label="shared_unlocked (1 thread: the reference)")
            continue
        ax.plot(xs, ys, "-", marker="o", label=strategy,
                color=COLOURS.get(strategy))
    reference = grid.reference(wait_us)
    if reference:
        ax.plot(grid.threads, [reference * t for t in grid.threads],
                color="lightgrey", linestyle="--", linewidth=1.5, zorder=0,
                label="ideal: N x the unlocked 1-thread rate")
    log_log_axes(ax, grid.threads)
    ax.set_xlabel("caller threads")
    ax.set_ylabel("calls per second (median, log scale)")
    ax.set_title(f"{grid.name}: calls/s vs threads, {_wait_label(wait_us)}")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc="best")
    fig.text(0.01, 0.01, f"{context.get('num_cpus', '?')} CPUs",
             fontsize=7, color="grey")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    save(fig, path)
