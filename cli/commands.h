// cli/commands.h
//
// The racelab tool's commands: one table (cli/commands.cc) of name, run
// function and usage, and one file per command (cli/<name>_command.cc).
// Each command reads its flags (cli/flags.h), runs, prints, and returns
// what it concluded; bad flags are InvalidArgument, a run that could not be
// done another error. Only main() (cli/racelab_main.cc) turns either into
// an exit code. Adding a command: its file, its row (and declaration) in
// cli/commands.cc, its source in cli/CMakeLists.txt, and any new flags in
// cli/flags.cc. Not thread-safe: call from main()'s thread.

#ifndef RACELAB_CLI_COMMANDS_H_
#define RACELAB_CLI_COMMANDS_H_

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "cli/conclusion.h"
#include "cli/flags.h"

namespace racelab {

// One command of the tool. Constant (a row of the table).
struct Command {
  const char* name;  // `racelab <name>`
  absl::StatusOr<Conclusion> (*run)(const Arguments& arguments);
  bool takes_files;   // positional arguments after the name (merge)
  const char* usage;  // its lines of `racelab help`
};

// Every command, in the order `racelab help` lists them.
absl::Span<const Command> AllCommands();

// Runs the command `arguments.positional[0]` names.
// REQUIRES: !arguments.positional.empty().
absl::StatusOr<Conclusion> RunCommand(const Arguments& arguments);

}  // namespace racelab

#endif  // RACELAB_CLI_COMMANDS_H_
