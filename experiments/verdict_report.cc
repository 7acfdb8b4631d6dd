// experiments/verdict_report.cc

#include "experiments/verdict_report.h"

#include <filesystem>
#include <string>
#include <vector>

#include "base/atomic_file.h"

namespace racelab {
namespace {

std::string JsonPath(const std::string& report_path) {
  return std::filesystem::path(report_path).replace_extension(".json");
}

}  // namespace

absl::Status WriteVerdictReports(const VerdictOptions& options,
                                 const std::string& report_path,
                                 const std::vector<VerdictRow>& rows, bool done,
                                 std::string* markdown) {
  *markdown = VerdictMarkdown(options, rows, done);
  if (absl::Status s = WriteFileAtomically(report_path, *markdown); !s.ok()) {
    return s;
  }
  return WriteFileAtomically(JsonPath(report_path),
                             VerdictJson(options, rows, done));
}

}  // namespace racelab
