"""Tests for share_rate: the suites and what the page says of them."""

import hashlib
import json
import os
import tempfile
import unittest
from unittest import mock

from .. import common
from . import share_rate


class SuitesTest(unittest.TestCase):
    def test_lock_types_is_a_history_suite_of_its_own_tests(self):
        binary, racy, safe = share_rate.SUITES["lock-types"]
        self.assertEqual(binary, "history_phase_test")
        self.assertEqual(racy, ("LockTypesTest.", "IsNotLinearizable"))
        self.assertEqual(safe, ("LockTypesTest.", "MayBeShared"))
        self.assertIn("lock-types", share_rate.HISTORY_SUITES)
        self.assertNotIn("share", share_rate.HISTORY_SUITES)

    def test_a_history_page_names_the_controlled_scheduler(self):
        setting = {"suite": "lock-types", "build": "default", "jobs": 1,
                   "date": "2026-12-06"}
        page = str(share_rate.render({}, True, setting))
        self.assertIn("controlled scheduler", page)
        self.assertNotIn("forced switch points", page)

    def test_a_share_page_has_no_history_setting(self):
        page = str(share_rate.render({}, True, None))
        self.assertIn("Baseline", page)
        self.assertNotIn("controlled scheduler", page)


class SeedsTest(unittest.TestCase):
    """--seeds: invocation i gets seed FIRST + i; the verdict lines are kept
    and hashed, so two runs of the same seeds compare line for line."""

    @staticmethod
    def fake_invoke(test, plain, seed=None):
        # Seed 6 "misses" and is the slowest; every verdict names its seed.
        return seed != 6, 0.5 if seed == 6 else 0.1, \
            f"racelab: verdict of seed {seed}"

    def test_each_invocation_gets_its_own_seed_and_its_line_is_kept(self):
        with tempfile.TemporaryDirectory() as out, \
                mock.patch.object(share_rate, "invoke", self.fake_invoke):
            result = share_rate.measure("S.T", 3, False, "racelab",
                                        first_seed=5, out=out)
            with open(os.path.join(out, "verdicts", "S.T.tsv")) as f:
                kept = f.read()
            with open(os.path.join(out, "times", "S.T.tsv")) as f:
                times = f.read()
        self.assertEqual(result["seeds"], [5, 7])
        self.assertEqual(result["passed"], 2)
        self.assertEqual(kept, "5\t1\tracelab: verdict of seed 5\n"
                               "6\t0\tracelab: verdict of seed 6\n"
                               "7\t1\tracelab: verdict of seed 7\n")
        self.assertEqual(result["verdicts_sha256"],
                         hashlib.sha256(kept.encode()).hexdigest())
        self.assertEqual(result["history_sha256"],
                         hashlib.sha256(kept.encode()).hexdigest())
        self.assertEqual(times, "5\t0.100\n6\t0.500\n7\t0.100\n")
        self.assertEqual(result["slowest"], {"seed": 6, "s": 0.5})

    def test_other_verdicts_give_another_digest(self):
        with mock.patch.object(share_rate, "invoke", self.fake_invoke):
            first = share_rate.measure("S.T", 3, False, "racelab",
                                       first_seed=5)
            again = share_rate.measure("S.T", 3, False, "racelab",
                                       first_seed=5)
            shifted = share_rate.measure("S.T", 3, False, "racelab",
                                         first_seed=6)
        self.assertEqual(first["verdicts_sha256"], again["verdicts_sha256"])
        self.assertNotEqual(first["verdicts_sha256"],
                            shifted["verdicts_sha256"])

    def test_the_history_digest_leaves_out_the_hammers_count(self):
        line = ("1\t1\tracelab: may be shared: {} calls in {} rounds of 4 "
                "threads on {} instances; 3000 histories of 30 scenarios\n")
        idle = share_rate.history_sha256([line.format(32000, 1000, 523)])
        loaded = share_rate.history_sha256([line.format(30656, 958, 504)])
        self.assertEqual(idle, loaded)
        other = share_rate.history_sha256(
            [line.format(32000, 1000, 523).replace("3000", "2999")])
        self.assertNotEqual(idle, other)

    def test_without_seeds_nothing_is_hashed(self):
        with mock.patch.object(share_rate, "invoke", self.fake_invoke):
            result = share_rate.measure("S.T", 2, False, "racelab")
        self.assertNotIn("seeds", result)
        self.assertNotIn("verdicts_sha256", result)
        self.assertNotIn("slowest", result)



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
                self.assertIsNone(share_rate.stored_part(path, self.SETTING))
            with mock.patch.object(common, "same_code_as", lambda c, tools: True):
                self.assertEqual(share_rate.stored_part(path, self.SETTING),
                                 part)
                other_seeds = dict(self.SETTING, first_seed=1001)
                self.assertIsNone(share_rate.stored_part(path, other_seeds))
                finished = dict(part, complete=True)
                with open(path, "w") as f:
                    json.dump({"runs": {"tsan-j2-loaded": finished}}, f)
                self.assertIsNone(share_rate.stored_part(path, self.SETTING))


if __name__ == "__main__":
    unittest.main()
