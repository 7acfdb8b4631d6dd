"""Reading racelab's benchmark JSON (Google Benchmark's --benchmark_out).

Shared by scripts/bench-report and scripts/bench-compare. Everything that
can be wrong with an input file raises InputError with a message that names
the file; the scripts turn it into exit code 2.

Benchmark names (bench/strategies_benchmark.cc):
  <strategy>/host_info:<gathered|skipped>/params:<P>/latency_us:<L>
      /manual_time/threads:<T>
  construction/host_info:<gathered|skipped>/real_time
  round_trip/latency_us:<L>/real_time
"""

import json
import re
import statistics
from dataclasses import dataclass, field

STRATEGIES = ("shared_unsafe", "locked", "copying", "per_request",
              "thread_local", "pool")

STRATEGY_NAME = re.compile(
    r"^(?P<strategy>[a-z_]+)/host_info:(?P<host_info>gathered|skipped)"
    r"/params:(?P<params>\d+)/latency_us:(?P<latency_us>\d+)"
    r"/manual_time/threads:(?P<threads>\d+)$")
CONSTRUCTION_NAME = re.compile(
    r"^construction/host_info:(?P<host_info>gathered|skipped)/real_time$")
ROUND_TRIP_NAME = re.compile(
    r"^round_trip/latency_us:(?P<latency_us>\d+)/real_time$")


class InputError(Exception):
    """An input file that is not usable benchmark output (exit code 2)."""


@dataclass
class Stat:
    """One benchmark's result over its repetitions."""
    name: str
    repetitions: int = 0
    median_rate: float = 0.0      # items_per_second: requests/s
    cv: float | None = None       # of items_per_second; None if < 2 runs
    median_time_ns: float = 0.0   # time per iteration (real or manual)
    counters: dict = field(default_factory=dict)  # medians of user counters
    rates: list = field(default_factory=list)  # items_per_second, each run
    error: str | None = None      # the benchmark's own SkipWithError


@dataclass(frozen=True)
class Key:
    """Where a strategy benchmark sits in the grid."""
    strategy: str
    host_info: str
    params: int
    latency_us: int
    threads: int


def _require(condition, path, message):
    if not condition:
        raise InputError(f"{path}: {message}")


def load(path):
    """Returns the parsed file after checking its shape."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a JSON file") from None
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not text ({e.reason})") from None
    except json.JSONDecodeError as e:
        raise InputError(
            f"{path}: not valid JSON (line {e.lineno}, column {e.colno}: "
            f"{e.msg}); was the run interrupted?") from None
    _require(isinstance(data, dict), path,
             "not Google Benchmark output (top level is not an object)")
    _require(isinstance(data.get("context"), dict), path,
             "not Google Benchmark output (no \"context\" object)")
    _require(isinstance(data.get("benchmarks"), list), path,
             "not Google Benchmark output (no \"benchmarks\" list)")
    _require(data["benchmarks"], path, "contains no benchmarks")
    for index, entry in enumerate(data["benchmarks"]):
        where = f"benchmark #{index}"
        _require(isinstance(entry, dict), path, f"{where} is not an object")
        _require(isinstance(entry.get("name"), str), path,
                 f"{where} has no name")
        where = f"benchmark {entry['name']!r}"
        if entry.get("error_occurred"):
            continue
        for number in ("real_time", "iterations"):
            _require(isinstance(entry.get(number), (int, float)), path,
                     f"{where} has no numeric {number!r}")
        _require(entry.get("run_type", "iteration")
                 in ("iteration", "aggregate"), path,
                 f"{where} has an unknown run_type {entry.get('run_type')!r}")
    return data


def merge(loaded):
    """Merges (path, data) pairs from one run split over several processes.

    The context is the first file's; the files must come from the same
    machine and build, and may not repeat a benchmark.
    """
    _require(loaded, "(no files)", "nothing to merge")
    first_path, first = loaded[0]
    merged = {"context": dict(first["context"]), "benchmarks": []}
    seen = {}
    family_offset = 0
    for path, data in loaded:
        for key in ("host_name", "num_cpus", "racelab_build_type"):
            mine, theirs = data["context"].get(key), first["context"].get(key)
            _require(mine == theirs, path,
                     f"context {key!r} is {mine!r} but {theirs!r} in "
                     f"{first_path}: not parts of one run")
        for entry in data["benchmarks"]:
            run = entry.get("run_name", entry["name"])
            if entry.get("run_type", "iteration") == "iteration":
                _require(seen.get(run, path) == path, path,
                         f"benchmark {run!r} is also in {seen.get(run)}")
                seen[run] = path
            entry = dict(entry)
            # Each process numbers its families from 0; renumber them so the
            # merged file orders like one run (compare.py sorts by them).
            if isinstance(entry.get("family_index"), int):
                entry["family_index"] += family_offset
            merged["benchmarks"].append(entry)
        family_offset = 1 + max(
            (e["family_index"] for e in merged["benchmarks"]
             if isinstance(e.get("family_index"), int)), default=-1)
    return merged


def _median_counters(entries):
    names = set()
    for entry in entries:
        names.update(k for k, v in entry.items()
                      if isinstance(v, (int, float)) and k not in (
                          "family_index", "per_family_instance_index",
                          "repetitions", "repetition_index", "threads",
                          "iterations", "real_time", "cpu_time"))
    return {n: statistics.median(e[n] for e in entries if n in e)
            for n in names}


def summarize(data):
    """Returns {run name: Stat} over the file's repetitions.

    Prefers Google Benchmark's own median and cv aggregates; computes them
    from the repetitions if the file has none (one repetition, or aggregates
    not written).
    """
    iterations, aggregates, errors = {}, {}, {}
    for entry in data["benchmarks"]:
        run = entry.get("run_name", entry["name"])
        if entry.get("error_occurred"):
            errors[run] = entry.get("error_message", "error")
        elif entry.get("run_type", "iteration") == "aggregate":
            aggregates.setdefault(run, {})[entry.get("aggregate_name")] = entry
        else:
            iterations.setdefault(run, []).append(entry)
    stats = {}
    for run in list(iterations) + [r for r in aggregates if r not in iterations]:
        runs = iterations.get(run, [])
        agg = aggregates.get(run, {})
        stat = Stat(name=run)
        stat.rates = [r.get("items_per_second", 0.0) for r in runs]
        stat.repetitions = len(runs) or int(
            agg.get("median", {}).get("repetitions", 1))
        if "median" in agg:
            stat.median_rate = agg["median"].get("items_per_second", 0.0)
            stat.median_time_ns = _to_ns(agg["median"])
            stat.counters = _median_counters([agg["median"]])
        else:
            stat.median_rate = statistics.median(
                r.get("items_per_second", 0.0) for r in runs)
            stat.median_time_ns = statistics.median(_to_ns(r) for r in runs)
            stat.counters = _median_counters(runs)
        if "cv" in agg:
            stat.cv = agg["cv"].get("items_per_second")
        elif len(runs) >= 2:
            rates = [r.get("items_per_second", 0.0) for r in runs]
            mean = statistics.mean(rates)
            stat.cv = statistics.stdev(rates) / mean if mean else None
        stats[run] = stat
    for run, message in errors.items():
        stats[run] = Stat(name=run, error=message)
    return stats


_TO_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def _to_ns(entry):
    return entry["real_time"] * _TO_NS.get(entry.get("time_unit", "ns"), 1.0)


def strategy_grid(stats):
    """Returns {Key: Stat} for the strategy benchmarks among `stats`."""
    grid = {}
    for run, stat in stats.items():
        match = STRATEGY_NAME.match(run)
        if match:
            grid[Key(match["strategy"], match["host_info"],
                     int(match["params"]), int(match["latency_us"]),
                     int(match["threads"]))] = stat
    return grid


def calibrations(stats):
    """Returns ({host_info: Stat} for construction, {latency_us: Stat})."""
    construction, round_trip = {}, {}
    for run, stat in stats.items():
        if m := CONSTRUCTION_NAME.match(run):
            construction[m["host_info"]] = stat
        elif m := ROUND_TRIP_NAME.match(run):
            round_trip[int(m["latency_us"])] = stat
    return construction, round_trip


def repetition_counts(data):
    """Returns {run name: number of repetitions recorded in the file}."""
    counts = {}
    for entry in data["benchmarks"]:
        if entry.get("run_type", "iteration") == "iteration" and not entry.get(
                "error_occurred"):
            run = entry.get("run_name", entry["name"])
            counts[run] = counts.get(run, 0) + 1
    return counts
