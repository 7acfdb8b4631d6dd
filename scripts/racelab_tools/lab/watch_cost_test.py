"""Tests of lab/watch_cost.py: the per-request figure is the slope
between two sizes (start-up cancels out), a run that is not clean is
refused, and the docs' block is replaced whole."""

import os
import stat
import tempfile
import unittest

from racelab_tools import generated_block
from racelab_tools.lab import watch_cost

STORED = {
    "measured_on": "2026-12-01", "machine": "2 CPUs (x)",
    "command": "python3 -m racelab_tools.lab.watch_cost --measure --runs 3",
    "variant": "locked", "threads": 4, "sizes": [100, 1000], "runs": 3,
    "watchers": {
        "none": {"label": "nothing watching", "per_request_us": 2.0},
        "helgrind": {"label": "Helgrind", "per_request_us": 300.0},
    },
}


def fake_tool(directory, wall_of):
    """A stand-in racelab: prints a result line whose wall_us is
    wall_of(iterations) (a shell arithmetic expression of $n)."""
    path = os.path.join(directory, "racelab")
    with open(path, "w") as f:
        f.write("#!/bin/bash\n"
                'n=${4#--iterations=}\n'
                f'echo "racelab-result variant=locked requests=$((4*n)) '
                f'ok=$((4*n)) wrong_item=0 wall_us=$(({wall_of}))"\n')
    os.chmod(path, os.stat(path).st_mode | stat.S_IEXEC)
    return path


class MeasureTest(unittest.TestCase):
    def test_start_up_cancels_out(self):
        with tempfile.TemporaryDirectory() as d:
            tool = fake_tool(d, "50000 + 3*4*n")  # 50 ms start-up, 3 µs/req
            small = watch_cost.hammer_us([tool], 100)
            large = watch_cost.hammer_us([tool], 1000)
        self.assertEqual(3.0, (large - small) / (900 * 4))

    def test_a_run_that_is_not_clean_is_refused(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "racelab")
            with open(path, "w") as f:
                f.write("#!/bin/bash\necho 'racelab-result variant=locked "
                        "requests=400 ok=399 wall_us=5'\n")
            os.chmod(path, 0o755)
            with self.assertRaisesRegex(RuntimeError, "not a clean run"):
                watch_cost.hammer_us([path], 100)


class TableTest(unittest.TestCase):
    def test_each_watcher_against_nothing_watching(self):
        text = watch_cost.table(STORED)
        self.assertIn("| nothing watching | 2.0 µs | 1.0x |", text)
        self.assertIn("| Helgrind | 300.0 µs | 150.0x |", text)
        self.assertIn("Measured 2026-12-01 on 2 CPUs (x): "
                      "`python3 -m racelab_tools.lab.watch_cost --measure --runs 3`", text)

    def test_the_block_is_replaced_whole(self):
        text = (f"a\n{watch_cost.BEGIN}\nold\n{watch_cost.END}\nb\n")
        self.assertEqual(f"a\n{watch_cost.BEGIN}\nnew\n{watch_cost.END}\nb\n",
                         generated_block.replace(text, watch_cost.BEGIN,
                                                 watch_cost.END, "new"))
        with self.assertRaisesRegex(ValueError, "no .* markers"):
            generated_block.replace("no markers", watch_cost.BEGIN,
                                    watch_cost.END, "new")


if __name__ == "__main__":
    unittest.main()
