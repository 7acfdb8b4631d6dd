// detectors/tsan_frame.cc

#include "detectors/tsan_frame.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace racelab {
namespace {

// Template arguments longer than this are elided in a user's frame.
constexpr size_t kMaxTemplateChars = 30;
// A third-party frame keeps at most this much of its function's name.
constexpr size_t kMaxThirdPartyChars = 60;

bool IsIdentifierChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         c == '$';
}

// The index of the bracket that closes the one at `open` (counting only
// that pair), or the last index if it is never closed.
size_t Matching(absl::string_view s, size_t open, char opening, char closing) {
  int depth = 0;
  for (size_t i = open; i < s.size(); ++i) {
    if (s[i] == opening) ++depth;
    if (s[i] == closing && --depth == 0) return i;
  }
  return s.size() - 1;
}

// True if an operator's name starts at `i` ("operator<", "operator()",
// "operator new", "operator bool").
bool IsOperatorAt(absl::string_view s, size_t i) {
  if (s.substr(i, 8) != "operator") return false;
  if (i > 0 && (IsIdentifierChar(s[i - 1]) && s[i - 1] != ':')) return false;
  return i + 8 >= s.size() || !IsIdentifierChar(s[i + 8]);
}

// The end (one past) of the operator's name that starts at `i`.
size_t OperatorEnd(absl::string_view s, size_t i) {
  const size_t start = i + 8;
  size_t j = start;
  if (j >= s.size()) return j;
  if (s.substr(j, 2) == "()" || s.substr(j, 2) == "[]") return j + 2;
  if (s[j] == ' ') {  // new, delete, new[], a conversion: "operator bool"
    ++j;
    while (j < s.size() && (IsIdentifierChar(s[j]) || s[j] == ':')) ++j;
    if (s.substr(j, 2) == "[]") j += 2;
    return j;
  }
  constexpr absl::string_view kSymbols = "+-*/%^&|~!=<>,";
  while (j < s.size() && absl::StrContains(kSymbols, s[j])) ++j;
  // "operator<<char, ...>(": operator< with its template arguments.
  if (j > start + 1 && s[j - 1] == '<' && j < s.size() &&
      (IsIdentifierChar(s[j]) || s[j] == ':')) {
    --j;
  }
  return j;
}

// Skips " const", " volatile", " &", " &&", " noexcept" after a parameter
// list.
size_t SkipQualifiers(absl::string_view s, size_t i) {
  for (bool skipped = true; skipped;) {
    skipped = false;
    for (absl::string_view qualifier :
         {" const", " volatile", " &&", " &", " noexcept"}) {
      if (s.substr(i, qualifier.size()) == qualifier &&
          (i + qualifier.size() >= s.size() ||
           !IsIdentifierChar(s[i + qualifier.size()]))) {
        i += qualifier.size();
        skipped = true;
      }
    }
  }
  return i;
}

// Every "<...>" group replaced by "<...>".
std::string ElideTemplates(absl::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '<' && !absl::EndsWith(out, "operator") &&
        !absl::EndsWith(out, "operator<")) {
      i = Matching(name, i, '<', '>');
      out += "<...>";
    } else {
      out += name[i];
    }
  }
  return out;
}

// The last scopes of a long name: "a::b::c::d" -> "c::d".
std::string LastScopes(const std::string& name, size_t max_chars) {
  if (name.size() <= max_chars) return name;
  std::vector<std::string> scopes;
  size_t start = 0;
  for (size_t i = 0; i + 1 < name.size(); ++i) {
    if (name[i] == '<') i = Matching(name, i, '<', '>');
    if (i + 1 < name.size() && name[i] == ':' && name[i + 1] == ':') {
      scopes.push_back(name.substr(start, i - start));
      start = i + 2;
      ++i;
    }
  }
  scopes.push_back(name.substr(start));
  std::string kept = scopes.back();
  for (size_t k = scopes.size() - 1; k-- > 0;) {
    if (kept.size() + scopes[k].size() + 2 > max_chars) break;
    kept = absl::StrCat(scopes[k], "::", kept);
  }
  return kept;
}

// "race.cc", "json.hpp": a source file's name (a frame built without
// debug information names its file but no line).
bool LooksLikeSourceFile(absl::string_view word) {
  const size_t dot = word.rfind('.');
  if (dot == absl::string_view::npos || dot == 0) return false;
  const absl::string_view extension = word.substr(dot + 1);
  for (absl::string_view known : {"c", "cc", "cpp", "cxx", "C", "h", "hh",
                                  "hpp", "hxx", "inc", "ipp", "tcc"}) {
    if (extension == known) return true;
  }
  return false;
}

bool StartsWithAny(absl::string_view text,
                   std::initializer_list<absl::string_view> prefixes) {
  for (absl::string_view prefix : prefixes) {
    if (absl::StartsWith(text, prefix)) return true;
  }
  return false;
}

}  // namespace

bool TsanFrame::has_line() const {
  const size_t colon = location.rfind(':');
  if (colon == std::string::npos || colon + 1 >= location.size()) return false;
  // "file.cc:17:15": the line is the number before a column, if any.
  int number = 0;
  return absl::SimpleAtoi(absl::string_view(location).substr(colon + 1),
                          &number);
}

std::optional<TsanFrame> ParseTsanFrame(absl::string_view line) {
  absl::string_view body = absl::StripAsciiWhitespace(line);
  if (!absl::ConsumePrefix(&body, "#")) return std::nullopt;
  const size_t space = body.find(' ');
  TsanFrame frame;
  if (space == absl::string_view::npos ||
      !absl::SimpleAtoi(body.substr(0, space), &frame.index)) {
    return std::nullopt;
  }
  body = absl::StripLeadingAsciiWhitespace(body.substr(space));
  // Trailing " (module+0x1234)" and " (BuildId: ...)" groups.
  while (absl::EndsWith(body, ")")) {
    const size_t open = body.rfind(" (");
    if (open == absl::string_view::npos) break;
    const absl::string_view group =
        body.substr(open + 2, body.size() - open - 3);
    if (absl::StartsWith(group, "BuildId:")) {
      body = body.substr(0, open);
    } else if (absl::StrContains(group, "+0x")) {
      frame.module = std::string(group);
      body = body.substr(0, open);
    } else {
      break;
    }
  }
  // The location is the last word, if it is one: a path, "<null>", or
  // "file:line".
  if (const size_t last = body.rfind(' '); last != absl::string_view::npos) {
    const absl::string_view word = body.substr(last + 1);
    const bool is_location =
        word == "<null>" || absl::StrContains(word, '/') ||
        LooksLikeSourceFile(word) ||
        (absl::StrContains(word, ':') && !absl::StrContains(word, "::") &&
         absl::ascii_isdigit(static_cast<unsigned char>(word.back())));
    if (is_location) {
      if (word != "<null>") frame.location = std::string(word);
      body = body.substr(0, last);
    }
  }
  frame.function = std::string(body);
  if (frame.function.empty()) frame.function = "<null>";
  return frame;
}

std::string ShortFunctionName(absl::string_view function) {
  const std::string s =
      absl::StrReplaceAll(function, {{"(anonymous namespace)", "{anon}"}});
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (IsOperatorAt(s, i)) {
      const size_t end = OperatorEnd(s, i);
      out.append(s, i, end - i);
      i = end;
    } else if (c == '<') {
      const size_t end = Matching(s, i, '<', '>');
      const absl::string_view group(s.data() + i, end - i + 1);
      // "operator< <char>": the demanglers' space, so that it does not read
      // as operator<<.
      if (absl::EndsWith(out, "<")) out += ' ';
      out += group.size() > kMaxTemplateChars ? "<...>" : std::string(group);
      i = end + 1;
    } else if (c == '{') {  // {anon}, gcc's {lambda(int)#1}: kept whole
      const size_t end = Matching(s, i, '{', '}');
      out.append(s, i, end - i + 1);
      i = end + 1;
    } else if (c == '[') {  // [abi:cxx11], [clone .cold]: dropped
      i = Matching(s, i, '[', ']') + 1;
    } else if (c == '(') {  // a parameter list or a lambda's signature
      i = SkipQualifiers(s, Matching(s, i, '(', ')') + 1);
      // A function that is a scope ("BudgetOps()::$_1") keeps "()", so it
      // does not read as a class.
      if (s.compare(i, 2, "::") == 0) out += "()";
    } else if (c == '\'') {  // clang's 'lambda'(int), 'lambda0'
      const size_t end = s.find('\'', i + 1);
      const size_t stop = end == std::string::npos ? s.size() : end + 1;
      out.append(s, i, stop - i);
      i = stop;
    } else if (c == ' ') {
      // Before a "[clone .cold]": nothing. Before a name: what came before
      // it was the return type ("void ", "std::...::type ").
      if (i + 1 < s.size() && s[i + 1] != '[') out.clear();
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  if (out.empty()) return std::string(function);
  return out;
}

FrameOrigin OriginOf(const TsanFrame& frame) {
  if (frame.location.empty()) return FrameOrigin::kNone;
  const absl::string_view path = frame.location;
  if (StartsWithAny(path, {"/usr/", "/lib/", "/opt/"}) ||
      absl::StrContains(path, "/include/c++/") ||
      absl::StrContains(path, "/abseil-src/") ||
      absl::StrContains(path, "/googletest/") ||
      absl::StrContains(path, "libsanitizer/") ||
      absl::StrContains(path, "sysdeps/") || absl::StartsWith(path, "../")) {
    return FrameOrigin::kThirdParty;
  }
  return FrameOrigin::kUser;
}

std::string ShortLocation(absl::string_view location) {
  for (absl::string_view dir :
       {"/base/", "/world/", "/instrument/", "/wire/", "/repro/", "/fixed/",
        "/load/", "/detectors/", "/experiments/", "/share/", "/exercises/",
        "/cli/", "/bench/"}) {
    if (const size_t at = location.rfind(dir); at != absl::string_view::npos) {
      return std::string(location.substr(at + 1));
    }
  }
  const size_t last = location.rfind('/');
  if (last == absl::string_view::npos) return std::string(location);
  const size_t before =
      last == 0 ? absl::string_view::npos : location.rfind('/', last - 1);
  return std::string(
      location.substr(before == absl::string_view::npos ? 0 : before + 1));
}

std::string ShortFrameLine(const TsanFrame& frame, absl::string_view indent) {
  const bool third_party = OriginOf(frame) == FrameOrigin::kThirdParty;
  std::string name = ShortFunctionName(frame.function);
  std::string where;
  if (third_party) {
    name = LastScopes(ElideTemplates(name), kMaxThirdPartyChars);
    const size_t slash = frame.location.rfind('/');
    where = frame.location.substr(slash == std::string::npos ? 0 : slash + 1);
  } else if (!frame.location.empty()) {
    where = ShortLocation(frame.location);
  }
  return absl::StrCat(indent, "#", frame.index, " ", name,
                      where.empty() ? "" : " ", where);
}

}  // namespace racelab
