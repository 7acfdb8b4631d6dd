// cli/conclusion.h
//
// What a racelab command concluded. Commands return it (or an error
// status); only main() turns it into the process's exit code.

#ifndef RACELAB_CLI_CONCLUSION_H_
#define RACELAB_CLI_CONCLUSION_H_

namespace racelab {

enum class Conclusion {
  kAsExpected,     // exit 0
  kNotAsExpected,  // exit 1: a verdict or check failed, a wrong outcome
  kUnavailable,    // exit 3: matrix detectors that cannot run here
  kInterrupted,    // exit 130: SIGINT/SIGTERM; partial reports kept
};

}  // namespace racelab

#endif  // RACELAB_CLI_CONCLUSION_H_
