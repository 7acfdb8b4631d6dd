"""A share-rate run kept in docs/measurements (--store FILE): stored after
every exhibit, marked incomplete until the last, so that a run longer than
one sitting is committed part-way and continued from another checkout when
the setting, the seeds and the code measured are the same; and exhibits of
a complete run re-measured (--store FILE --exhibit NAME) after their code
changed, each keeping the commit it was measured at."""

import functools
import json
import os
import sys

from .. import common

# Says what is wrong and exits 2 (common.fail).
fail = functools.partial(common.fail, "share-rate")


def run_key(setting):
    """A stored run's name: "<build>-j<jobs>", "-loaded" if it was."""
    key = f"{setting['build']}-j{setting['jobs']}"
    return key + ("-loaded" if setting.get("load") == "loaded" else "")


def read_store(path):
    """The stored measurement at `path` ({"runs": {}} if none yet)."""
    try:
        with open(path) as f:
            return json.load(f)
    except FileNotFoundError:
        return {"runs": {}}
    except ValueError as e:
        fail(f"{path} is not JSON ({e}); move it away or fix it")


# The files of scripts/ that take the measurement: with the code outside
# docs/ and scripts/, what must be as it was for a stored part to be
# continued.
MEASURING_TOOL = ("scripts/share-rate",
                  "scripts/racelab_tools/rates/share_rate.py")

# What must be the same for a stored part to be continued.
SAME_SETTING = ("suite", "build", "jobs", "load", "first_seed")


def stored_part(path, setting):
    """The incomplete run stored at `path` under this setting's name that
    this checkout may continue, or None (said on stderr when one is there
    but may not be continued)."""
    run = read_store(path)["runs"].get(run_key(setting))
    if not run or run.get("complete", True):
        return None
    why = None
    if any(run["setting"].get(k) != setting.get(k) for k in SAME_SETTING):
        why = "its setting or seeds differ"
    elif not common.same_code_as(run.get("commit"), MEASURING_TOOL):
        why = (f"the code measured differs from its commit "
               f"{run.get('commit')}")
    if why:
        print(f"share-rate: not resuming the incomplete run in {path}: "
              f"{why}; starting over", file=sys.stderr)
        return None
    return run


def store(path, setting, results, commit, complete, untimed_seconds=0):
    """Stores the run so far (`complete` once every exhibit is done) in the
    measurement at `path`, keeping its other runs. `commit`: what was
    measured (a continued run keeps its first part's)."""
    stored = read_store(path)
    model = common.cpu_model()
    timed = [r.get("seconds") for r in results.values()]
    seconds = sum(timed) if None not in timed else untimed_seconds
    stored["runs"][run_key(setting)] = {
        "setting": setting,
        "commit": commit,
        "command": "scripts/share-rate " + " ".join(sys.argv[1:]),
        "machine": f"{os.cpu_count()} CPUs ({model})",
        "minutes": round(seconds / 60, 1),
        "complete": complete,
        "results": results,
    }
    if None in timed:
        # Resumed from an out dir written before exhibits were timed:
        # `minutes` covers only the last part.
        stored["runs"][run_key(setting)]["resumed"] = True
    common.write_atomically(path, json.dumps(stored, indent=2) + "\n")



def amendable(path, setting, commit):
    """The complete run stored at `path` under this setting's name, whose
    exhibits --exhibit re-measures at `commit`; says what is wrong and
    exits 2 if there is none, or the checkout is not a commit (checked
    before anything is measured)."""
    if commit == "?" or commit.endswith("+dirty"):
        fail(f"a re-measured exhibit is stored with the commit it was "
             f"measured at, and this checkout is {commit}: commit (or "
             f"stash) the changes outside docs/measurements first")
    key = run_key(setting)
    run = read_store(path)["runs"].get(key)
    if not run:
        fail(f"{path} has no {key} run for --exhibit to re-measure exhibits "
             f"of: measure the whole suite first (leave out --exhibit)")
    if not run.get("complete", True):
        fail(f"the {key} run in {path} is incomplete: finish it (the same "
             f"command without --exhibit) before re-measuring exhibits of it")
    if any(run["setting"].get(k) != setting.get(k) for k in SAME_SETTING):
        fail(f"the {key} run in {path} has another setting or other seeds "
             f"({run['setting']}): re-measure with its own")
    return run


def amend(path, setting, results, commit, command):
    """Replaces `results`' exhibits in the run amendable() found. An
    exhibit measured at another commit than the run keeps its commit, date
    and command (`command`: share-rate's arguments), which the tables and
    the run's line show."""
    stored = read_store(path)
    run = stored["runs"][run_key(setting)]
    for test, result in results.items():
        result = dict(result)
        if commit != run.get("commit"):
            result.update(commit=commit, date=setting["date"],
                          command="scripts/share-rate " + " ".join(command))
        run["results"][test] = result
    # `minutes` stays the run's own: how long it took when it was measured.
    common.write_atomically(path, json.dumps(stored, indent=2) + "\n")
