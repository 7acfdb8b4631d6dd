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
two layers include each other. Tests (*_test.cc), benchmarks (bench/,
*_benchmark.cc) and the sample programs tests run (*_sample.cc) are
exempt: a test in repro/ may drive the CLI. Within a layer, its folder and
subfolders (share/, share/history/, share/control/, ...) form no cycle:
if share/ includes share/history/, nothing in share/history/ (and nothing
it includes, transitively) includes share/; here tests and benchmarks
count too, so that each one sits with what it tests, above what it
uses. Every include of a racelab
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


def folder_cycles(edges):
    """Cycles among one layer's folders. `edges` maps (from, to) folders
    to the "file:line" includes that make the edge; returns one problem
    per cycle (a strongly connected set of folders), naming an include of
    each edge in it."""
    graph = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    # Tarjan's strongly connected components, iteratively.
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(component)
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    problems = []
    for component in components:
        inside = sorted((a, b) for a, b in edges
                        if a in component and b in component)
        how = "; ".join(f"{a}/ -> {b}/ ({edges[(a, b)][0]})"
                        for a, b in inside)
        problems.append(f"folders include each other: "
                        f"{', '.join(f + '/' for f in sorted(component))}: "
                        f"{how}. Move what both need below both")
    return problems


def check(root):
    problems = []
    counts = {}
    edges = {}  # (folder, folder) -> ["file:line", ...], within one layer
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
                if path.startswith(OUTSIDE_PROJECTS):
                    continue
                add_folder_edges(root, path, edges)
                if name.endswith(EXEMPT_SUFFIXES):
                    continue
                problems += check_file(root, path, top)
    problems += folder_cycles(edges)
    for top, count in sorted(counts.items()):
        if count > MAX_SOURCES:
            problems.append(f"{top}/: {count} sources, more than "
                            f"{MAX_SOURCES}: split it by concept")
    return problems


def includes(root, path):
    """(line number, target) of every racelab include in `path`."""
    with open(os.path.join(root, path), errors="replace") as f:
        for number, line in enumerate(f, 1):
            match = INCLUDE.match(line)
            if match and not match.group(1).startswith(THIRD_PARTY):
                yield number, match.group(1)


def add_folder_edges(root, path, edges):
    """Adds an edge for each include of another folder of path's layer."""
    source = os.path.dirname(path)
    for number, target in includes(root, path):
        folder = os.path.dirname(target)
        if (layer_of(target) not in (None, "include") and folder != source
                and folder.split("/")[0] == source.split("/")[0]):
            edges.setdefault((source, folder), []).append(f"{path}:{number}")


def check_file(root, path, layer):
    problems = []
    allowed = allowed_layers(layer)
    for number, target in includes(root, path):
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

