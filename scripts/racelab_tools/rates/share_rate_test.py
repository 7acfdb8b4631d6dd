"""Tests for share_rate: the suites and what the page says of them."""

import unittest

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


if __name__ == "__main__":
    unittest.main()
