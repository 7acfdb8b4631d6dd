// base/atomic_file_test.cc

#include "base/atomic_file.h"

#include <filesystem>

#include "base/read_file.h"
#include "gtest/gtest.h"

namespace racelab {
namespace {

std::string Slurp(const std::string& path) {
  return ReadFile(path).value_or("(unreadable)");
}

TEST(WriteFileAtomicallyTest, CreatesTheDirectoryAndReplacesTheFileWhole) {
  const std::filesystem::path dir =
      std::filesystem::path(testing::TempDir()) / "atomic_file_test" / "a";
  std::filesystem::remove_all(dir.parent_path());
  const std::string path = (dir / "report.md").string();
  ASSERT_TRUE(WriteFileAtomically(path, "first\n").ok());
  EXPECT_EQ(Slurp(path), "first\n");
  ASSERT_TRUE(WriteFileAtomically(path, "second, longer\n").ok());
  EXPECT_EQ(Slurp(path), "second, longer\n");
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
}

TEST(ReadFileTest, AMissingFileIsAnErrorNamingIt) {
  const absl::StatusOr<std::string> missing =
      ReadFile("/nonexistent/racelab/report.md");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(),
            "cannot read /nonexistent/racelab/report.md");
}

TEST(WriteFileAtomicallyTest, AnUnwritablePlaceIsAnErrorNamingIt) {
  const absl::Status status =
      WriteFileAtomically("/proc/racelab-no-such-dir/report.md", "x");
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("/proc/racelab-no-such-dir"),
            absl::string_view::npos)
      << status;
}

}  // namespace
}  // namespace racelab
