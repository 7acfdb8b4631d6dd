"""tsan_lesson: writes docs/reading-a-tsan-report.md from a
real ThreadSanitizer report of this repository's bug, so the lesson never
drifts from the code.

  cd scripts && python3 -m racelab_tools.lab.tsan_lesson [--tool PATH] (--write | --check)

Runs the TSan build's racelab on the seed's interleaving, forced (2
threads, one request each: the same report every run), shortens the report
for reading (template arguments and parameter lists elided, addresses, pids
and build ids masked, paths made relative to the repository, frames inside
the standard library and abseil folded), and writes the annotated lesson.
--check regenerates it and compares with the file in docs/ (ctest
docs.tsan_lesson): a change in the code that moves the report fails the
test until the lesson is written again with --write.
Exit codes: 0 written / up to date; 1 drifted; 2 bad usage or no report.
"""

import os
import re
import subprocess
import sys

from .. import common

ROOT = common.ROOT
DOC = os.path.join(ROOT, "docs", "reading-a-tsan-report.md")
COMMAND = ["hammer", "--variant=shared_unsafe", "--threads=2",
           "--iterations=1", "--schedule=seed", "--forcing=spin"]
FRAME = re.compile(r"^\s+#(\d+) (.+?) (\S+?):(\d+)(?::\d+)?(?: \(.*)?$")
NULL_FRAME = re.compile(r"^\s+#(\d+) (.+?) <null> \((\S+?)\+0x[0-9a-f]+\)")


def simplify_function(name):
    """racelab::repro::Params::Set(std::string, ...) -> repro::Params::Set()"""
    name = name.replace("racelab::", "").replace("(anonymous namespace)::",
                                                  "")
    # Drop template arguments, innermost first.
    previous = None
    while previous != name:
        previous = name
        name = re.sub(r"<[^<>]*>", "", name)
    name = re.sub(r"\([^()]*\)( const)?$", "()", name)
    name = re.sub(r"\([^()]*\)", "()", name)
    return name.strip()


def simplify_path(path):
    path = os.path.normpath(path)
    if path.startswith(ROOT + os.sep):
        path = os.path.relpath(path, ROOT)
    path = re.sub(r".*/abseil-src/", "", path)
    path = re.sub(r".*/include/c\+\+/\d+/", "<c++>/", path)
    return path


def ours(path):
    return not path.startswith(("absl/", "<c++>", "/"))


def shorten(report):
    """The report, readable: [(kind, text)] with kind 'line' or 'frame'."""
    out = []
    folded = 0
    for line in report.splitlines():
        frame = FRAME.match(line)
        null_frame = NULL_FRAME.match(line)
        if frame or null_frame:
            if frame:
                number, function, path, lineno = frame.groups()
                path = simplify_path(path)
                text = f"{simplify_function(function)}  {path}:{lineno}"
            else:
                # No source line: TSan's own interceptors (operator new,
                # pthread_create) or a system library. Never ours.
                path, text = "/", ""
            if ours(path):
                if folded:
                    out.append(("line", f"    ... {folded} frame(s) "
                                        "outside this repository"))
                    folded = 0
                out.append(("frame", f"    #{number} {text}"))
            else:
                folded += 1
            continue
        if folded:
            out.append(("line", f"    ... {folded} frame(s) outside this "
                                "repository"))
            folded = 0
        line = re.sub(r"0x[0-9a-f]+", "0x…", line)
        line = re.sub(r"\(pid=\d+\)", "(pid=…)", line)
        line = re.sub(r"tid=\d+", "tid=…", line)
        line = re.sub(r" \(BuildId: [0-9a-f]+\)", "", line)
        line = re.sub(r" (\S+):(\d+):\d+", lambda m: " " + simplify_path(
            m.group(1)) + ":" + m.group(2), line)
        if line.startswith("SUMMARY:") and " in " in line:
            head, _, function = line.partition(" in ")
            line = f"{head} in {simplify_function(function)}"
        out.append(("line", line.rstrip()))
    return out


def first_frames(shortened):
    """The first frame of ours under each 'by thread'/'Location'/'Thread'
    heading: {heading: frame text}."""
    found, heading = [], None
    for kind, text in shortened:
        if kind == "line" and re.match(r"  \S", text):
            heading = text.strip().rstrip(":")
        elif kind == "frame" and heading:
            found.append((heading, text.strip()))
            heading = None
    return found


def lesson(report):
    shortened = shorten(report)
    body = "\n".join(text for _, text in shortened).strip("\n=")
    firsts = first_frames(shortened)
    summary = next((t for _, t in shortened if t.startswith("SUMMARY")), "")

    def frame_of(prefix):
        return next((f for h, f in firsts if h.startswith(prefix)), "?")

    access = [(h, f) for h, f in firsts if " by " in h]
    lines = [
        "# Reading a ThreadSanitizer report",
        "",
        "<!-- Written by (cd scripts && python3 -m racelab_tools.lab.tsan_lesson --write) from a real "
        "report; ctest docs.tsan_lesson fails when the code has moved on. "
        "Do not edit by hand. -->",
        "",
        "The report below is real: the TSan build of racelab, running the "
        "seed's interleaving forced on two threads (one request each), the "
        "same report on every run:",
        "",
        "```sh",
        "build/tsan/cli/racelab " + " ".join(COMMAND),
        "```",
        "",
        "Only shortened for reading: template arguments and parameter lists "
        "are elided (`()`), addresses, pids and build ids masked, paths made "
        "relative to the repository, and frames outside it (the standard "
        "library, abseil, TSan's own interceptors) folded into one line.",
        "",
        "```",
        body,
        "```",
        "",
        "## How to read it, part by part",
        "",
        "1. **The verdict line.** `WARNING: ThreadSanitizer: data race`: two "
        "threads touched the same memory, at least one of them writing, and "
        "nothing ordered the two accesses: no happens-before edge between "
        "them (no lock released by one thread and then taken by the other, "
        "no atomic store-release read by a load-acquire, no thread start or "
        "join). A relaxed atomic orders nothing: racelab's spin forcing "
        "relies on exactly that. It is a report about what happened in "
        "THIS run, not a guess: TSan saw both accesses.",
    ]
    if len(access) >= 2:
        lines += [
            f"2. **The first access**, `{access[0][0]}`: the access that "
            "found the conflict. Skip the folded library frames and read "
            f"down to the first frame in this repository: `{access[0][1]}`. "
            "That is where your code touched the shared memory.",
            f"3. **The previous access**, `{access[1][0]}`: the other side, "
            "which TSan remembered. Its first frame of ours: "
            f"`{access[1][1]}`. Both stacks continue down through "
            "`HttpApp::SetParams()`, `PddClient::Request()` and "
            "`UnionService::GetUnionPddItemDetail()`: two requests, one "
            "shared client ([walkthrough.md](walkthrough.md), sections 4 "
            "and 5).",
        ]
    lines += [
        "4. **Location is heap block ... allocated by main thread**: the "
        "memory both threads touched belongs to an object the main thread "
        f"made (first frame of ours: `{frame_of('Location')}`): the ONE "
        "service, built once and shared, exactly as in the incident.",
        "5. **Thread T... created by main thread**: where each thread came "
        "from; here the hammer's worker threads (`load/hammer.cc`), standing "
        "in for the Go service's goroutines.",
        f"6. **SUMMARY**: `{summary}`. It names the TOP frame, which is "
        "often inside a library (here abseil's hash table reading its "
        "`ctrl_` pointer: a field of the map, which lives inside the one "
        "shared service, hence the heap block \"allocated by main thread\" "
        "in 4). The bug is not in abseil: follow the stacks down to the "
        "first frame of your own code, as in 2 and 3.",
        "",
        "## What to take away",
        "",
        "- A report needs both accesses to happen, but not at the same "
        "instant: TSan remembers recent accesses per memory word and checks "
        "the happens-before order, so it reports races that did no visible "
        "damage in this run.",
        "- The seed's race is two writers (`Params::Set()`) into one map "
        "here, because TSan stops at the FIRST conflict it meets "
        "(`halt_on_error=1`); the iteration in `DeepCopy()` (Go's crash "
        "site) conflicts with the same writes a moment later.",
        "- The fix is never \"add a lock where the SUMMARY points\"; it is "
        "to stop sharing per-request state: [fixes.md](fixes.md) and "
        "[choosing-a-fix.md](choosing-a-fix.md).",
        "",
    ]
    return "\n".join(lines)


def run_report(tool):
    result = subprocess.run([tool] + COMMAND, capture_output=True, text=True,
                            timeout=120)
    text = result.stderr
    start = text.find("WARNING: ThreadSanitizer:")
    end = text.find("SUMMARY: ThreadSanitizer:", start)
    if start < 0 or end < 0:
        print(f"tsan_lesson: {tool} printed no TSan report (exit "
              f"{result.returncode}); is it the TSan build?", file=sys.stderr)
        sys.exit(2)
    end = text.find("\n", end)
    return text[start:end]


def main():
    parser = common.argument_parser("tsan_lesson", __doc__)
    parser.add_argument("--tool", default=os.path.join(
        ROOT, "build", "tsan", "cli", "racelab"))
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")
    options = parser.parse_args()
    if not os.access(options.tool, os.X_OK):
        print(f"tsan_lesson: no TSan racelab at {options.tool}",
              file=sys.stderr)
        return 2
    text = lesson(run_report(options.tool))
    if options.write:
        with open(DOC, "w") as f:
            f.write(text)
        print(f"tsan_lesson: wrote {os.path.relpath(DOC, ROOT)}")
        return 0
    with open(DOC) as f:
        current = f.read()
    if current != text:
        import difflib
        sys.stdout.writelines(difflib.unified_diff(
            current.splitlines(True), text.splitlines(True), "docs (now)",
            "regenerated", n=1))
        print("tsan_lesson: docs/reading-a-tsan-report.md has drifted "
              "from the code: run (cd scripts && python3 -m racelab_tools.lab.tsan_lesson --write)")
        return 1
    print("tsan_lesson: docs/reading-a-tsan-report.md is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
