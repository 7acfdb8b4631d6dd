// detectors/detector.cc

#include "detectors/detector.h"

#include "absl/strings/str_cat.h"
#include "base/check.h"

namespace racelab {
namespace {

// The Valgrind command line for helgrind or drd. Helgrind does not check
// stack references: Debian's absl::Mutex hands its waiter record over on
// the waiter's stack, an ordering Valgrind cannot see
// (instrument/valgrind_visible_lock.cc); DRD skips the stack by default.
std::vector<std::string> ValgrindCommand(Detector detector,
                                         const DetectorTools& tools) {
  std::vector<std::string> command = {
      tools.valgrind, absl::StrCat("--tool=", DetectorName(detector)),
      absl::StrCat("--suppressions=", tools.suppressions),
      absl::StrCat("--error-exitcode=", kValgrindErrorExitCode), "-q"};
  if (detector == Detector::kHelgrind) {
    command.push_back("--check-stack-refs=no");
  }
  return command;
}

}  // namespace

std::string DetectorUnavailable(Detector detector, const DetectorTools& tools) {
  switch (detector) {
    case Detector::kTsan:
      return tools.tsan_tool.empty()
                 ? "no TSan build of racelab (cmake --workflow --preset "
                   "ci-tsan, or --tsan_tool)"
                 : "";
    case Detector::kGuard:
      return tools.guard_tool.empty()
                 ? "no racelab_guard (build the default or release preset, "
                   "or --guard_tool)"
                 : "";
    case Detector::kAudit:
      return tools.native_tool.empty()
                 ? "no native racelab (run the matrix from a build without "
                   "sanitizer)"
                 : "";
    case Detector::kHelgrind:
    case Detector::kDrd:
      if (tools.valgrind.empty()) {
        return "valgrind is not installed (scripts/setup installs it)";
      }
      return tools.native_tool.empty() ? "no native racelab for Valgrind to run"
                                       : "";
    case Detector::kStatic:
      return tools.unavailable_static;
    case Detector::kHistory:
      return tools.history_tool.empty()
                 ? "no racelab_history (build the default preset: it sits "
                   "in build/default/share/)"
                 : "";
  }
  return "unknown detector";
}

DetectorLaunch LaunchFor(Detector detector, const DetectorTools& tools) {
  RACELAB_CHECK(detector != Detector::kStatic,
                "the static check is a compile, not a hammer run");
  DetectorLaunch launch;
  launch.tool = tools.native_tool;
  switch (detector) {
    case Detector::kTsan:
      launch.tool = tools.tsan_tool;
      launch.stderr_marker = "WARNING: ThreadSanitizer:";
      break;
    case Detector::kGuard:
      launch.tool = tools.guard_tool;
      launch.stderr_marker = "fatal error: concurrent map";
      break;
    case Detector::kHelgrind:
    case Detector::kDrd:
      launch.valgrind_load = true;
      launch.wrapper = ValgrindCommand(detector, tools);
      launch.stderr_marker = detector == Detector::kHelgrind
                                 ? "Possible data race"
                                 : "Conflicting ";
      break;
    case Detector::kHistory:
      launch.tool = tools.history_tool;
      break;
    case Detector::kAudit:
    case Detector::kStatic:
      break;
  }
  return launch;
}

std::vector<std::string> StaticCheckCommand(const DetectorTools& tools,
                                            absl::string_view source) {
  return {tools.clang,
          "-std=c++20",
          "-fsyntax-only",
          "-Wthread-safety",
          "-Werror=thread-safety",
          absl::StrCat("-I", tools.source_dir),
          absl::StrCat(tools.source_dir, "/", source)};
}

bool Caught(Detector detector, EvidenceKind evidence) {
  switch (detector) {
    case Detector::kTsan:
      return evidence == EvidenceKind::kTsanReport;
    case Detector::kGuard:
      return evidence == EvidenceKind::kGuardReport;
    case Detector::kHelgrind:
    case Detector::kDrd:
      return evidence == EvidenceKind::kValgrindReport;
    case Detector::kStatic:
      return evidence == EvidenceKind::kStaticReport;
    case Detector::kAudit:
      return ShowsTheBug(evidence);  // nothing watches: the damage is it
    case Detector::kHistory:
      // MayShare's verdict: "may NOT be shared", whatever showed it (a
      // history no order explains, a wrong result, a crash in its child).
      return ShowsTheBug(evidence);
  }
  return false;
}

}  // namespace racelab
