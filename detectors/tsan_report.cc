// detectors/tsan_report.cc

#include "detectors/tsan_report.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace racelab {
namespace {

constexpr size_t kMaxFunctionChars = 100;

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

// "/abs/path/repro/params.cc:20:3" -> "repro/params.cc:20:3".
absl::string_view ShortPath(absl::string_view path) {
  for (absl::string_view dir :
       {"/base/", "/world/", "/instrument/", "/repro/", "/fixed/", "/load/",
        "/detectors/", "/experiments/", "/cli/", "/bench/"}) {
    if (const size_t at = path.rfind(dir); at != absl::string_view::npos) {
      return path.substr(at + 1);
    }
  }
  const size_t slash = path.rfind('/');
  return slash == absl::string_view::npos ? path : path.substr(slash + 1);
}

// "    #3 racelab::repro::Params::Set(std::string, ...) /src/repro/params.cc:14
// (racelab+0x1) (BuildId: ab12)" -> "    #3 racelab::repro::Params::Set(...)
// repro/params.cc:14"
std::string ShortFrame(absl::string_view line) {
  // Drop the trailing " (racelab+0x1234)" and " (BuildId: ...)" groups.
  while (absl::EndsWith(line, ")")) {
    const size_t open = line.rfind(" (");
    if (open == absl::string_view::npos) break;
    absl::string_view group = line.substr(open + 2);
    if (!absl::StrContains(group, "+0x") &&
        !absl::StartsWith(group, "BuildId:")) {
      break;
    }
    line = line.substr(0, open);
  }
  absl::string_view location;
  if (const size_t space = line.rfind(' ');
      space != absl::string_view::npos &&
      absl::StrContains(line.substr(space), '/')) {
    location = ShortPath(line.substr(space + 1));
    line = line.substr(0, space);
  }
  std::string function(line);
  if (const size_t open = function.find('(');
      open != std::string::npos && function.size() > kMaxFunctionChars) {
    function = absl::StrCat(function.substr(0, open), "(...)");
  }
  return location.empty() ? function : absl::StrCat(function, " ", location);
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
       {"std::", "absl::", "racelab::share_internal::", "testing::", "__",
        "<null>", "void std::", "decltype(", "operator new", "operator delete",
        "pthread_", "free ", "malloc ", "memcpy ", "memmove ", "memset ",
        "strlen "}) {
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

TsanReportSummary SummarizeTsanOutput(absl::string_view stderr_text,
                                      int frames_per_access,
                                      FrameFilter filter) {
  TsanReportSummary summary;
  bool in_access = false;
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
    } else if (in_access && absl::StartsWith(body, "#")) {
      if (!(filter == FrameFilter::kRacelab ? IsRacelabFrame(line)
                                            : IsUserFrame(line))) {
        continue;
      }
      if (NamesSeedRace(line)) summary.names_seed_race = true;
      if (NamesSharedClientState(line)) {
        summary.names_shared_client_state = true;
      }
      if (frames_left > 0) {
        summary.key_lines.push_back(ShortFrame(line));
        --frames_left;
      }
    } else if (absl::StartsWith(line, "SUMMARY: ThreadSanitizer:")) {
      // "SUMMARY: ThreadSanitizer: data race /path/f.h:1:2 in fn": keep the
      // kind and location; the function is a container internal.
      std::string shortened(line);
      if (const size_t in = shortened.find(" in "); in != std::string::npos) {
        shortened.resize(in);
      }
      if (const size_t slash = shortened.find('/');
          slash != std::string::npos) {
        shortened = absl::StrCat(shortened.substr(0, slash),
                                 ShortPath(shortened.substr(slash)));
      }
      summary.key_lines.push_back(std::move(shortened));
      in_access = false;
    } else if (body.empty()) {
      in_access = false;
    }
  }
  if (summary.reports > 0 && IsUnsymbolizedTsanOutput(stderr_text)) {
    summary.unsymbolized = true;
    summary.key_lines.insert(summary.key_lines.begin(),
                             std::string(kUnsymbolizedReason));
  }
  return summary;
}

}  // namespace racelab
