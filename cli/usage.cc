// cli/usage.cc

#include "cli/usage.h"

#include "cli/commands.h"
#include "cli/flags.h"

namespace racelab {
namespace {

constexpr char kIntroduction[] =
    "racelab: reproduces, detects and measures the shared-client race.\n"
    "\n"
    "usage:\n";

constexpr char kExitCodes[] =
    "\n"
    "Exit codes:\n"
    "  0    ok: every verdict or check as expected\n"
    "  1    a verdict or check not as expected (hammer: a wrong outcome)\n"
    "  2    bad usage, or a run that could not be done\n"
    "  3    matrix: some detector unavailable here (the rest as expected)\n"
    "  66   hammer under TSan: a ThreadSanitizer report, or a crash under\n"
    "       TSan (its SEGV handler exits 66 too: read the output)\n"
    "  130  interrupted (SIGINT/SIGTERM); the report keeps what finished\n"
    "  134  racelab_guard hammer: the map guard's fatal error (SIGABRT)\n";

}  // namespace

void PrintHelp(FILE* out) {
  std::fputs(kIntroduction, out);
  for (const Command& command : AllCommands()) std::fputs(command.usage, out);
  std::fputs(kExitCodes, out);
  std::fputs("\nflags:\n", out);
  PrintFlags(out);
}

}  // namespace racelab
