// experiments/matrix_report.cc

#include "experiments/matrix_report.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/atomic_file.h"

namespace racelab {

absl::Status WriteMatrixReports(const MatrixResult& result) {
  const std::string base = absl::StrCat(result.options.out_dir, "/matrix");
  for (const auto& [suffix, text] :
       {std::pair<const char*, std::string>{".json", MatrixJson(result)},
        {".xml", MatrixJunit(result)}}) {
    if (absl::Status status = WriteFileAtomically(base + suffix, text);
        !status.ok()) {
      return status;
    }
  }
  return absl::OkStatus();
}

std::string MatrixConclusion(const MatrixResult& result) {
  int as_expected = 0;
  std::vector<std::string> not_expected;
  std::vector<std::string> unavailable;
  for (const MatrixCell& cell : result.cells) {
    const std::string name = absl::StrCat(VariantName(cell.variant), " x ",
                                          DetectorName(cell.detector), ": ");
    if (!cell.unavailable.empty()) {
      unavailable.push_back(absl::StrCat(name, cell.unavailable));
    } else if (!cell.as_expected) {
      not_expected.push_back(absl::StrCat(name, cell.verdict));
    } else {
      ++as_expected;
    }
  }
  std::string text = absl::StrCat(
      result.cells.size(), " cells: ", as_expected, " as expected, ",
      not_expected.size(), " NOT as expected, ", unavailable.size(),
      " unavailable here (never a pass)",
      result.complete ? "." : "; INCOMPLETE: not every cell ran.", "\n");
  for (const std::string& line : not_expected) {
    absl::StrAppend(&text, "  NOT as expected: ", line, "\n");
  }
  for (const std::string& line : unavailable) {
    absl::StrAppend(&text, "  unavailable: ", line, "\n");
  }
  return text;
}

}  // namespace racelab
