"""Tests for history_rates and history_rates_doc: the stored runs of the
history check read into tables, columns in a fixed order."""

import unittest

from . import history_rates, history_rates_doc


def run(build, load, results, jobs=1):
    return {"setting": {"suite": "history", "build": build, "jobs": jobs,
                        "load": load, "date": "2026-12-06"},
            "command": "scripts/share-rate --suite history",
            "machine": "2 CPUs (x)", "minutes": 2.0, "results": results}


def result(expected, passed, runs, median):
    return {"expected": expected, "racelab": {
        "runs": runs, "passed": passed, "median_s": median, "p99_s": median,
        "misses": []}}


RUNS = {
    "tsan-j1-loaded": run("tsan", "loaded", {
        "S.RacyIsNotLinearizable": result("reported", 1000, 1000, 2.5)}),
    "tsan-j1": run("tsan", "idle", {
        "S.RacyIsNotLinearizable": result("reported", 999, 1000, 0.7),
        "S.SafeMayBeShared": result("clean", 200, 200, 0.9)}),
    "default-j1": run("default", "idle", {
        "S.RacyIsNotLinearizable": result("reported", 1000, 1000, 0.2),
        "S.SafeMayBeShared": result("clean", 199, 200, 0.3)}),
}


class HistoryRatesTest(unittest.TestCase):
    def test_normal_before_tsan_idle_before_loaded(self):
        self.assertEqual(history_rates.column_order(RUNS),
                         ["default-j1", "tsan-j1", "tsan-j1-loaded"])

    def test_a_cell_per_exhibit_and_run_a_dash_where_not_measured(self):
        header, rows = history_rates.table(RUNS)
        self.assertEqual(header, ["exhibit", "default-j1", "tsan-j1",
                                  "tsan-j1-loaded"])
        self.assertEqual(rows, [
            ["RacyIsNotLinearizable", "1000/1000 (0.2 s)",
             "999/1000 (0.7 s)", "1000/1000 (2.5 s)"],
            ["SafeMayBeShared", "199/200 (0.3 s)", "200/200 (0.9 s)", "-"]])

    def test_totals_count_racy_and_safe_apart(self):
        self.assertEqual(history_rates.totals(RUNS["tsan-j1"]),
                         (999, 1000, 200, 200))

    def test_slow_idle_medians_slowest_first(self):
        self.assertEqual(history_rates.over(RUNS, 0.25), [
            "SafeMayBeShared 0.9 s (tsan-j1)",
            "RacyIsNotLinearizable 0.7 s (tsan-j1)",
            "SafeMayBeShared 0.3 s (default-j1)"])

    def test_a_remeasured_cell_and_run_line_name_its_commit(self):
        runs = {"tsan-j1": run("tsan", "idle", {
            "S.RacyIsNotLinearizable": dict(
                result("reported", 1000, 1000, 0.7), commit="def",
                date="2026-12-08"),
            "S.SafeMayBeShared": result("clean", 200, 200, 0.9)})}
        runs["tsan-j1"]["commit"] = "abc"
        _, rows = history_rates.table(runs)
        self.assertEqual(rows, [
            ["RacyIsNotLinearizable", "1000/1000 (0.7 s, at def)"],
            ["SafeMayBeShared", "200/200 (0.9 s)"]])
        self.assertTrue(history_rates.run_line("tsan-j1", runs["tsan-j1"])
                        .endswith("; re-measured at commit def (2026-12-08, "
                                  "`--exhibit`): RacyIsNotLinearizable"))

    def test_a_run_line_says_the_load(self):
        line = history_rates.run_line("tsan-j1-loaded", RUNS["tsan-j1-loaded"])
        self.assertIn("beside four busy processes", line)
        self.assertIn("racy 1,000/1,000 caught, safe 0/0 clean", line)
        self.assertIn("idle", history_rates.run_line("tsan-j1",
                                                     RUNS["tsan-j1"]))

    def test_an_incomplete_run_says_so_and_how_far_it_got(self):
        part = dict(RUNS["tsan-j1"], complete=False)
        line = history_rates.run_line("tsan-j1", part)
        self.assertIn("INCOMPLETE, 2 exhibit(s) so far in 2.0 min", line)
        self.assertNotIn("INCOMPLETE",
                         history_rates.run_line("tsan-j1", RUNS["tsan-j1"]))


class SameVerdictsTest(unittest.TestCase):
    @staticmethod
    def seeded(build, load, digests, runs=1000):
        stored = run(build, load, {
            f"S.{name}IsNotLinearizable": result("reported", runs, runs, 1.0)
            for name in digests})
        stored["setting"]["first_seed"] = 1
        for name, digest in digests.items():
            racelab = stored["results"][f"S.{name}IsNotLinearizable"][
                "racelab"]
            if digest is not None:
                racelab["history_sha256"] = digest
        return stored

    def test_loaded_against_idle_of_the_same_build_and_seeds(self):
        runs = {"tsan-j2": self.seeded("tsan", "idle",
                                       {"A": "a", "B": "b", "C": "c"}),
                "default-j1": self.seeded("default", "idle",
                                          {"A": "x", "B": "x", "C": "x"}),
                "tsan-j2-loaded": self.seeded("tsan", "loaded",
                                              {"A": "a", "B": "changed",
                                               "C": None})}
        self.assertEqual(history_rates.same_verdicts(runs), [
            "tsan-j2-loaded against tsan-j2 (the same seeds): the same "
            "verdicts in 1 of 2 exhibit(s); DIFFERENT in BIsNotLinearizable;"
            " not comparable: 1 stored before share-rate kept "
            "history_sha256"])

    def test_a_difference_between_runs_of_other_commits_names_them(self):
        idle = self.seeded("tsan", "idle", {"A": "a", "B": "b"})
        idle["commit"] = "e4841a8"
        loaded = self.seeded("tsan", "loaded", {"A": "a", "B": "old"})
        loaded["commit"] = "9a16b27"
        self.assertEqual(history_rates.same_verdicts(
            {"tsan-j2": idle, "tsan-j2-loaded": loaded}),
            ["tsan-j2-loaded against tsan-j2 (the same seeds): the same "
             "verdicts in 1 of 2 exhibit(s); DIFFERENT in BIsNotLinearizable "
             "(measured at other commits: idle e4841a8, loaded 9a16b27)"])
        loaded["commit"] = "e4841a8"
        self.assertEqual(history_rates.same_verdicts(
            {"tsan-j2": idle, "tsan-j2-loaded": loaded}),
            ["tsan-j2-loaded against tsan-j2 (the same seeds): the same "
             "verdicts in 1 of 2 exhibit(s); DIFFERENT in BIsNotLinearizable"])

    def test_a_remeasured_exhibit_is_compared_at_its_own_commit(self):
        idle = self.seeded("tsan", "idle", {"A": "a", "B": "b"})
        idle["commit"] = "e4841a8"
        loaded = self.seeded("tsan", "loaded", {"A": "a", "B": "b2"})
        loaded["commit"] = "e4841a8"
        loaded["results"]["S.BIsNotLinearizable"]["commit"] = "9a16b27"
        self.assertEqual(history_rates.same_verdicts(
            {"tsan-j2": idle, "tsan-j2-loaded": loaded}),
            ["tsan-j2-loaded against tsan-j2 (the same seeds): the same "
             "verdicts in 1 of 2 exhibit(s); DIFFERENT in BIsNotLinearizable "
             "(measured at other commits: idle e4841a8, loaded 9a16b27)"])

    def test_an_idle_run_with_digests_is_preferred_to_an_older_one(self):
        older = self.seeded("default", "idle", {"A": None})
        newer = self.seeded("default", "idle", {"A": "a"})
        newer["setting"]["jobs"] = 2
        loaded = self.seeded("default", "loaded", {"A": "a"})
        loaded["setting"]["jobs"] = 2
        self.assertEqual(history_rates.same_verdicts(
            {"default-j1": older, "default-j2": newer,
             "default-j2-loaded": loaded}),
            ["default-j2-loaded against default-j2 (the same seeds): the "
             "same verdicts in 1 of 1 exhibit(s)"])

    def test_exhibits_the_idle_run_has_not_reached_are_named_so(self):
        idle = self.seeded("default", "idle", {"A": "a"})
        loaded = self.seeded("default", "loaded", {"A": "a", "B": "b",
                                                   "C": "c"})
        self.assertEqual(history_rates.same_verdicts(
            {"default-j2": idle, "default-j2-loaded": loaded}),
            ["default-j2-loaded against default-j2 (the same seeds): the "
             "same verdicts in 1 of 1 exhibit(s); not comparable: 2 not "
             "measured in the idle run yet"])

    def test_other_counts_or_seeds_are_not_compared(self):
        idle = self.seeded("tsan", "idle", {"A": "a"})
        fewer = self.seeded("tsan", "loaded", {"A": "a"}, runs=100)
        self.assertEqual(history_rates.same_verdicts(
            {"tsan-j2": idle, "tsan-j2-loaded": fewer}),
            ["tsan-j2-loaded against tsan-j2: not comparable (1 with "
             "other invocation counts)"])
        other_seeds = self.seeded("tsan", "loaded", {"A": "a"})
        other_seeds["setting"]["first_seed"] = 1001
        self.assertEqual(history_rates.same_verdicts(
            {"tsan-j2": idle, "tsan-j2-loaded": other_seeds}), [])
        self.assertEqual(history_rates.same_verdicts(RUNS), [])


class HistoryRatesDocTest(unittest.TestCase):
    def test_a_table_per_stored_suite_none_for_an_empty_one(self):
        text = history_rates_doc.block([("split at A", RUNS),
                                        ("split at B", {})])
        self.assertIn("**Exhibits split at A.**", text)
        self.assertNotIn("split at B", text)
        self.assertIn("| exhibit | default-j1 | tsan-j1 | tsan-j1-loaded |",
                      text)
        # The loaded run's 2.5 s is in the table, not among the idle ones.
        self.assertIn("Medians over 1 s on an idle machine (the loaded "
                      "runs' are in the table): none.", text)


if __name__ == "__main__":
    unittest.main()
