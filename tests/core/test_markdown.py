from dm3p.core.markdown import markdown_image_problems, markdown_to_html


def test_markdown_renders_headings_below_the_page_title() -> None:
    assert markdown_to_html("# Why\n\nBecause.") == "<h2>Why</h2>\n<p>Because.</p>\n"


def test_markdown_removes_scripts_and_unsafe_links() -> None:
    html = markdown_to_html(
        '<script>alert(1)</script>\n\n[x](javascript:alert(1)) <a href="/">raw</a>'
    )
    assert "<script" not in html
    assert 'href="javascript' not in html
    assert "<a href" not in html


def test_markdown_links_get_safe_rel() -> None:
    assert markdown_to_html("[site](https://example.org)") == (
        '<p><a href="https://example.org" rel="noopener noreferrer">site</a></p>\n'
    )


def test_markdown_image_keeps_alt_text() -> None:
    assert markdown_to_html("![A member on a video call](/images/1/a.png)") == (
        '<p><img src="/images/1/a.png" alt="A member on a video call"></p>\n'
    )


def test_markdown_decorative_image_gets_empty_alt() -> None:
    assert markdown_to_html('![](/images/2/b.png "decorative")') == (
        '<p><img src="/images/2/b.png" alt=""></p>\n'
    )


def test_markdown_image_without_alt_is_a_problem() -> None:
    text = '![ok](/a.png) ![](/b.png "decorative") ![](/c.png) ![ ](/d.png)'
    assert [(problem.number, problem.source) for problem in markdown_image_problems(text)] == [
        (3, "/c.png"),
        (4, "/d.png"),
    ]
