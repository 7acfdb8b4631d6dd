// cli/commands.h
//
// The racelab tool's commands: one table (cli/commands.cc) of name, run
// function and usage, and one file per command (cli/<name>_command.cc).
// Each command reads its flags (cli/flags.h), runs, prints, and returns
// what it concluded; bad flags are InvalidArgument, a run that could not be
// done another error. Only main() (cli/racelab_main.cc) turns either into
// an exit code. Adding a command: its file, its declaration below,
// its row in cli/commands.cc, its source in cli/CMakeLists.txt, and any new
// flags in cli/flags.cc. Not thread-safe: call from main()'s thread.

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

// The commands, each defined in cli/<name>_command.cc (which includes
// this header, so the compiler checks each definition against it).

// `racelab hammer`: one variant in this process. Every outcome ok is
// kAsExpected; a wrong outcome, or a forced schedule that did not happen,
// kNotAsExpected.
absl::StatusOr<Conclusion> HammerCommand(const Arguments& arguments);

// `racelab verdict`: experiments/verdict.h.
absl::StatusOr<Conclusion> VerdictCommand(const Arguments& arguments);

// `racelab audit`: child runs with nothing watching (experiments/audit.h). The
// buggy variant must show damage, a fix must never.
absl::StatusOr<Conclusion> AuditCommand(const Arguments& arguments);

// `racelab matrix`: experiments/matrix.h, with the tools found beside this one.
absl::StatusOr<Conclusion> MatrixCommand(const Arguments& arguments);

// `racelab merge`: a sharded matrix's files as one (experiments/matrix_merge.h).
absl::StatusOr<Conclusion> MergeCommand(const Arguments& arguments);

// `racelab serve`: the loopback PDD server until SIGTERM/SIGINT
// (wire/pdd_http_server.h).
absl::StatusOr<Conclusion> ServeCommand(const Arguments& arguments);

// `racelab variants`: the list.
absl::StatusOr<Conclusion> VariantsCommand(const Arguments& arguments);

// Runs the command `arguments.positional[0]` names.
// REQUIRES: !arguments.positional.empty().
absl::StatusOr<Conclusion> RunCommand(const Arguments& arguments);

}  // namespace racelab

#endif  // RACELAB_CLI_COMMANDS_H_
