"""The sections of report/index.html, one function each (scripts/report).

Each takes the Document and the Inputs (what the run left in its out dir,
already parsed) and adds its section; a part the run skipped or lost says
so instead of disappearing.
"""

import os

from .. import sarif
from ..bench import report as bench_report
from ..document import Bad, Code, Good, Link
from ..lab import watch_cost
from ..matrix import report as matrix_report

# The incident (docs/the-bug.md, from the pod's description): the last
# container started 05:12:12 and died 08:44:16 of the Go runtime's check.
INCIDENT_SECONDS = 3 * 3600 + 32 * 60 + 4
INCIDENT_TEXT = ("the container ran 3 h 32 min of production traffic "
                 "(started 05:12:12, died 08:44:16; restart count 4) before "
                 "the Go runtime's map check killed it")

DETECTOR_NAMES = {
    "tsan": "ThreadSanitizer", "guard": "Go-style map guard",
    "audit": "corruption audit (nothing watching)", "helgrind": "Helgrind",
    "drd": "DRD", "static": "clang -Wthread-safety",
    "history": "history check (MayShare)"}

# The incident's goroutine, frame by frame, and the C++ function that
# mirrors each frame (repro/ keeps the Go names).
GO_STACK = [
    ("gorequest.(*Params).DeepCopy", "utils/gorequest/params.go:66",
     "repro::Params::DeepCopy"),
    ("gorequest.request", "utils/gorequest/http.go:195",
     "repro::HttpApp::Request"),
    ("gorequest.(*App).Get", "utils/gorequest/http.go:170",
     "repro::HttpApp::Get"),
    ("pinduoduo.(*Client).request", "service/pinduoduo/request.go:21",
     "repro::PddClient::Request"),
    ("pinduoduo.(*Client).GoodsDetail",
     "service/pinduoduo/pdd.ddk.goods.detail.go:106",
     "repro::PddClient::GoodsDetail"),
    ("service.(*Service).GetUnionPddItemDetail", "(the service)",
     "repro::UnionService::GetUnionPddItemDetail"),
]
# The other side of the race, which Go's crash log does not print: the
# goroutine writing the map.
GO_WRITER = [
    ("gorequest.(*Params).Set (via SetParams)", "utils/gorequest/params.go",
     "repro::Params::Set"),
    ("gorequest.(*App).SetParams", "utils/gorequest/app.go",
     "repro::HttpApp::SetParams"),
]


def _ms(value):
    if value is None:
        return "-"
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    return f"{value:.1f} ms" if value >= 1 else f"{value * 1000:.0f} µs"


def headline(doc, inputs, charts):
    doc.section("Headline: time to first detection")
    doc.para("The incident: ", INCIDENT_TEXT, ". racelab's time to first "
             "detection of the same race, per detector, from the start of "
             "the child process to the detector's first word (median over "
             "the runs):")
    forced = inputs.matrix_summary("forced")
    plain = inputs.matrix_summary("plain")
    rows, bars = [], []
    for detector, name in DETECTOR_NAMES.items():
        f = forced.get(("shared_unsafe", detector))
        p = plain.get(("shared_unsafe", detector))
        if not f and not p:
            continue
        cells = [name]
        for label, cell in (("forced", f), ("plain", p)):
            if not cell or not cell.get("available", True):
                cells += ["not run", "-"]
                continue
            if detector == "static":
                # Caught before the program ever runs; its cost is the
                # compile, not a time to detection.
                cells += [f"before it runs (compile "
                          f"{_ms(cell.get('median_wall_ms'))})",
                          f"{cell['detections']}/{cell['runs']}"]
                continue
            detected = f"{cell['detections']}/{cell['runs']}"
            if label == "forced" and cell.get("measured"):
                # Not steered by --schedule: a rate, not a check.
                detected += " (not steered: a rate)"
            cells += [_ms(cell.get("median_time_to_detection_ms")), detected]
            if cell.get("median_time_to_detection_ms") is not None:
                bars.append((f"{name} ({label})",
                             cell["median_time_to_detection_ms"] / 1000,
                             label))
        rows.append(cells)
    if rows:
        doc.table(["detector", "forced seed: time", "forced: detected",
                   "plain stress: time", "plain: detected"], rows,
                  numeric=[1, 2, 3, 4])
        doc.figure(charts.detection_times(bars, INCIDENT_SECONDS),
                   "Time to first detection, log scale: each detector on the "
                   "forced seed interleaving and on plain stress, against "
                   "the incident's 3 h 32 min.", "time-to-detection.svg")
    else:
        doc.note(Bad("No detection matrix in this run"),
                 " (--matrix-runs 0, or it failed): no times to show.")
    doc.para("Forced: the seed's interleaving steered deterministically "
             "(checks, few runs); the history check runs MayShare's own "
             "scenarios, which the seed's schedule does not steer, so its "
             "forced cell is a rate like plain stress's. Plain stress: "
             "threads released together, nothing steered (measured). clang's -Wthread-safety rejects "
             "the source at compile time, before anything runs (not drawn).")


def verdicts(doc, inputs):
    doc.section("Verdict")
    for build, title in (("tsan", "ThreadSanitizer build"),
                         ("native", "native build (nothing watching)")):
        doc.subsection(title)
        verdict = inputs.verdict(build)
        if verdict is None:
            doc.note(Bad("missing: "), f"the {title} verdict did not run "
                     "or did not finish (see the timings below).")
            continue
        if not verdict["complete"]:
            doc.note(Bad("incomplete: "), "the verdict was interrupted.")
        rows = []
        for row in verdict["rows"]:
            mark = (str if row["role"] == "stress" else
                    Good if row["as_expected"] else Bad)  # stress: measured
            rows.append([row["variant"], row["role"], row["load"],
                         str(row.get("requests", "-")),
                         str(row.get("wrong", "-")), row["process_end"],
                         Code(row["evidence"]), mark(row["verdict"]),
                         Link("log", inputs.out_link(row["log"]))])
        doc.table(["variant", "role", "load", "requests", "wrong",
                   "process end", "evidence", "verdict", "raw"], rows,
                  numeric=[3, 4])
    doc.para("liveness proves the detector alive on every run (the seed's "
             "interleaving, forced: TSan must report it; natively it must "
             "give the seed's wrong results); stress is measured, never "
             "pass/fail; race_condition is the tempting wrong fix forced "
             "between its locked steps, which must give wrong results with "
             "no report (it has no data race: see \"The tempting wrong "
             "fix\" below); every fix must be clean.")


def seed_report(doc, inputs):
    doc.section("The seed's race: TSan next to the incident")
    row = inputs.verdict_row("tsan", "liveness")
    text = inputs.read_out(row["log"]) if row else None
    if not text:
        doc.note(Bad("missing: "), "no TSan liveness run in this report.")
        return
    stacks = sarif.stacks(text, inputs.root)
    if not stacks:
        doc.note(Bad("no report: "), "the liveness run printed no TSan "
                 "report (see its verdict above).")
        return
    tops = [_short(frames[0][0]) for _, frames in stacks[:2]]
    doc.para("The liveness run forces the seed's interleaving: two requests "
             "through the one shared client, each writing its parameters "
             "into the same map that request() then ranges over and resets "
             "(DeepCopy). TSan stops at the first conflicting pair it sees "
             "(halt_on_error), the same pair on every run; in this run ",
             Code(tops[0]), " against ", Code(tops[-1]), ". The seed quotes "
             "Go's stack only for the goroutine that was iterating; what "
             "Go's dump said of the writer is not in it (docs/detectors.md "
             "says what is known). TSan prints both accesses. Each C++ frame in this repository, next to the "
             "Go frame it ports (", Code("repro/"), " keeps the Go names):")
    go_of = {cpp: (go, where) for go, where, cpp in GO_STACK + GO_WRITER}
    for header, frames in stacks[:2]:
        doc.subsection(header)
        rows = []
        for function, path, line in frames:
            match = next((go_of[k] for k in go_of if k in function), None)
            rows.append([Code(_short(function)), Code(f"{path}:{line}"),
                         Code(match[0]) if match else "-",
                         match[1] if match else "-"])
        doc.table(["C++ frame (TSan)", "file:line", "Go frame (incident)",
                   "Go file"], rows)
    doc.subsection("The incident's goroutine (Go)")
    doc.pre("fatal error: concurrent map iteration and map write\n\n" +
            "\n".join(f"{go:<40} {where}" for go, where, _ in GO_STACK))


def _short(function):
    # Already shortened by racelab_tools/tsan_frames.py (sarif.stacks).
    return function.replace("racelab::", "")


def diffs(doc, inputs):
    doc.section("The fixes, side by side with the bug")
    doc.para("Generated from the sources at run time: each fix's files "
             "against the same file in ", Code("repro/"), " (a file the "
             "bug has no counterpart for is shown against nothing).")
    fixed = os.path.join(inputs.root, "fixed")
    for fix in sorted(os.listdir(fixed)):
        folder = os.path.join(fixed, fix)
        if not os.path.isdir(folder):
            continue
        doc.subsection(f"repro/ → fixed/{fix}/")
        for name in sorted(os.listdir(folder)):
            if not name.endswith((".h", ".cc")) or name.endswith("_test.cc"):
                continue
            theirs = os.path.join(inputs.root, "repro", name)
            before = open(theirs).read() if os.path.exists(theirs) else ""
            after = open(os.path.join(folder, name)).read()
            doc.diff(f"repro/{name}" if before else "(none)", before,
                     f"fixed/{fix}/{name}", after)


def matrix(doc, inputs):
    doc.section("Detection matrix")
    shown = None  # the last matrix rendered: its key is given once
    for schedule, title in (("forced", "forced seed interleaving (checks)"),
                            ("plain", "plain stress (measured)")):
        doc.subsection(title)
        if not inputs.matrix_summary(schedule):
            doc.note(Bad("not run: "), f"no {title} matrix in this run.")
            continue
        # The one renderer of the matrix (scripts/matrix-report's blocks),
        # its key once, after both.
        shown = inputs.matrices[schedule]
        matrix_report.add_to(doc, shown, level=4, key=False)
    if shown:
        matrix_report.reading_it(doc, shown, matrix_report.headings(doc, 3))


def cost_of_watching(doc, inputs):
    doc.section("The cost of watching")
    try:
        stored = watch_cost.load(watch_cost.STORED)
    except (OSError, ValueError) as error:
        doc.note(Bad("missing: "), "no stored measurement "
                 f"(docs/measurements/watch-cost.json: {error}).")
        return
    doc.para(*watch_cost.caption(stored, Code), " Stored, not re-run by ",
             Code("scripts/run"), "; the same table as docs/detectors.md.")
    doc.table(watch_cost.HEADER, watch_cost.rows(stored), numeric=[1, 2])


def benchmarks(doc, inputs):
    doc.section("Benchmarks: what each fix costs")
    if not inputs.bench:
        doc.note("Not run in this report (", Code("--no-bench"), ").")
        return
    for svg_name in sorted(inputs.list_out("bench", ".svg")):
        caption = (f"bench/{svg_name}: requests/s vs threads, log-log; the "
                   "grey dashed line is perfect scaling.")
        if svg_name == "chart-wire.svg":
            caption = (f"bench/{svg_name}: requests/s vs threads, log-log: "
                       "the CURL handle strategies over loopback HTTP, and "
                       "the same client in process (dotted).")
        doc.figure(inputs.read_out(f"bench/{svg_name}"), caption,
                   inputs.out_link(f"bench/{svg_name}"))
    # The same blocks as out/bench/bench.md, from the run's data (bench.json).
    bench_report.add_to(doc, inputs.bench, levels=(3, 3, 3), charts=False,
                        note_incomplete=True)


def own_class(doc, inputs):
    doc.section("Your own class: MayShare's detection table")
    stored = inputs.share_rate()
    if stored is None:
        doc.note("No stored measurement (docs/measurements/share-rate.json).")
        return
    doc.para(f"Stored measurement of {stored['measured_on']} "
             f"({stored['command']}; {stored['machine']}), not re-run by "
             "scripts/run: ", Code("scripts/share-rate"), " takes about "
             f"{stored['minutes']} minutes.")
    rows = []
    for test, r in stored["results"].items():
        main, base = r["racelab"], r["baseline"]
        rows.append([test.split(".")[1], r["expected"],
                     f"{main['passed']}/{main['runs']}",
                     f"{main['median_s']} s", f"{main['p99_s']} s",
                     f"{base['passed']}/{base['runs']}"])
    doc.table(["exhibit", "expected", "racelab", "median", "p99",
               "plain latch baseline"], rows, numeric=[2, 3, 4, 5])


def races(doc, inputs, found):
    doc.section("Races found (races.sarif)")
    if not found:
        doc.note("No TSan report with a location in this repository.")
        return
    doc.para(f"{len(found)} distinct race(s), deduplicated by their two "
             "locations over every TSan run of this report; the same list "
             "as SARIF 2.1.0: ", Link("races.sarif", "races.sarif"), ".")
    rows = []
    for race in found:
        rows.append([race["kind"], " / ".join(
            f"{l[0]}:{l[1]}" for l in race["locations"]),
            str(race["count"]), Link(race["logs"][0],
                                     inputs.out_link(race["logs"][0]))])
    doc.table(["kind", "the two locations", "reports", "first log"], rows,
              numeric=[2])


def machine(doc, inputs, facts, timings):
    doc.section("Machine, tools and timings")
    doc.table(["", ""], [[k, v] for k, v in facts])
    if timings:
        doc.table(["part", "status", "seconds", "log"],
                  [[t["part"], Good(t["status"]) if t["status"] == "ok"
                    else Bad(t["status"]), f"{t['seconds']:.0f}",
                    Link(f"{t['part']}.log",
                         inputs.out_link(f"logs/run/{t['part']}.log"))]
                   for t in timings], numeric=[2])
    else:
        doc.para("No part timings (the report was written outside "
                 "scripts/run).")
