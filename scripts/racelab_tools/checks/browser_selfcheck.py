"""The browser check (checks/browser.py) must fail on a broken page, not
only pass a good one (ctest report.browser_catches_broken_pages): a clean
page passes; a remote image, a script error, a remote image the CSP
refuses, a missing section and a page wider than its window each fail with
the reason named. Not a unit test: it starts Chromium.

  cd scripts && python3 -m racelab_tools.checks.browser_selfcheck WORK_DIR
"""

import os
import re
import subprocess
import sys
import unittest

from racelab_tools import common, document

WORK = sys.argv.pop(1) if len(sys.argv) > 1 else "/tmp/browser_check_test"


def page(name, mutate=lambda html: html, csp=True):
    doc = document.Document("browser check sample")
    doc.section("Headline")
    doc.para("A clean page: inline CSS, no script.")
    html = doc.to_html()
    if not csp:
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>',
                      "", html)
    path = os.path.join(WORK, f"{name}.html")
    with open(path, "w") as f:
        f.write(mutate(html))
    return path


def check(path, *sections):
    args = ["/usr/bin/python3", "-m", "racelab_tools.checks.browser", path,
            "--screenshot", path.replace(".html", ".png")]
    for section in sections:
        args += ["--section", section]
    result = subprocess.run(args, capture_output=True, text=True, timeout=120,
                            cwd=os.path.join(common.ROOT, "scripts"))
    return result.returncode, result.stdout + result.stderr


def insert(markup):
    return lambda html: html.replace("</body>", markup + "</body>")


class BrowserCheckTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(WORK, exist_ok=True)

    def test_a_clean_page_passes(self):
        code, output = check(page("clean"), "Headline")
        self.assertEqual(code, 0, output)
        self.assertIn("CLEAN", output)

    def test_a_remote_image_is_a_network_request(self):
        code, output = check(page("remote_image", insert(
            '<img src="http://192.0.2.1/pixel.png">'), csp=False))
        self.assertEqual(code, 1, output)
        self.assertIn("network request: http://192.0.2.1/pixel.png", output)

    def test_a_script_error_is_a_console_error(self):
        code, output = check(page("script_error", insert(
            "<script>notDefinedAnywhere();</script>"), csp=False))
        self.assertEqual(code, 1, output)
        self.assertIn("console error", output)
        self.assertIn("notDefinedAnywhere", output)

    def test_what_the_csp_refuses_is_a_console_error(self):
        code, output = check(page("refused", insert(
            '<img src="http://192.0.2.1/pixel.png">')))
        self.assertEqual(code, 1, output)
        self.assertIn("console error", output)

    def test_a_missing_section_is_named(self):
        code, output = check(page("sections"), "Headline", "Verdict")
        self.assertEqual(code, 1, output)
        self.assertIn("missing section: 'Verdict'", output)

    def test_a_page_wider_than_its_window_is_named(self):
        code, output = check(page("too_wide", insert(
            '<p class="sideways" style="white-space: nowrap">'
            + "a-word-too-long-to-wrap " * 200 + "</p>")))
        self.assertEqual(code, 1, output)
        self.assertIn("scrolls sideways", output)
        self.assertIn("<p.sideways>", output)

    def test_a_wide_table_scrolls_inside_itself(self):
        doc = document.Document("browser check sample")
        doc.section("Headline")
        doc.table([f"column {i}" for i in range(60)],
                  [[f"cell-{i}-without-a-break" for i in range(60)]])
        doc.diff("a.cc", "x" * 400 + "\n", "b.cc", "y" * 400 + "\n")
        path = os.path.join(WORK, "wide_table.html")
        with open(path, "w") as f:
            f.write(doc.to_html())
        code, output = check(path, "Headline")
        self.assertEqual(code, 0, output)


if __name__ == "__main__":
    unittest.main()
