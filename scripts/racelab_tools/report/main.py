"""report: one report of a racelab run, for the CI engineer, the
performance engineer and the teacher.

  scripts/report [--out DIR] [--report DIR] [--partial REASON] [--help]

Reads what scripts/run left in DIR (default: out): the verdicts
(verdict-tsan.json, verdict-native.json), the detection matrices
(matrix.json: forced seed; matrix-plain/matrix.json: plain stress), TSan's
rate vs threads (tsan-rate/tsan-rate.json), the benchmarks (bench/), the
part timings (run-timings.json) and the raw logs (logs/); plus, from the
repository, the sources (for the diffs) and the stored own-class
measurement (docs/measurements/share-rate.json). Writes into the report
directory (default: report):
  index.html   self-contained: inline CSS and SVG, no script, nothing
               fetched (a Content-Security-Policy forbids it); printable
  index.md     the same content as Markdown
  report.json  every figure the report shows
  races.sarif  every distinct TSan race of the run (SARIF 2.1.0), each
               location a file and line of this repository
The directory is replaced atomically: a reader never sees half a report.
--partial REASON writes <report>-partial instead, marked as partial, and
leaves the last complete report in place (scripts/run does this when a
part failed or was interrupted).
Runs with Debian's /usr/bin/python3 (scipy, matplotlib).
Exit codes: 0 written; 2 bad usage or nothing to report on.
"""

import datetime
import functools
import json
import os
import platform
import subprocess
import sys

from .. import common, sarif, stats
from ..document import Document
from ..rates import history_rates
from . import charts, overall, race_conditions, sections, teaching

ROOT = common.ROOT
SHARE_RATE = os.path.join(common.MEASUREMENTS, "share-rate.json")


# Says what is wrong and exits 2 (common.fail).
fail = functools.partial(common.fail, "report")


def load_json(path):
    return common.load_json(path, "report")


class Inputs:
    """What the run left in its out dir, parsed; paths relative to it."""

    def __init__(self, out, report_dir):
        self.root = ROOT
        self.out = out
        self.report_dir = report_dir
        self.verdicts = {b: load_json(os.path.join(out, f"verdict-{b}.json"))
                         for b in ("tsan", "native")}
        self.matrices = {
            "forced": load_json(os.path.join(out, "matrix.json")),
            "plain": load_json(os.path.join(out, "matrix-plain",
                                            "matrix.json"))}
        self.tsan_rate = load_json(os.path.join(out, "tsan-rate",
                                                "tsan-rate.json"))
        self.bench = load_json(os.path.join(out, "bench", "bench.json"))
        self.timings = load_json(os.path.join(out, "run-timings.json")) or []

    def verdict(self, build):
        return self.verdicts.get(build)

    def verdict_row(self, build, role):
        verdict = self.verdicts.get(build) or {"rows": []}
        return next((r for r in verdict["rows"] if r["role"] == role), None)

    def matrix_summary(self, schedule):
        matrix = self.matrices.get(schedule)
        if not matrix:
            return {}
        return {(c["variant"], c["detector"]): c for c in matrix["summary"]}

    def matrix_runs(self, schedule):
        matrix = self.matrices.get(schedule)
        return matrix["runs"] if matrix else []

    def matrix_dir(self, schedule):
        return "" if schedule == "forced" else "matrix-plain/"

    def out_link(self, relative):
        """A link from the report's index.html to a file of the out dir."""
        return os.path.relpath(os.path.join(self.out, relative),
                               self.report_dir)

    def read_out(self, relative):
        try:
            with open(os.path.join(self.out, relative), errors="replace") as f:
                return f.read()
        except (FileNotFoundError, IsADirectoryError):
            return None

    def list_out(self, folder, suffix):
        try:
            return [n for n in os.listdir(os.path.join(self.out, folder))
                    if n.endswith(suffix)]
        except FileNotFoundError:
            return []

    def share_rate(self):
        return load_json(SHARE_RATE)

    def history_rate(self, name="history-rate.json"):
        """The stored runs of one history suite (history_rates.SUITES)."""
        return history_rates.load(name)

    def tsan_logs(self):
        """(log path relative to out, text) for every kept TSan run."""
        logs = []
        verdict = self.verdicts.get("tsan") or {"rows": []}
        for row in verdict["rows"]:
            logs.append((row["log"], self.read_out(row["log"]) or ""))
        for schedule in ("forced", "plain"):
            for run in self.matrix_runs(schedule):
                if run["detector"] == "tsan" and run.get("log"):
                    relative = self.matrix_dir(schedule) + run["log"]
                    logs.append((relative, self.read_out(relative) or ""))
        return logs


def tool_version(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True,
                                timeout=20)
        text = (result.stdout or result.stderr).strip().splitlines()
        return text[0] if text else "?"
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"


def machine_facts():
    model = common.cpu_model()
    import matplotlib
    import scipy
    return [
        ("machine", f"{platform.node()}, {os.cpu_count()} CPUs ({model}), "
                    f"{platform.system()} {platform.release()}"),
        ("written", datetime.datetime.now(datetime.timezone.utc)
         .isoformat(timespec="seconds")),
        ("compiler", tool_version(["clang++", "--version"])),
        ("cmake", tool_version(["cmake", "--version"])),
        ("valgrind", tool_version(["valgrind", "--version"])),
        ("python", f"{platform.python_version()}, scipy {scipy.__version__}"
                   f", matplotlib {matplotlib.__version__}"),
        ("repository", tool_version(["git", "-C", ROOT, "describe",
                                     "--always", "--dirty"])),
    ]


def tsan_rate_section(doc, inputs):
    rate = inputs.tsan_rate
    if not rate:
        return
    doc.subsection("ThreadSanitizer's report rate vs threads (plain load)")
    rows = []
    for cell in rate["cells"]:
        s = cell["summary"]
        text, runs = stats.rate_cell(s["reported"], s["runs"])
        rows.append([str(cell["threads"]), cell["tsan_options"], text, runs,
                     ", ".join(f"{k} {v}" for k, v in s["outcomes"].items()
                               if v)])
    doc.table(["threads", "TSAN_OPTIONS", "reported (95% Wilson)",
               "runs for 99%", "outcomes"], rows, numeric=[0, 2, 3])


def build(inputs, partial_reason):
    doc = Document("racelab: one shared client, per-request state inside it",
                   f"PARTIAL REPORT: {partial_reason}" if partial_reason
                   else "")
    result = overall.summary(inputs, partial_reason)
    overall.overall(doc, inputs, result)
    sections.headline(doc, inputs, charts)
    sections.verdicts(doc, inputs)
    sections.seed_report(doc, inputs)
    sections.diffs(doc, inputs)
    race_conditions.tempting_fix(doc, inputs)
    sections.matrix(doc, inputs)
    tsan_rate_section(doc, inputs)
    sections.cost_of_watching(doc, inputs)
    sections.benchmarks(doc, inputs)
    sections.own_class(doc, inputs)
    race_conditions.history_check(doc, inputs)
    found = sarif.collect(inputs.tsan_logs(), ROOT)
    sections.races(doc, inputs, found)
    teaching.lab(doc, ROOT, inputs.report_dir)
    facts = machine_facts()
    sections.machine(doc, inputs, facts, inputs.timings)
    figures = {"verdicts": inputs.verdicts,
               "matrix_summary": {k: m["summary"] if m else None
                                  for k, m in inputs.matrices.items()},
               "tsan_rate": inputs.tsan_rate,
               "bench": inputs.bench,
               "own_class": inputs.share_rate(),
               "history_check": {name: inputs.history_rate(name)
                                 for name, _ in history_rates.SUITES},
               "races": found, "machine": dict(facts),
               "timings": inputs.timings,
               "partial": partial_reason or None,
               "overall": result}
    return doc, found, figures


def main(argv=None):
    parser = common.argument_parser("report", __doc__)
    parser.add_argument("--out", default="out")
    parser.add_argument("--report", default="report")
    parser.add_argument("--partial", default="", metavar="REASON")
    options = parser.parse_args(argv)
    if not os.path.isdir(options.out):
        fail(f"{options.out} does not exist: run scripts/run first")
    target = options.report + ("-partial" if options.partial else "")
    inputs = Inputs(options.out, target)
    if not any(inputs.verdicts.values()) and not any(
            inputs.matrices.values()):
        fail(f"nothing to report on in {options.out}: no verdict and no "
             "matrix (run scripts/run)")
    doc, found, figures = build(inputs, options.partial)
    version = tool_version(["clang++", "--version"])
    # The report's own charts also as files, for index.md's image links.
    charts = {md_path: svg for kind, (svg, _, md_path) in
              ((k, p) for k, p in doc.blocks if k == "figure")
              if md_path and "/" not in md_path}
    common.replace_directory(target, {
        **charts,
        "index.html": doc.to_html(),
        "index.md": doc.to_markdown(),
        "report.json": json.dumps(figures, indent=2, default=str) + "\n",
        "races.sarif": json.dumps(sarif.to_sarif(found, version),
                                  indent=2) + "\n"})
    print(f"report: wrote {target}/index.html (and index.md, report.json, "
          f"races.sarif: {len(found)} race(s))", file=sys.stderr)

