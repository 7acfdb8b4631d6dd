// share/tsan_symbolizer.cc

#include "share/tsan_symbolizer.h"

#include <dirent.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "absl/base/config.h"
#include "base/build_info.h"

#ifdef ABSL_HAVE_THREAD_SANITIZER
#include <sanitizer/common_interface_defs.h>
#endif

namespace racelab::share_internal {
namespace {

struct ProcessStat {
  pid_t parent = -1;
  int64_t cpu_ticks = -1;  // user + system
};

// Fields of /proc/<pid>/stat (proc(5)); the command name in parentheses
// may hold spaces, so the fields are counted after its closing one.
ProcessStat ReadStat(pid_t pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
  const std::string text((std::istreambuf_iterator<char>(file)),
                         std::istreambuf_iterator<char>());
  ProcessStat stat;
  const size_t close = text.rfind(')');
  if (close == std::string::npos) return stat;
  // Fields 3 on: state ppid pgrp session tty_nr tpgid flags minflt
  // cminflt majflt cmajflt utime stime.
  const char* cursor = text.c_str() + close + 1;
  for (int field = 3; field <= 15 && *cursor != '\0'; ++field) {
    while (*cursor == ' ') ++cursor;
    char* end = nullptr;
    const long long value = std::strtoll(cursor, &end, 10);
    if (field == 4) stat.parent = static_cast<pid_t>(value);
    if (field == 14) stat.cpu_ticks = value;
    if (field == 15) stat.cpu_ticks += value;
    cursor = end == cursor ? cursor + 1 : end;
  }
  return stat;
}

// A child process of this one, or -1. The MayShare child starts none
// itself: one found is TSan's.
pid_t FindChildProcess() {
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return -1;
  const pid_t self = getpid();
  pid_t found = -1;
  while (dirent* entry = readdir(proc)) {
    char* end = nullptr;
    const long pid = std::strtol(entry->d_name, &end, 10);
    if (*end != '\0' || pid <= 0) continue;
    if (ReadStat(static_cast<pid_t>(pid)).parent == self) {
      found = static_cast<pid_t>(pid);
      break;
    }
  }
  closedir(proc);
  return found;
}

}  // namespace

void TsanSymbolizer::Start() {
#ifdef ABSL_HAVE_THREAD_SANITIZER
  char name[128];
  __sanitizer_symbolize_pc(reinterpret_cast<void*>(&FindChildProcess), "%f",
                           name, sizeof name);
#endif
}

TsanSymbolizer::TsanSymbolizer()
    : pid_(IsTsanBuild() ? FindChildProcess() : -1),
      last_ticks_(pid_ < 0 ? -1 : ReadStat(pid_).cpu_ticks) {}

bool TsanSymbolizer::Busy() {
  if (pid_ < 0) return false;
  const int64_t ticks = ReadStat(pid_).cpu_ticks;
  const bool busy = ticks > last_ticks_;
  last_ticks_ = ticks;
  return busy;
}

}  // namespace racelab::share_internal
