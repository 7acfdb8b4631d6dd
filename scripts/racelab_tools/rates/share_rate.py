"""share-rate: how often racelab::MayShare's hammer catches each racy
exhibit, and never flags a safe one, per invocation, against a plain
start-latch hammer as the baseline, in the same run.

  scripts/share-rate [--quick] [--racy N] [--safe N] [--baseline N]
                     [--suite share|history|lock-types]
                     [--build tsan|default] [--seeds FIRST]
                     [--jobs N] [--load idle|loaded] [--exhibit NAME]
                     [--out DIR] [--store FILE] [--help]

--suite history measures the history check instead
(share/history/history_phase_test: HistoryCheckTest.*IsNotLinearizable
must be caught as "not linearizable", *MayBeShared must pass; no
baseline); --suite lock-types the same on the
exhibits split NOT at a pthread unlock (LockTypesTest.*: absl::Mutex, its
reader lock, a spin lock, atomics). --build picks the build (default
tsan). --jobs N runs N invocations at once, each test binary beside
another as under `ctest -j2` (default 1: an idle machine). --store FILE
(history suites) adds the finished run to FILE under "<build>-j<jobs>"
(with --load loaded: "<build>-j<jobs>-loaded"), with its date, commit,
command, machine and minutes, keeping the other runs there
(docs/measurements/history-rate.json and lock-types-rate.json: the report
and docs/own-class.md quote them). It is stored after every exhibit,
marked incomplete until the last, so a run longer than one sitting can be
committed part-way and finished later from another checkout: the same
command resumes from the stored run when DIR has none, if the setting and
seeds are the same and what is measured is as at the commit it was
measured at (every file outside docs/ and scripts/, and this tool): else
it starts over, and says why. --load says what ran beside it: idle
(the default: nothing) or loaded (four busy processes, `yes > /dev/null`,
started by you: the tool only records it).
--seeds FIRST gives invocation i of each exhibit RACELAB_SEED=FIRST+i
(default: a new random seed each) and keeps each invocation's verdict line
in DIR/verdicts/<test>.tsv and a SHA-256 of them all in the JSON, so that
two runs of the same seeds (idle, then beside busy processes) can be
compared line for line: under the controlled scheduler a seed decides the
history check's verdict on any machine at any load. The data-race
hammer before it is free-running and stops at its deadline, so the count
of calls it made ("N calls in R rounds of T threads on I instances") may
differ with the load; history_sha256 hashes the lines without it: the
one to compare. Each invocation's
seconds go to DIR/times/<test>.tsv, and the slowest one's seed to the JSON
and the table, so that a slow outlier can be run again by its seed.
--exhibit NAME runs only the tests with NAME in their name. With --store
FILE it re-measures them in FILE's complete run of the same setting and
seeds, replacing their results: for exhibits whose code changed after the
run. Each keeps the commit it was measured at, which the tables show
beside its cell; results already in DIR are not reused for it.

An invocation is one run of an exhibit's generated test
(build/tsan/share/share_test --gtest_filter=<test>): its time runs from the
test's start to its verdict, TSan's symbolized report included. Racy
exhibits (ShareRacyTest.*) pass when reported; safe ones (ShareSafeTest.*)
when clean. The baseline runs the same tests with RACELAB_SHARE_HAMMER=plain
(one instance, threads released by a latch, no delays, no pinning).
Defaults: 1,000 invocations per racy exhibit, 200 per safe one, 200 for the
baseline; --quick: 50, 20, 20. Writes DIR/share-rate.md and .json (default
DIR: out/share-rate) after every exhibit; a rerun with the same counts keeps
the exhibits already finished (resumable); Ctrl-C or SIGTERM (`kill`,
which a background run needs: it ignores Ctrl-C) stops at once, drops the
exhibit under way and keeps what finished, in DIR and in --store.
Needs the tsan build (scripts/test or scripts/run make it).
Exit codes: 0 written; 2 bad usage or the test binary is missing; 130
interrupted (Ctrl-C or SIGTERM).
"""

import concurrent.futures
import functools
import hashlib
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time

from .. import common
from ..stats import median
from . import stored_runs
from .share_rate_page import HISTORY_SUITES, render

ROOT = common.ROOT
BINARY = os.path.join(ROOT, "build", "tsan", "share", "share_test")
# What each suite runs: its binary, and the racy and safe tests' prefixes
# and suffixes.
SUITES = {
    "share": ("share_test", ("ShareRacyTest.", ""), ("ShareSafeTest.", "")),
    "history": ("history_phase_test",
                ("HistoryCheckTest.", "IsNotLinearizable"),
                ("HistoryCheckTest.", "MayBeShared")),
    "lock-types": ("history_phase_test",
                   ("LockTypesTest.", "IsNotLinearizable"),
                   ("LockTypesTest.", "MayBeShared")),
}


# Says what is wrong and exits 2 (common.fail).
fail = functools.partial(common.fail, "share-rate")


def tests(prefix, suffix=""):
    listing = subprocess.run([BINARY, "--gtest_list_tests",
                              f"--gtest_filter={prefix}*{suffix}"],
                             capture_output=True, text=True, check=True).stdout
    suite, names = None, []
    for line in listing.splitlines():
        if not line.startswith(" "):
            suite = line.strip().rstrip(".")
        elif suite and "Failure" not in line:
            names.append(f"{suite}.{line.strip()}")
    # The failure-message test is about the message, not an exhibit.
    return [n for n in names if "MaySharesFailure" not in n]


def invoke(test, plain, seed=None):
    """One invocation: (as expected?, seconds, racelab's verdict line)."""
    env = dict(os.environ)
    env.pop("RACELAB_SEED", None)
    if seed is not None:
        env["RACELAB_SEED"] = str(seed)
    if plain:
        env["RACELAB_SHARE_HAMMER"] = "plain"
    start = time.monotonic()
    result = subprocess.run([BINARY, f"--gtest_filter={test}",
                             "--gtest_brief=1"], env=env,
                            capture_output=True, text=True)
    seconds = time.monotonic() - start
    # The test's own assertion judged the child by its evidence; on a miss
    # keep the line saying what racelab saw instead.
    verdict = next((line.strip() for line in result.stdout.splitlines()
                    if "racelab:" in line), "")
    return result.returncode == 0, seconds, verdict


# The hammer's count of what it ran: free-running, bounded by time.
HAMMER_COUNT = re.compile(r"\d+ calls in \d+ rounds of \d+ threads on \d+ "
                          r"instances")


def history_sha256(lines):
    """SHA-256 of the verdict lines ("seed\tpassed\tline\n") with the
    hammer's count masked: what the seeds decide."""
    return hashlib.sha256("".join(
        HAMMER_COUNT.sub("(hammer)", line) for line in lines
    ).encode()).hexdigest()


def measure(test, runs, plain, label, jobs=1, first_seed=None, out=None):
    """`runs` invocations of `test`; with `first_seed`, invocation i gets
    seed first_seed + i, the verdict lines go to out/verdicts/ and each
    invocation's seconds to out/times/ (so a slow one can be run again)."""
    passed, times, misses, lines, timed = 0, [], [], [], []
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs)
    try:
        pending = [pool.submit(invoke, test, plain,
                               None if first_seed is None else first_seed + i)
                   for i in range(runs)]
        for i, future in enumerate(pending):
            ok, seconds, verdict = future.result()
            if first_seed is not None:
                lines.append(f"{first_seed + i}\t{int(ok)}\t{verdict}\n")
                timed.append(f"{first_seed + i}\t{seconds:.3f}\n")
            passed += ok
            times.append(seconds)
            if not ok:
                # Said at once: an interrupted run keeps it in its log.
                said = verdict[:300]
                seed = "" if first_seed is None else f" seed {first_seed + i}"
                print(f"share-rate: MISS {test}{seed}: {said}",
                      file=sys.stderr, flush=True)
                if len(misses) < 3:
                    misses.append(said)
            if (i + 1) % 50 == 0 or i + 1 == runs:
                print(f"share-rate: {label} {test}: {passed}/{i + 1}",
                      file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        # Stop now: the invocations not yet started are dropped (a `with`
        # block would wait for every one of them first).
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    p99 = statistics.quantiles(times, n=100)[98] if runs > 1 else times[0]
    result = {"runs": runs, "passed": passed,
              "median_s": round(median(times), 3),
              "p99_s": round(p99, 3), "misses": misses}
    if first_seed is not None:
        result["seeds"] = [first_seed, first_seed + runs - 1]
        result["verdicts_sha256"] = hashlib.sha256(
            "".join(lines).encode()).hexdigest()
        result["history_sha256"] = history_sha256(lines)
        slowest = max(range(runs), key=lambda i: times[i])
        result["slowest"] = {"seed": first_seed + slowest,
                             "s": round(times[slowest], 3)}
        if out is not None:
            for folder, text in (("verdicts", lines), ("times", timed)):
                os.makedirs(os.path.join(out, folder), exist_ok=True)
                common.write_atomically(
                    os.path.join(out, folder, f"{test}.tsv"), "".join(text))
    return result


def save(out, results, complete, setting=None):
    record = {"complete": complete, "results": results}
    if setting:
        record["setting"] = setting
    common.write_atomically(os.path.join(out, "share-rate.json"),
                            json.dumps(record, indent=2) + "\n")
    common.write_atomically(os.path.join(out, "share-rate.md"),
                            render(results, complete, setting))


def main(argv=None):
    # SIGTERM stops a run as Ctrl-C does: what finished is kept.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    parser = common.argument_parser("share-rate", __doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--racy", type=int)
    parser.add_argument("--safe", type=int)
    parser.add_argument("--baseline", type=int)
    parser.add_argument("--suite", choices=sorted(SUITES), default="share")
    parser.add_argument("--build", choices=("tsan", "default"),
                        default="tsan")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--seeds", type=int, metavar="FIRST")
    parser.add_argument("--load", choices=("idle", "loaded"),
                        default="idle")
    parser.add_argument("--exhibit", metavar="NAME")
    parser.add_argument("--out")
    parser.add_argument("--store")
    options = parser.parse_args(argv)
    global BINARY
    binary, racy_tests, safe_tests = SUITES[options.suite]
    BINARY = os.path.join(ROOT, "build", options.build, "share", binary)
    if options.out is None:
        options.out = os.path.join(
            "out", "share-rate" if options.suite == "share" else
            f"{options.suite}-rate-{options.build}-j{options.jobs}")
    if options.jobs < 1:
        fail("--jobs must be >= 1")
    if options.seeds is not None and options.seeds < 1:
        fail("--seeds must be >= 1 (a RACELAB_SEED)")
    history = options.suite in HISTORY_SUITES
    if options.store and not history:
        fail("--store goes with --suite history or lock-types")
    setting = {"suite": options.suite, "build": options.build,
               "jobs": options.jobs, "load": options.load,
               "date": time.strftime("%Y-%m-%d")} if history else None
    if setting and options.seeds is not None:
        setting["first_seed"] = options.seeds
    racy = options.racy or (50 if options.quick else 1000)
    safe = options.safe or (20 if options.quick else 200)
    baseline = options.baseline or (20 if options.quick else 200)
    if min(racy, safe, baseline) < 1:
        fail("--racy, --safe and --baseline must be >= 1")
    if not os.access(BINARY, os.X_OK):
        fail(f"{os.path.relpath(BINARY, ROOT)} is missing: build the "
             f"{options.build} preset first (scripts/test or scripts/run)")
    os.makedirs(options.out, exist_ok=True)
    previous = {}
    try:
        with open(os.path.join(options.out, "share-rate.json")) as f:
            previous = json.load(f)["results"]
    except (OSError, ValueError, KeyError):
        pass
    commit = common.git_commit()
    amending = bool(options.store and options.exhibit)
    if amending:
        stored_runs.amendable(options.store, setting, commit)
        # Measured now, at this commit: never an earlier run's results
        # found in DIR, which may be of the code before the change.
        previous = {}
    elif options.store and not previous:
        unfinished = stored_runs.stored_part(options.store, setting)
        if unfinished:
            previous, commit = unfinished["results"], unfinished["commit"]
            print(f"share-rate: resuming the run stored in {options.store} "
                  f"at {commit} ({len(previous)} exhibit(s) done)",
                  file=sys.stderr)
    plan = [(t, "reported", racy) for t in tests(*racy_tests)] + \
           [(t, "clean", safe) for t in tests(*safe_tests)]
    if options.exhibit:
        plan = [p for p in plan if options.exhibit in p[0]]
        if not plan:
            fail(f"no test of --suite {options.suite} has "
                 f"'{options.exhibit}' in its name")
    results = {}
    started = time.monotonic()
    try:
        for test, expected, runs in plan:
            done = previous.get(test, {})
            if (done.get("racelab", {}).get("runs") == runs and
                    done.get("racelab", {}).get("seeds", [None])[0] ==
                    options.seeds and
                    (history or
                     done.get("baseline", {}).get("runs") == baseline)):
                results[test] = done  # finished in an earlier run
                continue
            results[test] = {"expected": expected}
            exhibit_started = time.monotonic()
            results[test]["racelab"] = measure(test, runs, False, "racelab",
                                               options.jobs, options.seeds,
                                               options.out)
            if not history:
                results[test]["baseline"] = measure(test, baseline, True,
                                                    "baseline")
            results[test]["seconds"] = round(
                time.monotonic() - exhibit_started, 1)
            results[test]["done"] = True
            save(options.out, results, False, setting)
            if amending:
                stored_runs.amend(options.store, setting,
                                  {test: results[test]}, commit,
                                  sys.argv[1:] if argv is None else argv)
            elif options.store:
                stored_runs.store(options.store, setting, results,
                                  commit, complete=False)
    except KeyboardInterrupt:
        results = {k: v for k, v in results.items() if v.get("done")}
        save(options.out, results, False, setting)
        print(f"share-rate: interrupted; {options.out}/share-rate.md keeps "
              f"{len(results)} exhibit(s)", file=sys.stderr)
        return 130
    save(options.out, results, True, setting)
    print(f"share-rate: written {options.out}/share-rate.md", file=sys.stderr)
    if amending:
        print(f"share-rate: re-measured in {options.store}", file=sys.stderr)
    elif options.store:
        stored_runs.store(options.store, setting, results, commit,
                          complete=True,
                          untimed_seconds=time.monotonic() - started)
        print(f"share-rate: stored in {options.store}", file=sys.stderr)
    return 0
