"""What racelab's bash scripts ask of Python, as subcommands (no inline
Python in the shell scripts):

  python3 -m racelab_tools.shell junit-counts FILE.xml
      "PASSED FAILED SKIPPED" from ctest's JUnit file (scripts/test);
  python3 -m racelab_tools.shell estimate TIMINGS PART DEFAULT
      the seconds PART took in TIMINGS (a run's run-timings.json), rounded,
      or DEFAULT (scripts/run's progress lines);
  python3 -m racelab_tools.shell record TIMINGS PART STATUS SECONDS
      appends {part, status, seconds} to TIMINGS atomically (scripts/run);
  python3 -m racelab_tools.shell failed-cells MATRIX.json
      one line per checked cell of a matrix that was not as expected,
      "VARIANT x DETECTOR: VERDICT" (scripts/soak); measured rates and
      unavailable cells are not checks.

Exit codes: 0 done; 1 the JUnit or matrix file is unreadable; 2 bad usage.
"""

import json
import sys
import xml.etree.ElementTree as ElementTree

from . import common


def junit_counts(path):
    """(passed, failed, skipped) of the test cases in a JUnit file."""
    passed = failed = skipped = 0
    for case in ElementTree.parse(path).getroot().iter("testcase"):
        status = case.get("status", "")
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif (case.find("skipped") is not None
              or status in ("disabled", "notrun")):
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def estimate(path, part, default):
    """The seconds `part` took in the timings at `path`, or `default`."""
    try:
        with open(path, encoding="utf-8") as f:
            seconds = {t["part"]: t["seconds"] for t in json.load(f)}
        return str(round(seconds[part]))
    except (OSError, ValueError, KeyError, TypeError):
        return default


def record(path, part, status, seconds):
    """Appends one part's outcome to the timings at `path`."""
    with open(path, encoding="utf-8") as f:
        timings = json.load(f)
    timings.append({"part": part, "status": status,
                    "seconds": float(seconds)})
    common.write_atomically(path, json.dumps(timings, indent=2))


def failed_cells(path):
    """The checked cells of the matrix at `path` that were not as
    expected, as "VARIANT x DETECTOR: VERDICT" lines."""
    with open(path, encoding="utf-8") as f:
        summary = json.load(f)["summary"]
    return [f"{c['variant']} x {c['detector']}: {c['verdict']}"
            for c in summary
            if c.get("available", True) and not c.get("measured")
            and not c.get("as_expected")]


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    command, args = (argv[0], argv[1:]) if argv else ("", [])
    if command == "junit-counts" and len(args) == 1:
        try:
            print(*junit_counts(args[0]))
        except (OSError, ElementTree.ParseError) as e:
            print(f"shell: {args[0]}: {e}", file=sys.stderr)
            return 1
    elif command == "estimate" and len(args) == 3:
        print(estimate(*args))
    elif command == "record" and len(args) == 4:
        record(*args)
    elif command == "failed-cells" and len(args) == 1:
        try:
            for line in failed_cells(args[0]):
                print(line)
        except (OSError, ValueError, KeyError) as e:
            print(f"shell: {args[0]}: not a readable matrix.json: {e}",
                  file=sys.stderr)
            return 1
    else:
        common.fail("shell", "usage: junit-counts FILE | estimate TIMINGS "
                    "PART DEFAULT | record TIMINGS PART STATUS SECONDS | "
                    "failed-cells MATRIX.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
