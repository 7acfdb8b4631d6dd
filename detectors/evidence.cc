// detectors/evidence.cc

#include "detectors/evidence.h"

#include <csignal>
#include <cstring>
#include <initializer_list>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "detectors/tsan_report.h"

namespace racelab {
namespace {

constexpr absl::string_view kTsanWarning = "WARNING: ThreadSanitizer: ";
constexpr absl::string_view kTsanError = "ERROR: ThreadSanitizer: ";
constexpr absl::string_view kTsanSummary = "SUMMARY: ThreadSanitizer: ";
// The Go-style guards: the map guard (instrument/go_map.h) and the CURL
// handle guard (wire/handle_guard.h).
constexpr absl::string_view kMapGuardFatal = "fatal error: concurrent map";
constexpr absl::string_view kHandleGuardFatal =
    "fatal error: concurrent CURL easy handle use";

// A line of `text` for which `pred` holds, or nullopt.
template <typename Pred>
std::optional<absl::string_view> FindLine(absl::string_view text, Pred pred) {
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (pred(line)) return line;
  }
  return std::nullopt;
}

std::optional<absl::string_view> LineContaining(absl::string_view text,
                                                absl::string_view needle) {
  return FindLine(text, [needle](absl::string_view line) {
    return absl::StrContains(line, needle);
  });
}

// Strips a sanitizer's "==1234==" or Valgrind's "==1234== " prefix.
absl::string_view WithoutPidPrefix(absl::string_view line) {
  if (!absl::StartsWith(line, "==")) return line;
  const size_t end = line.find("==", 2);
  if (end == absl::string_view::npos) return line;
  return absl::StripLeadingAsciiWhitespace(line.substr(end + 2));
}

// "/usr/include/c++/12/bits/basic_string.h:234:28" -> "basic_string.h:234:28".
absl::string_view BaseName(absl::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == absl::string_view::npos ? path : path.substr(slash + 1);
}

// "data race (pid=123)" -> "data race".
std::string TsanReportKind(absl::string_view after_prefix) {
  if (const size_t pid = after_prefix.find(" (pid=");
      pid != absl::string_view::npos) {
    after_prefix = after_prefix.substr(0, pid);
  }
  return std::string(absl::StripAsciiWhitespace(after_prefix));
}

std::optional<Evidence> TsanReport(absl::string_view text) {
  std::optional<absl::string_view> line =
      FindLine(text, [](absl::string_view l) {
        return absl::StartsWith(WithoutPidPrefix(l), kTsanWarning);
      });
  if (!line) return std::nullopt;
  absl::string_view body = WithoutPidPrefix(*line);
  body.remove_prefix(kTsanWarning.size());
  Evidence evidence;
  evidence.kind = EvidenceKind::kTsanReport;
  evidence.report_kind = TsanReportKind(body);
  evidence.how = absl::StrCat("TSan report: ", evidence.report_kind);
  if (IsUnsymbolizedTsanOutput(text)) {
    absl::StrAppend(&evidence.how,
                    " (unsymbolized: no llvm-symbolizer found; install "
                    "llvm-14)");
  }
  evidence.key_line = std::string(absl::StripAsciiWhitespace(*line));
  return evidence;
}

std::optional<Evidence> GuardReport(absl::string_view text) {
  std::optional<absl::string_view> line =
      FindLine(text, [](absl::string_view line) {
        return absl::StrContains(line, kMapGuardFatal) ||
               absl::StrContains(line, kHandleGuardFatal);
      });
  if (!line) return std::nullopt;
  absl::string_view body = *line;
  body.remove_prefix(body.find("fatal error: ") + std::strlen("fatal error: "));
  Evidence evidence;
  evidence.kind = EvidenceKind::kGuardReport;
  evidence.report_kind = std::string(absl::StripAsciiWhitespace(body));
  evidence.how =
      absl::StrCat("guard report: fatal error: ", evidence.report_kind);
  evidence.key_line = std::string(absl::StripAsciiWhitespace(*line));
  return evidence;
}

// Valgrind's message lines ("==pid== text"), skipping its thread banners.
bool IsValgrindMessage(absl::string_view line) {
  if (!absl::StartsWith(line, "==")) return false;
  const size_t end = line.find("== ", 2);
  if (end == absl::string_view::npos) return false;
  absl::string_view message = absl::StripAsciiWhitespace(line.substr(end + 3));
  return !message.empty() && !absl::StartsWith(message, "---") &&
         !absl::StartsWith(message, "at 0x") &&
         !absl::StartsWith(message, "by 0x") &&
         !absl::StrContains(message, "Thread-Announcement") &&
         !absl::StrContains(message, "is the program's root thread") &&
         !absl::StrContains(message, "was created");
}

std::optional<Evidence> ValgrindReport(const ChildResult& child) {
  const absl::string_view text = child.stderr_text;
  std::optional<absl::string_view> line;
  for (absl::string_view headline : {"Possible data race", "Conflicting load",
                                     "Conflicting store", "lock order"}) {
    line = FindLine(text, [headline](absl::string_view l) {
      return IsValgrindMessage(l) && absl::StrContains(l, headline);
    });
    if (line) break;
  }
  // Any other error Valgrind counted: its exit code says it counted one,
  // and its first message says which.
  if (!line && child.exited && child.exit_code == kValgrindErrorExitCode) {
    line = FindLine(text, IsValgrindMessage);
  }
  if (!line) return std::nullopt;
  Evidence evidence;
  evidence.kind = EvidenceKind::kValgrindReport;
  evidence.report_kind = std::string(WithoutPidPrefix(*line));
  evidence.how = absl::StrCat("Valgrind report: ", evidence.report_kind);
  evidence.key_line = std::string(absl::StripAsciiWhitespace(*line));
  return evidence;
}

// "f.cc:24:5: error: reading variable 'x' requires holding mutex 'mu_'
// [-Werror,-Wthread-safety-analysis]"
std::optional<Evidence> StaticReport(absl::string_view text) {
  std::optional<absl::string_view> line =
      FindLine(text, [](absl::string_view l) {
        return absl::StrContains(l, "error: ") &&
               absl::StrContains(l, "-Wthread-safety");
      });
  if (!line) return std::nullopt;
  absl::string_view body = *line;
  body.remove_prefix(body.find("error: ") + 7);
  body = body.substr(0, body.rfind(" ["));
  Evidence evidence;
  evidence.kind = EvidenceKind::kStaticReport;
  evidence.report_kind = std::string(body);
  evidence.how = absl::StrCat("compile error: ", body);
  evidence.key_line = std::string(absl::StripAsciiWhitespace(*line));
  return evidence;
}

std::optional<Evidence> TsanCrash(absl::string_view text) {
  Evidence evidence;
  evidence.kind = EvidenceKind::kTsanCrash;
  // "ThreadSanitizer: CHECK failed: sanitizer_allocator_secondary.h:176 ..."
  if (std::optional<absl::string_view> check =
          LineContaining(text, "ThreadSanitizer: CHECK failed: ")) {
    absl::string_view where = *check;
    where.remove_prefix(where.find("CHECK failed: ") + 14);
    where = where.substr(0, where.find(' '));
    evidence.how = absl::StrCat("TSan crash: CHECK failed at ", where);
    evidence.key_line = std::string(absl::StripAsciiWhitespace(*check));
    return evidence;
  }
  // "==1==ERROR: ThreadSanitizer: SEGV on unknown address 0x10 (pc ...)"
  std::optional<absl::string_view> error =
      FindLine(text, [](absl::string_view l) {
        return absl::StartsWith(WithoutPidPrefix(l), kTsanError);
      });
  std::optional<absl::string_view> fatal =
      LineContaining(text, "FATAL: ThreadSanitizer");
  if (!error && !fatal &&
      !absl::StrContains(text, "ThreadSanitizer:DEADLYSIGNAL") &&
      !absl::StrContains(text, "ThreadSanitizer: nested bug")) {
    return std::nullopt;
  }
  std::string what = "deadly signal";
  if (error) {
    absl::string_view body = WithoutPidPrefix(*error);
    body.remove_prefix(kTsanError.size());
    body = body.substr(0, body.find(" (pc "));
    // Drop the address: it differs every run.
    if (const size_t at = body.find(" 0x"); at != absl::string_view::npos) {
      body = body.substr(0, at);
    }
    what = std::string(body);
    evidence.key_line = std::string(absl::StripAsciiWhitespace(*error));
  } else if (fatal) {
    what = std::string(absl::StripAsciiWhitespace(*fatal));
    evidence.key_line = what;
  }
  evidence.how = absl::StrCat("TSan crash: ", what);
  // "SUMMARY: ThreadSanitizer: SEGV /usr/include/.../basic_string.h:234:28
  // in ...": where it died.
  if (std::optional<absl::string_view> summary =
          LineContaining(text, kTsanSummary)) {
    absl::string_view body = *summary;
    body.remove_prefix(body.find(kTsanSummary) + kTsanSummary.size());
    std::vector<absl::string_view> words =
        absl::StrSplit(body, ' ', absl::SkipEmpty());
    if (words.size() >= 2 && absl::StrContains(words[1], ':')) {
      absl::StrAppend(&evidence.how, " (", BaseName(words[1]), ")");
    }
  }
  return evidence;
}

// "prog: /abs/path/raw_hash_set.h:904: void f(...): Assertion `i < c'
// failed." -> "raw_hash_set.h:904: Assertion `i < c' failed."
std::string ShortAssertion(absl::string_view line) {
  const size_t assertion = line.find("Assertion `");
  const size_t slash = line.find('/');
  if (slash == absl::string_view::npos || slash > assertion) {
    return std::string(line.substr(assertion));
  }
  const size_t line_colon = line.find(':', slash);
  const size_t number_end = line.find(':', line_colon + 1);
  if (line_colon == absl::string_view::npos ||
      number_end == absl::string_view::npos) {
    return std::string(line.substr(assertion));
  }
  const size_t base = line.rfind('/', line_colon) + 1;
  return absl::StrCat(line.substr(base, number_end - base), ": ",
                      line.substr(assertion));
}

// The line an abort left on stderr: an assertion, glibc's heap check, an
// uncaught exception, an abseil CHECK. Empty if none is recognised.
std::string AbortMessage(absl::string_view text) {
  if (std::optional<absl::string_view> line =
          LineContaining(text, "Assertion `")) {
    return ShortAssertion(absl::StripAsciiWhitespace(*line));
  }
  for (absl::string_view needle :
       {"free(): ", "malloc(): ", "double free", "corrupted",
        "terminate called", "Check failed", "[FATAL"}) {
    if (std::optional<absl::string_view> line = LineContaining(text, needle)) {
      return std::string(absl::StripAsciiWhitespace(*line));
    }
  }
  return "";
}

std::string AfterWrong(ResultCounts results) {
  return results.wrong > 0
             ? absl::StrCat(", after ", results.wrong, " wrong result(s)")
             : "";
}

}  // namespace

bool ProvesDetectorAlive(EvidenceKind kind) {
  return kind == EvidenceKind::kTsanReport ||
         kind == EvidenceKind::kGuardReport ||
         kind == EvidenceKind::kValgrindReport ||
         kind == EvidenceKind::kStaticReport ||
         kind == EvidenceKind::kNotLinearizable;
}

bool ShowsTheBug(EvidenceKind kind) {
  return kind != EvidenceKind::kClean && kind != EvidenceKind::kFailedExit;
}

Evidence ClassifyRun(const ChildResult& child, ResultCounts results) {
  const absl::string_view text = child.stderr_text;
  // 1. A tool said so: the detector is alive, whatever happened next.
  if (std::optional<Evidence> e = TsanReport(text)) return *e;
  if (std::optional<Evidence> e = GuardReport(text)) return *e;
  if (std::optional<Evidence> e = ValgrindReport(child)) return *e;
  if (std::optional<Evidence> e = StaticReport(text)) return *e;
  Evidence evidence;
  if (child.cancelled) {
    evidence.kind = EvidenceKind::kFailedExit;
    evidence.how = "cancelled";
    return evidence;
  }
  // 2. The program died under TSan before any report.
  if (std::optional<Evidence> e = TsanCrash(text)) {
    absl::StrAppend(&e->how, AfterWrong(results));
    return *e;
  }
  // 3. The process's end.
  if (child.timed_out) {
    evidence.kind = EvidenceKind::kHang;
    evidence.how =
        absl::StrCat("hang: killed after ", absl::FormatDuration(child.wall),
                     AfterWrong(results));
    return evidence;
  }
  if (!child.exited) {
    const int signal = child.term_signal;
    evidence.kind =
        signal == SIGABRT ? EvidenceKind::kAbort : EvidenceKind::kCrash;
    if (signal == SIGABRT) {
      evidence.key_line = AbortMessage(text);
      evidence.how =
          evidence.key_line.empty()
              ? absl::StrCat("abort: signal 6 (Aborted)", AfterWrong(results))
              : absl::StrCat("abort: ", evidence.key_line, AfterWrong(results));
    } else {
      evidence.how =
          absl::StrCat("crash: signal ", signal, " (", strsignal(signal), ")",
                       signal == SIGILL ? ": a hardening trap, e.g. abseil's "
                                          "on a corrupted hash table"
                                        : "",
                       AfterWrong(results));
    }
    return evidence;
  }
  // 4. It ended normally: were its answers right?
  if (results.wrong > 0) {
    evidence.kind = EvidenceKind::kWrongResults;
    evidence.how = absl::StrCat("wrong results: ", results.wrong, " of ",
                                results.requests, " requests");
    return evidence;
  }
  if (child.exit_code != 0) {
    evidence.kind = EvidenceKind::kFailedExit;
    std::string last;
    for (absl::string_view line : absl::StrSplit(text, '\n')) {
      if (!absl::StripAsciiWhitespace(line).empty()) last = std::string(line);
    }
    evidence.key_line = last;
    evidence.how =
        absl::StrCat("exit ", child.exit_code, last.empty() ? "" : ": ", last);
    return evidence;
  }
  evidence.kind = EvidenceKind::kClean;
  evidence.how = "clean";
  return evidence;
}

}  // namespace racelab
