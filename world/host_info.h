// world/host_info.h
//
// HostInfo: what the Go library's NewHttp() gathered about the machine on
// EVERY App construction (OS name and version, kernel, host name, toolchain
// and SDK version). racelab gathers the same things for real, with real file
// reads and system calls, because that work is the hidden price of the
// seed's fix (a new client per request).

#ifndef RACELAB_WORLD_HOST_INFO_H_
#define RACELAB_WORLD_HOST_INFO_H_

#include <string>

namespace racelab {

inline constexpr char kSdkVersion[] = "racelab-gorequest/1.0.157";

// Plain value type.
struct HostInfo {
  std::string os_name;     // NAME from /etc/os-release, else uname sysname
  std::string os_version;  // VERSION_ID from /etc/os-release, or "unknown"
  std::string kernel;      // uname release, e.g. "6.1.0-18-amd64"
  std::string machine;     // uname machine, e.g. "x86_64"
  std::string hostname;    // gethostname()
  std::string compiler;    // the compiler that built racelab
  std::string sdk_version;
};

// GatherHostInfo() reads /etc/os-release and /proc/sys/kernel/osrelease and
// calls uname() and gethostname(), every call (no caching: that is the
// point). Fields it cannot read are "unknown", never empty. Thread-safe.
HostInfo GatherHostInfo();

// How a client's constructor obtains its HostInfo. The Go library had only
// kGather; kSkip exists so that racelab can price the gathering (the
// benchmarks' "light" construction).
enum class HostInfoMode {
  kGather,  // GatherHostInfo() in every constructor, as NewHttp() did
  kSkip,    // no file reads or system calls; fields "unknown"
};

// HostInfoFor() returns GatherHostInfo() for kGather, and for kSkip a
// HostInfo whose fields are all "unknown" except sdk_version. Thread-safe.
HostInfo HostInfoFor(HostInfoMode mode);

// UserAgent() formats the host information the way the client sends it.
std::string UserAgent(const HostInfo& info);

}  // namespace racelab

#endif  // RACELAB_WORLD_HOST_INFO_H_
