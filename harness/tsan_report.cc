// harness/tsan_report.cc

#include "harness/tsan_report.h"

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace racelab {
namespace {

bool IsAccessHeader(absl::string_view line) {
  // "  Write of size 8 at 0x... by thread T2:", "  Previous read of ...",
  // "  Atomic write of ...", "  Location is heap block ..."
  absl::string_view body = absl::StripLeadingAsciiWhitespace(line);
  return body != line &&
         (absl::StartsWith(body, "Read of") ||
          absl::StartsWith(body, "Write of") ||
          absl::StartsWith(body, "Previous read of") ||
          absl::StartsWith(body, "Previous write of") ||
          absl::StartsWith(body, "Atomic read of") ||
          absl::StartsWith(body, "Atomic write of"));
}

// "    #0 fn() /path/file.cc:20:3 (racelab+0x1234)" without the module part.
std::string TrimFrame(absl::string_view line) {
  if (const size_t open = line.rfind(" ("); open != absl::string_view::npos &&
                                            absl::EndsWith(line, ")")) {
    line = line.substr(0, open);
  }
  return std::string(line);
}

}  // namespace

TsanReportSummary SummarizeTsanOutput(absl::string_view stderr_text,
                                      int frames_per_access) {
  TsanReportSummary summary;
  int frames_left = 0;
  for (absl::string_view line : absl::StrSplit(stderr_text, '\n')) {
    absl::string_view body = absl::StripLeadingAsciiWhitespace(line);
    if (absl::StartsWith(line, "WARNING: ThreadSanitizer:")) {
      ++summary.reports;
      summary.key_lines.emplace_back(line);
      frames_left = 0;
    } else if (IsAccessHeader(line)) {
      summary.key_lines.emplace_back(line);
      frames_left = frames_per_access;
    } else if (frames_left > 0 && absl::StartsWith(body, "#")) {
      summary.key_lines.push_back(TrimFrame(line));
      --frames_left;
      if (absl::StrContains(line, "Params::DeepCopy") ||
          absl::StrContains(line, "HttpApp::SetParams") ||
          absl::StrContains(line, "Params::Set(")) {
        summary.names_seed_race = true;
      }
    } else if (absl::StartsWith(line, "SUMMARY: ThreadSanitizer:")) {
      summary.key_lines.emplace_back(line);
      frames_left = 0;
    } else if (body.empty()) {
      frames_left = 0;
    }
  }
  return summary;
}

}  // namespace racelab
