"""scripts/check-layers: racelab's folders are layers; check that no source
includes a layer above its own.

  scripts/check-layers [ROOT] [--help]

The layers, bottom-up (docs/architecture.md):

  base        no racelab concept
  world       what the Go service lived in
  instrument  what is compiled into the exhibits to watch or steer them
  wire        the loopback HTTP server, the libcurl transport, the guard
              that catches a CURL handle used by two threads
  load        the load engine: the hammer, outcomes, the tally
  repro       the buggy exhibit
  fixed       the cures (may reuse repro's code)
  variants    the catalog of variants: names and builds every exhibit
  detectors   how a run is judged
  experiments verdict, audit, matrix and their writers
  include     public headers for users (include/racelab/): declarations
              that include nothing of racelab
  share       their implementation: may a user's class be shared?
  exercises   docs/exercises.md's classes, a student's code: the public
              API only
  cli         the racelab tool

A source in one layer may include its own layer and the layers below it,
never one above (so there is no folder-level cycle). Tests
(*_test.cc), benchmarks (bench/, *_benchmark.cc) and the sample programs
tests run (*_sample.cc) are exempt: a test in repro/ may drive the CLI.
Every include of a racelab path must name a known layer, and no folder
(a layer or one of its subfolders) may hold more than MAX_SOURCES sources.
Prints one line per violation, "file:line: ...", and exits 1 if there is
any; 0 if the tree is layered; 2 on bad usage.
"""

import os
import re
import sys

from .. import common

LAYERS = ["base", "world", "instrument", "wire", "load", "repro", "fixed",
          "variants", "detectors", "experiments", "include", "share",
          "exercises", "cli"]
EXEMPT_FOLDERS = {"bench"}
# Outside projects kept in the tree: their own includes ("feature_flags.h")
# are theirs, not a layer's; they see racelab only through "racelab/".
OUTSIDE_PROJECTS = ("share/external/",)
EXEMPT_SUFFIXES = ("_test.cc", "_benchmark.cc", "_sample.cc")
SOURCE_SUFFIXES = (".cc", ".h")
MAX_SOURCES = 30
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
# Third-party headers racelab includes with quotes.
THIRD_PARTY = ("absl/", "gtest/", "gmock/", "benchmark/", "nlohmann/")


def layer_of(path):
    # Public headers are included as "racelab/x.h" (include/ is on the path).
    if path.startswith("racelab/"):
        return "include"
    top = path.split("/", 1)[0]
    return top if top in LAYERS else None


def check(root):
    problems = []
    counts = {}
    for top in sorted(os.listdir(root)):
        if top not in LAYERS:
            continue
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for name in sorted(files):
                if not name.endswith(SOURCE_SUFFIXES):
                    continue
                # Per folder: a layer split by concept into subfolders
                # (fixed/pool/, fixed/handles/) counts each one alone.
                where = os.path.relpath(folder, root)
                counts[where] = counts.get(where, 0) + 1
                path = os.path.relpath(os.path.join(folder, name), root)
                if name.endswith(EXEMPT_SUFFIXES) or path.startswith(
                        OUTSIDE_PROJECTS):
                    continue
                problems += check_file(root, path, top)
    for top, count in sorted(counts.items()):
        if count > MAX_SOURCES:
            problems.append(f"{top}/: {count} sources, more than "
                            f"{MAX_SOURCES}: split it by concept")
    return problems


def check_file(root, path, layer):
    problems = []
    allowed = LAYERS[:LAYERS.index(layer) + 1]
    with open(os.path.join(root, path), errors="replace") as f:
        for number, line in enumerate(f, 1):
            match = INCLUDE.match(line)
            if not match:
                continue
            target = match.group(1)
            if target.startswith(THIRD_PARTY):
                continue
            target_layer = layer_of(target)
            if target_layer is None:
                problems.append(
                    f'{path}:{number}: includes "{target}", which is in no '
                    f"layer (layers: {', '.join(LAYERS)})")
            elif target_layer not in allowed:
                problems.append(
                    f'{path}:{number}: includes "{target}": {layer}/ may '
                    f"include only {', '.join(allowed)} "
                    f"({target_layer}/ is above it)")
    return problems


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if any(a in ("-h", "--help") for a in argv):
        print(__doc__.strip())
        return 0
    if len(argv) > 1:
        print("check-layers: at most one argument, the source root",
              file=sys.stderr)
        return 2
    root = argv[0] if argv else common.ROOT
    if not os.path.isdir(os.path.join(root, "base")):
        print(f"check-layers: {root} is not racelab's source root (no base/)",
              file=sys.stderr)
        return 2
    problems = check(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"check-layers: {len(problems)} violation(s)")
        return 1
    print("check-layers: every include points down or sideways within its "
          "layer")
    return 0

