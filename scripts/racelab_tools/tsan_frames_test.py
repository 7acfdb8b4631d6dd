"""tsan_frames.py held to the same table of recorded frames as the
C++ side (detectors/testdata/tsan_frames_expected.txt)."""

import os
import unittest

from racelab_tools import common, tsan_frames

ROOT = common.ROOT
TESTDATA = os.path.join(ROOT, "detectors", "testdata")
SAMPLES = ("tsan_frames_clang.txt", "tsan_frames_gcc.txt",
           "tsan_frames_clang_nodebug.txt", "tsan_frames_thirdparty.txt",
           "tsan_frames_thirdparty_nodebug.txt", "tsan_frames_demangled.txt",
           "hammer_tsan_data_race.txt", "hammer_tsan_segv.txt")


def read(name):
    with open(os.path.join(TESTDATA, name), encoding="utf-8") as f:
        return f.read()


def table():
    pairs, frame = [], None
    for line in read("tsan_frames_expected.txt").splitlines():
        if line.startswith("frame: "):
            frame = line[len("frame: "):]
        elif line.startswith("short: "):
            pairs.append((frame, line[len("short: "):]))
    return pairs


class TsanFramesTest(unittest.TestCase):
    def test_the_table(self):
        pairs = table()
        self.assertGreaterEqual(len(pairs), 25)
        for printed, expected in pairs:
            frame = tsan_frames.parse_frame(printed)
            self.assertIsNotNone(frame, printed)
            self.assertEqual(tsan_frames.short_frame_line(frame), expected,
                             printed)

    def test_parses_every_part(self):
        frame = tsan_frames.parse_frame(
            "    #10 (anonymous namespace)::JsonConfigReader::Get(std::string "
            "const&) /src/thirdparty_test.cc:17:15 (test+0x1234) "
            "(BuildId: ab12)")
        self.assertEqual(frame.index, 10)
        self.assertEqual(frame.location, "/src/thirdparty_test.cc:17:15")
        self.assertEqual(frame.module, "test+0x1234")
        self.assertTrue(tsan_frames.has_line(frame))
        self.assertIsNone(tsan_frames.parse_frame("  Read of size 8 at 0x7b"))

    def test_no_shortened_frame_is_ever_empty(self):
        frames = 0
        for name in SAMPLES:
            for line in read(name).splitlines():
                frame = tsan_frames.parse_frame(line)
                if frame is None:
                    continue
                frames += 1
                self.assertTrue(tsan_frames.short_function(
                    frame.function).strip(), line)
                shown = tsan_frames.short_frame_line(frame)
                prefix = f"#{frame.index} "
                self.assertTrue(shown.startswith(prefix), shown)
                self.assertGreater(len(shown), len(prefix), line)
                self.assertNotEqual(shown[len(prefix)], " ", line)
        self.assertGreater(frames, 500)

    def test_names_by_structure(self):
        self.assertEqual(tsan_frames.short_function(
            "foo(int) [clone .cold]"), "foo")
        self.assertEqual(tsan_frames.short_function(
            "main::{lambda(int)#1}::operator()(int) const"),
            "main::{lambda(int)#1}::operator()")
        self.assertEqual(tsan_frames.short_function(
            "Foo::operator bool() const"), "Foo::operator bool")
        self.assertEqual(tsan_frames.short_function("("), "(")


if __name__ == "__main__":
    unittest.main()
