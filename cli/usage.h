// cli/usage.h
//
// The racelab tool's help: every command, every exit code, every flag.

#ifndef RACELAB_CLI_USAGE_H_
#define RACELAB_CLI_USAGE_H_

#include <cstdio>

namespace racelab {

void PrintHelp(FILE* out);

}  // namespace racelab

#endif  // RACELAB_CLI_USAGE_H_
