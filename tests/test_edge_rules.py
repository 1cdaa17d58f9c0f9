"""NL311 edge-residue and NL312 comment-thread: what they judge, and what they leave."""
from __future__ import annotations

import gc
import time

import pytest

import newslint
from newslint.config import Config
from newslint.document import Document
from newslint.model import Applicability, Edit, Fix, Violation
from newslint.rules._prose import is_prose, prose_words
from newslint.rules.comment_thread import CommentThread, is_header, thread_signs, thread_start
from newslint.rules.edge_residue import Shape, edge_residue, shape_of
from newslint.rules.end_marker import EndMarker
from newslint.rules.tail_section import HEADINGS, heading_key, section_start

BODY = ("The budget vote was put off until next week, the speaker told the chamber on Monday.\n\n"
        "Members of the finance committee had asked for more time to read the amendments.\n\n")
MENU = "Home\nNews\nWorld\nSport\nWeather\n"


def fixed(text: str, code: str) -> str:
    return newslint.fix(text, Config(select=(code,)), unsafe=True)


@pytest.mark.parametrize("line, prose", [
    ("The budget vote was put off until next week, the speaker said.", True),
    ("“We will be ready,” she said, before leaving the chamber in a hurry.", True),
    ("Five Hidden Beaches Along the Northern Coast You Should Visit This Year.", False),
    ("The vote was put off", False),
    ("Budget vote put off until next week after speaker intervenes", False),
])
def test_prose_is_a_sentence_in_lower_case(line, prose):
    assert is_prose(line) is prose


@pytest.mark.parametrize("line, shape", [
    ("Share", Shape.SHORT),
    ("Print Article", Shape.SHORT),
    ("Why Local Bakeries Are Raising Their Prices", Shape.TITLE),
    ("News | Sport | Weather | Travel", Shape.LINKS),
    ("* * *", Shape.SEPARATOR),
    ("var slot = googletag.defineSlot('/1234/footer', [300, 250]);", Shape.CODE),
    (".share-bar { display: none; }", Shape.CODE),
    ("Best,", Shape.OTHER),
    ("-Scott", Shape.OTHER),
    ("- Polls", Shape.SHORT),
    ("• Related Headlines From the Network", Shape.TITLE),
    ("Thanks for reading!", Shape.OTHER),
    ("June 9 – Leeds, First Direct Arena", Shape.OTHER),
    ("Ukraine (Group B): Third appearance", Shape.OTHER),
    ("| Pos. | Driver | Points |", Shape.OTHER),
    ("How to invest in index funds when markets are falling", Shape.OTHER),
])
def test_shapes(line, shape):
    assert shape_of(line) is shape


def test_menu_before_the_headline_goes_and_the_headline_stays():
    text = MENU + "Parliament Votes to Delay the Budget\n\n" + BODY
    assert fixed(text, "NL311") == "Parliament Votes to Delay the Budget\n\n" + BODY


def test_a_short_block_stays():
    text = BODY + "Share\nTweet\nEmail\nPrint\n"
    assert edge_residue(Document(text)) == []


def test_residue_must_be_half_the_tail():
    other = "".join(f"Item number {n} is listed here\n" for n in range(8))
    text = BODY + other + "Share\nTweet\nEmail\nPrint\nLike\n"
    assert edge_residue(Document(text)) == []


def test_a_short_last_paragraph_and_a_sign_off_stay():
    text = BODY + '"Absolutely."\n\nBest,\n-Anna\n\nShare\nTweet\nEmail\nPrint\nLike\n'
    assert fixed(text, "NL311") == BODY + '"Absolutely."\n\nBest,\n-Anna\n'


def test_a_list_introduced_by_a_colon_stays():
    text = BODY + "Five easy plants to start with:\nBasil\nChives\nMint\nParsley\nRocket\n"
    assert edge_residue(Document(text)) == []


def test_a_signature_after_the_body_stays():
    text = BODY + "Prof. Jane Marlow\nDean, Faculty of Arts\nShare\nTweet\nEmail\nPrint\nLike\n"
    kept = fixed(text, "NL311")
    assert "Prof. Jane Marlow\nDean, Faculty of Arts" in kept and "Tweet" not in kept


def test_lines_inside_the_body_are_never_judged():
    text = BODY + MENU + BODY
    assert edge_residue(Document(text)) == []


def test_a_text_without_prose_has_no_edges_to_judge():
    assert edge_residue(Document(MENU * 3)) == []


def test_a_short_text_without_a_sentence_goes_whole():
    assert fixed("Closed Captioning Policy\n", "NL311") == "\n"
    assert fixed("Notes of a keen gardener from the hills\nPermalink\nSite Feed\n", "NL311") == "\n"


def test_a_longer_text_without_a_sentence_is_left_alone():
    text = ("Bread and butter\nA jar of honey\nTwo pints of milk\nA bag of apples from the market\n"
            "Six eggs\nA loaf of rye\nCheese for the weekend\n")  # 27 words: a list, a table, a poem may be so
    assert fixed(text, "NL311") == text


TEASER = ("Ferry tickets cut to half price for the spring\n\n"
          "The harbour company said on Monday that season tickets for the island ferries will cost half as mu...\n\n")


def test_a_text_of_teasers_alone_goes_whole():
    assert fixed("Deals\n\n" + TEASER * 3, "NL311").strip() == ""
    assert fixed(TEASER * 3, "NL311").strip() == ""


@pytest.mark.parametrize("text", [
    TEASER * 2,  # two teasers: too few to call it a list page
    TEASER * 3 + "The ferries will run every hour from May, the company said.\n",  # an article line
    "Deals\nOffers\n" + TEASER * 3,  # two labels above
    TEASER.replace("spring\n", "spring.\n") * 3,  # a sentence, not a headline
    TEASER.replace("mu...", "much.") * 3,  # a paragraph that ends
])
def test_teasers_beside_anything_else_stay(text):
    assert fixed(text, "NL311") == text


def test_a_short_text_in_a_script_without_spaces_is_left_alone():
    text = "東京で新しい図書館が開館しました。市民は朝から列を作りました。\n"
    assert fixed(text, "NL311") == text


def test_a_text_that_is_not_english_is_left_alone():
    body = ("La votación del presupuesto se aplazó hasta la semana que viene, dijo el presidente de la cámara.\n\n"
            "Los miembros de la comisión pidieron más tiempo para leer las enmiendas que se presentaron.\n\n")
    assert edge_residue(Document(body + "Inicio\nNoticias\nMundo\nDeportes\nTiempo\n")) == []


def test_the_trailing_block_goes_in_one_fix_whatever_other_rules_delete():
    text = BODY + "Share\nTweet\nWhatsApp\nEmail\nPrint\n"
    assert newslint.fix(text, unsafe=True) == BODY.rstrip("\n") + "\n"


@pytest.mark.parametrize("line, header", [
    ("Jane Doe says:", True),
    ("Jane Doe | July 12, 2012 at 2:05 pm", True),
    ("on October 30, 2012 at 1:56 pm", True),
    ("posted by Ann Lee at 7:10 AM | permalink", True),
    ("Ann Lee07.21.12 at 5:46 pm", True),  # the scraper glued the name to the date
    ("Sam RoeJuly 22, 2012 at 9:03 am", True),
    ("Ann Lee07.21.12", False),
    ("The 2012 budget passed 07.21.12 at 5:46 pm after a long debate over the new school buildings and roads.", False),
    ("At 7:10 AM on July 12 the council met to discuss the plan for the new bridge.", False),
    ("July 12, 2012", False),
    ("The minister then said to the committee that she wrote:", False),
])
def test_comment_headers(line, header):
    assert is_header(line) is header


THREAD = ("3 Comments\n\nJane Doe says:\nMarch 2, 2021 at 9:14 am\nFinally!\nReply\n\n"
          "Sam Roe says:\nMarch 2, 2021 at 11:40 am\nWho pays?\nReply\n")


def test_a_thread_is_cut_from_its_heading():
    assert fixed(BODY + THREAD, "NL312") == BODY.rstrip("\n") + "\n"


@pytest.mark.parametrize("heading", [
    "{ 12 comments… read them below or add one }",
    "{7comments… read them below oradd one}",
    "12 Responses to “Council Votes on the Plan”",
    "One Response to \"Council Votes on the Plan\"",
    "12 thoughts on “Council Votes on the Plan”",
    "Comment on this article",
    "You can follow this conversation by subscribing to the comment feed for this post.",
])
def test_a_comments_heading_opens_the_thread_alone(heading):
    comments = "About time too.\nWho is paying for it, though?\n"
    assert fixed(BODY + "The plan goes to a vote in March.\n\n" + heading + "\n" + comments, "NL312") == (
        BODY + "The plan goes to a vote in March.\n")


def test_reply_buttons_mark_a_thread_without_headers():
    comments = "About time too.\nReply\nWho is paying?\nReply\nNot me.\nReply\n"
    assert fixed(BODY + "The plan goes to a vote in March.\n\n" + comments, "NL312") == (
        BODY + "The plan goes to a vote in March.\n\nAbout time too.\n")


def test_two_reply_buttons_are_not_a_thread():
    text = BODY + "The plan goes to a vote in March.\n\nAbout time too.\nReply\nWho is paying?\nReply\n"
    assert thread_start(Document(text)) is None


def test_a_comments_heading_needs_the_article_first():
    assert thread_start(Document("12 Responses to “Council Votes”\n\n" + BODY)) is None


def test_a_thread_needs_an_article_before_it():
    assert thread_start(Document(THREAD + BODY)) is None


def test_two_stamped_updates_are_not_a_thread():
    text = BODY + ("Updated March 2, 2021 at 9:14 am\nPower is back in most homes in the city.\n"
                   "Updated March 2, 2021 at 11:40 am\nSchools reopen on Wednesday.\n")
    assert thread_start(Document(text)) is None


LINKED_COMMENTS = ("http://twitter.com/janedoe Jane Doe\nFinally, a plan that helps the people who need it most.\n"
                   "http://example.com/ Sam Roe\nWho is paying for all of this in the end, I wonder?\n")


def test_commenters_link_headers_mark_a_thread():
    text = BODY + "The plan goes to a vote in March.\n\n" + LINKED_COMMENTS
    assert fixed(text, "NL312") == BODY + "The plan goes to a vote in March.\n"


def test_linked_site_names_are_not_a_thread():
    sites = ("http://northtoolshed.org North Tool Shed\nLadders, saws and garden tools, open on Saturdays until one.\n"
             "http://riverlibrary.org River Library\nSewing machines, drills and a bike stand for use in the hall.\n")
    assert thread_start(Document(BODY + "The plan goes to a vote in March.\n\n" + sites)) is None


def test_linked_names_without_comments_between_are_not_a_thread():
    names = "http://twitter.com/janedoe Jane Doe\nhttp://twitter.com/samroe Sam Roe\n"
    assert thread_start(Document(BODY + "The plan goes to a vote in March.\n\n" + names + BODY)) is None


GREETED = "Hi Karen,\nGreat post, this will help a lot of families.\nHey Karen\nWill the buses run on Sundays too?\n"


def test_readers_greetings_on_their_own_lines_mark_a_thread():
    text = BODY + "The plan goes to a vote in March.\n\n" + GREETED
    assert fixed(text, "NL312") == BODY + "The plan goes to a vote in March.\n"


def test_greetings_without_a_readers_remark_are_not_a_thread():
    letters = "Hi Karen,\nThe buses never come on time.\nHi Karen,\nWill the buses run on Sundays too?\n"
    assert thread_start(Document(BODY + "The plan goes to a vote in March.\n\n" + letters)) is None


def test_greetings_led_into_by_a_colon_are_quoted_letters():
    letters = GREETED.replace("\nHey", "\nShe added:\nHey")
    text = BODY + "The plan goes to a vote in March, and two readers wrote:\n\n" + letters
    assert thread_start(Document(text)) is None


@pytest.mark.parametrize("piece", ["Share\n", "a b c d\n", "Jane says:\n", "{x: 1;}\n", "x " * 50 + "\n"])
def test_time_is_linear(piece):
    def seconds(n: int) -> float:
        doc_text = BODY + piece * n
        for memo in (prose_words, shape_of, is_header, thread_signs):  # each run starts without the line memos
            memo.cache_clear()
        gc.collect()
        gc.disable()  # as timeit does: a collection of the whole test session's heap is not this code's time
        try:
            started = time.process_time()  # CPU time: other work on the machine does not count
            edge_residue(Document(doc_text))
            thread_start(Document(doc_text))
            return time.process_time() - started
        finally:
            gc.enable()
    small, large = seconds(2_000), seconds(8_000)
    assert large < 10 * small + 0.05


RELATED = "Related Posts\nCouncil Approves New Parking Rules\nFive Hidden Beaches Along the Coast\n"


def test_a_section_after_the_article_goes_from_its_heading():
    assert fixed(BODY + RELATED, "NL313") == BODY.rstrip("\n") + "\n"


@pytest.mark.parametrize("heading", ["More content from NBCNews.com:", "More world stories from NBC News:",
                                     "Related on HuffPost:", "More articles from Jane Doe"])
def test_a_sites_heading_naming_what_it_lists_opens_the_section(heading):
    text = BODY + heading + "\n" + RELATED.split("\n", 1)[1]
    assert fixed(text, "NL313") == BODY.rstrip("\n") + "\n"


def test_related_and_a_capitalised_word_is_no_sites_heading():
    text = BODY + "Related Costs\nDredging the channel\nMoving the fuel depot\n"
    assert section_start(Document(text)) is None


def test_a_section_heading_followed_by_prose_stays():
    text = BODY + "Related Stories\n" + BODY
    assert section_start(Document(text)) is None


def test_a_section_longer_than_the_article_stays():
    text = BODY + "Comments\nMe too\n" + BODY * 2
    assert section_start(Document(text)) is None


@pytest.mark.parametrize("line", ["12 Comments", "Comments (3)", "LEAVE A REPLY", "Related posts:"])
def test_heading_keys(line):
    assert heading_key(line) in HEADINGS


def test_extend_headings():
    config = Config(select=("NL313",), rules={"NL313": {"extend-headings": ["More From Us"]}})
    text = BODY + "More from us\nCouncil Approves New Parking Rules\n"
    assert newslint.fix(text, config, unsafe=True) == BODY.rstrip("\n") + "\n"


def test_an_articles_own_dateline_is_not_the_first_comment():
    menu = "".join(f"Section {name}\n" for name in "ABCDEFGHIJ")
    page = (BODY + menu + "Chargers Still in the Hunt\n"
            "Posted by Jane Doe on November 19, 2019, 5:12 AM EST\n" + BODY
            + "Sam Roe says:\nNovember 19, 2019 at 9:14 am\nGo team!\nReply\n")
    start = thread_start(Document(page))
    assert start is not None and Document(page).line_texts[start] == "Sam Roe says:"


# NL312 to NL314 each delete to the end of the text; one tail is reported once.
ARTICLE_THEN_COMMENTS = (
    "The library on Mill Street will open on Sundays from next month, the town council decided on "
    "Tuesday evening.\n\n"
    "Councillors said the extra day would cost less than expected because volunteers have offered to "
    "staff the desk.\n\n"
    "The head librarian said families had asked for weekend hours for years, and that the reading room "
    "was full every Saturday.\n\n"
    "A trial will run until the end of the year, after which the council will decide whether to keep "
    "the Sunday hours.\n\n"
    "Opening hours on the other days of the week will not change, and the mobile library van will keep "
    "its usual round of the outlying villages.\n\n"
    "2 Comments\nMary Fields\nLovely post, thank you for sharing the photos of the reading room.\n"
    "Tom\nCan I join the club next month?\n")


def test_one_tail_found_by_two_rules_is_reported_once_by_the_lower_code():
    alone = {code: newslint.lint(ARTICLE_THEN_COMMENTS, Config(select=(code,))) for code in ("NL313", "NL314")}
    assert [(v.start, v.end) for v in alone["NL313"]] == [(v.start, v.end) for v in alone["NL314"]] != []
    together = newslint.lint(ARTICLE_THEN_COMMENTS, Config(select=("NL312", "NL313", "NL314")))
    assert [v.code for v in together] == ["NL313"]
    assert fixed(ARTICLE_THEN_COMMENTS, "NL313") == newslint.fix(
        ARTICLE_THEN_COMMENTS, Config(select=("NL312", "NL313", "NL314")), unsafe=True)


def _tail_deletion(code: str, start: int, end: int) -> Violation:
    return Violation(code, "tail", "deletes the tail", start, end, Fix((Edit(start - 1, end),), Applicability.UNSAFE))


def test_a_tail_deletion_yields_to_one_that_starts_first_whatever_its_code():
    own = [_tail_deletion("NL312", 50, 90)]
    assert CommentThread().settle(own, [_tail_deletion("NL314", 30, 90)]) == []
    assert CommentThread().settle(own, [_tail_deletion("NL313", 60, 90)]) == own
    assert CommentThread().settle(own, [_tail_deletion("NL313", 50, 90)]) == own  # same start: the lower code stays
    assert EndMarker().settle([_tail_deletion("NL314", 50, 90)], own) == []


def test_a_tail_deletion_does_not_yield_to_a_finding_that_does_not_delete_it():
    own = [_tail_deletion("NL314", 50, 90)]
    split = Violation("NL101", "merged-words", "split", 40, 95, Fix((Edit(60, 60, " "),)))
    report_only = Violation("NL401", "dangling", "report", 40, 95)
    assert EndMarker().settle(own, [split, report_only]) == own


# NL312 readers' remarks: what each line shows, and the clue words that spare most lines the searches.
REMARK_LINES = {
    "Hi Karen, thanks for the photos.": ("GREETING", "THANKS_BY_NAME", "PRAISE"),
    "David, i like this a lot.": ("VOCATIVE",),
    "Thanks Scott. Really useful.": ("THANKS_BY_NAME",),
    "I couldn't agree more.": ("AGREEMENT", "PRAISE"),
    "Looks great :)": ("SMILEY",),
    "@dan - How thick should the glue be?": ("HANDLE",),
    "Wow, twelve books.": ("EXCLAMATION",),
    "Happy birthday to you!": ("WISHES",),
    "The council will vote on the plan in March.": (),
    "Thank you for reading, everyone.": (),  # the writer's close, not praise of the post
}


@pytest.mark.parametrize("line", sorted(REMARK_LINES))
def test_remark_kinds(line):
    from newslint.rules import comment_thread
    expected = sum(getattr(comment_thread, kind) for kind in REMARK_LINES[line])
    assert comment_thread.remark_kinds(line) == expected


@pytest.mark.parametrize("line", sorted(REMARK_LINES) + ["HELLO\u00a0Karen, GREAT POST", "Ha; ok", "LOL =)"])
def test_remark_clues_spare_no_match(line):
    from newslint.rules import comment_thread as ct
    lower = line.lower()
    for pattern, clues in ((ct._THANKS_BY_NAME, ct._THANKS_CLUES), (ct._PRAISE, ct._PRAISE_CLUES),
                           (ct._SMILEY, ct._SMILEY_CLUES), (ct._WISHES, ct._WISHES_CLUES)):
        if pattern.search(line):
            assert any(clue in lower for clue in clues)
