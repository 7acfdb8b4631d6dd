# tsan.cmake: everything a ThreadSanitizer build of racelab needs.
#
# TSan only understands synchronisation it can see. Debian's prebuilt abseil
# is not instrumented, so absl::Mutex from it produces false race reports
# (measured: 5/5 runs). This file therefore compiles abseil from Debian's own
# source package (unpacked by scripts/setup into .cache/deps) and googletest
# from /usr/src/googletest, both with -fsanitize=thread, and never lets
# Debian's libabsl*.so into a TSan binary.
#
# Runtime options are compiled into every racelab executable
# (instrument/tsan_options.cc): halt_on_error=1 and exitcode=66, so a report is
# a deterministic process exit, plus one commented abseil suppression.

set(RACELAB_TSAN_FLAGS -fsanitize=thread -g -O1 -fno-omit-frame-pointer)
add_compile_options(${RACELAB_TSAN_FLAGS})
add_link_options(-fsanitize=thread)

set(RACELAB_ABSEIL_SOURCE_DIR "${PROJECT_SOURCE_DIR}/.cache/deps/abseil-src"
    CACHE PATH "abseil source tree from Debian's source package (scripts/setup)")
set(RACELAB_GOOGLETEST_SOURCE_DIR "/usr/src/googletest"
    CACHE PATH "googletest source tree (Debian package googletest/libgtest-dev)")

if(NOT EXISTS "${RACELAB_ABSEIL_SOURCE_DIR}/CMakeLists.txt")
  message(FATAL_ERROR
    "tsan: no abseil source at ${RACELAB_ABSEIL_SOURCE_DIR}.\n"
    "Run scripts/setup first: it unpacks Debian's abseil source package "
    "there, so abseil can be rebuilt with -fsanitize=thread.")
endif()
if(NOT EXISTS "${RACELAB_GOOGLETEST_SOURCE_DIR}/CMakeLists.txt")
  message(FATAL_ERROR
    "tsan: no googletest source at ${RACELAB_GOOGLETEST_SOURCE_DIR}.\n"
    "Run scripts/setup first (it installs libgtest-dev).")
endif()

# abseil as a subproject: same C++ standard as racelab, no tests, no install.
set(ABSL_PROPAGATE_CXX_STD ON)
set(ABSL_BUILD_TESTING OFF)
set(ABSL_ENABLE_INSTALL OFF)
add_subdirectory("${RACELAB_ABSEIL_SOURCE_DIR}" "${PROJECT_BINARY_DIR}/_deps/abseil"
                 EXCLUDE_FROM_ALL SYSTEM)

set(INSTALL_GTEST OFF)
set(BUILD_GMOCK OFF)
add_subdirectory("${RACELAB_GOOGLETEST_SOURCE_DIR}" "${PROJECT_BINARY_DIR}/_deps/googletest"
                 EXCLUDE_FROM_ALL SYSTEM)
if(NOT TARGET GTest::gtest)  # googletest >= 1.11 defines these itself
  add_library(GTest::gtest ALIAS gtest)
  add_library(GTest::gtest_main ALIAS gtest_main)
endif()

add_library(racelab_tsan_options OBJECT
            ${PROJECT_SOURCE_DIR}/instrument/tsan_options.cc)
