"""Unit tests of stats.py: Wilson intervals, runs for 99%, and the
interval of a ratio of medians with the goal status drawn from it."""

import unittest

from racelab_tools import stats


class WilsonTest(unittest.TestCase):
    def test_all_and_none(self):
        low, high = stats.wilson(20, 20)
        self.assertEqual(high, 1.0)
        self.assertAlmostEqual(low, 0.839, places=3)
        self.assertEqual(stats.runs_for_confidence(0.0), None)
        self.assertEqual(stats.runs_for_confidence(1.0), 1)
        # 1 - 0.5^7 = 0.992 >= 0.99, 1 - 0.5^6 = 0.984 < 0.99
        self.assertEqual(stats.runs_for_confidence(0.5), 7)


class MedianRatioIntervalTest(unittest.TestCase):
    def test_tight_samples_give_a_tight_interval_around_the_ratio(self):
        low, high = stats.median_ratio_interval(
            [200, 201, 199, 200, 202], [100, 101, 99, 100, 100])
        self.assertLessEqual(low, 2.0)
        self.assertGreaterEqual(high, 2.0)
        self.assertGreater(low, 1.9)
        self.assertLess(high, 2.1)

    def test_the_same_input_gives_the_same_interval(self):
        a, b = [120, 160, 110, 150, 115], [100, 130, 95, 140, 90]
        self.assertEqual(stats.median_ratio_interval(a, b),
                         stats.median_ratio_interval(a, b))

    def test_too_few_repetitions_give_no_interval(self):
        self.assertIsNone(stats.median_ratio_interval([1, 2], [1, 2, 3]))


class GoalStatusTest(unittest.TestCase):
    def test_without_an_interval_the_medians_decide(self):
        self.assertEqual(stats.goal_status(1.9, 1.8, None), "met")
        self.assertEqual(stats.goal_status(1.7, 1.8, None), "NOT met")

    def test_an_interval_on_one_side_decides(self):
        self.assertEqual(stats.goal_status(1.9, 1.8, (1.85, 1.95)), "met")
        self.assertEqual(stats.goal_status(1.7, 1.8, (1.6, 1.75)), "NOT met")

    def test_an_interval_that_spans_the_goal_is_not_resolved(self):
        status = stats.goal_status(1.7, 1.8, (1.5, 2.1))
        self.assertTrue(status.startswith("not resolved"), status)
        self.assertIn("NOT met by the medians", status)
        self.assertIn("(met by the medians)",
                      stats.goal_status(1.9, 1.8, (1.5, 2.1)))


if __name__ == "__main__":
    unittest.main()
