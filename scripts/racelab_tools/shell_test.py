"""Unit tests of shell.py: ctest's JUnit counts, the run's timings."""

import json
import os
import tempfile
import unittest

from racelab_tools import shell

JUNIT = """<?xml version="1.0" encoding="UTF-8"?>
<testsuite tests="4">
  <testcase name="a" status="run"/>
  <testcase name="b" status="fail"><failure message="x"/></testcase>
  <testcase name="c" status="notrun"><skipped message="y"/></testcase>
  <testcase name="d" status="disabled"/>
</testsuite>
"""


class ShellTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def path(self, name, text):
        path = os.path.join(self.dir.name, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_junit_counts_each_case_once(self):
        self.assertEqual(shell.junit_counts(self.path("j.xml", JUNIT)),
                         (1, 1, 2))

    def test_record_then_estimate(self):
        timings = self.path("t.json", "[]")
        shell.record(timings, "verdict", "ok", "12.6")
        with open(timings, encoding="utf-8") as f:
            self.assertEqual(json.load(f), [{"part": "verdict",
                                             "status": "ok", "seconds": 12.6}])
        self.assertEqual(shell.estimate(timings, "verdict", "60"), "13")
        self.assertEqual(shell.estimate(timings, "bench", "60"), "60")
        self.assertEqual(shell.estimate(self.path("x", "not json"), "a", "5"),
                         "5")


    def test_failed_cells_lists_only_checks_that_failed(self):
        def cell(variant, detector, verdict, as_expected, measured=False,
                 available=True):
            return {"variant": variant, "detector": detector,
                    "verdict": verdict, "as_expected": as_expected,
                    "measured": measured, "available": available}
        matrix = self.path("matrix.json", json.dumps({"summary": [
            cell("shared_unsafe", "tsan", "detected 3/3", True),
            cell("shared_unsafe", "guard", "MISSED: 2/3", False),
            cell("shared_unsafe", "history", "measured: 2/3", True, True),
            cell("locked", "drd", "unavailable: x", False, False, False),
            cell("copying", "tsan", "FAILED: 1/3 flagged", False)]}))
        self.assertEqual(shell.failed_cells(matrix), [
            "shared_unsafe x guard: MISSED: 2/3",
            "copying x tsan: FAILED: 1/3 flagged"])

if __name__ == "__main__":
    unittest.main()
