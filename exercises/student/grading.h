// exercises/student/grading.h
//
// How a student's answer is graded: SKIPPED while its class says
// kSolved = false (the untouched stub), else it must carry a written
// thread-safety argument and pass racelab::MayShare.
//
// Threading: functions only.

#ifndef RACELAB_EXERCISES_STUDENT_GRADING_H_
#define RACELAB_EXERCISES_STUDENT_GRADING_H_

#include <string>
#include <string_view>

#include "gtest/gtest.h"

namespace racelab::exercises::student {

// An argument shorter than this says too little to be one.
inline constexpr size_t kShortestArgument = 60;

// Skips the calling test while `Answer` is not solved; fails it when the
// answer has no thread-safety argument.
#define RACELAB_GRADE(Answer, file)                                 \
  if (!Answer::kSolved)                                             \
    GTEST_SKIP() << #Answer " is not solved yet: write it in " file \
                 << ", then set its kSolved to true";               \
  EXPECT_GE(std::string_view(Answer::kArgument).size(),             \
            ::racelab::exercises::student::kShortestArgument)       \
      << #Answer                                                    \
      ": write its thread-safety argument in kArgument (" file      \
      "): what the threads share, and why no two of them conflict on it"

}  // namespace racelab::exercises::student

#endif  // RACELAB_EXERCISES_STUDENT_GRADING_H_
