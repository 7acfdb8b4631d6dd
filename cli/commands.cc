// cli/commands.cc
//
// The racelab tool's one table of commands: name, how it runs, its usage.
// `racelab help` prints the usages in this order.

#include "cli/commands.h"

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "cli/usage.h"

namespace racelab {

namespace {

absl::StatusOr<Conclusion> HelpCommand(const Arguments&) {
  PrintHelp(stdout);
  return Conclusion::kAsExpected;
}

constexpr Command kCommands[] = {
    {"hammer", HammerCommand, /*takes_files=*/false,
     "  racelab hammer  --variant=NAME [--threads=N] [--iterations=N | "
     "--duration=D] [--seed=N]\n"
     "                  [--transport=inproc|http [--handles=STRATEGY] "
     "[--port=N]]\n"
     "                  [--schedule=seed|STEPS [--forcing=spin|mutex]] "
     "[--record_schedule]\n"
     "      Hammer one variant in this process and print the outcome counts.\n"
     "      Exit 0 if every request was ok, 1 if any was not (or a schedule\n"
     "      step never arrived).\n"},
    {"verdict", VerdictCommand, /*takes_files=*/false,
     "  racelab verdict [--threads=N] [--iterations=N] [--timeout=D] "
     "[--out=DIR] [--report=NAME]\n"
     "      The CI verdict, every row a child process judged by what it\n"
     "      printed: liveness (the seed's interleaving, forced: TSan must\n"
     "      REPORT it; natively it must give wrong results), stress (the\n"
     "      buggy client under the plain load: measured, never pass/fail),\n"
     "      and every fix under the plain load (must be clean). Writes\n"
     "      DIR/NAME. Exit 0 if liveness and every fix are as expected, 1 if\n"
     "      not.\n"},
    {"audit", AuditCommand, /*takes_files=*/false,
     "  racelab audit   --variant=NAME [--threads=N] [--iterations=N] "
     "[--runs=N] [--timeout=D]\n"
     "      The corruption audit: hammer the variant in child processes with\n"
     "      nothing watching (run it from a build without sanitizer or guard)\n"
     "      and classify every request, however the child ends (exit,\n"
     "      SIGSEGV, SIGABRT, SIGILL, hang). Exit 0 if every run of a fix was\n"
     "      clean, or the buggy variant showed its damage; 1 otherwise.\n"},
    {"matrix", MatrixCommand, /*takes_files=*/false,
     "  racelab matrix  [--runs=N] [--out=DIR] [--variants=A,B] "
     "[--detectors=X,Y] [--timeout=D]\n"
     "      The detection matrix: every variant x detector (tsan, guard,\n"
     "      audit, helgrind, drd, static, history), N child processes each.\n"
     "      Writes DIR/matrix.json and matrix.xml (JUnit); scripts/\n"
     "      matrix-report DIR renders it for people (matrix.md, .html). Every\n"
     "      run is classified by what it printed; a buggy variant counts as\n"
     "      detected only when the detector itself reported it, and on the\n"
     "      tempting wrong fix (locked_fields: no data race) a data-race\n"
     "      detector must stay silent. Run it from a build without sanitizer\n"
     "      (default or release preset); it finds the TSan build beside it.\n"
     "      --schedule=seed runs the buggy variants as the forced seed\n"
     "      interleaving (a liveness check: every run must be detected);\n"
     "      without it their cells are measured rates, never pass/fail.\n"
     "      Exit 0 all checks as expected, 1 a fix flagged, a liveness run\n"
     "      missed or a data race reported on locked_fields, 3 some detector\n"
     "      unavailable (the rest as expected). --shard=I/N runs only every\n"
     "      N-th run (the I-th of N shards, 0-based), for a campaign spread\n"
     "      over CI runners; run k of a cell hammers with seed k whichever\n"
     "      shard runs it.\n"},
    {"merge", MergeCommand, /*takes_files=*/true,
     "  racelab merge   --out=DIR SHARD.json...\n"
     "      The shards' matrix.json files as one matrix, written to DIR as\n"
     "      an unsharded run would have (matrix.json, .xml), exit codes\n"
     "      as matrix. Refuses, naming the file, shards of different builds\n"
     "      (the tools' SHA-256) or options, incomplete shards, a shard\n"
     "      given twice or missing.\n"},
    {"serve", ServeCommand, /*takes_files=*/false,
     "  racelab serve   [--port=N]\n"
     "      The PDD router double over HTTP on 127.0.0.1 only (cpp-httplib),\n"
     "      until SIGTERM or Ctrl-C; --port=0 (the default) takes any free\n"
     "      port. Prints \"racelab serve: listening on "
     "http://127.0.0.1:PORT\".\n"
     "      hammer, verdict and audit start one for themselves with\n"
     "      --transport=http [--handles=STRATEGY] (docs/wire.md).\n"},
    {"variants", VariantsCommand, /*takes_files=*/false,
     "  racelab variants\n"
     "      List the variants.\n"},
    {"help", HelpCommand, /*takes_files=*/false,
     "  racelab help\n"
     "      This text.\n"},
};

}  // namespace

absl::Span<const Command> AllCommands() { return kCommands; }

absl::StatusOr<Conclusion> RunCommand(const Arguments& arguments) {
  const std::vector<std::string>& positional = arguments.positional;
  for (const Command& command : kCommands) {
    if (positional[0] != command.name) continue;
    if (!command.takes_files && positional.size() > 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("unexpected argument \"", positional[1], "\""));
    }
    return command.run(arguments);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown command \"", positional[0], "\""));
}

}  // namespace racelab
