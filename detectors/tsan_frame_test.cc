// detectors/tsan_frame_test.cc
//
// Frames of real ThreadSanitizer output (detectors/testdata/tsan_frames_*:
// recorded from tsan_frames_race.cc.txt and tsan_frames_thirdparty.cc.txt
// built with clang and gcc, with and without -g) parsed and shortened; the
// expected short forms are one table, tsan_frames_expected.txt, which the
// Python reports are held to as well (scripts/racelab_tools/tsan_frames_test.py).

#include "detectors/tsan_frame.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "base/read_file.h"
#include "detectors/testdata.h"
#include "gtest/gtest.h"

namespace racelab {
namespace {

// (frame as printed, its expected short line) from the table.
std::vector<std::pair<std::string, std::string>> ExpectedTable() {
  std::vector<std::pair<std::string, std::string>> pairs;
  std::string frame;
  for (absl::string_view line :
       absl::StrSplit(DetectorsTestdata("tsan_frames_expected.txt"), '\n')) {
    if (absl::ConsumePrefix(&line, "frame: ")) frame = std::string(line);
    if (absl::ConsumePrefix(&line, "short: ")) {
      pairs.emplace_back(frame, std::string(line));
    }
  }
  return pairs;
}

TEST(TsanFrameTest, ParsesEveryPart) {
  const std::optional<TsanFrame> frame = ParseTsanFrame(
      "    #10 (anonymous namespace)::JsonConfigReader::Get(std::string "
      "const&) /src/thirdparty_test.cc:17:15 (test+0x1234) (BuildId: ab12)");
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->index, 10);
  EXPECT_EQ(frame->function,
            "(anonymous namespace)::JsonConfigReader::Get(std::string const&)");
  EXPECT_EQ(frame->location, "/src/thirdparty_test.cc:17:15");
  EXPECT_EQ(frame->module, "test+0x1234");
  EXPECT_TRUE(frame->has_line());
  // No debug information: the file's name and no line; no symbol at all.
  const std::optional<TsanFrame> no_line = ParseTsanFrame(
      "    #2 (anonymous namespace)::JsonConfigReader::Get(std::string "
      "const&) thirdparty_test.cc (test+0xd5ad8)");
  ASSERT_TRUE(no_line.has_value());
  EXPECT_EQ(no_line->location, "thirdparty_test.cc");
  EXPECT_FALSE(no_line->has_line());
  const std::optional<TsanFrame> null = ParseTsanFrame(
      "    #11 <null> <null> (libstdc++.so.6+0xd44a2) (BuildId: 289e)");
  ASSERT_TRUE(null.has_value());
  EXPECT_EQ(null->function, "<null>");
  EXPECT_EQ(null->location, "");
  EXPECT_FALSE(ParseTsanFrame("  Read of size 8 at 0x7b14 by thread T2:"));
  EXPECT_FALSE(ParseTsanFrame("    #x not a frame"));
}

TEST(TsanFrameTest, ShortensEveryRecordedShapeAsTheTableSays) {
  const std::vector<std::pair<std::string, std::string>> table =
      ExpectedTable();
  ASSERT_GE(table.size(), 25u);
  for (const auto& [printed, expected] : table) {
    const std::optional<TsanFrame> frame = ParseTsanFrame(printed);
    ASSERT_TRUE(frame.has_value()) << printed;
    EXPECT_EQ(ShortFrameLine(*frame, ""), expected) << printed;
  }
}

TEST(TsanFrameTest, TheTableComesFromTheRecordedSamples) {
  // Every frame in the table was printed by TSan (or, where the table says
  // so, built from a demangler's real output), not written by hand.
  std::string samples;
  for (const char* name :
       {"tsan_frames_clang.txt", "tsan_frames_gcc.txt",
        "tsan_frames_clang_nodebug.txt", "tsan_frames_thirdparty.txt",
        "tsan_frames_thirdparty_nodebug.txt", "tsan_frames_demangled.txt"}) {
    absl::StrAppend(&samples, DetectorsTestdata(name));
  }
  for (const auto& [printed, expected] : ExpectedTable()) {
    EXPECT_TRUE(absl::StrContains(samples, printed)) << printed;
  }
}

// No frame of any recorded report shortens to nothing: every line keeps
// "#N" and a name.
TEST(TsanFrameTest, NoShortenedFrameIsEverEmpty) {
  int frames = 0;
  for (const char* name :
       {"tsan_frames_clang.txt", "tsan_frames_gcc.txt",
        "tsan_frames_clang_nodebug.txt", "tsan_frames_thirdparty.txt",
        "tsan_frames_thirdparty_nodebug.txt", "tsan_frames_demangled.txt",
        "hammer_tsan_data_race.txt", "hammer_tsan_segv.txt"}) {
    for (absl::string_view line :
         absl::StrSplit(DetectorsTestdata(name), '\n')) {
      const std::optional<TsanFrame> frame = ParseTsanFrame(line);
      if (!frame.has_value()) continue;
      ++frames;
      const std::string name_only = ShortFunctionName(frame->function);
      EXPECT_FALSE(absl::StripAsciiWhitespace(name_only).empty()) << line;
      const std::string shown = ShortFrameLine(*frame, "");
      const std::string prefix = absl::StrCat("#", frame->index, " ");
      ASSERT_TRUE(absl::StartsWith(shown, prefix)) << shown;
      EXPECT_GT(shown.size(), prefix.size()) << line;
      EXPECT_NE(shown[prefix.size()], ' ') << line;
    }
  }
  EXPECT_GT(frames, 500);
}

TEST(TsanFrameTest, ShortensNamesByStructure) {
  EXPECT_EQ(ShortFunctionName("foo(int) [clone .cold]"), "foo");
  EXPECT_EQ(ShortFunctionName("main::{lambda(int)#1}::operator()(int) const"),
            "main::{lambda(int)#1}::operator()");
  EXPECT_EQ(ShortFunctionName("Foo::operator bool() const"),
            "Foo::operator bool");
  EXPECT_EQ(ShortFunctionName("operator delete(void*, unsigned long)"),
            "operator delete");
  EXPECT_EQ(ShortFunctionName("<null>"), "<null>");
  EXPECT_EQ(ShortFunctionName("memcmp"), "memcmp");
  // A name it cannot parse comes back whole, never empty.
  EXPECT_EQ(ShortFunctionName("("), "(");
}

}  // namespace
}  // namespace racelab
