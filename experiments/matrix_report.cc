// experiments/matrix_report.cc

#include "experiments/matrix_report.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/atomic_file.h"

namespace racelab {

absl::Status WriteMatrixReports(const MatrixResult& result) {
  const std::string base = absl::StrCat(result.options.out_dir, "/matrix");
  for (const auto& [suffix, text] :
       {std::pair<const char*, std::string>{".md", MatrixMarkdown(result)},
        {".json", MatrixJson(result)},
        {".xml", MatrixJunit(result)}}) {
    if (absl::Status status = WriteFileAtomically(base + suffix, text);
        !status.ok()) {
      return status;
    }
  }
  return absl::OkStatus();
}

}  // namespace racelab
