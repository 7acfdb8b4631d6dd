"""Tests of scripts/check-layers (checks/layers.py) on small synthetic
trees: a layered tree passes; an upward include, a library include of the
exhibit, a public header including racelab's internals, an include of an
unknown folder, folders that include each other (tests and benchmarks
counted) and an overfull folder each fail, naming the file and line."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from racelab_tools import common

CHECKER = os.path.join(common.ROOT, "scripts", "check-layers")


# Every tree made, removed when the module's tests end.
MADE = []


def tearDownModule():
    for root in MADE:
        shutil.rmtree(root, ignore_errors=True)


def empty_dir():
    root = tempfile.mkdtemp(prefix="check-layers-")
    MADE.append(root)
    return root


def tree(files):
    root = empty_dir()
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)
    return root


def run(root):
    return subprocess.run([sys.executable, CHECKER, root],
                          capture_output=True, text=True)


LAYERED = {
    "base/clock.h": '#include "absl/time/time.h"\n',
    "world/query.h": '#include "base/clock.h"\n',
    "repro/params.h": '#include "world/query.h"\n#include "base/clock.h"\n',
    "fixed/locked/client.h": '#include "repro/params.h"\n',
    "experiments/verdict.h": '#include "fixed/locked/client.h"\n',
    "detectors/evidence.h": '#include "base/clock.h"\n',
    "include/racelab/share.h": '#include "racelab/operations.h"\n',
    "share/share.cc": ('#include "racelab/share.h"\n'
                       '#include "detectors/evidence.h"\n'),
    "cli/history_main.cc": ('#include "share/share.h"\n'
                            '#include "repro/params.h"\n'),
    # Tests and benchmarks may reach up.
    "world/query_test.cc": '#include "experiments/verdict.h"\n',
}


class CheckLayersTest(unittest.TestCase):
    def test_a_layered_tree_passes(self):
        result = run(tree(LAYERED))
        self.assertEqual(result.returncode, 0, result.stdout)

    def test_an_upward_include_fails_naming_file_and_line(self):
        files = dict(LAYERED)
        files["repro/params.cc"] = ('#include "repro/params.h"\n\n'
                                    '#include "experiments/verdict.h"\n')
        result = run(tree(files))
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn('repro/params.cc:3: includes "experiments/verdict.h": '
                      "repro/ may include only base, detectors, include, "
                      "share, world, instrument, wire, load, repro "
                      "(experiments/ is not under it)", result.stdout)

    def test_the_library_including_the_exhibit_fails(self):
        files = dict(LAYERED)
        files["share/variant_history.cc"] = ('#include "racelab/share.h"\n'
                                             '#include "variants/variants.h"\n')
        result = run(tree(files))
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn('share/variant_history.cc:2: includes '
                      '"variants/variants.h": share/ may include only base, '
                      "detectors, include, share (the library depends on "
                      "nothing of the exhibit)", result.stdout)

    def test_a_public_header_including_internals_fails(self):
        files = dict(LAYERED)
        files["include/racelab/cost.h"] = '#include "base/clock.h"\n'
        result = run(tree(files))
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn('include/racelab/cost.h:1: includes "base/clock.h": '
                      "include/ may include only include", result.stdout)

    def test_an_include_of_an_unknown_folder_fails(self):
        files = dict(LAYERED)
        files["load/hammer.cc"] = '#include "harness/hammer.h"\n'
        result = run(tree(files))
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn('load/hammer.cc:1: includes "harness/hammer.h", which is '
                      "in no layer", result.stdout)

    def test_a_folder_and_its_subfolder_including_each_other_fail(self):
        files = dict(LAYERED)
        files["share/history/phase.h"] = '#include "share/watchdog.h"\n'
        files["share/watchdog.h"] = '#include "base/clock.h"\n'
        files["share/child.cc"] = '#include "share/history/phase.h"\n'
        result = run(tree(files))
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn("folders include each other: share/, share/history/: "
                      "share/ -> share/history/ (share/child.cc:1); "
                      "share/history/ -> share/ (share/history/phase.h:1). "
                      "Move what both need below both", result.stdout)

    def test_a_longer_cycle_through_a_benchmark_fails(self):
        files = dict(LAYERED)
        files["share/a/x.h"] = '#include "share/b/y.h"\n'
        files["share/b/y.h"] = '#include "share/c/z.h"\n'
        files["share/c/z_benchmark.cc"] = '#include "share/a/x.h"\n'
        result = run(tree(files))
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn("folders include each other: share/a/, share/b/, "
                      "share/c/:", result.stdout)
        self.assertIn("share/c/ -> share/a/ (share/c/z_benchmark.cc:1)",
                      result.stdout)

    def test_a_subfolder_used_one_way_passes(self):
        files = dict(LAYERED)
        files["share/child/watchdog.h"] = '#include "base/clock.h"\n'
        files["share/history/phase.h"] = '#include "share/child/watchdog.h"\n'
        files["share/child_main.cc"] = ('#include "share/history/phase.h"\n'
                                        '#include "share/child/watchdog.h"\n')
        result = run(tree(files))
        self.assertEqual(result.returncode, 0, result.stdout)

    def test_an_overfull_folder_fails(self):
        files = dict(LAYERED)
        for i in range(31):
            files[f"world/part{i}.h"] = '#include "base/clock.h"\n'
        result = run(tree(files))
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn("world/: 33 sources, more than 30", result.stdout)

    def test_subfolders_count_on_their_own(self):
        files = dict(LAYERED)
        for i in range(20):
            files[f"world/a/part{i}.h"] = '#include "base/clock.h"\n'
            files[f"world/b/part{i}.h"] = '#include "base/clock.h"\n'
        result = run(tree(files))
        self.assertEqual(result.returncode, 0, result.stdout)

    def test_not_a_source_root_is_a_usage_error(self):
        result = run(empty_dir())
        self.assertEqual(result.returncode, 2)
        self.assertIn("not racelab's source root", result.stderr)


if __name__ == "__main__":
    unittest.main()
