"""What the caption and credit rules (NL201, NL202) share: agency names and credit shapes."""
from __future__ import annotations

import functools

import regex

from newslint.rules._lazy import LazyPattern
from newslint.rules._phrases import load_phrases

_WS = r"[^\S\n]"


@functools.cache
def agencies_regex() -> str:
    """Regex source matching a known photo agency or picture source as whole words."""
    names = sorted(load_phrases("photo_agencies"), key=len, reverse=True)
    sources = (rf"{_WS}*".join(map(regex.escape, name.split())) for name in names)
    return r"(?<!\w)(?:" + "|".join(sources) + r")(?!\w)"


# The label that opens a picture credit: `Photo:`, `Photograph by`, `Image credit:`, `(AP Photo/`.
CREDIT_LABEL = (
    rf"(?:(?:AP|AFP|Reuters|EPA|Getty|Xinhua|UPI|Kyodo|Yonhap|Bloomberg){_WS}+)?"
    rf"(?:photo(?:graph)?s?|images?|pictures?|pics?|fotos?|illustrations?|photo{_WS}+illustration|"
    rf"(?:main|top|header|featured|lead|hero|cover|file){_WS}+(?:image|photo|picture)|credit|"
    rf"(?:photo|image|picture){_WS}*credits?|photo{_WS}+courtesy|courtesy{_WS}+photo)"
    rf"{_WS}*(?:credits?{_WS}*)?(?:by\b|:|/|©|courtesy\b)"
)
# A credit in brackets: `(AP Photo/Alan Diaz, File)`, `(Photo: Getty Images)`, `[Image: NASA]`.
_IN_BRACKETS = (rf"\({_WS}*{CREDIT_LABEL}[^()\n]{{1,100}}\)"
                rf"|\[{_WS}*{CREDIT_LABEL}[^\[\]\n]{{1,100}}\]")
CREDIT_IN_BRACKETS = LazyPattern(_IN_BRACKETS, regex.I)
# A caption line ends with such a credit (after a full stop or not).
_ENDS_WITH_CREDIT = LazyPattern(rf"(?:{_IN_BRACKETS})[.\s]*\Z", regex.I)
MAX_CAPTION_WORDS = 60
MIN_CAPTION_WORDS = 3  # words before the credit; fewer and the line is just a credit


def is_caption_with_credit(line: str) -> bool:
    """Whether `line` is a short text ending with a bracketed picture credit: a photo caption."""
    m = _ENDS_WITH_CREDIT.search(line)
    if not m or len(line.split()) > MAX_CAPTION_WORDS:
        return False
    return len(line[: m.start()].split()) >= MIN_CAPTION_WORDS
