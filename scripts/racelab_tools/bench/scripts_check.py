"""Tests of scripts/bench, scripts/bench-report and scripts/bench-compare.

Run by ctest bench.scripts (bench/CMakeLists.txt) with Debian's /usr/bin/python3 and
STRATEGIES_BENCHMARK and EXHIBIT_COSTS_BENCHMARK set to the built
benchmark binaries. One test runs the
real benchmark briefly and reports on it; the rest feed the scripts
synthetic or broken JSON whose right answer is known.
"""

import json
import os
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree

from racelab_tools import common

SCRIPTS = os.path.join(common.ROOT, "scripts")
PYTHON = "/usr/bin/python3"


def run(script, *args):
    command = ([PYTHON] if script != "bench" else []) + [
        os.path.join(SCRIPTS, script)] + [str(a) for a in args]
    return subprocess.run(command, capture_output=True, text=True,
                          timeout=300)


def entry(name, rate, reps=9, spread=0.01, **counters):
    """Iteration entries of one benchmark, rates around `rate`."""
    runs = []
    for i in range(reps):
        value = rate * (1 + spread * (i - reps // 2) / max(reps // 2, 1))
        runs.append(dict(name=name, run_name=name, run_type="iteration",
                         repetitions=reps, repetition_index=i, threads=1,
                         iterations=100, real_time=1e9 / value,
                         cpu_time=1e9 / value, time_unit="ns",
                         items_per_second=value, **counters))
    return runs


def strategy(name, host, params, latency, threads, rate, **kw):
    return entry(f"{name}/host_info:{host}/params:{params}/latency_us:"
                 f"{latency}/manual_time/threads:{threads}", rate, **kw)


CONTEXT = {"date": "2026-01-01T00:00:00", "host_name": "box", "num_cpus": 2,
           "mhz_per_cpu": 2000, "cpu_scaling_enabled": False,
           "load_avg": [0.1, 0.1, 0.1], "library_build_type": "release",
           "racelab_build_type": "Release", "racelab_cpu_model": "Test CPU",
           "racelab_pool_size": "4", "racelab_race_points": "compiled out"}


def synthetic(locked_rates=(950, 950, 948, 951, 949)):
    """A run whose reading is known: see the assertions."""
    b = []
    b += strategy("shared_unsafe", "gathered", 6, 0, 1, 100_000)
    b += strategy("copying", "gathered", 6, 0, 1, 100_000)
    b += strategy("copying", "gathered", 6, 0, 2, 190_000)
    b += strategy("per_request", "gathered", 6, 0, 1, 50_000)
    b += strategy("per_request", "skipped", 6, 0, 1, 100_000)
    for threads, rate in zip((1, 2, 4, 8, 16), locked_rates):
        b += strategy("locked", "gathered", 6, 1000, threads, rate)
        b += strategy("copying", "gathered", 6, 1000, threads, 950 * threads)
    b += entry("round_trip/latency_us:1000/real_time", 1e9 / 1_052_000)
    b += entry("construction/host_info:gathered/real_time", 1e9 / 10_000)
    return {"context": dict(CONTEXT), "benchmarks": b}


def wire(kind, name, transport, threads, rate, connections):
    return entry(f"wire/{kind}:{name}/transport:{transport}/manual_time/"
                 f"threads:{threads}", rate,
                 connections_per_request=connections)


def synthetic_wire():
    """wire_benchmark output whose reading is known."""
    b = []
    for threads in (1, 16):
        b += wire("client", "copying", "inproc", threads, 200_000, 0.0)
        b += wire("client", "copying", "http", threads,
                  10_000 * (threads if threads == 1 else 3), 0.001)
        b += wire("client", "per_request", "inproc", threads, 200_000, 0.0)
        b += wire("client", "per_request", "http", threads, 15_000, 1.0)
        b += wire("client", "thread_local", "http", threads, 30_000, 0.002)
        b += wire("client", "locked", "http", threads, 9_000, 0.0001)
        b += wire("handles", "per_request", "http", threads, 15_000, 1.0)
        b += wire("handles", "per_thread", "http", threads, 33_000, 0.004)
        b += wire("handles", "curl_share", "http", threads, 20_000,
                  0.98 if threads == 16 else 0.001)
    return {"context": dict(CONTEXT), "benchmarks": b}


class Files(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def write(self, name, data):
        with open(self.path(name), "w", encoding="utf-8") as f:
            f.write(data if isinstance(data, str) else json.dumps(data))
        return self.path(name)


class RealRunTest(Files):
    def test_a_short_real_run_gives_a_report_with_charts(self):
        binary = os.environ["STRATEGIES_BENCHMARK"]
        out = self.path("run.json")
        result = subprocess.run(
            [binary, "--benchmark_filter=^(shared_unsafe|copying|locked|"
             "per_request)/host_info:.*/params:6/latency_us:(0|100)/.*"
             "threads:(1|2)$|^(construction|round_trip)/",
             "--benchmark_min_time=0.01", "--benchmark_repetitions=2",
             f"--benchmark_out={out}", "--benchmark_out_format=json"],
            capture_output=True, text=True, timeout=300)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(out, encoding="utf-8") as f:
            data = json.load(f)
        self.assertFalse([b["name"] for b in data["benchmarks"]
                          if b.get("error_occurred")])
        self.assertEqual(data["context"]["racelab_pool_size"], "4")

        # The api part (bench/exhibit_costs_benchmark.cc), as scripts/bench
        # runs it beside the others: one report from both.
        api = self.path("api.json")
        result = subprocess.run(
            [os.environ["EXHIBIT_COSTS_BENCHMARK"],
             "--benchmark_filter=wait_us:0/manual_time/threads:(1|2)$",
             "--benchmark_min_time=0.01", "--benchmark_repetitions=2",
             f"--benchmark_out={api}", "--benchmark_out_format=json"],
            capture_output=True, text=True, timeout=300)
        self.assertEqual(result.returncode, 0, result.stderr)

        report_dir = self.path("report")
        result = run("bench-report", "--out", report_dir, out, api)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(os.path.join(report_dir, "bench.md"), encoding="utf-8") as f:
            report = f.read()
        for needle in ("## Reading", "## Goals", "| strategy | 1 thr | 2 thr",
                       "| shared_unsafe | ", "| copying | ",
                       "per_request (light construction)",
                       "#### 100 µs round trip",
                       "One request through the shared, unsafe client",
                       "copying at 2 threads ≥ 1.8× its 1 thread, no wait",
                       "## UnionService: what each way of sharing costs",
                       "Build: racelab " +
                       data["context"]["racelab_build_type"]):
            self.assertIn(needle, report)
        for latency in (0, 100):
            svg = os.path.join(report_dir,
                               f"chart-params6-latency{latency}us.svg")
            root = ElementTree.parse(svg).getroot()
            text = "".join(root.itertext())
            self.assertIn("requests per second", text)
            self.assertIn("caller threads", text)
            self.assertIn("copying", text)
        # The merged file is valid input for the comparison.
        merged = os.path.join(report_dir, "bench.json")
        result = run("bench-compare", "--strategies", merged, "shared_unsafe",
                     "copying")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("[^shared_unsafe/ vs. ^copying/]", result.stdout)


class ReadingTest(Files):
    def report(self, data, expect_code=0):
        out = self.path("out")
        result = run("bench-report", "--out", out,
                     self.write("run.json", data))
        self.assertEqual(result.returncode, expect_code, result.stderr)
        with open(os.path.join(out, "bench.md"), encoding="utf-8") as f:
            return f.read()

    def test_the_reading_is_derived_from_the_numbers(self):
        report = self.report(synthetic())
        self.assertIn("takes 10.0 µs on one thread (100k requests/s)", report)
        self.assertIn("runs at 1.00× of that on one thread (no slower)",
                      report)
        self.assertIn("reaches 1.90× its own one-thread throughput", report)
        self.assertIn("the lock caps throughput at ~950 requests/s whatever "
                      "the thread count", report)
        self.assertIn("1 / measured round trip of 1.05 ms = 951/s", report)
        self.assertIn("runs at 0.50× of the same fix with light construction",
                      report)
        self.assertIn("adds 10.0 µs to each request", report)
        # 9 repetitions with a cv of 0.7%: an interval clear of the goal.
        self.assertIn("| copying at 2 threads ≥ 1.8× its 1 thread, no round "
                      "trip | 1.90× (95%: 1.88×–1.92×) | met |", report)
        self.assertIn("| locked | 950 | 950 | 948 | 951 | 949 |", report)
        self.assertNotIn("too few for the U-test", report)

    def test_the_wire_section_is_derived_from_the_numbers(self):
        data = synthetic()
        data["benchmarks"] += synthetic_wire()["benchmarks"]
        report = self.report(data)
        self.assertIn("## Over the wire", report)
        # 1 / 10k - 1 / 200k = 95 us more per request on one thread.
        self.assertIn("costs 95 µs more than the in-process double", report)
        self.assertIn("handle per request, which opens a connection per "
                      "request, delivers 15.0k requests/s; keeping one "
                      "handle (one connection) per thread delivers 33.0k "
                      "(2.20×)", report)
        self.assertIn("1.00 ‰ new connections per request on one thread, "
                      "0.98 at 16 threads (it degrades", report)
        self.assertIn("| per_request | in process | 200k | 200k |", report)
        self.assertIn("| handle per thread (keep-alive per thread) | 33.0k | "
                      "33.0k | 1.00× | 4.00 ‰ | 4.00 ‰ |", report)
        self.assertTrue(os.path.exists(self.path("out/chart-wire.svg")))

    def test_a_wire_run_alone_is_reported(self):
        report = self.report(synthetic_wire())
        self.assertIn("## Over the wire", report)

    def test_a_lock_that_is_not_flat_is_not_called_a_cap(self):
        report = self.report(synthetic(locked_rates=(950, 1500, 2000, 2500,
                                                     3000)))
        self.assertNotIn("caps throughput", report)
        self.assertIn("the lock delivers 950 to 3.00k requests/s", report)
        self.assertIn("NOT as expected", report)

    def test_a_benchmark_that_failed_its_check_is_listed_and_exit_is_1(self):
        data = synthetic()
        data["benchmarks"].append({
            "name": "pool/host_info:gathered/params:6/latency_us:0/"
                    "manual_time/threads:2",
            "run_name": "pool/host_info:gathered/params:6/latency_us:0/"
                        "manual_time/threads:2",
            "run_type": "iteration", "error_occurred": True,
            "error_message": "3 requests came back wrong; first: x"})
        report = self.report(data, expect_code=1)
        self.assertIn("## Errors", report)
        self.assertIn("3 requests came back wrong", report)

    def test_few_repetitions_are_called_out(self):
        data = synthetic()
        for b in data["benchmarks"]:
            b["repetitions"] = 3
        data["benchmarks"] = [b for b in data["benchmarks"]
                              if b["repetition_index"] < 3]
        self.assertIn("3 repetitions: enough for a median, too few for the "
                      "U-test", self.report(data))


class BadInputTest(Files):
    def assert_rejected(self, script_args, message):
        result = run(*script_args)
        self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
        self.assertIn(message, result.stderr)

    def test_report_rejects_unusable_files(self):
        good = json.dumps(synthetic())
        cases = {
            "truncated.json": (good[:len(good) // 2], "not valid JSON"),
            "other.json": ({"a": 1}, 'no "context" object'),
            "empty.json": ({"context": {}, "benchmarks": []},
                           "contains no benchmarks"),
            "list.json": ([1, 2], "top level is not an object"),
            "noname.json": ({"context": {}, "benchmarks": [{"x": 1}]},
                            "has no name"),
            "notime.json": ({"context": {}, "benchmarks": [{"name": "a"}]},
                            "has no numeric 'real_time'"),
            "foreign.json": ({"context": {}, "benchmarks": entry(
                "BM_ParamsCycle<ParamMap>", 5)},
                "no strategy benchmarks"),
        }
        for name, (content, message) in cases.items():
            with self.subTest(name):
                self.assert_rejected(
                    ("bench-report", "--out", self.path("o"),
                     self.write(name, content)), message)
        self.assert_rejected(("bench-report", self.path("missing.json")),
                             "no such file")

    def test_report_rejects_parts_of_different_runs(self):
        first = synthetic()
        second = {"context": dict(CONTEXT, host_name="elsewhere"),
                  "benchmarks": strategy("pool", "gathered", 6, 0, 1, 5)}
        self.assert_rejected(
            ("bench-report", "--out", self.path("o"),
             self.write("a.json", first), self.write("b.json", second)),
            "not parts of one run")
        self.assert_rejected(
            ("bench-report", "--out", self.path("o"),
             self.write("c.json", first), self.write("d.json", first)),
            "is also in")

    def test_compare_rejects_mismatched_and_malformed_input(self):
        run_a = self.write("a.json", synthetic())
        other = self.write("other.json", {"context": {}, "benchmarks": entry(
            "BM_Something", 5)})
        self.assert_rejected(("bench-compare", run_a, other),
                             "have no benchmark in common")
        self.assert_rejected(("bench-compare", run_a,
                              self.write("bad.json", "{")), "not valid JSON")
        self.assert_rejected(("bench-compare", run_a), "expected two JSON")
        self.assert_rejected(("bench-compare", "--strategies", run_a,
                              "shared_unsafe", "teleport"),
                             "no benchmarks of strategy 'teleport'")
        self.assert_rejected(("bench-compare", "--strategies", run_a,
                              "shared_unsafe", "locked"),
                             "share no benchmark suffix")

    def test_compare_runs_compare_py_and_warns_about_repetitions(self):
        few = synthetic()
        few["benchmarks"] = [b for b in few["benchmarks"]
                             if b["repetition_index"] < 4]
        a, b = self.write("a.json", few), self.write("b.json", few)
        result = run("bench-compare", a, b)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("has only 4 repetition(s)", result.stdout)
        self.assertIn("OVERALL_GEOMEAN", result.stdout)
        nine = self.write("nine.json", synthetic())
        result = run("bench-compare", nine, nine)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("repetition(s)", result.stdout)
        self.assertIn("U Test, Repetitions: 9 vs 9", result.stdout)

    def test_bench_rejects_bad_arguments_before_doing_anything(self):
        for args, message in (
                (("--repetitions", "0"), "--repetitions must be a positive"),
                (("--min-time", "abc"), "--min-time must be a positive"),
                (("--min-time", "0"), "--min-time must be a positive"),
                (("--out",), "--out needs a value"),
                (("--fast",), "unknown argument '--fast'")):
            with self.subTest(args):
                self.assert_rejected(("bench",) + args, message)
        result = run("bench", "--help")
        self.assertEqual(result.returncode, 0)
        self.assertIn("--full", result.stdout)


if __name__ == "__main__":
    unittest.main()
