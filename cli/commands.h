// cli/commands.h
//
// The racelab tool's commands, one file each (cli/<name>_command.cc). Each
// reads its flags (cli/flags.h), runs, prints, and returns what it
// concluded; bad flags are InvalidArgument, a run that could not be done
// another error. Only main() (cli/racelab_main.cc) turns either into an
// exit code. Not thread-safe: call from main()'s thread.

#ifndef RACELAB_CLI_COMMANDS_H_
#define RACELAB_CLI_COMMANDS_H_

#include "absl/status/statusor.h"
#include "cli/conclusion.h"
#include "cli/flags.h"

namespace racelab {

// `racelab hammer`: one variant in this process. Every outcome ok is
// kAsExpected; a wrong outcome, or a forced schedule that did not happen,
// kNotAsExpected.
absl::StatusOr<Conclusion> HammerCommand();

// `racelab verdict`: experiments/verdict.h.
absl::StatusOr<Conclusion> VerdictCommand();

// `racelab audit`: child runs with nothing watching (experiments/audit.h). The
// buggy variant must show damage, a fix must never.
absl::StatusOr<Conclusion> AuditCommand(const Arguments& arguments);

// `racelab matrix`: experiments/matrix.h, with the tools found beside this one.
absl::StatusOr<Conclusion> MatrixCommand(const Arguments& arguments);

// `racelab merge`: a sharded matrix's files as one (experiments/matrix_merge.h).
absl::StatusOr<Conclusion> MergeCommand(const Arguments& arguments);

// `racelab serve`: the loopback PDD server until SIGTERM/SIGINT
// (wire/pdd_http_server.h).
absl::StatusOr<Conclusion> ServeCommand();

// `racelab variants`: the list.
absl::StatusOr<Conclusion> VariantsCommand();

}  // namespace racelab

#endif  // RACELAB_CLI_COMMANDS_H_
