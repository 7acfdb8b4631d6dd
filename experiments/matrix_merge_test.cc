// experiments/matrix_merge_test.cc
//
// A sharded campaign equals an unsharded one: three `racelab matrix
// --shard=I/3` processes, merged by `racelab merge`, give the same cells,
// run counts, detections, outcome splits and verdicts as one unsharded run
// of the same runs (forced seed: deterministic). And merge refuses what it
// must, naming the file.

#include "experiments/matrix_merge.h"

#include <unistd.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/build_info.h"
#include "base/child_process.h"
#include "base/read_file.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace racelab {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

ChildResult Racelab(std::vector<std::string> args) {
  args.insert(args.begin(), RACELAB_TOOL_PATH);
  absl::StatusOr<ChildResult> child = RunChild(args, absl::Seconds(600));
  EXPECT_TRUE(child.ok()) << child.status();
  return child.value_or(ChildResult{});
}

// The same small campaign every time: forced seed, 3 runs per cell.
std::vector<std::string> Campaign(const fs::path& out,
                                  const std::string& shard) {
  std::vector<std::string> args = {
      "matrix",
      "--runs=3",
      "--schedule=seed",
      "--variants=shared_unsafe,locked",
      absl::StrCat("--detectors=", IsTsanBuild() ? "tsan" : "guard,audit"),
      absl::StrCat("--out=", out.string())};
  if (!shard.empty()) args.push_back(absl::StrCat("--shard=", shard));
  return args;
}

json Load(const fs::path& path) {
  return json::parse(ReadFile(path.string()).value_or("{}"));
}

// What must be equal between a merged and an unsharded matrix, per cell.
json Comparable(const json& matrix) {
  json cells = json::array();
  for (const json& s : matrix["summary"]) {
    cells.push_back({s["variant"], s["detector"], s["runs"], s["detections"],
                     s["outcomes"], s["verdict"], s["as_expected"]});
  }
  return cells;
}

class MatrixMergeTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One folder per process: ctest -j runs each test in its own process,
    // and two of them must not clear each other's campaign.
    root_ = new fs::path(fs::path(testing::TempDir()) /
                         absl::StrCat("racelab_merge_", getpid()));
    fs::remove_all(*root_);
    const ChildResult whole = Racelab(Campaign(*root_ / "whole", ""));
    ASSERT_EQ(whole.exit_code, 0) << whole.stderr_text;
    for (int i = 0; i < 3; ++i) {
      const ChildResult shard = Racelab(
          Campaign(*root_ / absl::StrCat("shard", i), absl::StrCat(i, "/3")));
      ASSERT_EQ(shard.exit_code, 0) << shard.stderr_text;
    }
  }
  static void TearDownTestSuite() {
    fs::remove_all(*root_);
    delete root_;
  }

  static std::vector<MatrixShardFile> Shards() {
    std::vector<MatrixShardFile> shards;
    for (int i = 0; i < 3; ++i) {
      const fs::path path = *root_ / absl::StrCat("shard", i) / "matrix.json";
      shards.push_back({path.string(), ReadFile(path.string()).value()});
    }
    return shards;
  }

  static fs::path* root_;
};

fs::path* MatrixMergeTest::root_ = nullptr;

TEST_F(MatrixMergeTest, ThreeShardsMergedEqualOneUnshardedRun) {
  const fs::path merged = *root_ / "merged";
  std::vector<std::string> args = {"merge",
                                   absl::StrCat("--out=", merged.string())};
  for (const MatrixShardFile& shard : Shards()) args.push_back(shard.path);
  const ChildResult child = Racelab(args);
  ASSERT_EQ(child.exit_code, 0) << child.stdout_text << child.stderr_text;

  const json whole = Load(*root_ / "whole" / "matrix.json");
  const json combined = Load(merged / "matrix.json");
  EXPECT_EQ(Comparable(combined), Comparable(whole)) << combined.dump(2);
  EXPECT_EQ(combined["runs"].size(), whole["runs"].size());
  EXPECT_EQ(combined["shard"]["count"], 1);
  // Each shard ran a third of the runs, none twice.
  size_t total = 0;
  for (const MatrixShardFile& shard : Shards()) {
    const size_t runs = json::parse(shard.json)["runs"].size();
    EXPECT_GT(runs, 0u);
    total += runs;
  }
  EXPECT_EQ(total, whole["runs"].size());
  EXPECT_TRUE(fs::exists(merged / "matrix.xml"));
}

void ExpectRefused(const std::vector<MatrixShardFile>& shards,
                   const std::string& expected) {
  absl::StatusOr<MatrixResult> merged = MergeMatrixShards(shards);
  ASSERT_FALSE(merged.ok()) << "merged, but should have refused: " << expected;
  EXPECT_TRUE(absl::StrContains(merged.status().message(), expected))
      << merged.status();
}

MatrixShardFile Edited(MatrixShardFile shard,
                       const std::function<void(json&)>& edit) {
  json doc = json::parse(shard.json);
  edit(doc);
  shard.json = doc.dump();
  return shard;
}

TEST_F(MatrixMergeTest, RefusesShardsOfAnotherBuild) {
  std::vector<MatrixShardFile> shards = Shards();
  shards[1] = Edited(shards[1], [](json& d) { d["build"] = "racelab other"; });
  ExpectRefused(shards, "shards of different builds cannot be merged");
  ExpectRefused(shards, shards[1].path);
}

TEST_F(MatrixMergeTest, RefusesShardsOfOtherOptions) {
  std::vector<MatrixShardFile> shards = Shards();
  shards[2] = Edited(shards[2], [](json& d) { d["options"]["runs"] = 5; });
  ExpectRefused(shards, "ran with runs=5, but");
}

TEST_F(MatrixMergeTest, RefusesAMissingATwiceGivenAndAnIncompleteShard) {
  std::vector<MatrixShardFile> shards = Shards();
  ExpectRefused({shards[0], shards[1]}, "missing shard(s) 2 of 3");
  ExpectRefused({shards[0], shards[1], shards[1]}, "is given twice");
  shards[0] = Edited(shards[0], [](json& d) { d["complete"] = false; });
  ExpectRefused(shards, "this shard is incomplete");
  ExpectRefused({{"x.json", "{\"not\": \"a matrix\"}"}},
                "not a racelab matrix.json");
}

TEST(MatrixShardFlagTest, ABadShardIsRefusedWithAnExample) {
  const ChildResult child = Racelab({"matrix", "--shard=3/3"});
  EXPECT_EQ(child.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(child.stderr_text, "--shard must be I/N"))
      << child.stderr_text;
}

}  // namespace
}  // namespace racelab
