// cli/matrix_command.cc
//
// `racelab matrix`: the detection matrix (experiments/matrix.h), with the tools
// it needs found beside this one.

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/build_info.h"
#include "base/check.h"
#include "base/child_process.h"
#include "cli/build_identity.h"
#include "cli/commands.h"
#include "experiments/matrix.h"
#include "experiments/matrix_report.h"

namespace racelab {
namespace {

bool IsExecutable(const std::string& path) {
  return !path.empty() && access(path.c_str(), X_OK) == 0;
}

std::string FindInPath(const char* program) {
  const char* path = std::getenv("PATH");
  for (absl::string_view dir :
       absl::StrSplit(path == nullptr ? "/usr/bin:/bin" : path, ':')) {
    std::string candidate = absl::StrCat(dir, "/", program);
    if (IsExecutable(candidate)) return candidate;
  }
  return "";
}

// The matrix's options from its flags (the tools are found apart).
absl::StatusOr<MatrixOptions> MatrixOptionsFromFlags(
    const Arguments& arguments) {
  for (const char* flag : {"transport", "handles", "port"}) {
    if (arguments.given.contains(flag)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--", flag,
          " applies to hammer, verdict and audit; the matrix runs in process "
          "(Helgrind cannot follow a lock held across a network round trip: "
          "docs/wire.md)"));
    }
  }
  MatrixOptions options;
  absl::StatusOr<HammerOptions> hammer = HammerOptionsFromFlags();
  if (!hammer.ok()) return hammer.status();
  options.threads = hammer->threads;
  options.iterations = hammer->iterations;
  // --runs defaults to 1 (for audit); the matrix wants a sample.
  absl::StatusOr<int> runs = RunsFromFlags(arguments, 20);
  if (!runs.ok()) return runs.status();
  options.runs = *runs;
  absl::StatusOr<std::string> out = OutDirFromFlags();
  if (!out.ok()) return out.status();
  options.out_dir = *out;
  absl::StatusOr<absl::Duration> timeout = TimeoutFromFlags();
  if (!timeout.ok()) return timeout.status();
  options.timeout = *timeout;
  absl::StatusOr<std::string> schedule = MatrixScheduleFromFlags();
  if (!schedule.ok()) return schedule.status();
  options.buggy_schedule = *schedule;
  absl::StatusOr<std::pair<int, int64_t>> valgrind_load =
      ValgrindLoadFromFlags();
  if (!valgrind_load.ok()) return valgrind_load.status();
  std::tie(options.valgrind_threads, options.valgrind_iterations) =
      *valgrind_load;
  absl::StatusOr<std::vector<Variant>> variants = VariantListFromFlags();
  if (!variants.ok()) return variants.status();
  options.variants = *variants;
  absl::StatusOr<std::vector<Detector>> detectors = DetectorListFromFlags();
  if (!detectors.ok()) return detectors.status();
  options.detectors = *detectors;
  absl::StatusOr<std::pair<int, int>> shard = ShardFromFlags();
  if (!shard.ok()) return shard.status();
  std::tie(options.shard_index, options.shard_count) = *shard;
  return options;
}

// The tools each detector runs: this binary, its siblings in the same
// build tree (or those the flags name), valgrind and clang++ from PATH;
// and the build they all come from.
absl::Status FindTools(MatrixOptions& options) {
  absl::StatusOr<std::string> self = SelfExecutablePath();
  if (!self.ok()) return self.status();
  const std::filesystem::path self_path(*self);
  const std::filesystem::path build_dir = self_path.parent_path().parent_path();
  const bool self_is_guard = self_path.filename() == "racelab_guard";
  DetectorTools& tools = options.tools;
  if (!IsTsanBuild() && !self_is_guard) tools.native_tool = *self;
  absl::StatusOr<std::string> guard_tool = GuardToolFromFlags();
  if (!guard_tool.ok()) return guard_tool.status();
  tools.guard_tool = *guard_tool;
  if (tools.guard_tool.empty()) {
    const std::string sibling = self_path.parent_path() / "racelab_guard";
    if (IsExecutable(sibling)) tools.guard_tool = sibling;
  }
  absl::StatusOr<std::string> tsan_tool = TsanToolFromFlags();
  if (!tsan_tool.ok()) return tsan_tool.status();
  tools.tsan_tool = *tsan_tool;
  if (tools.tsan_tool.empty()) {
    const std::string beside = build_dir.parent_path() / "tsan/cli/racelab";
    if (IsTsanBuild()) {
      tools.tsan_tool = *self;
    } else if (IsExecutable(beside)) {
      tools.tsan_tool = beside;
    }
  }
  // racelab_history from a native build: this tree's, or build/default's
  // beside a TSan tree.
  const std::filesystem::path history =
      IsTsanBuild() ? build_dir.parent_path() / "default/cli/racelab_history"
                    : build_dir / "cli/racelab_history";
  if (IsExecutable(history.string())) tools.history_tool = history.string();
  if (const char* tsan_options = std::getenv("TSAN_OPTIONS")) {
    options.tsan_options_env = tsan_options;
  }
  tools.valgrind = FindInPath("valgrind");
  tools.source_dir = RACELAB_SOURCE_DIR;
  tools.suppressions =
      absl::StrCat(tools.source_dir, "/detectors/valgrind.supp");
  tools.clang = RACELAB_COMPILER_IS_CLANG ? std::string(RACELAB_CXX_COMPILER)
                                          : FindInPath("clang++");
  if (tools.clang.empty()) {
    tools.unavailable_static =
        "no clang++ (g++ ignores the thread-safety annotations)";
  } else if (!std::filesystem::exists(
                 absl::StrCat(tools.source_dir, "/CMakeLists.txt"))) {
    tools.unavailable_static =
        absl::StrCat("racelab's sources are not at ", tools.source_dir);
  }
  // Each exhibit declares its static-check source in its own CMakeLists.txt;
  // CMake hands the list over as "variant=path,variant=path".
  for (absl::string_view entry :
       absl::StrSplit(RACELAB_STATIC_SOURCES, ',', absl::SkipEmpty())) {
    std::pair<std::string, std::string> declared =
        absl::StrSplit(entry, absl::MaxSplits('=', 1));
    absl::StatusOr<Variant> variant = ParseVariant(declared.first);
    RACELAB_CHECK(variant.ok(),
                  "CMake declared a static-check source for a "
                  "variant racelab does not know");
    options.static_sources.emplace_back(*variant, declared.second);
  }
  absl::StatusOr<std::string> build = BuildIdentity(
      {*self, tools.tsan_tool, tools.guard_tool, tools.history_tool});
  if (!build.ok()) return build.status();
  options.build = *build;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Conclusion> MatrixCommand(const Arguments& arguments) {
  absl::StatusOr<MatrixOptions> options = MatrixOptionsFromFlags(arguments);
  if (!options.ok()) return options.status();
  if (absl::Status found = FindTools(*options); !found.ok()) return found;
  absl::StatusOr<MatrixResult> result = RunMatrix(*options);
  if (!result.ok()) return result.status();
  if (result->interrupted) return Conclusion::kInterrupted;
  std::fputs(MatrixConclusion(*result).c_str(), stdout);
  std::printf(
      "Written: %s/matrix.json, matrix.xml. To read it: scripts/matrix-report "
      "%s (writes matrix.md and matrix.html beside them)\n",
      options->out_dir.c_str(), options->out_dir.c_str());
  return result->AnyCheckFailed()   ? Conclusion::kNotAsExpected
         : result->AnyUnavailable() ? Conclusion::kUnavailable
                                    : Conclusion::kAsExpected;
}

}  // namespace racelab
