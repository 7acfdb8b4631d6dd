// detectors/tsan_report.cc

#include "detectors/tsan_report.h"

#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "detectors/tsan_frame.h"

namespace racelab {
namespace {

bool IsAccessHeader(absl::string_view line) {
  // "  Write of size 8 at 0x... by thread T2:", "  Previous read of ...",
  // "  Atomic write of ..."
  absl::string_view body = absl::StripLeadingAsciiWhitespace(line);
  return body.size() != line.size() &&
         (absl::StartsWith(body, "Read of") ||
          absl::StartsWith(body, "Write of") ||
          absl::StartsWith(body, "Previous read of") ||
          absl::StartsWith(body, "Previous write of") ||
          absl::StartsWith(body, "Atomic read of") ||
          absl::StartsWith(body, "Atomic write of"));
}

bool IsRacelabFrame(absl::string_view frame) {
  // Frames of racelab's own functions: "#N racelab::..." (not lambdas or
  // templates of other libraries that merely mention racelab types).
  absl::string_view body = absl::StripLeadingAsciiWhitespace(frame);
  const size_t space = body.find(' ');
  return space != absl::string_view::npos &&
         absl::StartsWith(body.substr(space + 1), "racelab::");
}

bool IsUserFrame(absl::string_view frame) {
  // "    #3 MyCache::Get(...) /src/cache.h:12 (test+0x1)": the function is
  // the word after "#N".
  absl::string_view body = absl::StripLeadingAsciiWhitespace(frame);
  const size_t space = body.find(' ');
  if (space == absl::string_view::npos) return false;
  const absl::string_view function = body.substr(space + 1);
  // A frame in a standard-library header (std::invoke, std::function) is
  // not the user's, whatever types its template arguments name.
  if (absl::StrContains(frame, "/include/c++/") ||
      absl::StrContains(frame, "/abseil-src/") ||
      absl::StrContains(frame, "/include/absl/")) {
    return false;
  }
  for (absl::string_view library :
       {"std::",           "absl::",    "racelab::share_internal::",
        "testing::",       "__",        "<null>",
        "void std::",      "decltype(", "operator new",
        "operator delete", "pthread_",  "free ",
        "malloc ",         "memcpy ",   "memmove ",
        "memset ",         "memcmp ",   "bcmp ",
        "strcmp ",         "strncmp ",  "strlen "}) {
    if (absl::StartsWith(function, library)) return false;
  }
  return true;
}

bool NamesSharedClientState(absl::string_view frame) {
  return absl::StrContains(frame, "racelab::repro::HttpApp::") ||
         absl::StrContains(frame, "racelab::repro::Params::");
}

bool NamesSeedRace(absl::string_view frame) {
  return absl::StrContains(frame, "Params::DeepCopy") ||
         absl::StrContains(frame, "HttpApp::SetParams") ||
         absl::StrContains(frame, "Params::Set(");
}

// "    #0 <null> <null> (racelab+0x6431d)": a frame with no function name.
bool IsNullFrame(absl::string_view body) {
  const size_t space = body.find(' ');
  return space != absl::string_view::npos &&
         absl::StartsWith(body.substr(space + 1), "<null>");
}

}  // namespace

bool IsUnsymbolizedTsanOutput(absl::string_view stderr_text) {
  bool in_report = false;
  bool in_access = false;
  int frames = 0;
  int null_frames = 0;
  for (absl::string_view line : absl::StrSplit(stderr_text, '\n')) {
    absl::string_view body = absl::StripLeadingAsciiWhitespace(line);
    if (absl::StrContains(line, "WARNING: ThreadSanitizer:")) {
      in_report = true;
      in_access = false;
    } else if (in_report && IsAccessHeader(line)) {
      in_access = true;
    } else if (in_access && absl::StartsWith(body, "#")) {
      ++frames;
      if (IsNullFrame(body)) ++null_frames;
    } else if (body.empty()) {
      in_access = false;
    }
  }
  return frames > 0 && null_frames == frames;
}

namespace {

// "SUMMARY: ThreadSanitizer: data race /path/f.h:1:2 in fn" cut to the kind
// and a short location; the function is a container internal.
std::string ShortSummaryLine(absl::string_view line) {
  std::string shortened(line);
  if (const size_t in = shortened.find(" in "); in != std::string::npos) {
    shortened.resize(in);
  }
  // No file:line, only "(module+0x...) (BuildId: ...)": the kind alone.
  if (const size_t module = shortened.find(" ("); module != std::string::npos) {
    shortened.resize(module);
  }
  if (const size_t slash = shortened.find('/'); slash != std::string::npos) {
    shortened = absl::StrCat(shortened.substr(0, slash),
                             ShortLocation(shortened.substr(slash)));
  }
  return shortened;
}

}  // namespace

TsanReportSummary SummarizeTsanOutput(absl::string_view stderr_text,
                                      int frames_per_access,
                                      FrameFilter filter) {
  TsanReportSummary summary;
  bool in_access = false;
  bool third_party_shown = false;
  bool any_line = false;
  // The frames the filter keeps (a user's own, not third-party), and how
  // many of them have a file:line: a test built without -g has none, even
  // when racelab's own frames (built with -g) have theirs.
  int kept_frames = 0;
  int kept_with_line = 0;
  int frames_left = 0;
  for (absl::string_view line : absl::StrSplit(stderr_text, '\n')) {
    absl::string_view body = absl::StripLeadingAsciiWhitespace(line);
    if (absl::StartsWith(line, "WARNING: ThreadSanitizer:")) {
      ++summary.reports;
      summary.key_lines.emplace_back(line);
      in_access = false;
    } else if (IsAccessHeader(line)) {
      summary.key_lines.emplace_back(line);
      in_access = true;
      frames_left = frames_per_access;
      third_party_shown = false;
    } else if (in_access && absl::StartsWith(body, "#")) {
      const std::optional<TsanFrame> frame = ParseTsanFrame(line);
      if (!frame.has_value()) continue;
      if (frame->has_line()) any_line = true;
      if (!(filter == FrameFilter::kRacelab ? IsRacelabFrame(line)
                                            : IsUserFrame(line))) {
        continue;
      }
      if (NamesSeedRace(line)) summary.names_seed_race = true;
      if (NamesSharedClientState(line)) {
        summary.names_shared_client_state = true;
      }
      // A third-party frame (an installed header: the library whose
      // memory the class touched) is shown once per access, cut, and
      // never takes the place of one of the user's frames.
      const bool third_party = OriginOf(*frame) == FrameOrigin::kThirdParty;
      if (!third_party) {
        ++kept_frames;
        if (frame->has_line()) ++kept_with_line;
      }
      if (third_party) {
        if (!third_party_shown)
          summary.key_lines.push_back(ShortFrameLine(*frame));
        third_party_shown = true;
      } else if (frames_left > 0) {
        summary.key_lines.push_back(ShortFrameLine(*frame));
        --frames_left;
      }
    } else if (absl::StartsWith(line, "SUMMARY: ThreadSanitizer:")) {
      summary.key_lines.push_back(ShortSummaryLine(line));
      in_access = false;
    } else if (body.empty()) {
      in_access = false;
    }
  }
  if (summary.reports > 0 && IsUnsymbolizedTsanOutput(stderr_text)) {
    summary.unsymbolized = true;
    summary.key_lines.insert(summary.key_lines.begin(),
                             std::string(kUnsymbolizedReason));
  } else if (summary.reports > 0 &&
             (!any_line || (kept_frames > 0 && kept_with_line == 0))) {
    summary.no_line_numbers = true;
    summary.key_lines.insert(summary.key_lines.begin(),
                             std::string(kNoLineNumbersReason));
  }
  return summary;
}

}  // namespace racelab
