"""The report's sections on race conditions with no data race: the
tempting wrong fix (repro/locked_fields/, measured by this run's verdict
and matrix) and MayShare's history check (stored measurements)."""

import os

from ..document import Bad, Code, Good, Link
from ..rates import history_rates
from .sections import DETECTOR_NAMES


# The tempting wrong fix's files, diffed against the bug they "fix".
TEMPTING_FIX_FILES = ("params.h", "params.cc", "http_app.h", "http_app.cc",
                      "pdd_client.h", "pdd_client.cc", "union_service.h",
                      "union_service.cc")


def tempting_fix(doc, inputs):
    doc.section("The tempting wrong fix")
    doc.para("What a team is tempted to ship after reading ",
             Code("concurrent map iteration and map write"), ": every field "
             "of the one shared client made safe, each behind its lock (",
             Code("repro/locked_fields/"), ", variant ",
             Code("locked_fields"), "), and still ONE client for all "
             "requests. The crash is gone and no data race is left, so every "
             "data-race detector is silent; a request is still made in steps "
             "on shared state (SetParams, then Get, which copies and drains "
             "the shared map), and another caller's steps land between "
             "them. The seed's own library went this way: a later version "
             "of dtapps/go-library's ", Code("utils/gorequest/params.go"),
             " makes ", Code("Params"), " a struct embedding ",
             Code("sync.Mutex"), " with every method locked (Set, "
             "DeepCopy, ...; commit 1895214b in that repository, cited in "
             "docs/fixes.md). What this run saw:")
    rows = []
    for build, title in (("tsan", "verdict, ThreadSanitizer build"),
                         ("native", "verdict, native build")):
        row = inputs.verdict_row(build, "race_condition")
        if row is None:
            rows.append([title, "-", Bad("not run"), "-"])
            continue
        mark = Good if row["as_expected"] else Bad
        rows.append([title + " (forced seed)", Code(row["evidence"]),
                     mark(row["verdict"]),
                     Link("log", inputs.out_link(row["log"]))])
    for schedule, label in (("forced", "forced seed"), ("plain", "plain")):
        for (variant, detector), cell in inputs.matrix_summary(
                schedule).items():
            if variant != "locked_fields":
                continue
            name = DETECTOR_NAMES.get(detector, detector)
            if not cell.get("available", True):
                rows.append([f"matrix ({label}): {name}", "-",
                             "unavailable", "-"])
                continue
            expected = cell["expects_detection"]
            outcomes = ", ".join(f"{kind} {count}" for kind, count in
                                 sorted(cell.get("outcomes", {}).items()))
            k, n = cell["detections"], cell["runs"]
            text = (f"{k}/{n} caught" if expected else
                    f"{k}/{n} flagged (silent: no data race to see)")
            # A measured cell (the history check: the seed's schedule does
            # not steer its scenarios) is a rate, never a failure.
            if expected and cell.get("measured"):
                text += " (not steered: a rate)"
            ok = (k == n) if (expected and label == "forced seed"
                              and not cell.get("measured")) else (
                k == 0 if not expected else True)
            rows.append([f"matrix ({label}): {name}", outcomes or "-",
                         (Good if ok else Bad)(text), "-"])
    doc.table(["who looked", "evidence", "outcome", "raw"], rows)
    doc.para("Reading it: a data race is two accesses to one memory "
             "location, at least one a write, with no synchronisation "
             "between them; ThreadSanitizer, Helgrind, DRD, the map guard "
             "and -Wthread-safety all look for that, and here there is "
             "none. A race condition is a result that depends on how calls "
             "interleave: here every step is locked, the request as a whole "
             "is not. Only results (the audit: another caller's item, a "
             "request sent with no parameters) or a history checked against "
             "the class itself (MayShare's history check) can see it. The "
             "seed's fix, a client per request, is right because it removes "
             "the sharing, not only the data race.")
    doc.subsection("repro/ → repro/locked_fields/")
    for name in TEMPTING_FIX_FILES:
        theirs = os.path.join(inputs.root, "repro", name)
        mine = os.path.join(inputs.root, "repro", "locked_fields", name)
        if not os.path.exists(mine):
            continue
        before = read(theirs) if os.path.exists(theirs) else ""
        doc.diff(f"repro/{name}", before, f"repro/locked_fields/{name}",
                 read(mine))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def history_check(doc, inputs):
    doc.section("Race conditions with no data race: the history check")
    doc.para("Classes whose every access is locked (or atomic), one "
             "operation split over two locked sections: ThreadSanitizer "
             "sees no race, and MayShare's history check "
             "(racelab::Operations) finds results no one-at-a-time order "
             "gives. Its scenarios run under racelab's controlled "
             "scheduler, one thread at a time, switching at points a seed "
             "chooses (docs/own-class.md). Stored measurements, not re-run "
             "by scripts/run (", Code("scripts/share-rate --suite history"),
             " and ", Code("--suite lock-types"), "). A cell is the "
             "invocations that came out as expected (racy: caught as not "
             "linearizable; safe twin: passed) and the median time of one; "
             "a column is one stored run: the build, and \"-loaded\" when "
             "four busy processes ran beside it on the 2 cores.")
    stored = [(what, inputs.history_rate(name))
              for name, what in history_rates.SUITES]
    if not any(runs for _, runs in stored):
        doc.note("No stored measurement "
                 "(docs/measurements/history-rate.json, "
                 "lock-types-rate.json).")
        return
    history_rates.add_suites(doc, stored, doc.subsection)
