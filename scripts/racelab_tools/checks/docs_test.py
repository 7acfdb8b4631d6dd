"""Tests of racelab_tools.checks.docs: which words of a line are taken for
repository paths, and that the repository's own docs and comments name
only paths that exist."""

import unittest

from racelab_tools.checks import docs

ROOTS = {"scripts", "share", "docs", "repro", "fixed"}


def named(line):
    return list(docs.named_paths(line, ROOTS))


class NamedPathsTest(unittest.TestCase):
    def test_a_file_or_a_folder_with_its_slash_is_a_path(self):
        self.assertEqual(named("see share/scenario_steps.h: drop a call"),
                         ["share/scenario_steps.h"])
        self.assertEqual(named("in `fixed/pool/`, then"), ["fixed/pool/"])
        self.assertEqual(named("(scripts/lab_check.py)."),
                         ["scripts/lab_check.py"])

    def test_prose_patterns_and_other_roots_are_not(self):
        self.assertEqual(named("every load/store and read/write"), [])
        self.assertEqual(named("repro/*.h and exercises/student/*_test.cc"),
                         [])
        self.assertEqual(named('#include "racelab/share.h"'), [])
        self.assertEqual(named("racelab_tools/bench/report.py"), [])
        self.assertEqual(named("https://example.com/scripts/x.py"), [])

    def test_an_output_folder_is_checked_for_source_names_only(self):
        self.assertEqual(named("out/logs/run/matrix-forced.log"), [])
        self.assertEqual(named("the matrix (report/matrix.h)"),
                         ["report/matrix.h"])


class RepositoryTest(unittest.TestCase):
    def test_every_named_path_exists(self):
        self.assertEqual(docs.check_paths(), [])


if __name__ == "__main__":
    unittest.main()
