"""News metadata: outlet and date from HTML metadata or a byline; never guessed."""
from ingest.metadata import from_html, from_text

HTML = """<html><head><meta property="og:site_name" content="Báo Công Thương">
<meta property="article:published_time" content="2031-03-12T08:30:00+07:00"></head>
<body><h1>Hội nghị</h1><p>Nội dung.</p></body></html>"""
LD = """<html><head><script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2031-04-02",
"publisher": {"@type": "Organization", "name": "Tạp chí Công Thương"}}</script></head><body></body></html>"""


def test_html_metadata():
    assert (from_html(HTML).publisher, from_html(HTML).published) == ("Báo Công Thương", "12/03/2031")
    assert (from_html(LD).publisher, from_html(LD).published) == ("Tạp chí Công Thương", "02/04/2031")
    assert from_html("<html><body><p>Không có gì.</p></body></html>").publisher == ""


def test_byline_and_source_line_of_a_saved_text():
    text = ("Hội nghị khuyến công khu vực thử nghiệm\nThứ Năm, 12/3/2031 08:30\nNội dung bài viết rất dài về "
            "khuyến công, có nhiều câu.\nTheo Báo Công Thương\n")
    found = from_text(text, "Hội nghị khuyến công khu vực thử nghiệm")
    assert (found.publisher, found.published) == ("Báo Công Thương", "12/03/2031")


def test_dates_of_other_news_are_not_the_publication_date():
    text = ("Tiêu đề bài\n" + "Một câu nội dung khá dài của bài viết.\n" * 10 +
            "Tin liên quan\nHội nghị khác\n17:29 | 24/10/2030 Khuyến công\n")
    assert from_text(text, "Tiêu đề bài").published == ""
    long_line = "Theo báo cáo của Cục Công Thương địa phương, tổng kinh phí khuyến công năm 2030 là 12,5 tỷ đồng."
    assert from_text("Tiêu đề\n" + long_line, "Tiêu đề").publisher == ""
