// experiments/matrix_report.h
//
// The detection matrix's reports, one format per file: Markdown for a
// person (matrix_markdown.cc), JSON for a program (matrix_json.cc), JUnit
// XML for a CI system (matrix_junit.cc), and the writer of all three
// (matrix_report.cc). Every experiment's reports follow this convention
// (experiments/verdict_report.h). Thread-safe (pure functions), except the
// writer, which replaces files.

#ifndef RACELAB_EXPERIMENTS_MATRIX_REPORT_H_
#define RACELAB_EXPERIMENTS_MATRIX_REPORT_H_

#include <string>

#include "absl/status/status.h"
#include "experiments/matrix.h"

namespace racelab {

std::string MatrixMarkdown(const MatrixResult& result);
std::string MatrixJson(const MatrixResult& result);
std::string MatrixJunit(const MatrixResult& result);

// Writes <out_dir>/matrix.{md,json,xml}, each atomically.
absl::Status WriteMatrixReports(const MatrixResult& result);

}  // namespace racelab

#endif  // RACELAB_EXPERIMENTS_MATRIX_REPORT_H_
