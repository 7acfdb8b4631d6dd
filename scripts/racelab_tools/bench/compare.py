"""bench-compare: compares benchmark results with compare.py.

  scripts/bench-compare [options] A.json B.json
      Two runs of the same benchmarks (two commits, two machines): every
      benchmark in both, B against A.
  scripts/bench-compare [options] --strategies RUN.json BASELINE CONTENDER
      Two strategies within one run, e.g. `shared_unsafe copying`: each
      benchmark of CONTENDER against BASELINE's with the same suffix
      (host_info, params, latency_us, threads).

Checks the inputs, then runs Google Benchmark's own
/usr/share/benchmark/compare.py (with Debian's /usr/bin/python3, which has
scipy) with its Mann-Whitney U-test. The U-test needs at least 9
repetitions of each benchmark; with fewer, this says so before the table.
Time columns are per request (lower is better); a negative change means
the contender is faster.
Options: --all-runs (show every repetition, not only the aggregates),
--no-utest, --alpha A (the U-test's significance level, default 0.05).
Exit codes: 0 compared; 2 bad usage, unusable or mismatched input, or
compare.py failed.
"""

import functools
import os
import re
import subprocess
import sys

from .. import common
from . import results

COMPARE_PY = "/usr/share/benchmark/compare.py"
PYTHON = "/usr/bin/python3"
UTEST_MIN_REPETITIONS = 9


# Says what is wrong and exits 2 (common.fail).
fail = functools.partial(common.fail, "bench-compare")


def example(names):
    return next(iter(sorted(names)), "(none)")


def strategy_runs(counts, strategy):
    prefix = strategy + "/"
    return {run[len(prefix):]: n for run, n in counts.items()
            if run.startswith(prefix)}


def note_repetitions(label_counts):
    """Prints the plain-words U-test warning if any input is too short."""
    short = [(label, min(counts.values())) for label, counts in label_counts
             if counts and min(counts.values()) < UTEST_MIN_REPETITIONS]
    for label, reps in short:
        print(f"bench-compare: NOTE: {label} has only {reps} repetition(s) of "
              f"some benchmarks; the U-test needs at least "
              f"{UTEST_MIN_REPETITIONS}, so its p-values are missing or not "
              f"to be trusted. Run `scripts/bench --full` (9 repetitions).")


def note_contexts(a_path, a, b_path, b):
    for key in ("num_cpus", "racelab_cpu_model", "racelab_build_type",
                "racelab_race_points"):
        mine, theirs = a["context"].get(key), b["context"].get(key)
        if mine != theirs:
            print(f"bench-compare: NOTE: {key} differs: {mine!r} in {a_path}, "
                  f"{theirs!r} in {b_path}")


def main(argv=None):
    parser = common.argument_parser("bench-compare", __doc__)
    parser.add_argument("--strategies", action="store_true",
                        help="compare two strategies within one run")
    parser.add_argument("--all-runs", action="store_true")
    parser.add_argument("--no-utest", action="store_true")
    parser.add_argument("--alpha", type=float, default=0.05)
    parser.add_argument("inputs", nargs="+")
    args = parser.parse_args(argv)
    if not 0 < args.alpha < 1:
        fail(f"--alpha must be between 0 and 1, got {args.alpha}")
    if not os.path.exists(COMPARE_PY):
        fail(f"{COMPARE_PY} is missing: run scripts/setup "
             f"(package libbenchmark-tools)")

    options = [] if args.all_runs else ["-a"]
    if args.no_utest:
        options.append("--no-utest")
    options += ["--alpha", str(args.alpha)]
    if not sys.stdout.isatty():
        options.append("--no-color")

    try:
        if args.strategies:
            if len(args.inputs) != 3:
                fail("--strategies takes RUN.json BASELINE CONTENDER")
            run_path, baseline, contender = args.inputs
            run = results.load(run_path)
            counts = results.repetition_counts(run)
            base = strategy_runs(counts, baseline)
            cont = strategy_runs(counts, contender)
            for name, runs in ((baseline, base), (contender, cont)):
                if not runs:
                    present = sorted({r.split("/")[0] for r in counts})
                    fail(f"{run_path}: no benchmarks of strategy "
                         f"{name!r}; the run has: {', '.join(present)}")
            shared = set(base) & set(cont)
            if not shared:
                fail(f"{run_path}: {baseline} and {contender} share no "
                     f"benchmark suffix ({baseline}: e.g. "
                     f"{example(base)}; {contender}: e.g. "
                     f"{example(cont)})")
            print(f"bench-compare: {contender} against {baseline}: "
                  f"{len(shared)} benchmarks with the same suffix, from "
                  f"{run_path}")
            note_repetitions([(baseline, {k: base[k] for k in shared}),
                              (contender, {k: cont[k] for k in shared})])
            command = [PYTHON, COMPARE_PY] + options + [
                "filters", run_path, f"^{re.escape(baseline)}/",
                f"^{re.escape(contender)}/"]
        else:
            if len(args.inputs) != 2:
                fail("expected two JSON files, A.json B.json (or "
                     "--strategies RUN.json BASELINE CONTENDER)")
            a_path, b_path = args.inputs
            a, b = results.load(a_path), results.load(b_path)
            a_counts = results.repetition_counts(a)
            b_counts = results.repetition_counts(b)
            shared = set(a_counts) & set(b_counts)
            if not shared:
                fail(f"{a_path} and {b_path} have no benchmark in "
                     f"common ({a_path}: e.g. {example(a_counts)}; "
                     f"{b_path}: e.g. {example(b_counts)}): not runs of "
                     f"the same benchmarks")
            only_a = len(set(a_counts) - shared)
            only_b = len(set(b_counts) - shared)
            print(f"bench-compare: {b_path} against {a_path}: {len(shared)} "
                  f"benchmarks in both"
                  + (f"; {only_a} only in {a_path}" if only_a else "")
                  + (f"; {only_b} only in {b_path}" if only_b else ""))
            note_contexts(a_path, a, b_path, b)
            note_repetitions([(a_path, {k: a_counts[k] for k in shared}),
                              (b_path, {k: b_counts[k] for k in shared})])
            command = [PYTHON, COMPARE_PY] + options + [
                "benchmarks", a_path, b_path]
    except results.InputError as e:
        fail(str(e))

    sys.stdout.flush()
    result = subprocess.run(command)
    if result.returncode != 0:
        fail(f"compare.py failed (exit {result.returncode})")
    return 0

