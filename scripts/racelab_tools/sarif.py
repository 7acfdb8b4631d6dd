"""The races of a run as SARIF 2.1.0 (races.sarif) and as rows.

A race is identified by its two locations: for each of the two accesses
TSan reports ("Read of size 8 ... by thread T3:" and "Previous write ..."),
the first frame whose file is a source of this repository. Reports of the
same pair (in either order) from any run are one race; the log files it
came from are kept. Frames TSan prints as
  #4 racelab::repro::Params::Set(...) /abs/path/repro/params.cc:16:8 (racelab+0x...)
are matched by path: the part after the repository root, or a relative
path that exists under it.
"""

import os
import re

from . import tsan_frames

SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/"
          "schemas/sarif-schema-2.1.0.json")
TOOL_URI = "https://clang.llvm.org/docs/ThreadSanitizer.html"

_WARNING = re.compile(r"WARNING: ThreadSanitizer: (.+?) \(pid=\d+\)")
_LOCATION = re.compile(r"^(.+?):(\d+)(?::(\d+))?$")


def _repo_path(path, root):
    """`path` relative to the repository if it is a file of it, else None."""
    root = os.path.realpath(root)
    candidates = []
    if os.path.isabs(path):
        real = os.path.realpath(path)
        if real.startswith(root + os.sep):
            candidates.append(os.path.relpath(real, root))
    else:
        candidates.append(os.path.normpath(path))
    for relative in candidates:
        if relative.startswith(("build" + os.sep, ".cache" + os.sep, "..")):
            continue
        if os.path.isfile(os.path.join(root, relative)):
            return relative
    return None


def parse_reports(text, root):
    """Yields (kind, [location, location]) per TSan report in `text`; a
    location is (relative path, line, column, function) of the first frame
    of that access's stack in this repository, or None if none is."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        warning = _WARNING.search(lines[i])
        if not warning:
            i += 1
            continue
        kind = warning.group(1)
        accesses = []  # one location (or None) per access stack
        current = None
        in_stack = False
        i += 1
        while i < len(lines) and not lines[i].startswith("SUMMARY:") and \
                not _WARNING.search(lines[i]):
            line = lines[i]
            stripped = line.strip()
            if re.match(r"(Previous )?(atomic )?(read|write|Read|Write|"
                        r"Atomic)", stripped) and " by " in stripped:
                if in_stack:
                    accesses.append(current)
                current, in_stack = None, True
            elif re.match(r"(Location is|Mutex|Thread T\d+ .*created)",
                          stripped):
                if in_stack:
                    accesses.append(current)
                current, in_stack = None, False
            elif in_stack and current is None:
                # Frames are read by the rules the C++ side uses too
                # (racelab_tools/tsan_frames.py, detectors/tsan_frame.h).
                frame = tsan_frames.parse_frame(line)
                where = _LOCATION.match(frame.location) if frame else None
                if where:
                    relative = _repo_path(where.group(1), root)
                    if relative:
                        current = (relative, int(where.group(2)),
                                   int(where.group(3) or 1),
                                   tsan_frames.short_function(frame.function))
            i += 1
        if in_stack:
            accesses.append(current)
        yield kind, accesses[:2]


def collect(sources, root):
    """Distinct races over `sources` [(log path, text)]: a list of dicts
    {kind, locations: [loc, loc], logs: [...], count}."""
    races = {}
    for log, text in sources:
        for kind, locations in parse_reports(text, root):
            found = [loc for loc in locations if loc]
            if not found:
                continue
            key = (kind, tuple(sorted((l[0], l[1]) for l in found)))
            race = races.setdefault(key, {"kind": kind, "locations": found,
                                          "logs": [], "count": 0})
            race["count"] += 1
            if log not in race["logs"]:
                race["logs"].append(log)
    return sorted(races.values(),
                  key=lambda r: (-r["count"], r["kind"], r["locations"]))


def _location(loc):
    path, line, column, function = loc
    return {"physicalLocation": {
                "artifactLocation": {"uri": path, "uriBaseId": "SRCROOT"},
                "region": {"startLine": line, "startColumn": column}},
            "logicalLocations": [{"fullyQualifiedName": function,
                                  "kind": "function"}]}


def to_sarif(races, version):
    rules = sorted({r["kind"] for r in races})
    results = []
    for race in races:
        locations = race["locations"]
        where = " and ".join(f"{l[0]}:{l[1]} ({l[3]})" for l in locations)
        results.append({
            "ruleId": race["kind"].replace(" ", "-"),
            "level": "error",
            "message": {"text": f"ThreadSanitizer: {race['kind']} between "
                                f"{where}; seen {race['count']} time(s), "
                                f"logs: {', '.join(race['logs'])}"},
            "locations": [_location(locations[0])],
            "relatedLocations": [dict(_location(l), id=i, message={
                "text": "the other access" if i else "this access"})
                for i, l in enumerate(locations)],
            "partialFingerprints": {"racePair/v1": "|".join(
                f"{l[0]}:{l[1]}" for l in sorted(locations))},
        })
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "ThreadSanitizer (via racelab)",
                "informationUri": TOOL_URI,
                "version": version,
                "rules": [{"id": k.replace(" ", "-"),
                           "shortDescription": {"text": f"TSan: {k}"}}
                          for k in rules]}},
            "originalUriBaseIds": {"SRCROOT": {
                "description": {"text": "the racelab repository root"}}},
            "results": results,
        }],
    }


def stacks(text, root):
    """The first TSan report in `text`, as [(access header, frames)], frames
    being (function, relative path, line) for each frame in this
    repository, in stack order."""
    result = []
    in_report = collecting = False
    for line in text.splitlines():
        if _WARNING.search(line):
            if in_report:
                break
            in_report = True
            continue
        stripped = line.strip()
        if not in_report:
            continue
        if stripped.startswith("SUMMARY:"):
            break
        if re.match(r"(Previous )?(atomic )?(read|write|Read|Write|Atomic)",
                    stripped) and " by " in stripped:
            result.append((re.sub(r" at 0x[0-9a-f]+", "",
                                  stripped.rstrip(":")), []))
            collecting = True
        elif re.match(r"(Location is|Mutex|Thread T\d+ )", stripped):
            collecting = False
        elif collecting:
            frame = tsan_frames.parse_frame(line)
            where = _LOCATION.match(frame.location) if frame else None
            if where:
                relative = _repo_path(where.group(1), root)
                if relative:
                    result[-1][1].append((
                        tsan_frames.short_function(frame.function), relative,
                        int(where.group(2))))
    return [r for r in result if r[1]]


def check_locations(sarif, root):
    """Problems with a SARIF log's locations: each must name a file of this
    repository and a line that file has. [] if all do."""
    problems = []
    for run in sarif.get("runs", []):
        for result in run.get("results", []):
            for location in (result.get("locations", []) +
                             result.get("relatedLocations", [])):
                physical = location["physicalLocation"]
                uri = physical["artifactLocation"]["uri"]
                line = physical["region"]["startLine"]
                path = os.path.join(root, uri)
                if os.path.isabs(uri) or not os.path.isfile(path):
                    problems.append(f"{uri}: not a file of the repository")
                    continue
                with open(path, errors="replace") as f:
                    lines = sum(1 for _ in f)
                if not 1 <= line <= lines:
                    problems.append(f"{uri}:{line}: the file has {lines} "
                                    "lines")
    return problems
