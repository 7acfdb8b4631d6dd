"""The history check's stored measurements, read one way for the report
and for docs/own-class.md: one table per suite (scripts/share-rate
--suite history | lock-types --store FILE), an exhibit per row, a stored
run per column ("<build>-j<jobs>", "-loaded" when four busy processes ran
beside it), a cell "caught-or-clean/invocations (median s)"."""

import os

from .. import common

# The stored suites: file, and what its exhibits are.
SUITES = (
    ("history-rate.json",
     "split at a pthread (std::mutex) unlock: HistoryCheckTest"),
    ("lock-types-rate.json",
     "split at no pthread unlock (absl::Mutex, its reader lock, a spin "
     "lock, atomics): LockTypesTest"),
)


def load(name):
    """The stored runs of docs/measurements/`name` ({} if none)."""
    stored = common.load_json(os.path.join(common.MEASUREMENTS, name),
                              "history-rates")
    return (stored or {}).get("runs", {})


def column_order(runs):
    """Normal build before TSan, idle before loaded, fewer jobs first."""
    def key(name):
        setting = runs[name]["setting"]
        return (setting["build"] != "default",
                setting.get("load", "idle") != "idle", setting["jobs"], name)
    return sorted(runs, key=key)


def minutes(run):
    """A stored run's duration; a resumed run timed only its last part; an
    incomplete one (stored part-way, to be continued) says so."""
    if run.get("complete") is False:
        return (f"INCOMPLETE, {len(run['results'])} exhibit(s) so far in "
                f"{run['minutes']} min")
    if run.get("resumed"):
        return f"resumed, {run['minutes']} min in its last part"
    return f"{run['minutes']} min"


def totals(run):
    """(racy caught, racy invocations, safe clean, safe invocations)."""
    counts = [0, 0, 0, 0]
    for result in run["results"].values():
        side = 0 if result["expected"] == "reported" else 2
        counts[side] += result["racelab"]["passed"]
        counts[side + 1] += result["racelab"]["runs"]
    return tuple(counts)


def run_line(name, run):
    """One stored run: when, how long, what ran, what came out."""
    setting = run["setting"]
    load = ("beside four busy processes" if setting.get("load") == "loaded"
            else "idle")
    racy, racy_runs, safe, safe_runs = totals(run)
    commit = f", commit {run['commit']}" if run.get("commit") else ""
    seeds = (f", seeds from {setting['first_seed']}"
             if setting.get("first_seed") else "")
    line = (f"{name}: {setting['date']}, {minutes(run)}, {load}"
            f"{commit}{seeds}, `{run['command']}`: racy {racy:,}/"
            f"{racy_runs:,} caught, safe {safe:,}/{safe_runs:,} clean")
    remeasured = {}
    for test, r in run["results"].items():
        if "commit" in r:
            remeasured.setdefault((r["commit"], r.get("date")), []).append(
                test.split(".", 1)[1])
    for (at, date), tests in remeasured.items():
        line += (f"; re-measured at commit {at} ({date}, "
                 f"`--exhibit`): {', '.join(tests)}")
    return line


def table(runs):
    """(header, rows): an exhibit per row, a run per column."""
    names = column_order(runs)
    tests = []
    for name in names:
        for test in runs[name]["results"]:
            if test not in tests:
                tests.append(test)
    rows = []
    for test in tests:
        row = [test.split(".", 1)[1]]
        for name in names:
            r = runs[name]["results"].get(test)
            at = f", at {r['commit']}" if r and "commit" in r else ""
            row.append(f"{r['racelab']['passed']}/{r['racelab']['runs']} "
                       f"({r['racelab']['median_s']} s{at})" if r else "-")
        rows.append(row)
    return ["exhibit"] + names, rows


def over(runs, seconds):
    """"exhibit m s (run)" for every median of an idle run above
    `seconds`, slowest first: the goal is for an idle machine; a loaded
    run's medians are in the table."""
    slow = [(r["racelab"]["median_s"], test.split(".", 1)[1], name)
            for name, run in runs.items()
            if run["setting"].get("load", "idle") != "loaded"
            for test, r in run["results"].items()
            if r["racelab"]["median_s"] > seconds]
    return [f"{test} {median} s ({name})"
            for median, test, name in sorted(slow, reverse=True)]


def commit_of(run, test):
    """The commit `test` was measured at in `run`: its own if it was
    re-measured (share-rate --store --exhibit), else the run's."""
    return run["results"].get(test, {}).get("commit", run.get("commit"))


def same_verdicts(runs):
    """Per loaded run, its verdicts against the idle run of the same build
    and seeds: under the controlled scheduler a seed decides the history
    check's verdict at any load, so every exhibit measured in both with the
    same invocations should have the same history_sha256 (share-rate: the
    verdict lines, the free-running hammer's count masked)."""
    def loaded(name):
        return runs[name]["setting"].get("load", "idle") == "loaded"

    def twin(name):
        """The build and seeds a loaded run is compared on."""
        setting = runs[name]["setting"]
        return setting["build"], setting.get("first_seed")

    def hashed(name):
        """Whether a run kept history_sha256 (stored before, it cannot be
        compared)."""
        return any("history_sha256" in r["racelab"]
                   for r in runs[name]["results"].values())

    order = column_order(runs)
    # Of several idle runs of a build and seeds, the first in column order,
    # unless a later one kept the digests and it did not.
    idle = {}
    for name in order:
        if loaded(name):
            continue
        chosen = idle.get(twin(name))
        if chosen is None or (hashed(name) and not hashed(chosen)):
            idle[twin(name)] = name
    lines = []
    for name in order:
        key = twin(name)
        if not loaded(name) or key[1] is None or key not in idle:
            continue
        loaded_run = runs[name]
        base = runs[idle[key]]["results"]
        same, differ = 0, []
        # Why an exhibit cannot be compared, and how many of each.
        missing, counts, undigested = 0, 0, 0
        for test, r in loaded_run["results"].items():
            digest = r["racelab"].get("history_sha256")
            b = base.get(test, {}).get("racelab")
            if b is None:
                missing += 1
            elif b.get("runs") != r["racelab"]["runs"]:
                counts += 1
            elif digest is None or b.get("history_sha256") is None:
                undigested += 1
            elif digest == b["history_sha256"]:
                same += 1
            else:
                differ.append((test.split(".", 1)[1],
                               commit_of(runs[idle[key]], test),
                               commit_of(loaded_run, test)))
        why = "; ".join(
            f"{n} {reason}" for n, reason in (
                (missing, "not measured in the idle run yet"),
                (counts, "with other invocation counts"),
                (undigested,
                 "stored before share-rate kept history_sha256"))
            if n)
        if same + len(differ) == 0:
            lines.append(f"{name} against {idle[key]}: not comparable ({why})")
            continue
        text = (f"{name} against {idle[key]} (the same seeds): the same "
                f"verdicts in {same} of {same + len(differ)} exhibit(s)")
        if differ:
            # Exhibits measured at other commits say which (not a cause by
            # itself, the commits may differ in docs only: what a reader
            # needs to look for one).
            named = []
            for test, at_idle, at_loaded in differ:
                if None not in (at_idle, at_loaded) and at_idle != at_loaded:
                    test += (f" (measured at other commits: idle {at_idle}, "
                             f"loaded {at_loaded})")
                named.append(test)
            text += "; DIFFERENT in " + ", ".join(named)
        if why:
            text += f"; not comparable: {why}"
        lines.append(text)
    return lines


def add_suites(doc, stored, heading):
    """Per stored suite of `stored` ([(what, runs)]): `heading(title)`,
    its table, a line per run, its idle medians over 1 s, and whether the
    loaded runs gave the idle runs' verdicts."""
    for what, runs in stored:
        if not runs:
            continue
        heading(f"Exhibits {what}")
        header, rows = table(runs)
        doc.table(header, rows, numeric=list(range(1, len(header))))
        doc.bullets([run_line(name, runs[name])
                     for name in column_order(runs)])
        slow = over(runs, 1.0)
        doc.para("Medians over 1 s on an idle machine (the loaded runs' "
                 "are in the table): " + (", ".join(slow) if slow else "none")
                 + ".")
        replayed = same_verdicts(runs)
        if replayed:
            doc.para("Idle against loaded: " + "; ".join(replayed) + ".")
