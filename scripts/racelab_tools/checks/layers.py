"""scripts/check-layers: racelab's folders are layers in two stacks; check
that every include follows the graph of allowed dependencies.

  scripts/check-layers [ROOT] [--help]

The library (what find_package(racelab) gives), bottom-up
(docs/architecture.md):

  base        no racelab concept
  detectors   how a run is judged
  include     public headers for users (include/racelab/): they include
              only each other
  share       their implementation: may a user's class be shared?

The exhibit of the incident, bottom-up, free to use the whole library:

  world       what the Go service lived in
  instrument  what is compiled into the exhibits to watch or steer them
  wire        the loopback HTTP server, the libcurl transport, the guard
              that catches a CURL handle used by two threads
  load        the load engine: the hammer, outcomes, the tally
  repro       the buggy exhibit
  fixed       the cures (may reuse repro's code)
  variants    the catalog of variants: names and builds every exhibit
  experiments verdict, audit, matrix and their writers
  exercises   docs/exercises.md's classes, a student's code: the public
              API (include/racelab/) only
  cli         the racelab tool and racelab_history

A library folder includes only library folders under it (and its own);
an exhibit folder includes the library and the exhibit folders under it
(and its own). So the library depends on nothing of the exhibit, and no
two folders include each other. Tests (*_test.cc), benchmarks (bench/,
*_benchmark.cc) and the sample programs tests run (*_sample.cc) are
exempt: a test in repro/ may drive the CLI. Every include of a racelab
path must name a known layer, and no folder (a layer or one of its
subfolders) may hold more than MAX_SOURCES sources. Prints one line per
violation, "file:line: ...", and exits 1 if there is any; 0 if the tree
is layered; 2 on bad usage.
"""

import os
import re
import sys

from .. import common

LIBRARY = ["base", "detectors", "include", "share"]
EXHIBIT = ["world", "instrument", "wire", "load", "repro", "fixed",
           "variants", "experiments", "exercises", "cli"]
LAYERS = LIBRARY + EXHIBIT


def allowed_layers(layer):
    """The layers a source in `layer` may include, its own among them."""
    if layer == "include":
        return ["include"]  # the public headers stand alone
    if layer == "exercises":
        return ["include", "exercises"]  # a student's code: the API only
    if layer in LIBRARY:
        return LIBRARY[:LIBRARY.index(layer) + 1]
    return LIBRARY + EXHIBIT[:EXHIBIT.index(layer) + 1]
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
    allowed = allowed_layers(layer)
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
                why = ("the library depends on nothing of the exhibit"
                       if layer in LIBRARY and target_layer in EXHIBIT
                       else f"{target_layer}/ is not under it")
                problems.append(
                    f'{path}:{number}: includes "{target}": {layer}/ may '
                    f"include only {', '.join(allowed)} ({why})")
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
    print("check-layers: every include follows the two stacks' graph")
    return 0

