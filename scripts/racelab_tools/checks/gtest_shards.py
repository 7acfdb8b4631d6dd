#!/usr/bin/python3
"""gtest_shards: a GoogleTest binary split into N shards
with GoogleTest's own GTEST_TOTAL_SHARDS / GTEST_SHARD_INDEX (as CI runners
or a Kubernetes Indexed Job would run it) must pass in every shard and run
every test exactly once over all of them (ctest share.gtest_shards: the
MayShare checks re-run themselves in child processes, which must not be
sharded away).

  cd scripts && python3 -m racelab_tools.checks.gtest_shards BINARY N

Exit codes: 0 every shard passed and the union is the whole suite; 1 not;
2 bad usage.
"""

import os
import re
import subprocess
import sys


def tests_of(output):
    return set(re.findall(r"^\[ +(?:OK|SKIPPED) +\] (\S+) \(", output, re.M))


def main():
    if len(sys.argv) != 3 or not sys.argv[2].isdigit():
        print(__doc__, file=sys.stderr)
        return 2
    binary, shards = sys.argv[1], int(sys.argv[2])
    listing = subprocess.run([binary, "--gtest_list_tests"],
                             capture_output=True, text=True, check=True)
    suite, everything = None, set()
    for line in listing.stdout.splitlines():
        if not line.startswith(" "):
            suite = line.strip()
        else:
            everything.add(suite + line.strip().split()[0])
    seen, failed = [], False
    for index in range(shards):
        env = dict(os.environ, GTEST_TOTAL_SHARDS=str(shards),
                   GTEST_SHARD_INDEX=str(index))
        result = subprocess.run([binary], env=env, capture_output=True,
                                text=True)
        ran = tests_of(result.stdout)
        print(f"shard {index}/{shards}: exit {result.returncode}, "
              f"{len(ran)} test(s)")
        if result.returncode != 0:
            failed = True
            print("\n".join(l for l in result.stdout.splitlines()
                            if "FAILED" in l or "Failure" in l))
        seen += list(ran)
    if len(seen) != len(set(seen)):
        failed = True
        print("some test ran in more than one shard")
    if set(seen) != everything:
        failed = True
        print(f"not run in any shard: {sorted(everything - set(seen))}")
    print(f"{len(set(seen))} of {len(everything)} tests over {shards} shards"
          f": {'ok' if not failed else 'FAILED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
