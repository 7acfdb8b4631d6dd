// world/host_info_test.cc

#include "world/host_info.h"

#include <sys/utsname.h>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace racelab {
namespace {

TEST(GatherHostInfoTest, EveryFieldIsFilled) {
  const HostInfo info = GatherHostInfo();
  for (const std::string* field :
       {&info.os_name, &info.os_version, &info.kernel, &info.machine,
        &info.hostname, &info.compiler, &info.sdk_version}) {
    EXPECT_FALSE(field->empty());
  }
  EXPECT_EQ(info.sdk_version, kSdkVersion);
}

TEST(GatherHostInfoTest, KernelAndMachineMatchUname) {
  struct utsname uts;
  ASSERT_EQ(uname(&uts), 0);
  const HostInfo info = GatherHostInfo();
  EXPECT_EQ(info.kernel, uts.release);
  EXPECT_EQ(info.machine, uts.machine);
}

TEST(GatherHostInfoTest, ReadsTheOsReleaseFile) {
  // Every supported machine (Debian) has /etc/os-release with NAME=.
  EXPECT_NE(GatherHostInfo().os_name, "unknown");
}

TEST(HostInfoForTest, GatherIsTheRealHostAndSkipGathersNothing) {
  struct utsname uts;
  ASSERT_EQ(uname(&uts), 0);
  EXPECT_EQ(HostInfoFor(HostInfoMode::kGather).kernel, uts.release);

  const HostInfo skipped = HostInfoFor(HostInfoMode::kSkip);
  for (const std::string* field :
       {&skipped.os_name, &skipped.os_version, &skipped.kernel,
        &skipped.machine, &skipped.hostname, &skipped.compiler}) {
    EXPECT_EQ(*field, "unknown");
  }
  EXPECT_EQ(skipped.sdk_version, kSdkVersion);
}

TEST(UserAgentTest, CarriesTheHostInformation) {
  HostInfo info{"Debian GNU/Linux", "12",       "6.1.0", "x86_64", "box",
                "clang 14",         kSdkVersion};
  const std::string agent = UserAgent(info);
  EXPECT_TRUE(absl::StartsWith(agent, kSdkVersion)) << agent;
  for (const char* part :
       {"Debian GNU/Linux 12", "6.1.0", "x86_64", "box", "clang 14"}) {
    EXPECT_TRUE(absl::StrContains(agent, part)) << agent;
  }
}

}  // namespace
}  // namespace racelab
