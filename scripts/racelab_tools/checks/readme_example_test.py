"""README.md's "Test your own class" example must be the compiled one:
its ```cpp block is share/external/inventory_test.cc and its ```cmake block
share/external/CMakeLists.txt, character for character (ctest
layout.readme_example). The files themselves are built and run by ctest
share.external_package and share.external_subdirectory."""

import os
import re
import sys
import unittest

from racelab_tools import common

ROOT = common.ROOT


def section(text, title):
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else len(text)]


def blocks(text, language):
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


class ReadmeExampleTest(unittest.TestCase):
    def setUp(self):
        with open(os.path.join(ROOT, "README.md")) as f:
            self.section = section(f.read(), "Test your own class")

    def same_as(self, language, path):
        with open(os.path.join(ROOT, path)) as f:
            expected = f.read()
        found = blocks(self.section, language)
        self.assertEqual(len(found), 1, f"one ```{language} block expected")
        self.assertEqual(found[0], expected,
                         f"README's ```{language} block differs from {path}")

    def test_the_cpp_example_is_the_compiled_file(self):
        self.same_as("cpp", "share/external/inventory_test.cc")

    def test_the_cmake_example_is_the_compiled_file(self):
        self.same_as("cmake", "share/external/CMakeLists.txt")


if __name__ == "__main__":
    sys.exit(unittest.main())
