// experiments/matrix_junit.cc
//
// The matrix as a CI system shows it: JUnit XML, one test case per
// variant x detector (matrix_report.h).

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "experiments/matrix_report.h"

namespace racelab {
namespace {

std::string Xml(absl::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\n') out += c;
    }
  }
  return out;
}

}  // namespace

std::string MatrixJunit(const MatrixResult& result) {
  int tests = 0, failures = 0, skipped = 0;
  std::map<std::string, std::string> suites;  // detector -> test cases
  std::map<std::string, std::array<int, 3>> counts;
  for (const MatrixCell& cell : result.cells) {
    const std::string detector(DetectorName(cell.detector));
    std::string& cases = suites[detector];
    std::array<int, 3>& c = counts[detector];
    ++tests;
    ++c[0];
    double seconds = 0;
    for (const MatrixRun& run : cell.runs) {
      seconds += absl::ToDoubleSeconds(run.wall);
    }
    absl::StrAppendFormat(&cases,
                          "    <testcase classname=\"racelab.matrix.%s\" "
                          "name=\"%s\" time=\"%.3f\">",
                          detector, Xml(VariantName(cell.variant)), seconds);
    if (!cell.unavailable.empty()) {
      ++skipped;
      ++c[2];
      absl::StrAppend(&cases, "<skipped message=\"", Xml(cell.verdict), "\"/>");
    } else if (!cell.as_expected && !cell.measured) {
      ++failures;
      ++c[1];
      absl::StrAppend(&cases, "<failure message=\"", Xml(cell.verdict), "\"/>");
    }
    absl::StrAppend(&cases, "</testcase>\n");
  }
  std::string xml = absl::StrFormat(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"racelab detection matrix\" tests=\"%d\" "
      "failures=\"%d\" skipped=\"%d\">\n",
      tests, failures, skipped);
  for (const auto& [detector, cases] : suites) {
    const std::array<int, 3>& c = counts[detector];
    absl::StrAppendFormat(&xml,
                          "  <testsuite name=\"racelab.matrix.%s\" "
                          "tests=\"%d\" failures=\"%d\" skipped=\"%d\">\n",
                          detector, c[0], c[1], c[2]);
    xml += cases;
    xml += "  </testsuite>\n";
  }
  xml += "</testsuites>\n";
  return xml;
}

}  // namespace racelab
