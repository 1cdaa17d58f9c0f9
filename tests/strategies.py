"""Hypothesis strategies: arbitrary text, and scraped articles that mix real sentences with artifacts.

Profiles: `ci` (the default: few examples, derandomized, so the suite stays fast and
repeatable) and `fuzz` (many random examples, for `bench/fuzz.py`); choose one with the
environment variable NEWSLINT_HYPOTHESIS_PROFILE. Tests take their settings from
`profile(...)`, which scales a test's example count to the chosen profile (under fuzz,
NEWSLINT_FUZZ_SCALE times the ci count, 50 unless set).
"""
from __future__ import annotations

import html
import os
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

PROFILE_VARIABLE = "NEWSLINT_HYPOTHESIS_PROFILE"
_SLOW_CHECKS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
                HealthCheck.function_scoped_fixture]
settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True, database=None,
                          suppress_health_check=_SLOW_CHECKS, print_blob=True)
settings.register_profile("fuzz", max_examples=2000, deadline=None, suppress_health_check=_SLOW_CHECKS,
                          print_blob=True)
_SCALE = {"ci": 1, "fuzz": int(os.environ.get("NEWSLINT_FUZZ_SCALE", "50"))}


def profile(examples: int = 40) -> settings:
    """Settings for one property: `examples` under the ci profile, scaled up under fuzz."""
    name = os.environ.get(PROFILE_VARIABLE, "ci")
    return settings(settings.get_profile(name), max_examples=examples * _SCALE.get(name, 1))


DATA = Path(__file__).resolve().parent.parent / "rules" / "data"

# ---- real-looking prose ----

SENTENCES = (
    "The council voted on Tuesday to close the old bridge for repairs.",
    "Officials said the work would take at least six months.",
    "“We have no other choice,” the mayor told reporters outside the town hall.",
    "Prices rose 3.2% in March, the fastest pace since 2019, according to the statistics office.",
    "The company's shares fell 12 per cent after it cut its forecast.",
    "Rescue teams reached the village late on Sunday night.",
    "Dr. Maria de la Cruz, who leads the study, called the results “encouraging.”",
    "It was not immediately clear how many people had been affected.",
    "The U.S.-backed plan, first proposed in 2018, has stalled.",
    "Kim Jong Un met the delegation in Pyongyang on July 29.",
    "Temperatures are expected to reach 41°C (106°F) by the weekend.",
    "The report, published at 9:30 a.m., runs to 240 pages.",
    "She added that talks with the unions would resume in May.",
    "Analysts at the bank expect two more rate rises this year.",
    "The museum reopens on 1 June after a £4.5m refurbishment.",
    "Police have asked anyone with information to call 101.",
    "McDonald's and iPhone sales both beat expectations.",
    "The proposal drew criticism from both parties — and from the governor.",
    "Read the full statement on the ministry's website, www.example.gov.",
    "Ukraine and Russia exchanged prisoners near Luhansk, officials in Kyiv said.",
)
FOREIGN = (
    "Die Regierung hat am Dienstag neue Maßnahmen beschlossen.",
    "Правительство объявило о новых мерах в среду.",
    "O governo anunciou novas medidas na quarta-feira.",
    "政府は水曜日に新たな対策を発表した。",
    "정부는 수요일에 새로운 조치를 발표했다.",
    "La ville a fermé le pont pour des réparations.",
)
# Artifact lines of kinds scrapers leave (written here; the rules' own lists are drawn from DATA).
ARTIFACT_LINES = (
    "Photo: Reuters", "Image copyright Getty Images", "Advertisement", "Share this:", "Share on Facebook",
    "Tweet", "Email", "Print", "Click here to subscribe", "Contact us at [email protected].",
    "© 2019 The Daily Example. All rights reserved.", "Published 10:32 AM ET, Mon March 4, 2019",
    "12 comments", "Follow us on Twitter @example", "Read more: Where the talks stand now",
    "This undated photo released by the agency shows the site.", "STR/AFP via Getty Images",
    "Sign up for our newsletter", "Skip to main content", "1/12", "▶ Watch the video", "* * *", "—",
)


def _phrase_lists() -> tuple[str, ...]:
    phrases: list[str] = []
    for path in sorted(DATA.glob("*.txt")) if DATA.is_dir() else ():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                phrases.append(line.strip())
    return tuple(phrases)


PHRASES = _phrase_lists() or ARTIFACT_LINES

# ---- artifacts applied to a sentence ----


def _merge_words(sentence: str, at: int) -> str:
    """Drop one space: `Ukraine prompting` -> `Ukraineprompting`."""
    spaces = [i for i, c in enumerate(sentence) if c == " "]
    if not spaces:
        return sentence
    i = spaces[at % len(spaces)]
    return sentence[:i] + sentence[i + 1 :]


def _stray_stop(sentence: str, at: int) -> str:
    spaces = [i for i, c in enumerate(sentence) if c == " "]
    if not spaces:
        return sentence
    i = spaces[at % len(spaces)]
    return sentence[:i] + "." + sentence[i:]


def _mojibake(sentence: str, _: int) -> str:
    return sentence.encode("utf-8").decode("cp1252", errors="replace")


def _latin1_mojibake(sentence: str, _: int) -> str:
    return sentence.encode("utf-8").decode("latin-1")


def _entities(sentence: str, _: int) -> str:
    return html.escape(sentence).replace(" ", "&nbsp;", 1)


def _hyphen_break(sentence: str, at: int) -> str:
    words = sentence.split(" ")
    i = at % len(words)
    word = words[i]
    if len(word) > 5:
        words[i] = word[:3] + "- " + word[3:]
    return " ".join(words)


def _double_space(sentence: str, at: int) -> str:
    return sentence.replace(" ", "  ", 1 + at % 3)


def _invisible(sentence: str, at: int) -> str:
    mark = ("\u200b", "\u00ad", "\u00a0", "\ufeff", "\t", "\u2028")[at % 6]
    i = at % (len(sentence) + 1)
    return sentence[:i] + mark + sentence[i:]


def _repeat_word(sentence: str, at: int) -> str:
    words = sentence.split(" ")
    i = at % len(words)
    return " ".join(words[: i + 1] + words[i:])


def _cut(sentence: str, at: int) -> str:
    """A sentence cut short, as paywalls and teasers leave them."""
    return sentence[: max(1, at % max(1, len(sentence)))] + ("…" if at % 2 else "")


def _swap_spelling(sentence: str, _: int) -> str:
    return sentence.replace("Kyiv", "Kiev").replace("Luhansk", "Lugansk")


MUTATIONS = (_merge_words, _stray_stop, _mojibake, _latin1_mojibake, _entities, _hyphen_break, _double_space,
             _invisible, _repeat_word, _cut, _swap_spelling)


@st.composite
def sentences(draw) -> str:
    base = draw(st.sampled_from(SENTENCES + FOREIGN)) if draw(st.integers(0, 9)) == 0 else draw(
        st.sampled_from(SENTENCES))
    for _ in range(draw(st.integers(0, 2))):
        mutate = draw(st.sampled_from(MUTATIONS))
        base = mutate(base, draw(st.integers(0, 200)))
    return base


@st.composite
def paragraphs(draw) -> str:
    return " ".join(draw(st.lists(sentences(), min_size=1, max_size=4)))


@st.composite
def artifact_lines(draw) -> str:
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return draw(st.sampled_from(ARTIFACT_LINES))
    if kind == 1:  # a phrase from the rules' lists, alone or leading a teaser
        phrase = draw(st.sampled_from(PHRASES))
        return phrase if draw(st.booleans()) else f"{phrase} {draw(st.sampled_from(SENTENCES))}"
    if kind == 2:
        return draw(st.sampled_from(PHRASES)).upper()
    if kind == 3:
        return draw(st.sampled_from(("", " ", "\t", "   ", "\u00a0", "\u3000")))
    if kind == 4:
        return draw(st.sampled_from(("https://example.com/news/2019/03/04/story.html?utm=1", "www.example.org",
                                     "[email protected]", "@example", "#news", "01:23", "Page 2 of 5")))
    return draw(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30))


MARKDOWN_LINES = ("# Heading", "## A sub-heading", "- a list item", "1. a numbered item", "> a quoted line",
                  "```", "    indented code", "[a link](https://example.com/a_b)", "![photo](img.jpg)", "---",
                  "| a | b |", "<div>html</div>", "`inline code`", "*emphasis* and **strong**")


@st.composite
def articles(draw, markdown: bool = False) -> str:
    """A scraped article: a title, paragraphs, artifact lines, with varied line breaks."""
    blocks = [draw(st.sampled_from(SENTENCES)).rstrip(".")]
    pieces = [paragraphs(), paragraphs(), artifact_lines()]
    if markdown:
        pieces.append(st.sampled_from(MARKDOWN_LINES))
    blocks += draw(st.lists(st.one_of(*pieces), max_size=12))
    if draw(st.integers(0, 4)) == 0:  # a duplicated paragraph
        blocks.append(draw(st.sampled_from(blocks)))
    separators = draw(st.lists(st.sampled_from(("\n\n", "\n", "\n\n\n", "\n \n", "\n\t\n")),
                               min_size=len(blocks), max_size=len(blocks)))
    text = "".join(b + s for b, s in zip(blocks, separators))
    ending = draw(st.sampled_from(("", "\n", "\n\n", " ", " \n")))
    return text.rstrip("\n \t") + ending


def unicode_text(max_size: int = 400):
    """Any text a UTF-8 file can hold: every code point but surrogates, line breaks weighted up."""
    chars = st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from("\n\r\t \u00a0\u2028\u2029\u0085\x0b\x0c\u200b\ufeff.,;:!?'\"“”‘’-–—…()[]&#%@/\\*_`<>"),
    )
    return st.text(chars, max_size=max_size)


def texts(max_size: int = 400):
    """Arbitrary text or a generated article (with arbitrary text spliced in)."""
    spliced = st.tuples(articles(), unicode_text(40), st.integers(0, 10_000)).map(
        lambda t: t[0][: t[2] % (len(t[0]) + 1)] + t[1] + t[0][t[2] % (len(t[0]) + 1) :])
    return st.one_of(unicode_text(max_size), articles(), spliced)
