// fixed/fixed_wire_test.cc
//
// Every cure over a real loopback server, in child processes judged by what
// they printed: the five client fixes, each client keeping its own CURL
// handle, and the four cures of the shared handle (fixed/handles/) under a
// thread-safe client. Each must be clean: no report (TSan's in the TSan
// build, the guards' in racelab_guard), no error, every answer right.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/child_process.h"
#include "detectors/evidence.h"
#include "experiments/verdict.h"
#include "gtest/gtest.h"
#include "variants/run_transport.h"
#include "variants/variants.h"

namespace racelab {
namespace {

// The guarded tool where there is one (both guards compiled in), the TSan
// tool in the TSan build.
#ifdef RACELAB_GUARD_TOOL_PATH
constexpr char kTool[] = RACELAB_GUARD_TOOL_PATH;
#else
constexpr char kTool[] = RACELAB_TOOL_PATH;
#endif

void ExpectCleanOverHttp(const std::vector<std::string>& extra) {
  std::vector<std::string> argv = {kTool, "hammer", "--threads=4",
                                   "--iterations=100", "--transport=http"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  absl::StatusOr<ChildResult> child = RunChild(argv, absl::Seconds(60));
  ASSERT_TRUE(child.ok()) << child.status();
  absl::StatusOr<HammerReport> report =
      ParseHammerResultLine(child->stdout_text);
  ASSERT_TRUE(report.ok()) << child->stdout_text << child->stderr_text;
  const Evidence evidence =
      ClassifyRun(*child, {report->requests, report->wrong()});
  EXPECT_EQ(evidence.kind, EvidenceKind::kClean)
      << evidence.how << "\n"
      << child->stdout_text << child->stderr_text;
  EXPECT_EQ(report->count(Outcome::kOk), 400) << child->stdout_text;
}

class ClientFixOverHttpTest : public testing::TestWithParam<Variant> {};

TEST_P(ClientFixOverHttpTest, IsClean) {
  ExpectCleanOverHttp({absl::StrCat("--variant=", VariantName(GetParam()))});
}

INSTANTIATE_TEST_SUITE_P(AllFixes, ClientFixOverHttpTest,
                         testing::ValuesIn(kFixedVariants),
                         [](const auto& info) {
                           return std::string(VariantName(info.param));
                         });

class HandleFixTest : public testing::TestWithParam<Handles> {};

TEST_P(HandleFixTest, IsClean) {
  ExpectCleanOverHttp({"--variant=copying",
                       absl::StrCat("--handles=", HandlesName(GetParam()))});
}

INSTANTIATE_TEST_SUITE_P(AllHandleFixes, HandleFixTest,
                         testing::ValuesIn(kHandleFixes), [](const auto& info) {
                           return std::string(HandlesName(info.param));
                         });

}  // namespace
}  // namespace racelab
