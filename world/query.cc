// world/query.cc

#include "world/query.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace racelab {
namespace {

bool IsUnreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
}

std::optional<int> HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return std::nullopt;
}

absl::StatusOr<std::string> QueryUnescape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c != '%') {
      out.push_back(c);
    } else {
      std::optional<int> high, low;
      if (i + 2 < text.size()) {
        high = HexValue(text[i + 1]);
        low = HexValue(text[i + 2]);
      }
      if (!high || !low) {
        return absl::InvalidArgumentError(
            absl::StrCat("invalid %-escape at byte ", i, " of \"", text, "\""));
      }
      out.push_back(static_cast<char>(*high * 16 + *low));
      i += 2;
    }
  }
  return out;
}

}  // namespace

std::string QueryEscape(absl::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (IsUnreserved(c)) {
      out.push_back(c);
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xF]);
    }
  }
  return out;
}

std::string EncodeQuery(const ParamMap& params) {
  std::vector<const ParamMap::value_type*> sorted;
  sorted.reserve(params.size());
  for (const auto& entry : params) sorted.push_back(&entry);
  std::sort(sorted.begin(), sorted.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  return absl::StrJoin(sorted, "&", [](std::string* out, const auto* entry) {
    absl::StrAppend(out, QueryEscape(entry->first), "=",
                    QueryEscape(entry->second));
  });
}

absl::StatusOr<ParamMap> ParseQuery(absl::string_view query) {
  ParamMap params;
  for (absl::string_view pair : absl::StrSplit(query, '&', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> key_value =
        absl::StrSplit(pair, absl::MaxSplits('=', 1));
    absl::StatusOr<std::string> key = QueryUnescape(key_value.first);
    if (!key.ok()) return key.status();
    absl::StatusOr<std::string> value = QueryUnescape(key_value.second);
    if (!value.ok()) return value.status();
    if (!params.emplace(*std::move(key), *std::move(value)).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("repeated query key \"", key_value.first, "\""));
    }
  }
  return params;
}

}  // namespace racelab
