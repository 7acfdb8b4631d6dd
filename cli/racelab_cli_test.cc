// cli/racelab_cli_test.cc
//
// The racelab tool as a user meets it: run in a child process, judged by
// exit code, output and the files it writes.

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/child_process.h"
#include "experiments/verdict.h"
#include "gtest/gtest.h"
#include "instrument/race_points.h"
#include "nlohmann/json.hpp"

namespace racelab {
namespace {

ChildResult Racelab(std::vector<std::string> args) {
  args.insert(args.begin(), RACELAB_TOOL_PATH);
  absl::StatusOr<ChildResult> child = RunChild(args, absl::Seconds(120));
  EXPECT_TRUE(child.ok()) << child.status();
  return child.value_or(ChildResult{});
}

struct BadUsage {
  std::vector<std::string> args;
  const char* message;
};

TEST(RacelabCliTest, BadUsageExitsTwoWithAMessage) {
  const BadUsage cases[] = {
      {{}, "usage:"},
      {{"frobnicate"}, "unknown command \"frobnicate\""},
      {{"hammer", "--no_such_flag=1"}, "unknown flag --no_such_flag"},
      {{"hammer", "--variant=sharded"}, "unknown variant \"sharded\""},
      {{"hammer", "--threads=many"}, "bad value for --threads"},
      {{"hammer", "--threads=0"}, "threads must be >= 1"},
      {{"hammer", "--iterations=0"}, "iterations must be >= 1"},
      {{"hammer", "--threads"}, "--threads needs a value"},
      {{"hammer", "extra"}, "unexpected argument \"extra\""},
      {{"variants", "extra"}, "unexpected argument \"extra\""},
      {{"merge", "--out=/tmp/racelab_cli_merge"},
       "name the shards' matrix.json"},
      {{"verdict", "--timeout=0s"}, "--timeout must be positive"},
      {{"verdict", "--report=a/b.md"}, "--report must be a plain file name"},
      {{"matrix", "--detectors=tsan,xray"}, "unknown detector \"xray\""},
      {{"matrix", "--variants=sharded"}, "unknown variant \"sharded\""},
      {{"matrix", "--runs=0"}, "--runs must be >= 1"},
      {{"matrix", "--guard_tool=/nonexistent"}, "is not an executable"},
      {{"matrix", "--schedule=chaos"}, "--schedule must be seed"},
      {{"audit", "--runs=0"}, "--runs must be >= 1"},
      {{"hammer", "--transport=carrier_pigeon"},
       "unknown transport \"carrier_pigeon\""},
      {{"hammer", "--transport=http", "--handles=glued"},
       "unknown handles \"glued\""},
      {{"hammer", "--handles=shared"},
       "--handles=shared needs --transport=http"},
      {{"hammer", "--transport=http", "--port=70000"}, "is not a TCP port"},
      {{"serve", "--port=-1"}, "is not a TCP port"},
      {{"matrix", "--transport=http"}, "--transport applies to hammer"},
  };
  for (const BadUsage& bad : cases) {
    const ChildResult child = Racelab(bad.args);
    EXPECT_TRUE(child.exited) << child.Describe();
    EXPECT_EQ(child.exit_code, 2) << bad.message;
    EXPECT_TRUE(absl::StrContains(child.stderr_text, bad.message))
        << "expected \"" << bad.message << "\" in: " << child.stderr_text;
  }
}

TEST(RacelabCliTest, HammerOverHttpStartsItsServerAndPrintsItsAddress) {
  const ChildResult child = Racelab({"hammer", "--variant=pool", "--threads=2",
                                     "--iterations=20", "--transport=http"});
  EXPECT_EQ(child.exit_code, 0) << child.stderr_text;
  EXPECT_TRUE(absl::StrContains(child.stdout_text, "http://127.0.0.1:"))
      << child.stdout_text;
  absl::StatusOr<HammerReport> report =
      ParseHammerResultLine(child.stdout_text);
  ASSERT_TRUE(report.ok()) << child.stdout_text;
  EXPECT_EQ(report->count(Outcome::kOk), 40);
}

TEST(RacelabCliTest, HelpListsCommandsAndFlags) {
  const ChildResult child = Racelab({"--help"});
  EXPECT_EQ(child.exit_code, 0);
  // Every row of the command table (cli/commands.cc), in its order.
  size_t at = 0;
  for (const char* command :
       {"racelab hammer", "racelab verdict", "racelab audit", "racelab matrix",
        "racelab merge", "racelab serve", "racelab variants", "racelab help",
        "Exit codes"}) {
    const size_t found = child.stdout_text.find(command, at);
    EXPECT_NE(found, std::string::npos)
        << command << " not after offset " << at;
    if (found != std::string::npos) at = found;
  }
  for (const char* text : {"--transport", "--handles", "--port", "--variant",
                           "--iterations", "--timeout"}) {
    EXPECT_TRUE(absl::StrContains(child.stdout_text, text)) << text;
  }
}

TEST(RacelabCliTest, HammerOnAFixPrintsAResultLineAndExitsZero) {
  const ChildResult child =
      Racelab({"hammer", "--variant=locked", "--threads=2", "--iterations=50"});
  EXPECT_EQ(child.exit_code, 0) << child.stderr_text;
  absl::StatusOr<HammerReport> report =
      ParseHammerResultLine(child.stdout_text);
  ASSERT_TRUE(report.ok()) << child.stdout_text;
  EXPECT_EQ(report->requests, 100);
  EXPECT_EQ(report->count(Outcome::kOk), 100);
}

TEST(RacelabCliTest, VerdictJudgesEveryVariantAndWritesTheReport) {
  const std::filesystem::path out =
      std::filesystem::path(testing::TempDir()) / "racelab_cli_verdict";
  std::filesystem::remove_all(out);
  const ChildResult child =
      Racelab({"verdict", "--threads=2", "--iterations=1000",
               absl::StrCat("--out=", out.string()), "--report=v.md"});
  // In a TSan build this requires the forced seed to be reported (liveness);
  // in a native build, to give the seed's wrong results. Every fix must be
  // clean; the plain-load buggy row is measured, whatever it shows.
  EXPECT_EQ(child.exit_code, 0) << child.stdout_text << child.stderr_text;
  std::ifstream in(out / "v.md");
  ASSERT_TRUE(in.good()) << "no report written";
  std::stringstream report;
  report << in.rdbuf();
  for (const char* row :
       {"| per_request | fix | 2 x 1000 | 2000 | 0 | exit 0 | clean | clean |",
        "| locked | fix | 2 x 1000 | 2000 | 0 | exit 0 | clean | clean |",
        "| copying | fix | 2 x 1000 | 2000 | 0 | exit 0 | clean | clean |",
        "| shared_unsafe | stress | 2 x 1000 | ",
        // The tempting wrong fix, forced between its locked steps: the two
        // requests wrong, and no data race for any build to report.
        "| locked_fields | race_condition | forced seed (",
        " | 2 | 2 | exit 1 | wrong_results | RACE CONDITION SHOWN: wrong "
        "results: 2 of 2 requests"}) {
    EXPECT_TRUE(absl::StrContains(report.str(), row)) << row << "\n"
                                                      << report.str();
  }
  EXPECT_FALSE(absl::StrContains(report.str(), "Incomplete"));
  EXPECT_FALSE(std::filesystem::exists(out / "v.md.tmp"));
  // The same rows as data, each with its child's whole output kept.
  std::ifstream json_in(out / "v.json");
  ASSERT_TRUE(json_in.good()) << "no v.json written";
  const nlohmann::json verdict = nlohmann::json::parse(json_in);
  EXPECT_EQ(verdict["complete"], true);
  ASSERT_EQ(verdict["rows"].size(), 8u) << verdict.dump(2);
  for (const nlohmann::json& row : verdict["rows"]) {
    const std::filesystem::path log = out / row["log"].get<std::string>();
    std::ifstream log_in(log);
    ASSERT_TRUE(log_in.good()) << "no log at " << log;
    std::stringstream text;
    text << log_in.rdbuf();
    EXPECT_TRUE(absl::StrContains(text.str(), "racelab hammer --variant="))
        << log;
    if (IsTsanBuild() && row["role"] == "liveness") {
      EXPECT_TRUE(
          absl::StrContains(text.str(), "WARNING: ThreadSanitizer: data race"))
          << log;
      EXPECT_GT(row["time_to_report_ms"].get<double>(), 0) << row;
    }
  }
  if (IsTsanBuild()) {
    EXPECT_TRUE(absl::StrContains(
        report.str(),
        "| shared_unsafe | liveness | forced seed (spin) | - | - | exit 66 | "
        "tsan_report | DETECTOR ALIVE"))
        << report.str();
    // The forced seed's report is in the seed's own code.
    EXPECT_TRUE(absl::StrContains(report.str(), "racelab::repro::Params::"))
        << report.str();
  } else {
    EXPECT_TRUE(absl::StrContains(
        report.str(),
        "| shared_unsafe | liveness | forced seed (mutex) | 2 | 2 | exit 1 | "
        "wrong_results | BUG SHOWN"))
        << report.str();
  }
}

TEST(RacelabCliTest, RecordedScheduleReplaysTheSameDamage) {
  if (!kRacePointsCompiledIn) GTEST_SKIP() << "no race points in this build";
  // The mutex-forced seed interleaving is race-free and deterministic: A's
  // request is mixed up, B's is drained. Record the order the points were
  // passed in, replay it, and get the same damage.
  const ChildResult recorded = Racelab(
      {"hammer", "--variant=shared_unsafe", "--threads=2", "--iterations=1",
       "--schedule=seed", "--forcing=mutex", "--record_schedule"});
  EXPECT_EQ(recorded.exit_code, 1) << recorded.stderr_text;
  const size_t start = recorded.stdout_text.find("--schedule='");
  ASSERT_NE(start, std::string::npos) << recorded.stdout_text;
  const size_t end = recorded.stdout_text.find('\'', start + 12);
  const std::string schedule =
      recorded.stdout_text.substr(start + 12, end - start - 12);
  // Every point of both requests, up to each one's send.
  EXPECT_EQ(Schedule::Parse(schedule)->steps().size(), 36u) << schedule;

  const ChildResult replayed = Racelab(
      {"hammer", "--variant=shared_unsafe", "--threads=2", "--iterations=1",
       absl::StrCat("--schedule=", schedule), "--forcing=mutex"});
  EXPECT_EQ(replayed.exit_code, 1) << replayed.stdout_text;
  absl::StatusOr<HammerReport> report =
      ParseHammerResultLine(replayed.stdout_text);
  ASSERT_TRUE(report.ok()) << replayed.stdout_text;
  EXPECT_EQ(report->count(Outcome::kMissingParams), 1) << replayed.stdout_text;
  EXPECT_EQ(report->count(Outcome::kOk), 0) << replayed.stdout_text;
  EXPECT_TRUE(absl::StrContains(replayed.stdout_text,
                                "schedule: every step happened in order"))
      << replayed.stdout_text;
}

TEST(RacelabCliTest, ScheduleErrorsAreUsageErrors) {
  const ChildResult bad_step =
      Racelab({"hammer", "--schedule=A@Nowhere", "--iterations=1"});
  EXPECT_EQ(bad_step.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(bad_step.stderr_text, "unknown race point"))
      << bad_step.stderr_text;
  const ChildResult bad_forcing =
      Racelab({"hammer", "--schedule=seed", "--forcing=sleep"});
  EXPECT_EQ(bad_forcing.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(bad_forcing.stderr_text,
                                "--forcing must be spin or mutex"))
      << bad_forcing.stderr_text;
}

TEST(RacelabCliTest, InterruptedVerdictKeepsWhatItFinished) {
  const std::filesystem::path out =
      std::filesystem::path(testing::TempDir()) / "racelab_cli_interrupt";
  std::filesystem::remove_all(out);
  // SIGTERM arrives once the first row is in the report (no guessing how
  // long that takes); the next rows, 100 million requests per thread, are
  // then certainly still running.
  const std::string report_path = (out / "verdict.md").string();
  const std::string script = absl::StrCat(
      RACELAB_TOOL_PATH,
      " verdict --threads=2 --iterations=100000000 --out=", out.string(),
      " & pid=$!; until grep -q '| shared_unsafe |' ", report_path,
      " 2>/dev/null; do sleep 0.05; done; kill -TERM $pid; wait $pid");
  absl::StatusOr<ChildResult> child =
      RunChild({"/bin/sh", "-c", script}, absl::Seconds(60));
  ASSERT_TRUE(child.ok()) << child.status();
  EXPECT_EQ(child->exit_code, 130) << child->stderr_text;
  EXPECT_TRUE(absl::StrContains(child->stderr_text, "interrupted"))
      << child->stderr_text;
  std::ifstream in(out / "verdict.md");
  ASSERT_TRUE(in.good()) << "no partial report written";
  std::stringstream report;
  report << in.rdbuf();
  EXPECT_TRUE(absl::StrContains(report.str(), "Incomplete")) << report.str();
  EXPECT_TRUE(absl::StrContains(report.str(), "| shared_unsafe |"))
      << report.str();
  EXPECT_FALSE(absl::StrContains(report.str(), "| per_request |"))
      << report.str();
}

TEST(RacelabCliTest, InterruptedAuditStopsItsChildAndSaysSo) {
  const std::string out =
      (std::filesystem::path(testing::TempDir()) / "racelab_cli_audit.txt")
          .string();
  std::filesystem::remove(out);
  // SIGTERM once the table's header is out: the first child, 100 million
  // requests per thread, is then certainly running.
  const std::string script = absl::StrCat(
      RACELAB_TOOL_PATH,
      " audit --variant=copying --threads=2 --iterations=100000000 --runs=3 >",
      out, " & pid=$!; until grep -q '^run ' ", out,
      " 2>/dev/null; do sleep 0.05; done; kill -TERM $pid; wait $pid");
  absl::StatusOr<ChildResult> child =
      RunChild({"/bin/sh", "-c", script}, absl::Seconds(60));
  ASSERT_TRUE(child.ok()) << child.status();
  EXPECT_EQ(child->exit_code, 130) << child->stderr_text;
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_TRUE(absl::StrContains(text.str(), "interrupted during run 1"))
      << text.str();
}

}  // namespace
}  // namespace racelab
