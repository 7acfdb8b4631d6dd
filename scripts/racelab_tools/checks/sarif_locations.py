"""sarif_locations: a report's races.sarif must be SARIF 2.1.0 with
at least --min-results results, every location a real file and line of
this repository.

  python3 -m racelab_tools.checks.sarif_locations FILE.sarif [--min-results N]

Exit codes: 0 valid; 1 not (each problem printed); 2 bad usage.
"""

import argparse
import json
import sys

from .. import common
from ..sarif import check_locations

ROOT = common.ROOT


def main():
    parser = argparse.ArgumentParser(prog="sarif_locations",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("sarif")
    parser.add_argument("--min-results", type=int, default=1)
    options = parser.parse_args()
    try:
        with open(options.sarif) as f:
            sarif = json.load(f)
    except (OSError, ValueError) as e:
        print(f"sarif_locations: cannot read {options.sarif}: {e}")
        return 1
    problems = []
    if sarif.get("version") != "2.1.0":
        problems.append(f"version is {sarif.get('version')!r}, not 2.1.0")
    results = [r for run in sarif.get("runs", []) for r in run["results"]]
    if len(results) < options.min_results:
        problems.append(f"{len(results)} result(s), expected at least "
                        f"{options.min_results}")
    problems += check_locations(sarif, ROOT)
    for problem in problems:
        print(f"sarif_locations: {problem}")
    print(f"sarif_locations: {options.sarif}: {len(results)} race(s), "
          f"{'valid' if not problems else 'INVALID'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
