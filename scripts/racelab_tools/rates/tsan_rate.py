"""tsan-rate: ThreadSanitizer's genuine report rate on the buggy
client under the plain hammer, against thread count, with every run's
outcome split.

  scripts/tsan-rate [--runs N] [--threads "2 4 8 16"] [--iterations N]
                    [--tsan-options SET ...] [--out DIR] [--help]

For every TSan option set and thread count it runs
`racelab matrix --variants=shared_unsafe --detectors=tsan --runs=N` (one
child process per run, each classified by what it printed) and writes
DIR/tsan-rate.md and DIR/tsan-rate.json (default DIR: out/tsan-rate; the
matrices themselves under DIR/o<I>-t<T>/). A run counts as reported only
if TSan printed a report; a run that crashed first (TSan's SEGV handler or
CHECK, an abort, a signal) is counted as such: evidence of the bug, not of
a live detector. Each SET is "default" (the options compiled into
racelab) or a TSAN_OPTIONS value for the children, e.g. history_size=7 or
symbolize=0, to see how the rate moves with it (docs/detection.md).
Needs the default and tsan builds (scripts/run or scripts/test make them).
Ctrl-C keeps the finished cells and marks the report INCOMPLETE.
Exit codes: 0 written; 2 bad usage or the run could not be done;
130 interrupted.
"""

import functools
import json
import os
import signal
import subprocess
import sys
import time

from .. import common
from ..document import Code, Document
from ..stats import median, wilson

ROOT = common.ROOT
RACELAB = os.path.join(ROOT, "build", "default", "cli", "racelab")
TSAN_RACELAB = os.path.join(ROOT, "build", "tsan", "cli", "racelab")
# Evidence kinds (detectors/evidence.h), in the order the table shows them.
KINDS = ["tsan_report", "tsan_crash", "abort", "crash", "hang",
         "wrong_results", "failed_exit", "clean"]


# Says what is wrong and exits 2 (common.fail).
fail = functools.partial(common.fail, "tsan-rate")


def positive_ints(text, what):
    try:
        values = [int(word) for word in text.split()]
    except ValueError:
        fail(f"{what} must be positive integers, got '{text}'")
    if not values or any(v < 1 for v in values):
        fail(f"{what} must be positive integers, got '{text}'")
    return values


def option_sets(sets):
    for value in sets:
        if value != "default" and (
                "=" not in value or any(c.isspace() for c in value)):
            fail(f"a TSan option set is 'default' or NAME=VALUE[:NAME=VALUE]"
                 f", got '{value}'")
    return sets


def cell_summary(matrix_json):
    with open(matrix_json) as f:
        matrix = json.load(f)
    runs = [r for r in matrix["runs"] if r["variant"] == "shared_unsafe"
            and r["detector"] == "tsan"]
    counts = {kind: 0 for kind in KINDS}
    for run in runs:
        counts[run["evidence"]] = counts.get(run["evidence"], 0) + 1
    reported = counts["tsan_report"]
    low, high = wilson(reported, len(runs))
    return {"runs": len(runs), "reported": reported, "outcomes": counts,
            "wilson95": [round(low, 3), round(high, 3)],
            "median_ms_to_report": median(
                [r["time_to_detection_ms"] for r in runs
                 if r["evidence"] == "tsan_report"
                 and r["time_to_detection_ms"] is not None])}


def render(cells, options, complete, seconds):
    doc = Document("ThreadSanitizer's report rate on the buggy client",
                   "" if complete else "INCOMPLETE: the run was interrupted; "
                   "the finished cells are below.")
    doc.para(f"Plain hammer (threads released together), "
             f"{options.iterations} requests per thread, {options.runs} runs "
             f"per cell, each a child process classified by what it printed. "
             f"TSan build: halt_on_error=1 (the first report ends the run). "
             f"Took {seconds:.0f} s.")
    rows = []
    for cell in cells:
        s = cell["summary"]
        low, high = s["wilson95"]
        med = s["median_ms_to_report"]
        rows.append([cell["tsan_options"], str(cell["threads"]),
                     f"{s['reported']}/{s['runs']}", f"{low:.0%}–{high:.0%}"]
                    + [str(s["outcomes"][k]) for k in KINDS[1:]]
                    + ["-" if med is None else f"{med:.0f}"])
    header = (["TSAN_OPTIONS", "threads", "reported", "95% interval"]
              + KINDS[1:] + ["median ms to report"])
    doc.table(header, rows, numeric=[1, 2] + list(range(4, len(header))))
    doc.para("How to read it: ", Code("reported"), " counts runs in which "
             "TSan printed a report (the detector alive). The other columns "
             "are how the remaining runs ended: ", Code("tsan_crash"),
             " is TSan's SEGV handler or a TSan CHECK failure, which exits 66 "
             "exactly as a report does, after the race had corrupted the hash "
             "table; ", Code("abort"), " and ", Code("crash"), " likewise. "
             "Those runs show the bug, not the detector. docs/detection.md "
             "explains the misses.")
    return doc.to_markdown()


def main(argv=None):
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    parser = common.argument_parser("tsan-rate", __doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--threads", default="2 4 8 16")
    parser.add_argument("--iterations", type=int, default=2000)
    parser.add_argument("--tsan-options", nargs="+", default=["default"],
                        metavar="SET")
    parser.add_argument("--out", default=os.path.join("out", "tsan-rate"))
    options = parser.parse_args(argv)
    if options.runs < 1:
        fail(f"--runs must be >= 1, got {options.runs}")
    if options.iterations < 1:
        fail(f"--iterations must be >= 1, got {options.iterations}")
    threads = positive_ints(options.threads, "--threads")
    sets = option_sets(options.tsan_options)
    for tool in (RACELAB, TSAN_RACELAB):
        if not os.access(tool, os.X_OK):
            fail(f"{os.path.relpath(tool, ROOT)} is missing: build the "
                 "default and tsan presets first (scripts/test or scripts/run)")
    os.makedirs(options.out, exist_ok=True)

    cells, complete, start = [], False, time.monotonic()
    total = len(threads) * len(sets)
    interrupted = False
    try:
        for index, tsan_options in enumerate(sets):
            for t in threads:
                out = os.path.join(options.out, f"o{index}-t{t}")
                env = dict(os.environ)
                env.pop("TSAN_OPTIONS", None)
                if tsan_options != "default":
                    env["TSAN_OPTIONS"] = tsan_options
                print(f"tsan-rate: [{len(cells) + 1}/{total}] TSAN_OPTIONS="
                      f"{tsan_options}, {t} threads, {options.runs} runs ...",
                      file=sys.stderr, flush=True)
                code = subprocess.call(
                    [RACELAB, "matrix", "--variants=shared_unsafe",
                     "--detectors=tsan", f"--threads={t}",
                     f"--iterations={options.iterations}",
                     f"--runs={options.runs}", f"--out={out}"],
                    env=env, stdout=subprocess.DEVNULL)
                if code == 130:
                    interrupted = True
                    break
                if code not in (0, 1):
                    fail(f"racelab matrix exited {code} (TSAN_OPTIONS="
                         f"{tsan_options}, {t} threads)")
                summary = cell_summary(os.path.join(out, "matrix.json"))
                cells.append({"tsan_options": tsan_options, "threads": t,
                              "summary": summary})
                print(f"tsan-rate:      reported {summary['reported']}/"
                      f"{summary['runs']}", file=sys.stderr, flush=True)
            if interrupted:
                break
        complete = not interrupted
    except KeyboardInterrupt:
        interrupted = True
    seconds = time.monotonic() - start
    common.write_atomically(os.path.join(options.out, "tsan-rate.md"),
                            render(cells, options, complete, seconds))
    summary = {"complete": complete, "runs": options.runs,
               "iterations": options.iterations,
               "seconds": round(seconds, 1), "cells": cells}
    common.write_atomically(os.path.join(options.out, "tsan-rate.json"),
                            json.dumps(summary, indent=2) + "\n")
    print(f"tsan-rate: written {options.out}/tsan-rate.md"
          + ("" if complete else " (INCOMPLETE)"), file=sys.stderr)
    return 130 if interrupted else 0

