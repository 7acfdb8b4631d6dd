"""Tests for share_rate: the suites and what the page says of them."""

import hashlib
import json
import os
import signal
import tempfile
import unittest
from unittest import mock

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


class InterruptTest(unittest.TestCase):
    """SIGTERM (how a background run is stopped: it ignores Ctrl-C) keeps
    what finished, as Ctrl-C does, in the out dir and in --store."""

    @staticmethod
    def fake_tests(prefix, suffix=""):
        return [f"HistoryCheckTest.A{suffix}"]

    @staticmethod
    def fake_invoke(test, plain, seed=None):
        if "MayBeShared" in test and seed == 2:
            os.kill(os.getpid(), signal.SIGTERM)
        return True, 0.1, f"racelab: verdict of seed {seed}"

    def test_sigterm_keeps_the_exhibits_that_finished(self):
        self.addCleanup(signal.signal, signal.SIGTERM,
                        signal.getsignal(signal.SIGTERM))
        with tempfile.TemporaryDirectory() as out, \
                mock.patch.object(share_rate, "invoke", self.fake_invoke), \
                mock.patch.object(share_rate, "tests", self.fake_tests), \
                mock.patch.object(share_rate.os, "access", return_value=True):
            store = os.path.join(out, "stored.json")
            code = share_rate.main([
                "--suite", "history", "--racy", "3", "--safe", "3",
                "--seeds", "1", "--out", out, "--store", store])
            with open(os.path.join(out, "share-rate.json")) as f:
                kept = json.load(f)
            with open(store) as f:
                stored = json.load(f)["runs"]["tsan-j1"]
        self.assertEqual(code, 130)
        self.assertFalse(kept["complete"])
        self.assertEqual(list(kept["results"]),
                         ["HistoryCheckTest.AIsNotLinearizable"])
        self.assertFalse(stored["complete"])
        self.assertEqual(stored["results"], kept["results"])


if __name__ == "__main__":
    unittest.main()
