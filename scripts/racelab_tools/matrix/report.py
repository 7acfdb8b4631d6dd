"""scripts/matrix-report: the detection matrix for people.

Renders the matrix.json that `racelab matrix` (or `racelab merge`) wrote
in each DIR as DIR/matrix.md and DIR/matrix.html: the verdict of every
variant x detector, the rates with their 95% intervals, how the buggy
variant was caught, who saw the tempting wrong fix, what watching costs,
what could not run here, and how to read it. The one renderer of the
matrix: scripts/report's "Detection matrix" section is the same blocks
(add_to), and racelab's C++ writes only matrix.json and matrix.xml.

  scripts/matrix-report DIR [DIR ...]

Exit codes: 0 every matrix rendered; 2 a DIR without a readable
matrix.json (named on stderr; the other DIRs are still rendered). The
verdict is racelab matrix's exit code, not this one's.
"""

import json
import os
import sys

from .. import common, stats
from ..document import Bad, Code, Document

TITLE = "racelab detection matrix"
# What every cell needs; absent from a matrix.json older than this renderer.
REQUIRED = ("options", "summary", "runs", "variant_kinds", "evidence_kinds")


class InputError(Exception):
    """A matrix.json this renderer cannot read, said so a user can act."""


def load(path):
    """The matrix.json at `path`, checked for what rendering needs."""
    try:
        with open(path, encoding="utf-8") as f:
            matrix = json.load(f)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file (run `racelab matrix "
                         f"--out=DIR` first)") from None
    except (OSError, ValueError) as e:
        raise InputError(f"{path}: not a readable matrix.json ({e})") from None
    missing = [key for key in REQUIRED if key not in matrix]
    if missing:
        raise InputError(f"{path}: no {', '.join(missing)}: written by an "
                         f"older racelab; run `racelab matrix` again")
    return matrix


def millis(value):
    """A time in milliseconds as the matrix prints it; "-" for never."""
    if value is None:
        return "-"
    if value < 10:
        return f"{value:.2f} ms"
    return f"{value:.0f} ms" if value < 10000 else f"{value / 1000:.1f} s"


def duration(ms):
    """A time limit as a person writes it: 30s, 2m, 1m30s, 500ms."""
    if ms < 1000:
        return f"{ms:g}ms"
    minutes, seconds = divmod(ms / 1000, 60)
    hours, minutes = divmod(int(minutes), 60)
    text = (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")
    return text + (f"{seconds:g}s" if seconds or not text else "")


def outcome_split(matrix, cell):
    """"2 tsan_report, 1 tsan_crash": a cell's runs by evidence, in
    racelab's order of evidence kinds."""
    outcomes = cell.get("outcomes", {})
    if not outcomes:
        return "no runs"
    order = [kind["name"] for kind in matrix["evidence_kinds"]]

    def rank(kind):
        return order.index(kind) if kind in order else len(order)

    return ", ".join(f"{outcomes[kind]} {kind}"
                     for kind in sorted(outcomes, key=rank))


def _kind(matrix, variant):
    return matrix["variant_kinds"].get(variant, "fix")


def _detected(cell):
    if not cell.get("available", True):
        return "unavailable"
    return f"{cell['detections']}/{cell['runs']}"


def _cell_text(cell):
    if not cell.get("available", True):
        return Bad("unavailable")
    text = cell["verdict"]
    if (cell.get("expects_detection") and cell["detections"] > 0
            and not cell.get("measured")):
        text += ", median " + millis(cell.get("median_time_to_detection_ms"))
    return text if cell.get("as_expected") else Bad(text)


def _cells(matrix):
    return {(c["variant"], c["detector"]): c for c in matrix["summary"]}


def intro(doc, matrix):
    """What ran: runs, load, time limit, schedule, TSAN_OPTIONS."""
    o = matrix["options"]
    if not matrix.get("complete", False):
        doc.note(Bad("Incomplete: "), "the run was interrupted or is still "
                 "running; the cells below are those it finished.")
    if o["buggy_schedule"]:
        schedule = (f"The buggy variant runs the forced {o['buggy_schedule']} "
                    "interleaving (2 threads, one request each): a liveness "
                    "check, every run must be detected. The history check "
                    "runs MayShare's own scenarios, which the forced "
                    "interleaving does not steer: a cell marked measured is "
                    "a rate, not a check.")
    else:
        schedule = ("The buggy variant runs the plain hammer: whether its "
                    "threads overlap, and whether the race kills the process "
                    "before a detector speaks, is up to the scheduler, so its "
                    "cells are measured rates, not checks.")
    parts = [f"Runs per cell: {o['runs']} child processes (static: 1 "
             f"compile; it is deterministic). Load: {o['threads']} threads x "
             f"{o['iterations']} requests (under Valgrind: "
             f"{o['valgrind_threads']} x {o['valgrind_iterations']}), threads "
             f"released together. Time limit per child: "
             f"{duration(o['timeout_ms'])}. {schedule}"]
    if o.get("tsan_options"):
        parts += [" TSAN_OPTIONS: ", Code(o["tsan_options"]), "."]
    doc.para(*parts)


def verdict_grid(doc, matrix):
    """One row per variant, one column per detector: each cell's verdict."""
    o, cells = matrix["options"], _cells(matrix)
    rows = []
    for variant in o["variants"]:
        row = [variant]
        for detector in o["detectors"]:
            cell = cells.get((variant, detector))
            row.append(_cell_text(cell) if cell else "(not run yet)")
        rows.append(row)
    doc.table(["variant", *o["detectors"]], rows)


def rates(doc, matrix):
    """Every cell's rate with its 95% interval, and the runs a CI job needs
    to catch the race with 99% confidence."""
    plain = not matrix["options"]["buggy_schedule"]
    rows = []
    for cell in matrix["summary"]:
        variant, detector = cell["variant"], cell["detector"]
        if not cell.get("available", True):
            rows.append([variant, detector, "unavailable", "-", "-",
                         cell.get("unavailable_reason", "")])
            continue
        k, n = cell["detections"], cell["runs"]
        rate, runs = stats.rate_cell(k, n)
        if not cell.get("expects_detection"):
            runs = "-"  # a fix, or a data-race detector on the tempting
            #             wrong fix: a detection is a false alarm
        elif plain and n < stats.MIN_PLAIN_RUNS:
            runs = f"(too few runs: {n} < {stats.MIN_PLAIN_RUNS})"
        if cell.get("measured") and not plain:
            detector = f"{detector} (not steered: a rate)"
        rows.append([variant, detector, rate, runs,
                     millis(cell.get("median_time_to_detection_ms")),
                     outcome_split(matrix, cell)])
    doc.table(["variant", "detector", "detected (95% Wilson)",
               "runs for 99%", "median time", "outcomes"], rows,
              numeric=[2, 3, 4])
    doc.para("Runs for 99%: the least n with 1 - (1 - p)^n ≥ 0.99, p the "
             "interval's LOWER bound: how many runs a CI job needs to catch "
             "the race with 99% confidence, without trusting luck. On a fix "
             "a detection is a false alarm.")


def _first_how(matrix, cell):
    for run in matrix["runs"]:
        if (run["variant"], run["detector"]) == (cell["variant"],
                                                 cell["detector"]) \
                and run["detected"]:
            return Code(run["how"])
    return "-"


def how_caught(doc, matrix, heading):
    """How each detector caught the buggy variant, run by run."""
    cells = [c for c in matrix["summary"]
             if _kind(matrix, c["variant"]) == "data_race"]
    if not cells:
        return
    heading("How the buggy variant was caught")
    doc.table(["detector", "detected", "outcomes (every run, by evidence)",
               "median time from hammer start", "first detection"],
              [[c["detector"], _detected(c),
                outcome_split(matrix, c) if c.get("available", True) else "-",
                millis(c.get("median_time_to_detection_ms")),
                _first_how(matrix, c)] for c in cells], numeric=[1, 3])


def wrong_fix_seen(doc, matrix, heading):
    """The tempting wrong fix: which detector flagged it (only the audit and
    the history check should)."""
    cells = [c for c in matrix["summary"]
             if _kind(matrix, c["variant"]) == "race_condition"]
    if not cells:
        return
    heading("The tempting wrong fix (locked_fields): who saw it")
    doc.para("Every field of the one shared client locked, the request not: "
             "no data race, so every data-race detector must stay silent, "
             "and the results are still wrong, which only the audit (and "
             "racelab's history check, docs/own-class.md) can see.")
    doc.table(["detector", "flagged", "outcomes (every run, by evidence)",
               "verdict"],
              [[c["detector"], _detected(c),
                outcome_split(matrix, c) if c.get("available", True) else "-",
                _cell_text(c)] for c in cells], numeric=[1])


def _fix_cells(matrix, detector):
    return [c for c in matrix["summary"]
            if c["detector"] == detector and c.get("available", True)
            and c["runs"] > 0 and _kind(matrix, c["variant"]) == "fix"
            and c.get("median_wall_ms") is not None]


def _slowdown(matrix, detector, fix_cells):
    """Median over the fixes of (the detector's wall / the native wall);
    Valgrind's against the native run at Valgrind's lighter load."""
    native = matrix.get("native_wall_valgrind_load_ms"
                        if detector in ("helgrind", "drd")
                        else "native_wall_ms", {})
    ratios = [c["median_wall_ms"] / native[c["variant"]]
              for c in fix_cells if native.get(c["variant"])]
    return "-" if not ratios else f"{stats.median(ratios):.1f}x"


def cost_of_watching(doc, matrix, heading):
    """Each detector's median wall on the fixes, against native."""
    rows = []
    for detector in matrix["options"]["detectors"]:
        if detector == "static":
            continue
        fix_cells = _fix_cells(matrix, detector)
        walls = [c["median_wall_ms"] for c in fix_cells]
        rows.append([detector, millis(stats.median(walls)),
                     "1.0x (native)" if detector == "audit"
                     else _slowdown(matrix, detector, fix_cells)])
    if not rows:
        return
    heading("The cost of watching (the fixes, which run to completion)")
    doc.table(["detector", "median wall per run", "slowdown vs native"],
              rows, numeric=[1, 2])


def unavailable_here(doc, matrix, heading):
    """The cells that could not run here: never a pass."""
    cells = [c for c in matrix["summary"] if not c.get("available", True)]
    if cells:
        heading("Unavailable here (NOT a pass)")
        doc.bullets([f"{c['detector']} ({c['variant']}): "
                     f"{c.get('unavailable_reason', '')}" for c in cells])


def _evidence_key(matrix):
    parts = []
    for kind in matrix["evidence_kinds"]:
        if parts:
            parts.append("; ")
        parts += [Code(kind["name"]), f" ({kind['meaning']})"]
    return parts


def reading_it(doc, matrix, heading):
    """The key: what each verdict and each kind of evidence means."""
    buggy = [v for v, kind in matrix["variant_kinds"].items()
             if kind == "data_race"]
    source = matrix.get("static_sources", {}).get(buggy[0] if buggy else "")
    heading("Reading it")
    doc.bullets([
        [Code("detected N/N"), ": every run of the buggy variant was caught "
         "(a liveness check); ", Code("measured: D/N detected (split)"),
         ": a rate, never pass/fail; ", Code("clean N/N"), ": no run of a "
         "fix was flagged and every one ended cleanly; ", Code("silent N/N"),
         ": no run of the tempting wrong fix was flagged by a data-race "
         "detector (it has no data race). Cells not as expected are marked."],
        ["Every run is classified by what the tools printed, not by its "
         "exit code, as one of: ", *_evidence_key(matrix), "."],
        ["A run counts as detected only when the detector itself spoke. A ",
         Code("tsan_crash"), ", ", Code("abort"), " or ", Code("crash"),
         " under a detector is evidence of the bug, NOT of a live detector."],
        ["tsan: a ThreadSanitizer report. guard: the Go-style map guard's ",
         Code("fatal error: concurrent map ..."), ". audit: nothing "
         "watching; detected means any damage: wrong results, a crash, an "
         "abort or a hang, timed at the first wrong result or the end. "
         "helgrind/drd: a Valgrind report. static: clang -Wthread-safety on "
         "the source each exhibit declares (racelab_static_check_source in "
         "its CMakeLists.txt); the buggy client declares nothing to check, "
         "so its entry is the client with its state annotated and the lock "
         "forgotten" + (f" ({source})" if source else "") + ". history: "
         "MayShare's history check (docs/own-class.md)."],
        "Times are from the hammer's release of its threads "
        "(CLOCK_MONOTONIC, shared with the child) to the first detection.",
    ])


def headings(doc, level):
    """A function adding a heading at `level` (2: a section of its own)."""

    def heading(title):
        if level == 2:
            doc.section(title)
        else:
            doc.subsection(title, level)

    return heading


def add_to(doc, matrix, level=2, key=True):
    """Adds the matrix to `doc`: its own sections at heading `level` (2 in
    matrix.md; deeper under one section of the report), with the key
    ("Reading it") unless `key` is False (a document showing several
    matrices gives it once)."""
    heading = headings(doc, level)

    intro(doc, matrix)
    verdict_grid(doc, matrix)
    heading("Rates, cell by cell")
    rates(doc, matrix)
    how_caught(doc, matrix, heading)
    wrong_fix_seen(doc, matrix, heading)
    cost_of_watching(doc, matrix, heading)
    unavailable_here(doc, matrix, heading)
    if key:
        reading_it(doc, matrix, heading)


def render(directory):
    """Writes DIR/matrix.md and DIR/matrix.html from DIR/matrix.json (or,
    given a matrix.json itself, beside it); returns the directory."""
    if os.path.isfile(directory):
        directory = os.path.dirname(directory) or "."
    matrix = load(os.path.join(directory, "matrix.json"))
    doc = Document(TITLE, "" if matrix.get("complete", False) else
                   "INCOMPLETE: the run was interrupted or is still running.")
    add_to(doc, matrix)
    for name, text in (("matrix.md", doc.to_markdown()),
                       ("matrix.html", doc.to_html())):
        common.write_atomically(os.path.join(directory, name), text)
    return directory


def main(argv=None):
    parser = common.argument_parser("matrix-report", __doc__)
    parser.add_argument("dirs", nargs="+", metavar="DIR",
                        help="a directory holding a matrix.json (or the "
                        "matrix.json itself)")
    args = parser.parse_args(argv)
    failed = 0
    for directory in args.dirs:
        try:
            directory = render(directory)
        except InputError as e:
            print(f"matrix-report: {e}", file=sys.stderr)
            failed += 1
            continue
        except OSError as e:
            print(f"matrix-report: cannot write into {directory}: {e}",
                  file=sys.stderr)
            failed += 1
            continue
        print(f"matrix-report: wrote {directory}/matrix.md and matrix.html")
    return common.USAGE if failed else 0
