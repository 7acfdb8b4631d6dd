"""Tests of checks/function_length.py: what counts as a function and its
length, and the check on small synthetic trees."""

import os
import shutil
import tempfile
import unittest

from racelab_tools.checks import function_length


def body(lines):
    return "".join(f"  x += {i};\n" for i in range(lines))


class FunctionsTest(unittest.TestCase):
    def test_a_function_counts_from_its_signature_to_its_brace(self):
        text = ("namespace racelab {\n"
                "int Sum(int a,\n"
                "        int b) {\n" + body(3) + "}\n"
                "}  // namespace racelab\n")
        self.assertEqual(function_length.functions(text), [("Sum", 2, 6)])

    def test_classes_namespaces_and_initializers_are_not_functions(self):
        text = ("namespace a {\n"
                "struct Point {\n  int x;\n};\n"
                "enum class Kind { kOne, kTwo };\n"
                "const int kTable[] = {1, 2, 3};\n"
                "class Box {\n public:\n"
                "  int Get() const {\n    return 1;\n  }\n"
                "};\n}\n")
        self.assertEqual(function_length.functions(text), [("Get", 9, 3)])

    def test_lambdas_and_blocks_count_toward_their_function(self):
        text = ("void Run() {\n"
                "  auto f = [](int x) {\n    return x;\n  };\n"
                "  if (f(1)) {\n    f(2);\n  }\n"
                "}\n")
        self.assertEqual(function_length.functions(text), [("Run", 1, 8)])

    def test_braces_in_comments_strings_and_macros_are_ignored(self):
        text = ('#define OPEN(x) {\n'
                '#define MANY(x) \\\n  x; \\\n  }\n'
                'int F() {\n'
                '  // a { in a comment\n'
                '  const char* s = "}";\n'
                '  const char c = \'{\';\n'
                '  const char* r = R"(})";\n'
                '  return 1\'000;\n'
                '}\n')
        self.assertEqual(function_length.functions(text), [("F", 5, 7)])


class CheckTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="function-length-")
        self.addCleanup(shutil.rmtree, self.root, ignore_errors=True)

    def write(self, path, text):
        full = os.path.join(self.root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)

    def test_a_long_library_function_fails_naming_it(self):
        self.write("base/clock.cc", "int Long() {\n" + body(85) + "}\n")
        self.write("share/short.cc", "int Short() {\n" + body(10) + "}\n")
        self.assertEqual(function_length.check(self.root, 80),
                         ["base/clock.cc:1: Long is 87 lines (at most 80): "
                          "split it"])

    def test_tests_outside_projects_and_the_exhibit_are_left_out(self):
        long = "int Long() {\n" + body(100) + "}\n"
        self.write("base/clock_test.cc", long)
        self.write("share/external/user.cc", long)
        self.write("cli/main.cc", long)
        self.write("base/clock.cc", "int Short() {\n}\n")
        self.assertEqual(function_length.check(self.root, 80), [])

    def test_main_exits_1_on_a_long_function_and_2_off_a_source_root(self):
        self.write("base/clock.cc", "int Long() {\n" + body(85) + "}\n")
        self.assertEqual(function_length.main([self.root]), 1)
        self.assertEqual(function_length.main([self.root, "--limit", "100"]),
                         0)
        self.assertEqual(function_length.main([os.path.join(self.root, "x")]),
                         2)


if __name__ == "__main__":
    unittest.main()
