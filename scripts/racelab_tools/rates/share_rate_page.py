"""share-rate.md, the page of a share-rate run: the totals, one row per
exhibit, the misses (share_rate.py measures; this writes what it found)."""

from ..document import Code, Document

# The suites of the history check (no baseline; --store).
HISTORY_SUITES = ("history", "lock-types")


def render(results, complete, setting=None):
    """share-rate.md: the totals, one row per exhibit, the misses."""
    doc = Document("racelab::MayShare: detection per invocation",
                   "" if complete else "INCOMPLETE: interrupted; the "
                   "finished exhibits are below.")
    history = bool(setting and setting["suite"] in HISTORY_SUITES)
    if history:
        doc.para(f"The history check, {setting['build']} build, defaults (30 "
                 "scenarios of 1 + 2 x 3 + 1 calls, 100 runs each, each "
                 "run one schedule of racelab's controlled scheduler, "
                 "pct depth 3), "
                 f"{setting['jobs']} invocation(s) at a time. An invocation "
                 "is one run of the exhibit's test, from its start to its "
                 "verdict. Racy exhibits count when caught as \"not "
                 "linearizable\"; safe twins when they pass.")
    else:
        doc.para("TSan build, defaults (4 threads, 1,000 rounds of 8 calls, "
                 "a fresh or the long-lived instance per round, one CPU). An "
                 "invocation is one run of the exhibit's test, from its start "
                 "to its verdict (TSan's symbolized report included). "
                 "Baseline: the same tests with a plain start-latch hammer "
                 "(RACELAB_SHARE_HAMMER=plain: one instance, as many calls).")
    totals = {}
    for r in results.values():
        for side in ("racelab", "baseline"):
            if side in r:
                key = (r["expected"], side)
                passed, runs = totals.get(key, (0, 0))
                totals[key] = (passed + r[side]["passed"],
                               runs + r[side]["runs"])
    doc.bullets([
        f"{side}, {'racy' if expected == 'reported' else 'safe'} exhibits: "
        f"{passed:,} of {runs:,} invocations "
        f"{'reported' if expected == 'reported' else 'clean'}"
        for (expected, side), (passed, runs) in sorted(totals.items())])
    header = ["exhibit", "expected", "racelab", "median", "p99"]
    seeded = any("slowest" in r["racelab"] for r in results.values())
    if seeded:
        header.append("slowest (seed)")
    if not history:
        header += ["baseline", "baseline median"]
    rows = []
    for test, r in results.items():
        main = r["racelab"]
        row = [test.split(".")[1], r["expected"],
               f"{main['passed']}/{main['runs']}", f"{main['median_s']} s",
               f"{main['p99_s']} s"]
        if seeded:
            slowest = main.get("slowest")
            row.append(f"{slowest['s']} s ({slowest['seed']})"
                       if slowest else "")
        if not history:
            base = r["baseline"]
            row += [f"{base['passed']}/{base['runs']}",
                    f"{base['median_s']} s"]
        rows.append(row)
    doc.table(header, rows, numeric=range(2, len(header)))
    if history:
        doc.para(Code("racelab"), " counts invocations that came out as "
                 "expected (racy: caught as not linearizable; safe: passed).")
    else:
        doc.para(Code("racelab"), " and ", Code("baseline"), " count "
                 "invocations that came out as expected (racy: reported by "
                 "TSan or by wrong results; safe: clean).")
    missed = [(test, side, r[side]["misses"]) for test, r in results.items()
              for side in ("racelab", "baseline")
              if r.get(side) and r[side].get("misses")]
    if missed:
        doc.section("What the misses were (first three each)")
        for test, side, lines in missed:
            doc.para(f"{test.split('.')[1]} ({side}):")
            doc.bullets([[Code(line)] for line in lines])
    return doc.to_markdown()
