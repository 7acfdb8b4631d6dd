// variants/result_line.h
//
// The protocol between a `racelab hammer` child and the parent that runs it
// (verdict, audit, matrix, tests): the child ends its stdout with its first
// wrong outcomes, one per line ("  example <outcome>: <detail>"), and one
// machine-readable result line:
//
//   racelab-result variant=NAME requests=N ok=N wrong_item=N ... wall_us=N
//
// Both sides use this header, so the format is written in one place.
// Thread-safe (pure functions).

#ifndef RACELAB_VARIANTS_RESULT_LINE_H_
#define RACELAB_VARIANTS_RESULT_LINE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "load/hammer.h"
#include "variants/variants.h"

namespace racelab {

// The result line alone (no newline).
std::string HammerResultLine(Variant variant, const HammerReport& report);

// The examples lines and the result line, each ending in a newline: what
// the child prints last.
std::string HammerResultBlock(Variant variant, const HammerReport& report);

// Parses a child's stdout: the result line's counts, requests and wall time,
// and the examples printed before it. NotFound if there is no result line
// (e.g. the child died first); InvalidArgument if it is malformed.
absl::StatusOr<HammerReport> ParseHammerResultLine(
    absl::string_view stdout_text);

}  // namespace racelab

#endif  // RACELAB_VARIANTS_RESULT_LINE_H_
