#!/usr/bin/python3
"""browser_check.py must fail on a broken page, not only pass a good one
(ctest report.browser_catches_broken_pages): a clean page passes; a remote
image, a script error, a remote image the CSP refuses, and a missing
section each fail with the reason named.

  browser_check_test.py WORK_DIR
"""

import os
import re
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import report_doc  # noqa: E402

WORK = sys.argv.pop(1) if len(sys.argv) > 1 else "/tmp/browser_check_test"


def page(name, mutate=lambda html: html, csp=True):
    doc = report_doc.Document("browser check sample")
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
    args = ["/usr/bin/python3", os.path.join(HERE, "browser_check.py"), path,
            "--screenshot", path.replace(".html", ".png")]
    for section in sections:
        args += ["--section", section]
    result = subprocess.run(args, capture_output=True, text=True, timeout=120)
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


if __name__ == "__main__":
    unittest.main()
