// detectors/testdata.h
//
// DetectorsTestdata(): one file of detectors/testdata/ (recorded tool
// output, and the tables the tests hold it to) as a string, for the tests
// of detectors/. Needs RACELAB_SOURCE_DIR, which detectors/CMakeLists.txt
// defines for detectors_test. A file that cannot be read fails the calling
// test and reads as "". Thread-safe.

#ifndef RACELAB_DETECTORS_TESTDATA_H_
#define RACELAB_DETECTORS_TESTDATA_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/read_file.h"
#include "gtest/gtest.h"

namespace racelab {

inline std::string DetectorsTestdata(const std::string& name) {
  const absl::StatusOr<std::string> text =
      ReadFile(absl::StrCat(RACELAB_SOURCE_DIR, "/detectors/testdata/", name));
  EXPECT_TRUE(text.ok()) << text.status();
  return text.value_or("");
}

}  // namespace racelab

#endif  // RACELAB_DETECTORS_TESTDATA_H_
