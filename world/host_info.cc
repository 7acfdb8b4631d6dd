// world/host_info.cc

#include "world/host_info.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace racelab {
namespace {

constexpr char kUnknown[] = "unknown";

std::string OrUnknown(absl::string_view value) {
  value = absl::StripAsciiWhitespace(value);
  return value.empty() ? kUnknown : std::string(value);
}

std::string ReadFile(const char* path) {
  std::ifstream in(path);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// Returns the value of KEY=value in an os-release file, without quotes.
std::string OsReleaseValue(absl::string_view os_release,
                           absl::string_view key) {
  for (absl::string_view line : absl::StrSplit(os_release, '\n')) {
    if (absl::ConsumePrefix(&line, key) && absl::ConsumePrefix(&line, "=")) {
      absl::ConsumePrefix(&line, "\"");
      absl::ConsumeSuffix(&line, "\"");
      return std::string(line);
    }
  }
  return "";
}

}  // namespace

HostInfo GatherHostInfo() {
  HostInfo info;
  struct utsname uts;
  const bool have_uname = uname(&uts) == 0;

  const std::string os_release = ReadFile("/etc/os-release");
  info.os_name = OrUnknown(OsReleaseValue(os_release, "NAME"));
  if (info.os_name == kUnknown && have_uname) info.os_name = uts.sysname;
  info.os_version = OrUnknown(OsReleaseValue(os_release, "VERSION_ID"));

  // The Go library read the kernel release from /proc as well as uname().
  info.kernel = OrUnknown(ReadFile("/proc/sys/kernel/osrelease"));
  if (info.kernel == kUnknown && have_uname) info.kernel = uts.release;
  info.machine = OrUnknown(have_uname ? uts.machine : "");

  char hostname[256] = {};
  info.hostname = OrUnknown(
      gethostname(hostname, sizeof(hostname) - 1) == 0 ? hostname : "");
#if defined(__clang__)
  info.compiler = absl::StrCat("clang ", __clang_version__);
#elif defined(__GNUC__)
  info.compiler = absl::StrCat("gcc ", __VERSION__);
#else
  info.compiler = kUnknown;
#endif
  info.compiler = OrUnknown(info.compiler);
  info.sdk_version = kSdkVersion;
  return info;
}

HostInfo HostInfoFor(HostInfoMode mode) {
  if (mode == HostInfoMode::kGather) return GatherHostInfo();
  HostInfo info;
  info.os_name = info.os_version = info.kernel = info.machine = kUnknown;
  info.hostname = info.compiler = kUnknown;
  info.sdk_version = kSdkVersion;
  return info;
}

std::string UserAgent(const HostInfo& info) {
  return absl::StrCat(info.sdk_version, " (", info.os_name, " ",
                      info.os_version, "; ", info.kernel, "; ", info.machine,
                      "; ", info.hostname, ") ", info.compiler);
}

}  // namespace racelab
