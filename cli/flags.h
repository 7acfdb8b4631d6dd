// cli/flags.h
//
// The racelab tool's flags (one set for every command; each flag's help
// says which commands read it), the parsing of a command line against them,
// and the validation of every value a command reads. Each message is
// written once, here. Every function returns InvalidArgument with a message
// a user can act on; only main() turns it into exit code 2. Not
// thread-safe: call from main()'s thread (absl flags are process-global).

#ifndef RACELAB_CLI_FLAGS_H_
#define RACELAB_CLI_FLAGS_H_

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/flags/declare.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "experiments/matrix.h"
#include "instrument/race_points.h"
#include "load/hammer.h"
#include "variants/run_transport.h"
#include "variants/variants.h"

ABSL_DECLARE_FLAG(std::string, variant);
ABSL_DECLARE_FLAG(int32_t, threads);
ABSL_DECLARE_FLAG(int64_t, iterations);
ABSL_DECLARE_FLAG(absl::Duration, duration);
ABSL_DECLARE_FLAG(uint64_t, seed);
ABSL_DECLARE_FLAG(std::string, schedule);
ABSL_DECLARE_FLAG(std::string, forcing);
ABSL_DECLARE_FLAG(bool, record_schedule);
ABSL_DECLARE_FLAG(std::string, tally_file);
ABSL_DECLARE_FLAG(int32_t, runs);
ABSL_DECLARE_FLAG(std::string, variants);
ABSL_DECLARE_FLAG(std::string, detectors);
ABSL_DECLARE_FLAG(int32_t, valgrind_threads);
ABSL_DECLARE_FLAG(int64_t, valgrind_iterations);
ABSL_DECLARE_FLAG(std::string, tsan_tool);
ABSL_DECLARE_FLAG(std::string, guard_tool);
ABSL_DECLARE_FLAG(absl::Duration, timeout);
ABSL_DECLARE_FLAG(std::string, transport);
ABSL_DECLARE_FLAG(std::string, handles);
ABSL_DECLARE_FLAG(int32_t, port);
ABSL_DECLARE_FLAG(std::string, out);
ABSL_DECLARE_FLAG(std::string, report);

namespace racelab {

struct Arguments {
  std::vector<std::string> positional;  // the command, and any extra words
  // Names of the flags given on the command line, so a command can tell an
  // explicit value from the default.
  absl::flat_hash_set<std::string> given;
  bool help = false;  // --help or -h
};

// Parses --name=value / --name value / --bool_flag arguments against the
// flags above, setting them. Unknown flags and bad values are errors naming
// them.
absl::StatusOr<Arguments> ParseArguments(int argc, char** argv);

// The validated values, one function per concept.
absl::StatusOr<Variant> VariantFromFlags();
absl::StatusOr<HammerOptions> HammerOptionsFromFlags();
absl::StatusOr<absl::Duration> TimeoutFromFlags();
// --transport, --handles, --port; the server binary is this one.
absl::StatusOr<TransportOptions> TransportOptionsFromFlags();
absl::StatusOr<std::string> OutDirFromFlags();
// --runs, or `default_runs` when it was not given.
absl::StatusOr<int> RunsFromFlags(const Arguments& arguments, int default_runs);
absl::StatusOr<std::vector<Variant>> VariantListFromFlags();
absl::StatusOr<std::vector<Detector>> DetectorListFromFlags();
// --report: a plain file name inside --out.
absl::StatusOr<std::string> ReportNameFromFlags();
// --forcing: spin or mutex.
absl::StatusOr<ForcingMode> ForcingFromFlags();
// matrix's --schedule: "seed" or empty.
absl::StatusOr<std::string> MatrixScheduleFromFlags();
// matrix's --shard=I/N as (I, N); (0, 1) when absent.
absl::StatusOr<std::pair<int, int>> ShardFromFlags();
// --valgrind_threads and --valgrind_iterations, both >= 1.
absl::StatusOr<std::pair<int, int64_t>> ValgrindLoadFromFlags();
// --tsan_tool / --guard_tool: empty, or an executable file.
absl::StatusOr<std::string> TsanToolFromFlags();
absl::StatusOr<std::string> GuardToolFromFlags();

// Every flag defined in flags.cc, with its default and help.
void PrintFlags(FILE* out);

}  // namespace racelab

#endif  // RACELAB_CLI_FLAGS_H_
