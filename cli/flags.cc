// cli/flags.cc

#include "cli/flags.h"

#include <unistd.h>

#include <algorithm>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

ABSL_FLAG(std::string, variant, "shared_unsafe",
          "hammer: which client strategy to run: shared_unsafe (the buggy "
          "repro) or a fix (`racelab variants` lists them all)");
ABSL_FLAG(int32_t, threads, 8,
          "hammer, verdict: threads that send requests at once, released "
          "together by a start latch");
ABSL_FLAG(int64_t, iterations, 2000,
          "hammer, verdict: requests per thread (hammer ignores it when "
          "--duration is set)");
ABSL_FLAG(absl::Duration, duration, absl::ZeroDuration(),
          "hammer: run for this long instead of --iterations (e.g. 2s)");
ABSL_FLAG(uint64_t, seed, 1, "hammer: seed of the per-thread generators");
ABSL_FLAG(std::string, schedule, "",
          "hammer: force an interleaving of the named race points: 'seed' "
          "(the incident's: B writes while A is inside DeepCopy's loop; for "
          "locked_fields, B writes after A, between A's locked steps) or "
          "steps ROLE@POINT separated by spaces; thread 0 is role A, thread 1 "
          "B, ... Needs a build with race points (default and tsan presets)");
ABSL_FLAG(std::string, forcing, "spin",
          "hammer: how --schedule forces the order: spin (relaxed atomics, "
          "no happens-before: TSan still sees the race) or mutex (a mutex "
          "and condition variable: TSan is blinded, the corruption is not)");
ABSL_FLAG(bool, record_schedule, false,
          "hammer: on the first wrong outcome, print the order in which the "
          "race points were hit during that request as a --schedule to "
          "replay it");
ABSL_FLAG(std::string, tally_file, "",
          "hammer: also count every outcome, as it happens, in this file "
          "(made by `racelab audit`), so that a crash loses nothing");
ABSL_FLAG(int32_t, runs, 1,
          "audit, matrix: child processes per audit / per matrix cell "
          "(matrix default: 20)");
ABSL_FLAG(std::string, variants, "",
          "matrix: comma-separated variants (default: all)");
ABSL_FLAG(std::string, detectors, "",
          "matrix: comma-separated detectors out of tsan, guard, audit, "
          "helgrind, drd, static, history (default: all)");
ABSL_FLAG(std::string, shard, "",
          "matrix: I/N runs only the I-th of N shards (0-based) of the "
          "matrix's runs; `racelab merge` combines the shards' matrix.json "
          "(default: all runs)");
ABSL_FLAG(int32_t, valgrind_threads, 4, "matrix: threads under Valgrind");
ABSL_FLAG(int64_t, valgrind_iterations, 50,
          "matrix: requests per thread under Valgrind (it is ~100x slower)");
ABSL_FLAG(std::string, tsan_tool, "",
          "matrix: the TSan build's racelab (default: build/tsan/cli/racelab "
          "next to this build)");
ABSL_FLAG(std::string, guard_tool, "",
          "matrix: racelab_guard (default: next to this binary)");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(120),
          "verdict, audit: time limit for each child process; a child "
          "still running then is killed and reported as a hang");
ABSL_FLAG(std::string, transport, "inproc",
          "hammer, verdict, audit: inproc (the router double in this "
          "process) or http (libcurl to a loopback server, racelab serve, "
          "started for the run)");
ABSL_FLAG(std::string, handles, "per_client",
          "with --transport=http: the CURL handle strategy (per_client, "
          "shared, per_request, per_thread, pool, curl_share; docs/wire.md)");
ABSL_FLAG(int32_t, port, 0,
          "serve, and the server of --transport=http: the TCP port on "
          "127.0.0.1 (0: any free port)");
ABSL_FLAG(std::string, out, "out",
          "verdict: directory for the report (created if missing)");
ABSL_FLAG(std::string, report, "verdict.md",
          "verdict: file name of the Markdown report inside --out");

namespace racelab {
namespace {

// Flags of this file only: absl registers its own (e.g. --flagfile) too.
bool IsRacelabFlag(const absl::CommandLineFlag& flag) {
  return absl::StrContains(flag.Filename(), "cli/flags.cc");
}

absl::Status Invalid(absl::string_view message) {
  return absl::InvalidArgumentError(message);
}

template <typename T, size_t N>
absl::StatusOr<std::vector<T>> ParseList(
    const std::string& text, const std::array<T, N>& all,
    absl::StatusOr<T> (*parse)(absl::string_view)) {
  if (text.empty()) return std::vector<T>(all.begin(), all.end());
  std::vector<T> items;
  for (absl::string_view name : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    absl::StatusOr<T> item = parse(name);
    if (!item.ok()) return item.status();
    items.push_back(*item);
  }
  if (items.empty()) return Invalid("an empty list");
  return items;
}

}  // namespace

absl::StatusOr<Arguments> ParseArguments(int argc, char** argv) {
  Arguments arguments;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      arguments.help = true;
      continue;
    }
    if (!absl::ConsumePrefix(&arg, "--")) {
      arguments.positional.emplace_back(arg);
      continue;
    }
    absl::string_view name = arg, value;
    bool has_value = false;
    if (const size_t eq = arg.find('='); eq != absl::string_view::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    if (flag == nullptr || !IsRacelabFlag(*flag)) {
      return Invalid(absl::StrCat("unknown flag --", name));
    }
    if (!has_value && flag->IsOfType<bool>()) {
      value = "true";  // --record_schedule alone means true
    } else if (!has_value) {
      if (i + 1 >= argc)
        return Invalid(absl::StrCat("--", name, " needs a value"));
      value = argv[++i];
    }
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      return Invalid(absl::StrCat("bad value for --", name, ": ", error));
    }
    arguments.given.insert(std::string(name));
  }
  return arguments;
}

absl::StatusOr<TransportOptions> TransportOptionsFromFlags() {
  TransportOptions options;
  absl::StatusOr<TransportKind> kind =
      kTransportKindTable.Parse(absl::GetFlag(FLAGS_transport));
  if (!kind.ok()) return kind.status();
  absl::StatusOr<Handles> handles =
      kHandlesTable.Parse(absl::GetFlag(FLAGS_handles));
  if (!handles.ok()) return handles.status();
  options.kind = *kind;
  options.handles = *handles;
  options.port = absl::GetFlag(FLAGS_port);
  if (options.kind == TransportKind::kHttp) {
    absl::StatusOr<std::string> self = SelfExecutablePath();
    if (!self.ok()) return self.status();
    options.server_binary = *self;
  }
  if (absl::Status valid = ValidateTransportOptions(options); !valid.ok()) {
    return valid;
  }
  return options;
}

absl::StatusOr<Variant> VariantFromFlags() {
  return ParseVariant(absl::GetFlag(FLAGS_variant));
}

absl::StatusOr<HammerOptions> HammerOptionsFromFlags() {
  HammerOptions options;
  options.threads = absl::GetFlag(FLAGS_threads);
  options.iterations = absl::GetFlag(FLAGS_iterations);
  options.duration = absl::GetFlag(FLAGS_duration);
  options.seed = absl::GetFlag(FLAGS_seed);
  if (absl::Status valid = ValidateHammerOptions(options); !valid.ok()) {
    return valid;
  }
  return options;
}

absl::StatusOr<absl::Duration> TimeoutFromFlags() {
  const absl::Duration timeout = absl::GetFlag(FLAGS_timeout);
  if (timeout <= absl::ZeroDuration()) {
    return Invalid("--timeout must be positive");
  }
  return timeout;
}

absl::StatusOr<std::string> OutDirFromFlags() {
  std::string out = absl::GetFlag(FLAGS_out);
  if (out.empty()) return Invalid("--out must not be empty");
  return out;
}

absl::StatusOr<int> RunsFromFlags(const Arguments& arguments,
                                  int default_runs) {
  const int runs = arguments.given.contains("runs") ? absl::GetFlag(FLAGS_runs)
                                                    : default_runs;
  if (runs < 1) return Invalid("--runs must be >= 1");
  return runs;
}

absl::StatusOr<std::vector<Variant>> VariantListFromFlags() {
  return ParseList<Variant>(absl::GetFlag(FLAGS_variants), kAllVariants,
                            &ParseVariant);
}

absl::StatusOr<std::vector<Detector>> DetectorListFromFlags() {
  return ParseList<Detector>(absl::GetFlag(FLAGS_detectors), kAllDetectors,
                             &ParseDetector);
}

absl::StatusOr<std::string> ReportNameFromFlags() {
  std::string name = absl::GetFlag(FLAGS_report);
  if (name.empty() || name.find('/') != std::string::npos) {
    return Invalid("--report must be a plain file name");
  }
  return name;
}

absl::StatusOr<ForcingMode> ForcingFromFlags() {
  const std::string forcing = absl::GetFlag(FLAGS_forcing);
  if (forcing == "spin") return ForcingMode::kRelaxedSpin;
  if (forcing == "mutex") return ForcingMode::kMutex;
  return Invalid(
      absl::StrCat("--forcing must be spin or mutex, got \"", forcing, "\""));
}

absl::StatusOr<std::string> MatrixScheduleFromFlags() {
  std::string schedule = absl::GetFlag(FLAGS_schedule);
  if (!schedule.empty() && schedule != "seed") {
    return Invalid("matrix: --schedule must be seed (or absent)");
  }
  return schedule;
}

absl::StatusOr<std::pair<int, int>> ShardFromFlags() {
  const std::string shard = absl::GetFlag(FLAGS_shard);
  if (shard.empty()) return std::make_pair(0, 1);
  std::pair<std::string, std::string> parts =
      absl::StrSplit(shard, absl::MaxSplits('/', 1));
  int index = 0, count = 0;
  if (!absl::SimpleAtoi(parts.first, &index) ||
      !absl::SimpleAtoi(parts.second, &count) || count < 1 || index < 0 ||
      index >= count) {
    return Invalid(absl::StrCat("--shard must be I/N with 0 <= I < N, got \"",
                                shard,
                                "\" (e.g. --shard=0/3 for the first "
                                "of three)"));
  }
  return std::make_pair(index, count);
}

absl::StatusOr<std::pair<int, int64_t>> ValgrindLoadFromFlags() {
  const int threads = absl::GetFlag(FLAGS_valgrind_threads);
  const int64_t iterations = absl::GetFlag(FLAGS_valgrind_iterations);
  if (threads < 1 || iterations < 1) {
    return Invalid("--valgrind_threads and --valgrind_iterations must be >= 1");
  }
  return std::make_pair(threads, iterations);
}

namespace {

absl::StatusOr<std::string> ExecutableOrEmpty(absl::string_view flag,
                                              std::string path) {
  if (!path.empty() && access(path.c_str(), X_OK) != 0) {
    return Invalid(
        absl::StrCat("--", flag, " ", path, " is not an executable"));
  }
  return path;
}

}  // namespace

absl::StatusOr<std::string> TsanToolFromFlags() {
  return ExecutableOrEmpty("tsan_tool", absl::GetFlag(FLAGS_tsan_tool));
}

absl::StatusOr<std::string> GuardToolFromFlags() {
  return ExecutableOrEmpty("guard_tool", absl::GetFlag(FLAGS_guard_tool));
}

void PrintFlags(FILE* out) {
  // From the registry, so the list can never fall behind the flags.
  std::vector<const absl::CommandLineFlag*> flags;
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (IsRacelabFlag(*flag)) flags.push_back(flag);
  }
  std::sort(flags.begin(), flags.end(),
            [](const auto* a, const auto* b) { return a->Name() < b->Name(); });
  for (const absl::CommandLineFlag* flag : flags) {
    std::fprintf(out, "  --%s (default %s)\n      %s\n",
                 std::string(flag->Name()).c_str(),
                 flag->DefaultValue().c_str(), flag->Help().c_str());
  }
}

}  // namespace racelab
