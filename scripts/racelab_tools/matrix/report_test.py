"""Tests of the matrix's one renderer (report.py) on hand-built
matrix.json documents of the shape racelab's C++ writes
(experiments/matrix_json.cc; its own test pins the fields)."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

from racelab_tools import common
from racelab_tools.document import Document
from racelab_tools.matrix import report
from racelab_tools.report import sections

KINDS = [{"name": name, "meaning": meaning} for name, meaning in (
    ("tsan_report", "a ThreadSanitizer report"),
    ("tsan_crash", "died under TSan before any report"),
    ("wrong_results", "ended normally with wrong results"),
    ("clean", "exit 0, no report, every result right"))]


def cell(variant, detector, verdict, detections, runs, outcomes,
         expects, measured=False, as_expected=True, wall=10.0, tt=1.5):
    return {"variant": variant, "detector": detector, "available": True,
            "unavailable_reason": "", "runs": runs,
            "detections": detections, "expects_detection": expects,
            "measured": measured, "outcomes": outcomes,
            "median_time_to_detection_ms": tt if detections else None,
            "median_wall_ms": wall, "as_expected": as_expected,
            "verdict": verdict}


def a_matrix(schedule="seed", complete=True):
    summary = [
        cell("shared_unsafe", "tsan", "detected 2/2", 2, 2,
             {"tsan_report": 2}, True, tt=242.0),
        cell("shared_unsafe", "helgrind", "", 0, 0, {}, True),
        cell("locked_fields", "tsan", "silent 2/2 (no data race to see)", 0,
             2, {"wrong_results": 2}, False),
        cell("locked", "tsan", "FAILED: 1/2 flagged (1 tsan_report, 1 clean)",
             1, 2, {"clean": 1, "tsan_report": 1}, False, as_expected=False,
             wall=70.0),
        cell("locked", "helgrind", "clean 2/2", 0, 2, {"clean": 2}, False,
             wall=400.0),
    ]
    summary[1].update(available=False, as_expected=False,
                      unavailable_reason="valgrind is not installed",
                      verdict="unavailable: valgrind is not installed")
    return {
        "complete": complete, "build": "b",
        "options": {"runs": 2, "threads": 8, "iterations": 2000,
                    "valgrind_threads": 4, "valgrind_iterations": 50,
                    "timeout_ms": 90000.0, "buggy_schedule": schedule,
                    "tsan_options": "",
                    "variants": ["shared_unsafe", "locked_fields", "locked"],
                    "detectors": ["tsan", "helgrind"]},
        "variant_kinds": {"shared_unsafe": "data_race",
                          "locked_fields": "race_condition",
                          "locked": "fix"},
        "static_sources": {"shared_unsafe": "detectors/static_buggy.cc"},
        "evidence_kinds": KINDS,
        "native_wall_ms": {"locked": 10.0},
        "native_wall_valgrind_load_ms": {"locked": 20.0},
        "runs": [{"variant": "shared_unsafe", "detector": "tsan",
                  "detected": True, "how": "TSan report: data race"}],
        "summary": summary}


def markdown(matrix):
    doc = Document(report.TITLE)
    report.add_to(doc, matrix)
    return doc.to_markdown()


class RenderTest(unittest.TestCase):
    def test_the_verdict_grid_marks_what_is_not_as_expected(self):
        md = markdown(a_matrix())
        self.assertIn("| shared_unsafe | detected 2/2, median 242 ms | "
                      "**unavailable** |", md)
        self.assertIn("| locked | **FAILED: 1/2 flagged (1 tsan_report, 1 "
                      "clean)** | clean 2/2 |", md)
        self.assertIn("Time limit per child: 1m30s.", md)
        self.assertNotIn("Incomplete", md)

    def test_outcomes_follow_racelabs_order_of_evidence(self):
        # JSON objects come back sorted by name ("clean" first); the split
        # is in evidence_kinds' order, as the C++ verdict writes it.
        self.assertIn("| locked | tsan | 1/2 (9-91%) | - | 1.50 ms | "
                      "1 tsan_report, 1 clean |", markdown(a_matrix()))

    def test_how_caught_the_wrong_fix_cost_unavailable_and_key(self):
        md = markdown(a_matrix())
        self.assertIn("| tsan | 2/2 | 2 tsan_report | 242 ms | "
                      "`TSan report: data race` |", md)
        self.assertIn("| helgrind | unavailable | - | - | - |", md)
        self.assertIn("## The tempting wrong fix (locked_fields)", md)
        self.assertIn("| tsan | 0/2 | 2 wrong_results | silent 2/2", md)
        # Slowdown: each detector's wall over native on the fixes;
        # Valgrind's against the native run at Valgrind's load.
        self.assertIn("| tsan | 70 ms | 7.0x |", md)
        self.assertIn("| helgrind | 400 ms | 20.0x |", md)
        self.assertIn("- helgrind (shared_unsafe): valgrind is not "
                      "installed", md)
        self.assertIn("`tsan_crash` (died under TSan before any report)", md)
        self.assertIn("(detectors/static_buggy.cc)", md)

    def test_a_plain_matrix_and_an_interrupted_one_say_so(self):
        md = markdown(a_matrix(schedule="", complete=False))
        self.assertIn("the plain hammer", md)
        self.assertIn("**Incomplete: **", md)
        # Too few plain runs for a rate that means anything.
        self.assertIn("(too few runs: 2 < 20)", md)

    def test_sections_without_cells_are_left_out(self):
        matrix = a_matrix()
        matrix["summary"] = [c for c in matrix["summary"]
                             if c["variant"] == "locked"]
        md = markdown(matrix)
        self.assertNotIn("How the buggy variant was caught", md)
        self.assertNotIn("tempting wrong fix (locked_fields): who", md)

    def test_durations_as_people_write_them(self):
        self.assertEqual(report.duration(30000), "30s")
        self.assertEqual(report.duration(120000), "2m")
        self.assertEqual(report.duration(3600000), "1h")
        self.assertEqual(report.duration(1500), "1.5s")
        self.assertEqual(report.duration(500), "500ms")
        self.assertEqual(report.millis(None), "-")
        self.assertEqual(report.millis(12345), "12.3 s")


class ReportSectionTest(unittest.TestCase):
    """scripts/report's matrix section is the same renderer's blocks."""

    class Inputs:
        def __init__(self, matrices):
            self.matrices = matrices

        def matrix_summary(self, schedule):
            matrix = self.matrices.get(schedule)
            return {(c["variant"], c["detector"]): c
                    for c in matrix["summary"]} if matrix else {}

    def test_each_schedule_rendered_or_said_missing(self):
        doc = Document("t")
        sections.matrix(doc, self.Inputs({"forced": a_matrix()}))
        md = doc.to_markdown()
        self.assertIn("#### How the buggy variant was caught", md)
        self.assertIn("detected 2/2, median 242 ms", md)
        self.assertIn("no plain stress (measured) matrix in this run", md)
        self.assertEqual(md.count("Reading it"), 1, md)
        self.assertIn("### Reading it", md)


class CommandTest(unittest.TestCase):
    """scripts/matrix-report writes both files, and says what it cannot
    read without stopping at it."""

    def run_tool(self, *dirs):
        return subprocess.run(
            [sys.executable, os.path.join(common.ROOT, "scripts",
                                          "matrix-report"), *dirs],
            capture_output=True, text=True, check=False)

    def test_writes_md_and_html_and_names_a_bad_dir(self):
        with tempfile.TemporaryDirectory() as tmp:
            good, old = os.path.join(tmp, "good"), os.path.join(tmp, "old")
            os.mkdir(good)
            os.mkdir(old)
            with open(os.path.join(good, "matrix.json"), "w") as f:
                json.dump(a_matrix(), f)
            stale = a_matrix()
            del stale["variant_kinds"]
            with open(os.path.join(old, "matrix.json"), "w") as f:
                json.dump(stale, f)
            missing = os.path.join(tmp, "missing")
            result = self.run_tool(old, good, missing)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn("written by an older racelab", result.stderr)
            self.assertIn(f"{missing}/matrix.json: no such file",
                          result.stderr)
            with open(os.path.join(good, "matrix.md")) as f:
                self.assertIn("# racelab detection matrix", f.read())
            with open(os.path.join(good, "matrix.html")) as f:
                self.assertIn('<span class="bad">FAILED: 1/2', f.read())
            self.assertFalse(os.path.exists(os.path.join(old, "matrix.md")))
            # The matrix.json itself names its directory too.
            os.remove(os.path.join(good, "matrix.md"))
            result = self.run_tool(os.path.join(good, "matrix.json"))
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertTrue(os.path.exists(os.path.join(good, "matrix.md")))


if __name__ == "__main__":
    unittest.main()
