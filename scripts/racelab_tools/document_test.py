"""Unit tests of the document model (document.py): its two renderings
escape once, stay self-contained, and mark an incomplete document."""

import unittest

from racelab_tools import common
from racelab_tools.document import Code, Document, Strong


class DocumentTest(unittest.TestCase):
    def test_html_is_escaped_self_contained_and_has_no_script(self):
        doc = Document("t <&>")
        doc.section("A section")
        doc.para("a <b>", Code("x<y"))
        doc.table(["h"], [["<script>alert(1)</script>"]])
        page = doc.to_html()
        self.assertNotIn("<script", page)
        self.assertIn("&lt;script&gt;", page)
        self.assertIn("Content-Security-Policy", page)
        self.assertIn("default-src 'none'", page)
        self.assertNotRegex(page, r"(src|href)=\"https?://")

    def test_the_banner_is_marked_in_both_renderings(self):
        doc = Document("t", "PARTIAL REPORT: bench failed")
        self.assertIn('id="partial">PARTIAL REPORT: bench failed',
                      doc.to_html())
        self.assertIn("**PARTIAL REPORT: bench failed**", doc.to_markdown())
        self.assertNotIn('id="partial"', Document("t").to_html())

    def test_tables_headings_and_images_in_both_renderings(self):
        doc = Document("t")
        doc.subsection("Three")
        doc.subsection("Four", level=4)
        doc.para(Strong("Warning:"), " a | b")
        doc.table(["a", "n"], [["x|y", "1"]], numeric=[1])
        doc.image("chart", "chart-wire.svg")
        md = doc.to_markdown()
        self.assertIn("### Three\n", md)
        self.assertIn("#### Four\n", md)
        self.assertIn("**Warning:** a | b", md)
        self.assertIn("| a | n |\n|---|---:|\n| x\\|y | 1 |", md)
        self.assertIn("![chart](chart-wire.svg)", md)
        page = doc.to_html()
        self.assertIn("<h4>Four</h4>", page)
        self.assertIn("<strong>Warning:</strong>", page)
        self.assertIn('<td class="num">1</td>', page)
        self.assertIn('<a href="chart-wire.svg">chart</a>', page)

    def test_diff_is_side_by_side_in_html_and_unified_in_markdown(self):
        doc = Document("t")
        doc.diff("a.cc", "one\ntwo\n", "b.cc", "one\nthree\n")
        self.assertIn('class="diff"', doc.to_html())
        self.assertIn("+three", doc.to_markdown())


class MarkdownTableTest(unittest.TestCase):
    def test_numeric_columns_align_right_and_pipes_are_escaped(self):
        self.assertEqual(
            common.markdown_table(["a", "b"], [["1|2", "3"]], numeric=[1]),
            ["| a | b |", "|---|---:|", "| 1\\|2 | 3 |"])


if __name__ == "__main__":
    unittest.main()
