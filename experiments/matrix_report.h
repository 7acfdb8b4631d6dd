// experiments/matrix_report.h
//
// The detection matrix's reports: JSON for a program and the one source
// of every view of the matrix (matrix_json.cc), JUnit XML for a CI system
// (matrix_junit.cc), the writer of both and the few lines a terminal shows
// at the end of a run (matrix_report.cc). The matrix for a person
// (matrix.md, matrix.html, the report's section) is rendered from
// matrix.json by one renderer, scripts/matrix-report
// (scripts/racelab_tools/matrix/report.py). Thread-safe (pure functions),
// except the writer, which replaces files.

#ifndef RACELAB_EXPERIMENTS_MATRIX_REPORT_H_
#define RACELAB_EXPERIMENTS_MATRIX_REPORT_H_

#include <string>

#include "absl/status/status.h"
#include "experiments/matrix.h"

namespace racelab {

std::string MatrixJson(const MatrixResult& result);
std::string MatrixJunit(const MatrixResult& result);

// Writes <out_dir>/matrix.{json,xml}, each atomically.
absl::Status WriteMatrixReports(const MatrixResult& result);

// The end of a run on a terminal: how many cells were as expected, then
// each cell that was not, or could not run, with its verdict. Not a view
// of the matrix (every cell's verdict was printed as it finished).
std::string MatrixConclusion(const MatrixResult& result);

}  // namespace racelab

#endif  // RACELAB_EXPERIMENTS_MATRIX_REPORT_H_
