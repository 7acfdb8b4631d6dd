// experiments/matrix_test.cc
//
// `racelab matrix` end to end, pinned down as verdicts (never timings): in
// its deterministic mode (--schedule=seed) every detector that can run here
// catches the buggy variant in every run, and every fix is clean under every
// detector. A detector that cannot run is reported unavailable, never
// passed.

#include "experiments/matrix.h"

#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/child_process.h"
#include "base/read_file.h"
#include "experiments/verdict.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace racelab {
namespace {

std::string Slurp(const std::filesystem::path& path) {
  return ReadFile(path.string()).value_or("(unreadable)");
}

ChildResult Matrix(const std::string& tool, std::vector<std::string> args) {
  args.insert(args.begin(), {tool, "matrix"});
  absl::StatusOr<ChildResult> child = RunChild(args, absl::Seconds(600));
  EXPECT_TRUE(child.ok()) << child.status();
  return child.value_or(ChildResult{});
}

// Which cells are checks: under --schedule=seed every detector is steered
// to the race except the history check, which runs MayShare's own
// scenarios; under the plain hammer none is. The static check is a
// compile, a check either way; a fix's cell is a check (it must be clean).
TEST(MatrixTest, OnlySteeredDetectorsHaveCheckedCells) {
  MatrixOptions forced;
  forced.buggy_schedule = "seed";
  const MatrixOptions plain;
  // The history check steers a race condition's scenarios itself (its
  // controlled scheduler, seeded by the run): a check when forced.
  EXPECT_TRUE(
      IsMeasuredCell(forced, Variant::kSharedUnsafe, Detector::kHistory));
  EXPECT_FALSE(
      IsMeasuredCell(forced, Variant::kLockedFields, Detector::kHistory));
  for (Variant buggy : {Variant::kSharedUnsafe, Variant::kLockedFields}) {
    EXPECT_TRUE(IsMeasuredCell(plain, buggy, Detector::kHistory));
    EXPECT_FALSE(IsMeasuredCell(forced, buggy, Detector::kStatic));
    EXPECT_TRUE(IsMeasuredCell(plain, buggy, Detector::kAudit));
    EXPECT_FALSE(IsMeasuredCell(forced, buggy, Detector::kAudit));
  }
  EXPECT_FALSE(IsMeasuredCell(forced, Variant::kSharedUnsafe, Detector::kTsan));
  EXPECT_TRUE(IsMeasuredCell(plain, Variant::kSharedUnsafe, Detector::kTsan));
  EXPECT_FALSE(IsMeasuredCell(forced, Variant::kLocked, Detector::kHistory));
  EXPECT_FALSE(IsMeasuredCell(plain, Variant::kLocked, Detector::kHistory));
  // A measured cell is never a failure, whatever it caught.
  MatrixCell cell;
  cell.variant = Variant::kSharedUnsafe;
  cell.detector = Detector::kHistory;
  cell.measured = true;
  cell.runs.resize(3);
  cell.runs[0].detected = true;
  JudgeMatrixCell(cell);
  EXPECT_TRUE(cell.as_expected);
  EXPECT_EQ(cell.verdict, "measured: 1/3 detected (3 clean)");
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

  const std::string json = Slurp(out / "matrix.json");
  const std::string xml = Slurp(out / "matrix.xml");
  EXPECT_TRUE(absl::StrContains(json, "\"complete\": true"));
  EXPECT_FALSE(absl::StrContains(json, "\"as_expected\": false")) << json;
  EXPECT_TRUE(absl::StrContains(xml, "failures=\"0\" skipped=\"0\"")) << xml;
  // Cell by cell: the bug detected in every run, each fix clean in every
  // run. The tempting wrong fix: the data-race detectors silent, the audit
  // (natively) seeing its wrong results.
  const nlohmann::json parsed = nlohmann::json::parse(json);
  ASSERT_FALSE(parsed["summary"].empty()) << json;
  for (const nlohmann::json& cell : parsed["summary"]) {
    const std::string variant = cell["variant"].get<std::string>();
    const char* expected = variant == "shared_unsafe"          ? "detected "
                           : variant != "locked_fields"        ? "clean "
                           : cell["expects_detection"] == true ? "detected "
                                                               : "silent ";
    EXPECT_TRUE(absl::StartsWith(cell["verdict"].get<std::string>(), expected))
        << expected << "\n"
        << cell;
  }
  EXPECT_FALSE(std::filesystem::exists(out / "matrix.json.tmp"));
  // Every flagged run keeps its whole output, named in the JSON.
  int logs = 0;
  for (const nlohmann::json& run : parsed["runs"]) {
    if (run["evidence"] == "clean") continue;
    const std::string log = run["log"].get<std::string>();
    ASSERT_FALSE(log.empty()) << run;
    EXPECT_TRUE(std::filesystem::exists(out / log)) << log;
    ++logs;
  }
  EXPECT_GT(logs, 0) << "the buggy variant's runs must have kept logs";
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
  const std::string json = Slurp(out / "matrix.json");
  // A rate under load is this test's whole point: whatever fails below says
  // everything the matrix printed and wrote, so a failure can be read.
  SCOPED_TRACE(absl::StrCat("racelab matrix printed:\n", child.stdout_text,
                            child.stderr_text, "\nmatrix.json:\n", json));
  EXPECT_EQ(child.exit_code, 0);
  const nlohmann::json parsed = nlohmann::json::parse(json);
  ASSERT_EQ(parsed["summary"].size(), 1u);
  EXPECT_TRUE(absl::StartsWith(
      parsed["summary"][0]["verdict"].get<std::string>(), "measured: "));
  EXPECT_EQ(parsed["summary"][0]["measured"], true);
  EXPECT_TRUE(absl::StrContains(Slurp(out / "matrix.xml"), "failures=\"0\""));
  // Every run carries its evidence, and the split adds up to the runs.
  ASSERT_EQ(parsed["runs"].size(), 3u) << json;
  int tsan_reports = 0;
  for (const nlohmann::json& run : parsed["runs"]) {
    ASSERT_TRUE(ParseEvidenceKind(run["evidence"].get<std::string>()).ok())
        << run;
    // Detected means the detector's own report, never an exit code.
    if (IsTsanBuild()) {
      EXPECT_EQ(run["detected"], run["evidence"] == "tsan_report") << run;
    }
    tsan_reports += run["evidence"] == "tsan_report";
  }
  int counted = 0;
  for (const auto& [kind, count] : parsed["summary"][0]["outcomes"].items()) {
    counted += count.get<int>();
  }
  EXPECT_EQ(counted, 3) << json;
  if (IsTsanBuild()) {
    EXPECT_EQ(parsed["summary"][0]["detections"], tsan_reports) << json;
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
  EXPECT_TRUE(
      absl::StrContains(child.stdout_text, "unavailable: copying x guard: "))
      << child.stdout_text;
  const nlohmann::json parsed =
      nlohmann::json::parse(Slurp(dir / "out" / "matrix.json"));
  int unavailable = 0;
  for (const nlohmann::json& cell : parsed["summary"]) {
    unavailable += cell["available"] == false;
  }
  EXPECT_GE(unavailable, 1) << parsed.dump(2);
  EXPECT_TRUE(absl::StrContains(Slurp(dir / "out" / "matrix.xml"), "<skipped"));
}

}  // namespace
}  // namespace racelab
