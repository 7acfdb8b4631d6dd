#!/usr/bin/python3
"""scripts/lab_check.py: runs the commands of docs/lab.md and checks the
output each step says to expect, so the lab cannot drift from the code.

  lab_check.py --list [--build default|tsan]
  lab_check.py --step NAME [--default-build DIR] [--tsan-build DIR]

A step is marked in docs/lab.md by a comment, then a ```sh block (the
command, run with bash from the repository root), then a ```text block
(the expected excerpt):

  <!-- lab-check: NAME build=default|tsan exit=N -->

The excerpt's lines must appear in the output (stdout and stderr
together), in order; within a line "…" stands for any text, the rest is
literal. `build/default/` and `build/tsan/` in the command name the two
builds (CMakePresets.json); --default-build / --tsan-build (or
RACELAB_DEFAULT_BUILD / RACELAB_TSAN_BUILD) point them elsewhere, as
ctest does.
Exit codes: 0 as expected (--list: listed); 1 not as expected; 2 bad usage
or a step that is not in the lab.
"""

import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAB = os.path.join(ROOT, "docs", "lab.md")
MARKER = re.compile(
    r"<!-- lab-check: (?P<name>[a-z0-9-]+) build=(?P<build>default|tsan) "
    r"exit=(?P<exit>\d+) -->")
FENCE = re.compile(r"^\s*```(\w*)\s*$")
TIMEOUT_S = 600


class Step:
    def __init__(self, name, build, exit_code, command, expected, line):
        self.name = name
        self.build = build
        self.exit_code = exit_code
        self.command = command
        self.expected = expected
        self.line = line


def _block(lines, start, language):
    """The next fenced block of `language` from lines[start:]: (text, end)."""
    i = start
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if fence:
            if fence.group(1) != language:
                raise ValueError(f"line {i + 1}: expected a ```{language} "
                                 f"block, found ```{fence.group(1)}")
            body = []
            i += 1
            while i < len(lines) and not FENCE.match(lines[i]):
                body.append(lines[i])
                i += 1
            if i == len(lines):
                raise ValueError(f"line {start + 1}: unclosed ```{language}")
            return body, i + 1
        i += 1
    raise ValueError(f"line {start + 1}: no ```{language} block follows")


def parse(text):
    """The lab's steps, in order. Raises ValueError on a malformed step."""
    lines = text.splitlines()
    steps, names = [], set()
    for number, line in enumerate(lines):
        marker = MARKER.search(line)
        if not marker:
            if "lab-check:" in line:
                raise ValueError(f"line {number + 1}: malformed marker "
                                 f"{line.strip()!r}")
            continue
        command, end = _block(lines, number + 1, "sh")
        expected, _ = _block(lines, end, "text")
        # A command may be continued over lines with a trailing backslash.
        command = "\n".join(l.strip() for l in command).strip()
        expected = [l.rstrip() for l in expected if l.strip()]
        if not command or not expected:
            raise ValueError(f"line {number + 1}: step "
                             f"{marker.group('name')} has an empty command "
                             "or expected excerpt")
        if marker.group("name") in names:
            raise ValueError(f"line {number + 1}: step "
                             f"{marker.group('name')} is marked twice")
        names.add(marker.group("name"))
        steps.append(Step(marker.group("name"), marker.group("build"),
                          int(marker.group("exit")), command, expected,
                          number + 1))
    return steps


def _pattern(expected_line):
    parts = [re.escape(part) for part in expected_line.split("…")]
    return re.compile("^" + ".*".join(parts) + "$")


def match(expected, output):
    """None if every expected line appears in order, else what is missing."""
    out = output.splitlines()
    at = 0
    for line in expected:
        pattern = _pattern(line)
        while at < len(out) and not pattern.match(out[at]):
            at += 1
        if at == len(out):
            return line
        at += 1
    return None


def localize(command, default_build, tsan_build):
    """The command with build/default/ and build/tsan/ pointed at the builds."""
    for preset, directory in (("default", default_build),
                              ("tsan", tsan_build)):
        if directory:
            command = re.sub(rf"(?<![\w/])build/{preset}/",
                             directory.rstrip("/") + "/", command)
    return command


def run(step, default_build, tsan_build):
    command = localize(step.command, default_build, tsan_build)
    print(f"lab step {step.name} ({step.build} build), docs/lab.md line "
          f"{step.line}:\n  $ {command}", flush=True)
    try:
        done = subprocess.run(["bash", "-c", command], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, errors="replace", timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        print(f"FAILED: still running after {TIMEOUT_S} s")
        return 1
    problems = []
    if done.returncode != step.exit_code:
        problems.append(f"exit code {done.returncode}, the lab says "
                        f"{step.exit_code}")
    missing = match(step.expected, done.stdout)
    if missing is not None:
        problems.append(f"no line (in order) matching: {missing!r}")
    if problems:
        print(done.stdout)
        for problem in problems:
            print(f"FAILED: {problem}")
        print("Either the code changed what the lab shows (update "
              "docs/lab.md and docs/lab-answers.md) or it broke.")
        return 1
    print(f"ok: exit {done.returncode}, every expected line found")
    return 0


def main(argv):
    parser = argparse.ArgumentParser(
        description="Runs docs/lab.md's commands and checks their output.")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--list", action="store_true",
                        help="print the steps' names, one per line")
    action.add_argument("--step", help="run this step and check it")
    parser.add_argument("--build", choices=("default", "tsan"),
                        help="with --list: only this build's steps")
    parser.add_argument("--default-build",
                        default=os.environ.get("RACELAB_DEFAULT_BUILD"))
    parser.add_argument("--tsan-build",
                        default=os.environ.get("RACELAB_TSAN_BUILD"))
    parser.add_argument("--lab", default=LAB, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    try:
        with open(options.lab, encoding="utf-8") as f:
            steps = parse(f.read())
    except (OSError, ValueError) as error:
        print(f"lab_check: {options.lab}: {error}", file=sys.stderr)
        return 2
    if options.list:
        for step in steps:
            if options.build in (None, step.build):
                print(step.name)
        return 0
    chosen = [s for s in steps if s.name == options.step]
    if not chosen:
        print(f"lab_check: no step {options.step!r} in {options.lab} "
              f"(steps: {', '.join(s.name for s in steps)})", file=sys.stderr)
        return 2
    return run(chosen[0], options.default_build, options.tsan_build)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
