// report/matrix_test.cc
//
// `racelab matrix` end to end, pinned down as verdicts (never timings): in
// its deterministic mode (--schedule=seed) every detector that can run here
// catches the buggy variant in every run, and every fix is clean under every
// detector. A detector that cannot run is reported unavailable, never
// passed.

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/child_process.h"
#include "gtest/gtest.h"
#include "report/verdict.h"

namespace racelab {
namespace {

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

ChildResult Matrix(const std::string& tool, std::vector<std::string> args) {
  args.insert(args.begin(), {tool, "matrix"});
  absl::StatusOr<ChildResult> child = RunChild(args, absl::Seconds(600));
  EXPECT_TRUE(child.ok()) << child.status();
  return child.value_or(ChildResult{});
}

TEST(MatrixTest, EveryDetectorHereCatchesTheSeedAndPassesEveryFix) {
  const std::filesystem::path out =
      std::filesystem::path(testing::TempDir()) / "racelab_matrix";
  std::filesystem::remove_all(out);
  // The TSan build runs only the tsan column (its racelab is the TSan tool);
  // the normal build runs every other column.
  const std::string detectors =
      IsTsanBuild() ? "tsan" : "guard,audit,helgrind,drd,static";
  const ChildResult child =
      Matrix(RACELAB_TOOL_PATH, {"--runs=2", "--schedule=seed",
                                 absl::StrCat("--detectors=", detectors),
                                 absl::StrCat("--out=", out.string())});
  EXPECT_EQ(child.exit_code, 0) << child.stdout_text << child.stderr_text;

  const std::string md = Slurp(out / "matrix.md");
  const std::string json = Slurp(out / "matrix.json");
  const std::string xml = Slurp(out / "matrix.xml");
  EXPECT_FALSE(absl::StrContains(md, "Incomplete")) << md;
  EXPECT_FALSE(absl::StrContains(md, "**")) << "a cell not as expected:\n"
                                            << md;
  EXPECT_TRUE(absl::StrContains(json, "\"complete\": true"));
  EXPECT_FALSE(absl::StrContains(json, "\"as_expected\": false")) << json;
  EXPECT_TRUE(absl::StrContains(xml, "failures=\"0\" skipped=\"0\"")) << xml;
  // Row by row: the bug detected in every run, each fix clean in every run.
  for (const char* row : {"| shared_unsafe | detected", "| per_request | clean",
                          "| locked | clean", "| copying | clean"}) {
    EXPECT_TRUE(absl::StrContains(md, row)) << row << "\n" << md;
  }
  EXPECT_FALSE(std::filesystem::exists(out / "matrix.md.tmp"));
}

TEST(MatrixTest, ThePlainHammersBuggyCellIsAMeasuredRateWithItsOutcomeSplit) {
  // Under the plain hammer the buggy variant may be reported, crash first
  // or (natively) show nothing: the cell records which, run by run, and
  // never fails the matrix.
  const std::filesystem::path out =
      std::filesystem::path(testing::TempDir()) / "racelab_matrix_plain";
  std::filesystem::remove_all(out);
  const char* detector = IsTsanBuild() ? "tsan" : "audit";
  const ChildResult child =
      Matrix(RACELAB_TOOL_PATH, {"--runs=3", "--threads=4", "--iterations=500",
                                 "--variants=shared_unsafe",
                                 absl::StrCat("--detectors=", detector),
                                 absl::StrCat("--out=", out.string())});
  EXPECT_EQ(child.exit_code, 0) << child.stdout_text << child.stderr_text;
  const std::string md = Slurp(out / "matrix.md");
  const std::string json = Slurp(out / "matrix.json");
  EXPECT_TRUE(absl::StrContains(md, "| shared_unsafe | measured: ")) << md;
  EXPECT_TRUE(absl::StrContains(json, "\"measured\": true")) << json;
  EXPECT_TRUE(absl::StrContains(Slurp(out / "matrix.xml"), "failures=\"0\""));
  // Every run carries its evidence, and the split adds up to the runs.
  int runs = 0;
  for (size_t at = json.find("\"evidence\": \""); at != std::string::npos;
       at = json.find("\"evidence\": \"", at + 1)) {
    ++runs;
  }
  EXPECT_EQ(runs, 3) << json;
  int counted = 0;
  const size_t outcomes = json.find("\"outcomes\": {");
  ASSERT_NE(outcomes, std::string::npos) << json;
  const size_t open = outcomes + std::string("\"outcomes\": {").size();
  const std::string split = json.substr(open, json.find('}', open) - open);
  for (size_t at = split.find(": "); at != std::string::npos;
       at = split.find(": ", at + 1)) {
    counted += split[at + 2] - '0';
  }
  EXPECT_EQ(counted, 3) << split;
  if (IsTsanBuild()) {
    // Detected means a TSan report, never an exit code: the detections
    // equal the tsan_report count of the split.
    const bool all_reports = absl::StrContains(split, "\"tsan_report\": 3");
    EXPECT_EQ(absl::StrContains(md, "measured: 3/3 detected"), all_reports)
        << md;
  }
}

TEST(MatrixTest, AToolThatIsMissingIsUnavailableNotPassed) {
  // A lone copy of racelab has no TSan build and no racelab_guard beside it.
  const std::filesystem::path dir =
      std::filesystem::path(testing::TempDir()) / "racelab_lone";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "cli");
  const std::filesystem::path lone = dir / "cli" / "racelab";
  std::filesystem::copy_file(RACELAB_TOOL_PATH, lone);
  const ChildResult child =
      Matrix(lone.string(),
             {"--runs=1", "--detectors=tsan,guard", "--variants=copying",
              absl::StrCat("--out=", (dir / "out").string())});
  // Exit 3: the cells that ran were as expected, some could not run.
  EXPECT_EQ(child.exit_code, 3) << child.stdout_text << child.stderr_text;
  EXPECT_TRUE(absl::StrContains(child.stdout_text, "no racelab_guard"))
      << child.stdout_text;
  if (!IsTsanBuild()) {  // a TSan racelab is its own tsan tool
    EXPECT_TRUE(absl::StrContains(child.stdout_text, "no TSan build"))
        << child.stdout_text;
  }
  const std::string md = Slurp(dir / "out" / "matrix.md");
  EXPECT_TRUE(absl::StrContains(md, "Unavailable here (NOT a pass)")) << md;
  EXPECT_TRUE(absl::StrContains(Slurp(dir / "out" / "matrix.xml"), "<skipped"));
}

}  // namespace
}  // namespace racelab
