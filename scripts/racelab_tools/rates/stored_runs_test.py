"""Tests of stored_runs: a share-rate run stored part-way and continued."""

import json
import os
import tempfile
import unittest
from unittest import mock

from .. import common
from . import share_rate, stored_runs


class StorePartWayTest(unittest.TestCase):
    """--store keeps the run after every exhibit, marked incomplete, and a
    later invocation with the same setting and code goes on from it."""

    SETTING = {"suite": "history", "build": "tsan", "jobs": 2,
               "load": "loaded", "date": "2026-12-07", "first_seed": 1}

    @staticmethod
    def fake_invoke(test, plain, seed=None):
        return True, 0.1, f"racelab: {test} seed {seed}"

    def run_share_rate(self, out, path, tests, commit="abc", same=True):
        argv = ["--suite", "history", "--jobs", "2", "--load", "loaded",
                "--seeds", "1", "--racy", "3", "--safe", "2", "--out", out,
                "--store", path]
        with mock.patch.object(share_rate, "invoke", self.fake_invoke), \
                mock.patch.object(share_rate, "tests",
                                  lambda prefix, suffix="": [
                                      t for t in tests if t.endswith(suffix)]), \
                mock.patch.object(share_rate.os, "access", lambda *a: True), \
                mock.patch.object(common, "git_commit", lambda: commit), \
                mock.patch.object(common, "same_code_as",
                                  lambda c, tools: same and c == "abc"):
            return share_rate.main(argv)

    def test_a_run_is_stored_part_way_and_continued_elsewhere(self):
        racy = ["H.AIsNotLinearizable", "H.BIsNotLinearizable"]
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "rate.json")
            # The first sitting finishes exhibit A, then is stopped.
            calls = []

            def stopped_after_a(test, *args, **kwargs):
                calls.append(test)
                if test.startswith("H.B"):
                    raise KeyboardInterrupt
                return {"runs": 3, "passed": 3, "median_s": 0.1,
                        "p99_s": 0.1, "misses": [], "seeds": [1, 3]}

            with mock.patch.object(share_rate, "measure", stopped_after_a):
                code = self.run_share_rate(os.path.join(tmp, "a"), path,
                                           racy)
            self.assertEqual(code, 130)
            with open(path) as f:
                run = json.load(f)["runs"]["tsan-j2-loaded"]
            self.assertFalse(run["complete"])
            self.assertEqual(list(run["results"]), ["H.AIsNotLinearizable"])
            self.assertEqual(run["commit"], "abc")
            # Another checkout (a new out dir), same code at a later commit
            # of docs only: A is kept, only B runs, the run is complete
            # and keeps the commit it was measured at.
            calls.clear()
            with mock.patch.object(share_rate, "measure",
                                   lambda test, *a, **k: calls.append(test)
                                   or {"runs": 3, "passed": 3,
                                       "median_s": 0.1, "p99_s": 0.1,
                                       "misses": [], "seeds": [1, 3]}):
                code = self.run_share_rate(os.path.join(tmp, "b"), path,
                                           racy, commit="def")
            self.assertEqual(code, 0)
            self.assertEqual(calls, ["H.BIsNotLinearizable"])
            with open(path) as f:
                run = json.load(f)["runs"]["tsan-j2-loaded"]
            self.assertTrue(run["complete"])
            self.assertEqual(run["commit"], "abc")
            self.assertEqual(sorted(run["results"]), racy)

    def test_other_code_starts_over(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "rate.json")
            part = {"setting": self.SETTING, "commit": "abc",
                    "complete": False, "minutes": 1.0, "results": {
                        "H.AIsNotLinearizable": {"done": True}}}
            with open(path, "w") as f:
                json.dump({"runs": {"tsan-j2-loaded": part}}, f)
            with mock.patch.object(common, "same_code_as", lambda c, tools: False):
                self.assertIsNone(stored_runs.stored_part(path, self.SETTING))
            with mock.patch.object(common, "same_code_as", lambda c, tools: True):
                self.assertEqual(stored_runs.stored_part(path, self.SETTING),
                                 part)
                other_seeds = dict(self.SETTING, first_seed=1001)
                self.assertIsNone(stored_runs.stored_part(path, other_seeds))
                finished = dict(part, complete=True)
                with open(path, "w") as f:
                    json.dump({"runs": {"tsan-j2-loaded": finished}}, f)
                self.assertIsNone(stored_runs.stored_part(path, self.SETTING))


if __name__ == "__main__":
    unittest.main()
