"""Tests of racelab_tools.lab.steps: the lab's steps are read as written, an
excerpt matches only in order and only literally outside "…", and the
builds are pointed where ctest says. Then the real docs/lab.md parses."""

import unittest

from racelab_tools import generated_block
from racelab_tools.lab import steps as lab_check

LAB = """
Text.

<!-- lab-check: first build=default exit=0 -->
```sh
build/default/cli/racelab audit \\
    --runs=5
```

Expect:

```text
audit: …
0 clean run(s), 5 showing damage

```

<!-- lab-check: second build=tsan exit=66 -->
```sh
RACELAB_X=1 build/tsan/share/tool
```
```text
WARNING: ThreadSanitizer: data race (pid=…)
```
"""


class ParseTest(unittest.TestCase):
    def test_reads_every_step_with_its_build_exit_command_and_excerpt(self):
        first, second = lab_check.parse(LAB)
        self.assertEqual(("first", "default", 0), (first.name, first.build,
                                                   first.exit_code))
        self.assertEqual("build/default/cli/racelab audit \\\n--runs=5",
                         first.command)
        self.assertEqual(["audit: …", "0 clean run(s), 5 showing damage"],
                         first.expected)
        self.assertEqual(("second", "tsan", 66), (second.name, second.build,
                                                  second.exit_code))

    def test_a_marker_without_its_blocks_is_refused(self):
        with self.assertRaisesRegex(ValueError, "no ```sh block"):
            lab_check.parse("<!-- lab-check: a build=default exit=0 -->\n")
        with self.assertRaisesRegex(ValueError, "expected a ```text block"):
            lab_check.parse("<!-- lab-check: a build=default exit=0 -->\n"
                            "```sh\nx\n```\n```sh\ny\n```\n")

    def test_a_malformed_or_repeated_marker_is_refused(self):
        with self.assertRaisesRegex(ValueError, "malformed marker"):
            lab_check.parse("<!-- lab-check: a build=release exit=0 -->\n")
        step = "<!-- lab-check: a build=default exit=0 -->\n```sh\nx\n```\n" \
               "```text\ny\n```\n"
        with self.assertRaisesRegex(ValueError, "marked twice"):
            lab_check.parse(step + step)


class MatchTest(unittest.TestCase):
    def test_lines_in_order_with_ellipsis_as_any_text(self):
        output = "a\naudit: shared_unsafe, 8 threads\nb\n" \
                 "0 clean run(s), 5 showing damage\n"
        self.assertIsNone(lab_check.match(
            ["audit: …", "0 clean run(s), 5 showing damage"], output))

    def test_out_of_order_or_different_numbers_do_not_match(self):
        output = "0 clean run(s), 5 showing damage\naudit: x\n"
        self.assertEqual("0 clean run(s), 5 showing damage", lab_check.match(
            ["audit: …", "0 clean run(s), 5 showing damage"], output))
        self.assertEqual("0 clean run(s), 5 showing damage", lab_check.match(
            ["0 clean run(s), 5 showing damage"],
            "5 clean run(s), 0 showing damage\n"))

    def test_the_rest_of_a_line_is_literal(self):
        self.assertIsNotNone(lab_check.match(["a.c"], "abc\n"))
        self.assertIsNotNone(lab_check.match(["ok 0"], "ok 0 extra\n"))
        self.assertIsNone(lab_check.match(["ok 0…"], "ok 0 extra\n"))


class LocalizeTest(unittest.TestCase):
    def test_points_each_build_where_ctest_says(self):
        command = "X=1 build/tsan/cli/racelab && build/default/cli/racelab"
        self.assertEqual("X=1 /t/cli/racelab && /d/cli/racelab",
                         lab_check.localize(command, "/d/", "/t"))
        self.assertEqual(command, lab_check.localize(command, None, None))

    def test_leaves_other_paths_alone(self):
        self.assertEqual("out/build/tsan/x",
                         lab_check.localize("out/build/tsan/x", "/d", "/t"))


class BuildTimesTest(unittest.TestCase):
    LOG = ("=== default: configure, build, test (log: x)\n"
           "    built in 245 s; running ctest\n"
           "100% tests passed\n"
           "=== tsan: configure, build, test (log: y)\n"
           "    built in 612 s; running ctest\n")

    def test_each_preset_s_build_time_from_scripts_test_output(self):
        self.assertEqual({"default": 245, "tsan": 612},
                         lab_check.build_times(self.LOG))

    def test_the_block_quotes_minutes_with_date_and_machine(self):
        block = lab_check.times_block({
            "measured_on": "2026-12-01", "machine": "2 CPUs",
            "command": "scripts/test", "seconds": {"default": 245,
                                                   "tsan": 612}})
        self.assertIn("Measured 2026-12-01 on 2 CPUs", block)
        self.assertIn("the default build took 4 min, the TSan build 10 min",
                      block)
        text = f"a\n  {lab_check.TIMES_BEGIN}\n  old\n  {lab_check.TIMES_END}\nb"
        self.assertEqual(
            f"a\n  {lab_check.TIMES_BEGIN}\nnew\n  {lab_check.TIMES_END}\nb",
            generated_block.replace(text, lab_check.TIMES_BEGIN,
                                    lab_check.TIMES_END, "new", "  "))


class TheLabTest(unittest.TestCase):
    def test_docs_lab_parses_and_covers_both_builds(self):
        with open(lab_check.LAB, encoding="utf-8") as f:
            steps = lab_check.parse(f.read())
        self.assertEqual({"default", "tsan"}, {s.build for s in steps})


if __name__ == "__main__":
    unittest.main()
