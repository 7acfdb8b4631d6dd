// cli/racelab_main.cc
//
// racelab: the command-line tool. This file only parses and dispatches:
// the commands are one table (cli/commands.cc), each in
// cli/<name>_command.cc; the flags in cli/flags.cc, the help in
// cli/usage.cc. `racelab help` lists every command, flag and exit code.
//
// main() is the one place that turns what a command concluded, or the error
// it returned, into the exit code: 0 as expected; 1 not as expected; 2 bad
// usage or a run that could not be done; 3 detectors unavailable; 130
// interrupted. (66 and 134 come from the runtime: a TSan report or crash,
// and the map guard's abort.)

#include <cstdio>
#include <string>

#include "absl/debugging/symbolize.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/interrupt.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "cli/usage.h"

namespace racelab {
namespace {

constexpr int kExitNotAsExpected = 1;
constexpr int kExitUsage = 2;
constexpr int kExitUnavailable = 3;

int ExitCode(const absl::StatusOr<Conclusion>& conclusion) {
  if (!conclusion.ok()) {
    const absl::Status& status = conclusion.status();
    if (absl::IsInvalidArgument(status)) {
      std::fprintf(stderr, "racelab: %s\nRun 'racelab help' for usage.\n",
                   std::string(status.message()).c_str());
    } else {
      std::fprintf(stderr, "racelab: %s\n", status.ToString().c_str());
    }
    return kExitUsage;
  }
  switch (*conclusion) {
    case Conclusion::kAsExpected:
      return 0;
    case Conclusion::kNotAsExpected:
      return kExitNotAsExpected;
    case Conclusion::kUnavailable:
      return kExitUnavailable;
    case Conclusion::kInterrupted:
      return kExitInterrupted;
  }
  return kExitUsage;
}

int Main(int argc, char** argv) {
  absl::StatusOr<Arguments> arguments = ParseArguments(argc, argv);
  if (!arguments.ok()) return ExitCode(arguments.status());
  if (arguments->help) {
    PrintHelp(stdout);
    return 0;
  }
  if (arguments->positional.empty()) {
    PrintHelp(stderr);
    return kExitUsage;
  }
  return ExitCode(RunCommand(*arguments));
}

}  // namespace
}  // namespace racelab

int main(int argc, char** argv) {
  // Lets the map guard's fatal report (and any other stack) name functions.
  absl::InitializeSymbolizer(argv[0]);
  return racelab::Main(argc, argv);
}
