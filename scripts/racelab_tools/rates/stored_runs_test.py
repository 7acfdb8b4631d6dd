"""Tests of stored_runs: a share-rate run stored part-way and continued,
and exhibits of a stored run re-measured."""

import json
import os
import tempfile
import unittest
from unittest import mock

from .. import common
from . import share_rate, stored_runs


SETTING = {"suite": "history", "build": "tsan", "jobs": 2, "load": "loaded",
           "date": "2026-12-07", "first_seed": 1}


def fake_invoke(test, plain, seed=None):
    return True, 0.1, f"racelab: {test} seed {seed}"


def run_share_rate(out, path, tests, commit="abc", same=True, exhibit=None):
    """share-rate --store `path` on `tests` at `commit` (`same`: the code
    is as at commit abc), nothing really run."""
    argv = ["--suite", "history", "--jobs", "2", "--load", "loaded",
            "--seeds", "1", "--racy", "3", "--safe", "2", "--out", out,
            "--store", path] + (["--exhibit", exhibit] if exhibit else [])
    with mock.patch.object(share_rate, "invoke", fake_invoke), \
            mock.patch.object(share_rate, "tests",
                              lambda prefix, suffix="": [
                                  t for t in tests if t.endswith(suffix)]), \
            mock.patch.object(share_rate.os, "access", lambda *a: True), \
            mock.patch.object(common, "git_commit", lambda: commit), \
            mock.patch.object(common, "same_code_as",
                              lambda c, tools: same and c == "abc"):
        return share_rate.main(argv)


class StorePartWayTest(unittest.TestCase):
    """--store keeps the run after every exhibit, marked incomplete, and a
    later invocation with the same setting and code goes on from it."""

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
                code = run_share_rate(os.path.join(tmp, "a"), path,
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
                code = run_share_rate(os.path.join(tmp, "b"), path,
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
            part = {"setting": SETTING, "commit": "abc",
                    "complete": False, "minutes": 1.0, "results": {
                        "H.AIsNotLinearizable": {"done": True}}}
            with open(path, "w") as f:
                json.dump({"runs": {"tsan-j2-loaded": part}}, f)
            with mock.patch.object(common, "same_code_as", lambda c, tools: False):
                self.assertIsNone(stored_runs.stored_part(path, SETTING))
            with mock.patch.object(common, "same_code_as", lambda c, tools: True):
                self.assertEqual(stored_runs.stored_part(path, SETTING),
                                 part)
                other_seeds = dict(SETTING, first_seed=1001)
                self.assertIsNone(stored_runs.stored_part(path, other_seeds))
                finished = dict(part, complete=True)
                with open(path, "w") as f:
                    json.dump({"runs": {"tsan-j2-loaded": finished}}, f)
                self.assertIsNone(stored_runs.stored_part(path, SETTING))



class RemeasureTest(unittest.TestCase):
    """--store FILE --exhibit NAME: exhibits of a complete stored run
    measured again at another commit, the rest of the run kept."""

    RACY = ["H.AIsNotLinearizable", "H.BIsNotLinearizable"]

    @staticmethod
    def measured(median):
        return lambda test, *a, **k: {"runs": 3, "passed": 3,
                                      "median_s": median, "p99_s": median,
                                      "misses": [], "seeds": [1, 3]}

    def share_rate(self, tmp, path, median, **kwargs):
        with mock.patch.object(share_rate, "measure", self.measured(median)):
            return run_share_rate(os.path.join(tmp, f"out{median}"), path,
                                  self.RACY, **kwargs)

    def test_one_exhibit_is_replaced_and_keeps_its_commit(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "rate.json")
            self.assertEqual(self.share_rate(tmp, path, 0.1), 0)
            self.assertEqual(self.share_rate(tmp, path, 0.2, commit="def",
                                             exhibit="BIsNot"), 0)
            with open(path) as f:
                run = json.load(f)["runs"]["tsan-j2-loaded"]
            self.assertTrue(run["complete"])
            self.assertEqual(run["commit"], "abc")
            a, b = (run["results"][t] for t in self.RACY)
            self.assertEqual(a["racelab"]["median_s"], 0.1)
            self.assertNotIn("commit", a)
            self.assertEqual(b["racelab"]["median_s"], 0.2)
            self.assertEqual(b["commit"], "def")
            self.assertIn("--exhibit BIsNot", b["command"])

    def test_results_left_in_the_out_dir_are_measured_again(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "rate.json")
            out = os.path.join(tmp, "same-out")
            with mock.patch.object(share_rate, "measure", self.measured(0.1)):
                run_share_rate(out, path, self.RACY)
            with mock.patch.object(share_rate, "measure", self.measured(0.2)):
                run_share_rate(out, path, self.RACY, commit="def",
                               exhibit="BIsNot")
            with open(path) as f:
                run = json.load(f)["runs"]["tsan-j2-loaded"]
            b = run["results"][self.RACY[1]]
            self.assertEqual(b["racelab"]["median_s"], 0.2)
            self.assertEqual(b["commit"], "def")

    def test_at_the_runs_own_commit_nothing_is_marked(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "rate.json")
            self.share_rate(tmp, path, 0.1)
            self.share_rate(tmp, path, 0.2, exhibit="BIsNot")
            with open(path) as f:
                run = json.load(f)["runs"]["tsan-j2-loaded"]
            self.assertNotIn("commit", run["results"][self.RACY[1]])

    def test_without_a_complete_run_nothing_is_measured(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "rate.json")
            with mock.patch.object(share_rate, "measure",
                                   lambda *a, **k: self.fail("measured")):
                with self.assertRaises(SystemExit) as exit_:
                    run_share_rate(os.path.join(tmp, "o"), path, self.RACY,
                                   exhibit="BIsNot")
            self.assertEqual(exit_.exception.code, 2)
            part = {"setting": SETTING, "commit": "abc",
                    "complete": False, "minutes": 1.0, "results": {}}
            with open(path, "w") as f:
                json.dump({"runs": {"tsan-j2-loaded": part}}, f)
            with self.assertRaises(SystemExit):
                stored_runs.amendable(path, SETTING, "abc")
            with open(path, "w") as f:
                json.dump({"runs": {"tsan-j2-loaded": dict(
                    part, complete=True)}}, f)
            self.assertEqual(stored_runs.amendable(
                path, SETTING, "def")["commit"], "abc")
            with self.assertRaises(SystemExit):
                stored_runs.amendable(path, dict(SETTING,
                                                 first_seed=1001), "def")
            with self.assertRaises(SystemExit):
                stored_runs.amendable(path, SETTING, "def+dirty")


if __name__ == "__main__":
    unittest.main()
