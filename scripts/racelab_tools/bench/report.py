"""bench-report: turns strategies_benchmark output into a report.

  scripts/bench-report [--out DIR] [--incomplete] FILE.json...

FILEs are the parts of one run (scripts/bench runs one process per
strategy). Writes, into DIR (default: out/bench):
  bench.json   the parts merged: one file for scripts/bench-compare
  bench.md     machine and build, a reading of the results, the goals, the
               calibrations, and per parameter set and round trip a table of
               requests/s per strategy and thread count, each strategy's
               ratio to shared_unsafe at 1 thread and its scaling
  chart-params<P>-latency<L>us.svg
               throughput vs threads per strategy, one chart per round trip
  chart-wire.svg
               wire_benchmark's CURL handle strategies vs in process (when
               a wire part is among the FILEs: "Over the wire" in bench.md)
--incomplete marks the report as covering an interrupted run.
Runs with Debian's /usr/bin/python3 (matplotlib).
Exit codes: 0 written; 1 written, but a benchmark reported an error (a
request came back wrong); 2 bad usage or unusable input.
"""

import json
import os
import sys

from .. import common
from ..document import Code, Document, Strong
from . import costs, results, wire
from .chart import chart
from .grid import Grid, Key, label, latency_label, micros, rate, ratio, ratio_of
from .reading import api_goals, goals, reading

TITLE = "racelab benchmarks: what each fix costs, and how it scales"
# The context key bench.json carries when the run was interrupted.
INCOMPLETE_KEY = "racelab_incomplete"


def table(grid, params, latency_us):
    """(header, rows) of one parameter set and round trip."""
    threads = grid.threads
    header = (["strategy"] + [f"{t} thr" for t in threads] +
              ["÷ shared_unsafe @1"] + [f"scaling @{t}" for t in threads[1:]] +
              ["cv"])
    rows = []
    floor = grid.rate("shared_unsafe", params, latency_us, 1)
    for strategy, host_info in grid.rows(params, latency_us):
        rates = [grid.rate(strategy, params, latency_us, t, host_info)
                 for t in threads]
        one = rates[0] if threads and threads[0] == 1 else None
        cvs = [grid.cells[Key(strategy, host_info, params, latency_us, t)].cv
               for t in threads
               if Key(strategy, host_info, params, latency_us, t) in grid.cells]
        cvs = [c for c in cvs if c is not None]
        cells = [label(strategy, host_info)]
        cells += [rate(r) if r else "–" for r in rates]
        vs = ratio_of(one, floor)
        cells.append(ratio(vs) if vs else "–")
        cells += [ratio(r / one) if r and one else "–" for r in rates[1:]]
        cells.append(f"{min(cvs) * 100:.1f}–{max(cvs) * 100:.1f}%"
                     if cvs else "–")
        rows.append(cells)
    return header, rows


def machine_lines(context, repetitions):
    """(bullets, warnings) about where and how the run was made."""
    lines = [
        f"Machine: {context.get('host_name', '?')}, "
        f"{context.get('num_cpus', '?')} CPUs "
        f"({context.get('racelab_cpu_model', 'model unknown')}), "
        f"{context.get('mhz_per_cpu', '?')} MHz; load average at start "
        f"{', '.join(f'{x:.2f}' for x in context.get('load_avg', []))}.",
        f"Build: racelab {context.get('racelab_build_type', '?')}"
        + (f", race points {context['racelab_race_points']}"
           if "racelab_race_points" in context else "")
        + "; Google "
        f"Benchmark library built as "
        f"{context.get('library_build_type', '?')} (Debian's package; that "
        f"affects its own bookkeeping, not the measured code).",
        f"Run: {context.get('date', '?')}; repetitions per benchmark: "
        f"{repetitions}; the median is shown, cv = stddev / mean of "
        f"requests/s over the repetitions.",
    ]
    warnings = []
    if context.get("cpu_scaling_enabled"):
        warnings.append("CPU frequency scaling is enabled: expect noise; "
                        "compare ratios from one run, not absolute numbers.")
    if str(context.get("racelab_build_type", "")).lower() not in (
            "release", "ndebug"):
        warnings.append("racelab was not built as Release: these numbers "
                        "do not represent production code.")
    if context.get("racelab_race_points") == "compiled in":
        warnings.append("race points are compiled in (they cost a branch "
                        "each); use the release preset for quotable numbers.")
    return lines, warnings


class Headings:
    """Heading levels: bench.md's own (2, 3, 4), or all at 3 under one
    section of the report."""

    def __init__(self, doc, levels):
        self.doc, self.levels = doc, levels

    def __call__(self, depth, title):
        level = self.levels[depth]
        if level == 2:
            self.doc.section(title)
        else:
            self.doc.subsection(title, level)


def add_to(doc, merged, levels=(2, 3, 4), charts=True, note_incomplete=False):
    """Adds the benchmarks' report to `doc`: machine, reading, goals,
    calibrations and the tables (with their charts' image links when
    `charts`; a note when the run was interrupted if `note_incomplete`).
    Returns the Grid, the wire grid and the cost grids (one per class
    priced with racelab::Costs)."""
    heading = Headings(doc, levels)
    stats = results.summarize(merged)
    grid = Grid(stats)
    construction, round_trip = results.calibrations(stats)
    context = merged["context"]
    if note_incomplete and context.get(INCOMPLETE_KEY):
        doc.para(Strong("INCOMPLETE: the run was interrupted; only the "
                        "benchmarks that finished are reported."))
    reps = sorted({s.repetitions for s in stats.values() if not s.error})
    rep_text = (str(reps[0]) if len(reps) == 1 else
                f"{reps[0]}–{reps[-1]}" if reps else "?")
    machine, warnings = machine_lines(context, rep_text)
    if reps and reps[0] < 9:
        warnings.append(f"{reps[0]} repetitions: enough for a median, too "
                        f"few for the U-test of scripts/bench-compare (9 or "
                        f"more; scripts/bench --full runs 9).")
    wire_grid = wire.WireGrid(stats)
    cost_grids = [costs.CostGrid(name, stats) for name in costs.classes(stats)]
    exhibit = bool(grid.params or grid.errors or wire_grid)
    if exhibit:
        doc.para("The same request workload for every strategy: a PDD "
                 "pdd.ddk.goods.detail call with MD5 signing, through the "
                 "router double, which re-verifies the signature, optionally "
                 "behind a simulated network round trip spent blocked (not "
                 "spinning). Throughput counts all threads together over the "
                 "run's wall clock.")
    doc.bullets(machine + [[Strong("Warning:"), f" {w}"] for w in warnings])
    api_rows = api_goals(cost_grids)
    if api_rows:
        heading(0, "Goals through racelab::Costs (reported, not asserted)")
        doc.para("The exhibit measured the way a user's class is "
                 "(bench/exhibit_costs_benchmark.cc): fixed/copying's client "
                 "shared by every thread, against the buggy client's "
                 "one-thread floor, in the same run.")
        doc.table(["goal", "measured", ""], [list(r) for r in api_rows])
    for cost_grid in cost_grids:
        costs.add_to(doc, cost_grid, heading, charts)
    if not exhibit:
        return grid, wire_grid, cost_grids
    if grid.errors:
        heading(0, "Errors")
        doc.para("These benchmarks checked their own results and failed; no "
                 "number is reported for them:")
        doc.bullets([[Code(s.name), f": {s.error}"]
                     for s in grid.errors.values()])
    heading(0, "Reading")
    doc.para(reading(grid, construction, round_trip, context))
    goal_rows = goals(grid, round_trip)
    if goal_rows:
        heading(0, "Goals (reported, not asserted)")
        doc.table(["goal", "measured", ""], [list(g) for g in goal_rows])
    if construction or round_trip:
        heading(0, "Calibrations")
        lines = []
        for host_info, stat in sorted(construction.items()):
            if not stat.error:
                lines.append(f"One client construction, host information "
                             f"{host_info}: {micros(stat.median_time_ns)}.")
        for latency, stat in sorted(round_trip.items()):
            if not stat.error:
                lines.append(f"Simulated round trip of {latency} µs: "
                             f"{micros(stat.median_time_ns)} measured.")
        doc.bullets(lines)
    cvs = grid.cvs()
    heading(0, "Requests per second")
    doc.para("Each table: median requests/s per thread count; the strategy's "
             "1-thread throughput divided by shared_unsafe's at 1 thread; its "
             "scaling (T threads ÷ its own 1 thread); and the range of cv "
             "over the row."
             + (f" cv over the whole run: {min(cvs) * 100:.1f}% to "
                f"{max(cvs) * 100:.1f}%." if cvs else ""))
    if wire_grid:
        wire.add_to(doc, wire_grid, heading, charts)
    for params in grid.params:
        heading(1, f"{params} parameters per request"
                + (" (the PDD set)" if params == 6 else ""))
        for latency in grid.latencies:
            heading(2, latency_label(latency).capitalize())
            header, rows = table(grid, params, latency)
            doc.table(header, rows, numeric=range(1, len(header)))
            if charts:
                doc.image("chart", chart_name(params, latency))
    return grid, wire_grid, cost_grids


def chart_name(params, latency):
    return f"chart-params{params}-latency{latency}us.svg"


def main(argv=None):
    parser = common.argument_parser("bench-report", __doc__)
    parser.add_argument("files", nargs="+", metavar="FILE.json")
    parser.add_argument("--out", default="out/bench", metavar="DIR")
    parser.add_argument("--incomplete", action="store_true")
    args = parser.parse_args(argv)
    try:
        loaded = [(path, results.load(path)) for path in args.files]
        merged = results.merge(loaded)
    except results.InputError as e:
        common.fail("bench-report", e)
    summary = results.summarize(merged)
    if (not results.strategy_grid(summary) and
            not wire.WireGrid(summary) and not costs.classes(summary)):
        common.fail("bench-report",
                    f"{', '.join(args.files)}: no strategy benchmarks (names "
                    f"like copying/host_info:gathered/params:6/latency_us:0/"
                    f"manual_time/threads:1, wire/client:locked/"
                    f"transport:http/manual_time/threads:1, or racelab::"
                    f"Costs' MyClass/locked/wait_us:0/manual_time/"
                    f"threads:1); is this strategies_benchmark, "
                    f"wire_benchmark or a racelab::Costs binary's output?")
    if args.incomplete:
        merged["context"][INCOMPLETE_KEY] = True
    os.makedirs(args.out, exist_ok=True)
    priced = costs.classes(summary)
    title = (TITLE if results.strategy_grid(summary) or wire.WireGrid(summary)
             else "racelab::Costs: what each way of sharing "
             + ", ".join(priced) + " costs")
    doc = Document(title, "INCOMPLETE: the run was interrupted; only the "
                   "benchmarks that finished are reported."
                   if args.incomplete else "")
    grid, wire_grid, cost_grids = add_to(doc, merged)
    round_trip = results.calibrations(summary)[1]
    charts = 0
    for params in grid.params:
        for latency in grid.latencies:
            chart(grid, params, latency, round_trip, merged["context"],
                  os.path.join(args.out, chart_name(params, latency)))
            charts += 1
    if wire_grid:
        wire.chart(wire_grid, merged["context"],
                   os.path.join(args.out, "chart-wire.svg"))
        charts += 1
    for cost_grid in cost_grids:
        for wait in cost_grid.waits:
            costs.chart(cost_grid, wait, merged["context"], os.path.join(
                args.out, costs.chart_name(cost_grid, wait)))
            charts += 1
    common.write_atomically(os.path.join(args.out, "bench.json"),
                            json.dumps(merged, indent=1))
    common.write_atomically(os.path.join(args.out, "bench.md"),
                            doc.to_markdown())
    print(f"bench-report: wrote {args.out}/bench.md, bench.json and "
          f"{charts} charts")
    errors = (len(grid.errors) + len(wire_grid.errors)
              + sum(len(g.errors) for g in cost_grids))
    if errors:
        print(f"bench-report: {errors} benchmarks reported errors (see the "
              f"report)", file=sys.stderr)
        return 1
    return 0
