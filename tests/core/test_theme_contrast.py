"""Every theme's colour pairs meet WCAG contrast: 4.5:1 for text, 3:1 for controls and the
focus ring; 7:1 for text in the high-contrast theme. Read from the stylesheet itself."""

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[2] / "dm3p/core/static/core/site.css").read_text()

TEXT_PAIRS = [
    ("text", "bg"),
    ("text", "surface"),
    ("text", "card"),
    ("muted", "bg"),
    ("muted", "surface"),
    ("muted", "card"),
    ("link", "bg"),
    ("link", "surface"),
    ("link", "card"),
    ("link-visited", "bg"),
    ("link-visited", "surface"),
    ("link-visited", "card"),
    ("error", "bg"),
    ("error", "surface"),
    ("error", "card"),
    ("success", "bg"),
    ("success", "card"),
    ("accent-text", "accent"),
    ("bg", "error"),
    ("focus-text", "focus"),
]
UI_PAIRS = [
    ("border", "bg"),
    ("border", "card"),
    ("accent", "bg"),
    ("accent", "card"),
    ("brand", "bg"),
    ("brand", "surface"),
    ("brand", "card"),
    ("focus-ring", "bg"),
    ("focus-ring", "surface"),
    ("focus-ring", "card"),
]


def block(selector: str, css: str = CSS) -> str:
    match = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert match, selector
    return match.group(1)


def variables(declarations: str) -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*([^;]+);", declarations))


def light_and_dark() -> tuple[dict[str, str], dict[str, str]]:
    light, dark = {}, {}
    for name, value in variables(block(":root")).items():
        pair = re.fullmatch(r"light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)", value.strip())
        if pair:
            light[name], dark[name] = pair.groups()
    return light, dark


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_wcag_examples() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


def high_contrast() -> dict[str, str]:
    return variables(block(':root[data-theme="contrast"]'))


@pytest.mark.parametrize(
    ("theme", "text_minimum"), [("light", 4.5), ("dark", 4.5), ("contrast", 7.0)]
)
def test_theme_colour_pairs_meet_contrast(theme: str, text_minimum: float) -> None:
    light, dark = light_and_dark()
    palette = {"light": light, "dark": dark, "contrast": high_contrast()}[theme]
    failures = [
        f"{fg} on {bg}: {contrast(palette[fg], palette[bg]):.2f} < {minimum}"
        for pairs, minimum in [(TEXT_PAIRS, text_minimum), (UI_PAIRS, 3.0)]
        for fg, bg in pairs
        if contrast(palette[fg], palette[bg]) < minimum
    ]
    assert failures == []


def test_light_and_dark_define_the_same_colours() -> None:
    light, dark = light_and_dark()
    assert set(light) == set(dark) == set(high_contrast())


def test_system_high_contrast_matches_the_chosen_high_contrast_theme() -> None:
    media = CSS[CSS.index("@media (prefers-contrast: more)") :]
    assert variables(block(':root[data-theme="system"]', media)) == high_contrast()
