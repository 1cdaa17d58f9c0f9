"""NL101 and NL102 beyond the fixtures: the word-splitting decisions one by one."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.config import Config
from newslint.document import Document
from newslint.engine import build_ruleset, fix_text, lint_text
from newslint.rules._language import english_line
from newslint.rules.merged_words.evidence import BACKED, KNOWN, ONCE, SURE, evidence
from newslint.rules.merged_words.runs import split_run
from newslint.rules.merged_words.text import _phrase_end_cut, find_merges
from newslint.rules.merged_words.words import Params, segment

PARAMS = Params()


# A line of a page that lost its spaces in plain sight: function words glued to their
# neighbours (`wasquoted`, `saidthat`), which back the weaker guesses on the same page.
LOSSY = "The minister wasquoted saidthat officials werewaiting fromthis week withnew plans.\n"


def _spaced(token: str, lossy: bool = False) -> str:
    """The token with NL101's spaces inserted, in a sentence of a document of its own
    (after a line of glued words with `lossy`)."""
    before, after = (LOSSY if lossy else "") + "The report said that ", " was in the news on Monday."
    text = before + token + after
    cuts = [c for m in find_merges(Document(text), PARAMS) for c in m.cuts
            if len(before) < c < len(before) + len(token)]
    for cut in reversed(cuts):
        token = token[: cut - len(before)] + " " + token[cut - len(before) :]
    return token


@pytest.mark.parametrize(("token", "spaced"), [
    ("theTimes", "the Times"),
    ("Medicareto", "Medicare to"),
    ("ofthe", "of the"),
    ("NJJune", "NJ June"),
    ("NASAits", "NASA its"),
    ("CEOthe", "CEO the"),
    ("ArenaJune", "Arena June"),
    ("city’sconstruction", "city’s construction"),
    ("impeachmentdoesn’t", "impeachment doesn’t"),
    ("Trump’sSpaceX", "Trump’s SpaceX"),
    ("visitwww.example.org", "visit www.example.org"),
    ("toa", "to a"),
    ("RUNTue", "RUN Tue"),
    ("NoticeTerms", "Notice Terms"),
    ("Resistenzahttp://amzn.to/x", "Resistenza http://amzn.to/x"),
    ("atjane.doe@example.com", "at jane.doe@example.com"),
    ("example.comand", "example.com and"),
    ("jane@example.govwith", "jane@example.gov with"),
    ("Example.comI", "Example.com I"),
    ("www.example.orgFrom:", "www.example.org From:"),
    ("theiPad", "the iPad"),  # not "thei Pad"
    ("21stcentury", "21st century"),
    ("here’sthe", "here’s the"),
    ("theU.S.", "the U.S."),
    ("fromD.C.", "from D.C."),
    ("don’tread", "don’t read"),
    ("we'reintroducing", "we're introducing"),
    ("30thof", "30th of"),
    ("oniTunes", "on iTunes"),
])
def test_merges_beside_a_function_word_are_split_on_any_page(token, spaced):
    assert _spaced(token) == spaced


@pytest.mark.parametrize(("token", "spaced"), [
    ("paperinNatureby", "paper in Nature by"),
    ("thatsaidthey", "that said they"),
    ("ByJason", "By Jason"),
    ("bothNBC", "both NBC"),
    ("Bridenstinesaid", "Bridenstine said"),
    ("kilnsthat", "kilns that"),
    ("hormoneghrelinto", "hormone ghrelin to"),
    ("JAMAPsychiatryargued", "JAMA Psychiatry argued"),
    ("agenciesalleged", "agencies alleged"),
    ("asummit", "a summit"),
    ("Yogais", "Yoga is"),
    ("ispulling", "is pulling"),
    ("mybirthday", "my birthday"),
    ("anestablished", "an established"),
    ("commentsor", "comments or"),
    ("MinimalistThe", "Minimalist The"),
    ("KorvanandThomas", "Korvan and Thomas"),
    ("KorvantaThe", "Korvanta The"),
])
def test_weaker_guesses_are_split_on_a_page_that_lost_spaces_elsewhere(token, spaced):
    assert _spaced(token) == token  # two spaces, several words, a brand or name shape: a guess
    assert _spaced(token, lossy=True) == spaced


@pytest.mark.parametrize("token", [
    # words the list knows, a typo, names with a word inside, a dropped g (keepin')
    "aback", "anew", "forgo", "forgoes", "inset", "wean", "statelet", "besets", "hairlike",
    "belived", "Northwell", "Willman", "Dragonstorm", "keepin",
])
def test_known_words_typos_and_names_stay_whole_even_on_a_lossy_page(token):
    assert _spaced(token) == token
    assert _spaced(token, lossy=True) == token


@pytest.mark.parametrize("token", [
    # compounds and coinages, typos beside a function word, names and brands with a word
    # inside: split only where the page lost spaces all over (a known limitation there)
    "skywatching", "decklists", "crossposted", "handloads", "centrefire", "smallcaps",
    "forsee", "withtout", "Boisbriand", "Kimetto", "adscan", "Stuffin", "TheSixtyOne",
    "OnStartups", "theResumator", "abut",
])
def test_compounds_typos_and_brands_stay_whole_where_a_space_is_lost_now_and_then(token):
    assert _spaced(token) == token


@pytest.mark.parametrize("token", [
    # brand and name shapes
    "iPhone", "eBay", "YouTube", "PlayStation", "McDonald", "CarPlay", "IndieWire", "MacBooks",
    "AirPower", "DeSantis", "LeBron", "LinkedIn", "MakeIt", "ClevelandThomas", "taxiDriver", "semiPro", "miniPad",
    "macOS", "webOS", "PhD", "CEOs", "PDFs", "GHz", "McDowell",
    # rare names and known words
    "Pushilin", "Luhansk", "Matsegora", "Yovanovitch", "Kashmira", "hourlong", "Beachbody",
    "Sportback", "Newsbeat", "AUTORACING", "into", "upsample", "overdrew", "toto",
    "boomeranging", "unblockables", "overdo", "serieincombe", "AdChoices", "GoodVentures",
    "Ma’sum", "Qur’an", "rock’n’roll", "McD.C.",
    "tobias@example.com", "atom@example.com", "example.community", "example.com/andover",
    "https://example.com/path.comand", "example.network",
    # addresses, handles, numbers, abbreviations, code
    "TIME.com", "https://example.com/someLongPath", "news@example.org", "@SpaceDotCom",
    "#BlackFriday", "annualReport.pdf", "user_nameField", "U.S.", "e.g.", "3.5", "1,000", "10:30",
    "Moscow-backed", "US-led",
])
def test_names_brands_and_addresses_stay_whole(token):
    assert _spaced(token) == token


def test_segment_finds_the_cheapest_split():
    cost, cuts = segment("thatsaidthey", PARAMS)
    assert cuts == (4, 8)
    assert cost < 12
    assert segment("pushilin", PARAMS) is None


def test_the_weight_of_a_split_is_told_by_what_stands_at_its_cut():
    assert evidence("campaignthat", (8,), ("dp-lower",)) == SURE
    assert evidence("skywatching", (3,), ("dp-lower",)) == BACKED
    assert evidence("aback", (1,), ("dp-lower",)) == KNOWN  # seen far more than "a back" glued
    assert evidence("belived", (2,), ("dp-lower",)) == KNOWN  # the list knows the misspelling
    assert evidence("techinques", (4, 6), ("dp-lower", "dp-lower")) == BACKED  # a typo
    assert evidence("easternEurope", (7,), ("lU-lower",)) == ONCE


def test_a_capitalised_split_is_weak_and_a_lower_case_one_is_not():
    assert split_run("Ukraineprompting", PARAMS).weak
    assert not split_run("theTimes", PARAMS).weak


def _merges(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_merges(Document(text), PARAMS)]


def _cut_after_lossy(text: str) -> list[str]:
    """Each merge found after the LOSSY openings (if the text has any), spaced at its cuts."""
    opening = 0
    while text.startswith(LOSSY, opening):
        opening += len(LOSSY)
    return [" ".join(text[a:b] for a, b in zip((m.start, *m.cuts), (*m.cuts, m.end)))
            for m in find_merges(Document(text), PARAMS) if m.start >= opening]


def test_a_repeated_capitalised_token_is_a_name():
    once = LOSSY + "The meeting in Delhiis over, the minister said on Monday.\n"
    twice = once + "The next one in Delhiis planned for June, he added.\n"
    assert _merges(once)[-1] == "Delhiis"
    assert "Delhiis" not in _merges(twice)


def test_a_capitalised_compound_needs_the_document_to_use_its_first_word():
    alone = "The charity Goodventures said on Monday that it would give more.\n"
    backed = "The report said Apple would launch. Applecancelled the order on Monday.\n"
    seed = ("Donetsk and Luhansk, another Russian-backed region in the east of Ukraine. "
            "Ukraineprompting Kyiv to cut ties.\n")
    assert _merges(alone) == []
    assert _merges(backed) == ["Applecancelled"]
    assert _merges(seed) == ["Ukraineprompting"]


def test_a_name_glued_to_a_word_needs_the_document_to_use_the_name():
    assert _merges("The firm Lightcloudis based in the city, it said on Monday.\n") == []
    text = "The firm Lightcloud said it was ready. Lightcloudis based in the city, it said.\n"
    assert _merges(text) == ["Lightcloudis"]


def test_a_repeated_lower_case_merge_is_still_a_merge():
    text = "They met inthe morning.\nThey left inthe evening.\n"
    assert _merges(text) == ["inthe", "inthe"]


def test_a_token_alone_on_its_line_or_in_a_template_is_left_alone():
    assert _merges("Storagecraft\n\n{* backButton *} and theTimes\n") == []


def test_a_numbered_list_or_a_price_before_a_bracket_is_prose_and_a_method_call_is_code():
    listed = "(May 2, 2011)30.Second Thoughts(June 2, 2011)31.Notes fromthe ruling(June 9, 2011)\n"
    priced = "The small speaker sells for $79.99(USD) directly fromthe maker in the shop.\n"
    code = "var node = item.parentNode(fromthe); list.appendChild(node)\n"
    assert _merges(listed) == ["fromthe"]
    assert _merges(priced) == ["fromthe"]
    assert _merges(code) == []


def test_a_word_glued_to_the_pronoun_i_before_its_verb_needs_a_page_that_lost_spaces():
    listed = "I could mow lawnsI was quick with a rake, paint fencesI might even help, SoI’m told.\n"
    assert _cut_after_lossy(LOSSY + listed) == ["lawns I", "fences I", "So I’m"]
    assert _merges("We will wait and see. Until thenI want to read more of it, she said.\n") == []
    # not before a capitalised word, where the "I" may end a name: PowerI Accept
    assert _cut_after_lossy(LOSSY + "Read the Knowledge Is PowerI Accept page.\n") == []
    # "I" glued to its verb, anywhere in a sentence; not a name (Ido) nor a word (Iran)
    assert _cut_after_lossy(LOSSY + "Of course, Ihad to go, and Ido and Iran know it.\n") == ["I had"]


@pytest.mark.parametrize(("token", "spaced"), [
    ("isbackedby", "is backed by"),
    ("sauceandgravy", "sauce and gravy"),
    ("aboutwhatshouldbeonthatlist", "about what should be on that list"),
    # a short word beside the cuts may be a piece of a longer one; no function word
    # between two words: a compound, or a word cut wrong
    ("itscartographic", "itscartographic"),
    ("ortrackbackfrom", "ortrackbackfrom"),
    ("thewebcastis", "thewebcastis"),
])
def test_a_glued_phrase_of_common_and_function_words_is_split_on_a_lossy_page(token, spaced):
    assert _spaced(token, lossy=True) == spaced


def test_a_clause_lead_glued_to_a_name_is_cut_once_on_a_lossy_page():
    text = LOSSY + "ThisTexas Sheet Cake is rich. IfSilver Lake wins, ThisWeek and MyKey stay.\n"
    assert _cut_after_lossy(text) == ["This Texas", "If Silver"]
    twice = LOSSY + "ThisTexas cake is rich.\nThisTexas cake is sweet.\n"
    assert _cut_after_lossy(twice) == []  # a token used twice is a name


def test_a_heading_glued_to_a_sentence_opener_is_cut_where_the_sentence_goes_on_in_lower_case():
    text = LOSSY + "Wearing Your PrideDo you wear it? The TelephotoA telephoto lens is long.\n"
    assert _cut_after_lossy(text) == ["Pride Do", "Telephoto A"]
    # not before a capitalised word, nor in a brand the word list knows or ending in "In"
    assert _cut_after_lossy(LOSSY + "Try PrideDo Better and SignIn now with LinkedIn today.\n") == []


def test_a_surname_glued_to_a_verb_in_the_present_after_a_first_name():
    text = LOSSY + "The author Ellen Margoliscomes to mind, as does the actor Douglas Fairbanks.\n"
    assert _cut_after_lossy(text) == ["Margolis comes"]  # not Fair|banks: a plural ends names


def test_a_word_glued_to_a_given_name_before_a_surname_in_any_case_shape():
    text = LOSSY + "The class was led by SpecialistAmber McKenzie on the first day.\n"
    assert _cut_after_lossy(text) == ["Specialist Amber"]


def test_more_than_a_few_flagged_chunks_are_found_in_one_pass():
    words = [f"it was item {i}-andthe of the" for i in range(80)]
    text = "It was " + " theTimes ".join(words) + " today."
    assert _merges(text).count("theTimes") == 79


@pytest.mark.parametrize(("line", "english"), [
    ("The talks ended without a deal and the ministers went home on Friday.", True),
    ("Nesta página você terá sempre a classificação atualizada da categoria.", False),
    ("Short line", False),
])
def test_english_line(line, english):
    assert english_line(line, 0, len(line)) is english


def _fixed(text: str, code: str) -> str:
    return fix_text(text, build_ruleset(Config(select=(code,))), "a.txt", unsafe=True).text


def test_non_english_text_is_left_alone_but_its_english_lines_are_not():
    foreign = ("Die elektronische Patientenakte soll in allen Pflegeeinrichtungen kommen.\n"
               "Die Versicherten sehen alle Behandlungsdaten und Abrechnungsdaten.\n")
    english = "The report said it was the first time that the company hadcancelled a launch thismonth.\n"
    assert _fixed(foreign, "NL101") == foreign  # German compounds are words
    fixed = foreign + english.replace("hadcancelled", "had cancelled").replace("thismonth", "this month")
    assert _fixed(foreign + english, "NL101") == fixed


def test_glued_words_are_split_with_the_texts_own_language():
    italian = ("Per chi non lo sapesse, la serie animata tornerà su Netflix il prossimo anno.\n"
               "Devi essereconnesso per inviare un commento, e non è difficilefarlo.\n")
    assert _fixed(italian, "NL101") == (italian.replace("essereconnesso", "essere connesso")
                                        .replace("difficilefarlo", "difficile farlo"))
    portuguese = ("Nos Estados Unidos isso é muito comum, eacontece de forma lúdica.\n"
                  "Quando nos abandonamos, queremos achar alguém que nos ame deverdade.\n")
    # a rare inflected form is a word, not a stem glued to a short one (abandonam|os)
    assert _fixed(portuguese, "NL101") == (portuguese.replace("eacontece", "e acontece")
                                           .replace("deverdade", "de verdade"))


def test_prepare_loads_the_word_lists_of_the_batch_languages_only():
    from newslint.rules.merged_words import foreign

    ruleset = build_ruleset(Config(select=("NL101",)))
    foreign._whole_list.cache_clear()
    ruleset.prepare([Document("The minister said on Monday that the vote is delayed again.")])
    assert foreign._whole_list.cache_info().currsize == 0
    french = ("Le ministre a dit lundi que le vote est encore une fois reporté, et que "
              "les députés de la majorité ne sont pas d'accord avec cette décision du gouvernement.")
    ruleset.prepare([Document(french)])
    assert foreign._whole_list.cache_info().currsize == 1


def test_other_languages_can_be_left_alone():
    italian = ("Per chi non lo sapesse, la serie animata tornerà su Netflix il prossimo anno.\n"
               "Devi essereconnesso per inviare un commento, e non è difficile farlo.\n")
    config = Config(select=("NL101",), rules={"NL101": {"other-languages": False}})
    assert fix_text(italian, build_ruleset(config), unsafe=True).text == italian


def test_a_common_word_of_another_language_is_cut_off_a_capitalised_word():
    italian = ("E stato annunciato in queste ore cheNetflix produrrà una nuova serie.\n"
               "La serie sarà basata sul manga originale diMasami Kurumada, come la prima.\n")
    fixed = italian.replace("cheNetflix", "che Netflix").replace("diMasami", "di Masami")
    assert _fixed(italian, "NL101") == fixed


def test_a_word_glued_to_a_function_word_is_a_name_beside_another_name():
    assert _merges("The piece was written by Al Goldis and edited on Monday.\n") == []
    assert _merges("The deal was signed with Augme Technologies on Monday.\n") == []
    assert _merges(LOSSY + "The teacher said that Yogais a practice for all.\n")[-1] == "Yogais"


def test_two_capitalised_words_need_both_words_in_the_text_and_a_lossy_page():
    once = "The crash came after the AfghanTaliban claimed responsibility for it.\n"
    assert _merges(LOSSY + once) == ["wasquoted", "saidthat", "werewaiting", "fromthis", "withnew"]
    backed = once + "The Afghan army said the Taliban had retreated from the area.\n"
    assert _merges(backed) == []  # brands are two words too: GoodVentures, SunExpress
    assert "AfghanTaliban" in _merges(LOSSY + backed)


def test_a_page_that_loses_a_space_now_and_then_keeps_its_compounds():
    text = ("The story was crossposted from his blog, the editor said on Monday.\n"
            "It was, the editor added, a matter ofthe heart.\n")
    assert _merges(text) == ["ofthe"]


def test_code_and_lines_in_another_language_keep_their_words():
    assert _merges("var a = document.createElement('div'); b.insertBefore(a, c);\n") == []
    spanish = "Cuando llegó la noche, nota dormía sin cuerdas en aquel salón vacío.\n"
    assert _merges(LOSSY + spanish) == _merges(LOSSY)


def test_a_word_with_digits_glued_to_it_is_a_name():
    assert _merges(LOSSY + "He tested 23andme and Cre8asite last year.\n") == _merges(LOSSY)


def test_a_repeated_token_that_ends_a_name_phrase_each_time_is_split():
    text = ("The GaN Wall Chargeris my choice for the iPad, and it is small.\n"
            "The new Car Chargeris the first I have tested with that much power.\n")
    assert _merges(text) == ["Chargeris", "Chargeris"]
    names = "The Goldis family said Goldis had moved.\nGoldis was born in Ohio in 1950.\n"
    assert _merges(names) == []


def test_accepted_words_are_not_reported():
    text = "The startup Goodventures said it had raised more money than expected.\n"
    ruleset = build_ruleset(Config(select=("NL101",), accept=frozenset({"Goodventures"})))
    assert lint_text(text, ruleset) == []


@pytest.mark.parametrize(("text", "fixed"), [
    ("the agency said.The report", "the agency said. The report"),
    ("in 2019,and it was", "in 2019, and it was"),
    ("by email,Facebook and", "by email, Facebook and"),
    ("Filed under:Politics today", "Filed under: Politics today"),
    ("his slogan.https://t.co/x1 and", "his slogan. https://t.co/x1 and"),
    ("Gov.Kristi Noem said", "Gov. Kristi Noem said"),
    ("a deal now!Apple said", "a deal now! Apple said"),
])
def test_missing_space_after_punctuation(text, fixed):
    prose = "It was a long day for all of them and the news came late. "
    assert _fixed(prose + text + ".\n", "NL102") == prose + fixed + ".\n"


@pytest.mark.parametrize("text", [
    "3.5 percent", "1,000 jobs", "at 10:30 today", "on TIME.com today", "open index.html now",
    "the U.S.Army base", "e.g.The", "J.R.R.Tolkien wrote", "ASP.NET and Node.js", "TL;DR it",
    "see mailto:desk@example.com", "&amp;lt;span", "https://example.com/a?b=c", "@desk,Twitter",
    "std::vector", "PanARMENIAN.Net said", "fe80::1ff:fe23", "at 12:30:45pm",
])
def test_punctuation_that_is_not_a_lost_space(text):
    prose = "It was a long day for all of them and the news came late. "
    assert _fixed(prose + text + ".\n", "NL102") == prose + text + ".\n"


def test_comma_between_words_is_a_safe_fix_and_a_stop_is_not():
    ruleset = build_ruleset(Config(select=("NL102",)))
    found = lint_text("It rained all day in the city,and the storm said.The end came.\n", ruleset)
    assert [(v.message, v.fix.safe) for v in found] == [
        ("missing space after ',' in 'city,and'", True),
        ("missing space after '.' in 'said.The'", False),
    ]


def test_the_word_tables_are_built_when_the_rule_runs_not_when_it_is_made(tmp_path):
    """Making a rule set (to list or document rules) builds none of NL101's tables; its first
    check builds them and stores the slow ones, and the next process loads the same tables
    without importing wordfreq."""
    script = (
        "import sys\n"
        "from newslint.config import Config\n"
        "from newslint.engine import build_ruleset, lint_text\n"
        "from newslint.rules.merged_words import runs, words\n"
        "ruleset = build_ruleset(Config(select=('NL101',)))\n"
        "assert words.piece_costs.cache_info().currsize == 0\n"
        "assert runs.odd_capitals.cache_info().currsize == 0\n"
        "found = lint_text('The vote was delayed again, according toa statement onMonday.', ruleset)\n"
        "print(len(words.piece_costs(words.Params())), len(runs.odd_capitals()), len(found))\n"
        "print('wordfreq imported:', 'wordfreq' in sys.modules)\n"
    )
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    names = [p.name.rsplit("-", 1)[0] for p in (tmp_path / "tables").iterdir()]
    stored = sorted(name for name in names if name != "pattern")  # compiled patterns are stored too (`_lazy`)
    assert stored == ["frequencies-en", "frequencies-en-rare", "odd-capitals", "piece-costs", "piece-prefixes"]
    second = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    (tables, built), (same_tables, loaded) = first.stdout.splitlines(), second.stdout.splitlines()
    assert same_tables == tables and tables.split()[2] == "2"
    assert built.endswith("True") and loaded.endswith("False")


def test_a_stored_table_that_cannot_be_read_is_built_again(tmp_path, monkeypatch):
    from newslint.rules import _store as store

    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    built = []

    def build():
        built.append(1)
        return {"word": 1.5}

    assert store.stored("t", build, (store.__file__,), 1) == {"word": 1.5}
    assert store.stored("t", build, (store.__file__,), 1) == {"word": 1.5}
    assert len(built) == 1  # the second came from the disk
    (path,) = (tmp_path / "tables").iterdir()
    path.write_bytes(b"\x00garbage")
    assert store.stored("t", build, (store.__file__,), 1) == {"word": 1.5}
    assert len(built) == 2
    assert store.stored("t", build, (store.__file__,), 2) == {"word": 1.5}  # another key: built
    assert len(built) == 3


@pytest.mark.parametrize(("text", "token", "spaced"), [
    ("Brovana lends to students. Later Brovanais growing fast, they said.", "Brovanais", "Brovana is"),
    (LOSSY + "Dravinsky spoke first. Then Dravinskydeclared the plan over.", "Dravinskydeclared",
     "Dravinsky declared"),
])
def test_a_name_glued_to_words_is_cut_where_the_text_uses_the_name(text, token, spaced):
    # the word list alone would cut Brovan|a|is and Dravinsk|y... : the text says which name it is
    found = [m for m in find_merges(Document(text), PARAMS) if text[m.start : m.end] == token]
    assert len(found) == 1
    cuts = found[0].cuts
    assert " ".join(text[a:b] for a, b in zip((found[0].start, *cuts), (*cuts, found[0].end))) == spaced
    alone = text.replace(spaced.split()[0] + " ", "The firm ", 1)
    assert not [m for m in find_merges(Document(alone), PARAMS) if alone[m.start : m.end] == token]


def test_a_name_after_a_cut_before_a_capital_is_cut_where_the_text_uses_it():
    text = LOSSY + "The bank Korvanta grew fast. Shares ofKorvantaand its rivals rose.\n"
    found = [m for m in find_merges(Document(text), PARAMS) if text[m.start : m.end] == "ofKorvantaand"]
    assert [text[m.start : c] for m in found for c in m.cuts] == ["of", "ofKorvanta"]
    alone = LOSSY + "Shares ofKorvantaor its rivals rose.\n"  # the name is not used on its own
    found = [m for m in find_merges(Document(alone), PARAMS) if alone[m.start : m.end] == "ofKorvantaor"]
    assert [alone[m.start : c] for m in found for c in m.cuts] == ["of"]


@pytest.mark.parametrize(("line", "spaced"), [
    ("Shares ofKorvantaand its rivals rose.", "of Korvanta and"),
    ("But ifMelvocitywas a hit, nobody knew.", "if Melvocity was"),
    ("She said thatKorvantawas sold on Monday.", "that Korvanta was"),
    ("She said thatKorvantaresigned on Monday.", "that Korvanta resigned"),  # not Korvantare|signed
    ("Shares ofKorvantais what they sold.", "of Korvantais"),  # names end in "is": Stavridis
    ("Shares ofKorvantaor its rivals rose.", "of Korvantaor"),  # and in "or": Trevor
    ("A post byLeiland Tanner on Monday.", "by Leiland"),  # a first name before a surname
])
def test_an_unknown_name_glued_between_words_is_cut_before_a_word_that_ends_no_name(line, spaced):
    # the name is not used on its own: only the word after it tells where it ends
    assert _cut_after_lossy(LOSSY + line + "\n") == [spaced]


@pytest.mark.parametrize(("text", "spaced"), [
    ("The council met on Monday. Wetold the mayor about the plan.", "We told"),
    (LOSSY + "“Asdiscussed earlier, the vote is close.”", "As discussed"),  # sure, not strong
    ("The firm Wetold said on Monday that it would move.", None),  # inside a sentence: a name
])
def test_a_short_word_glued_to_words_at_a_sentence_start(text, spaced):
    found = _cut_after_lossy(text)
    assert found == ([spaced] if spaced else [])


def test_an_article_before_a_stop_is_no_cut():
    # "fora." is the plural of forum: "for a." cannot end a sentence
    assert _merges("Advice is buried on niche web fora. Experts left them.") == []
    assert _merges("Experts left fora while ago.") == ["fora"]


@pytest.mark.parametrize("token", ["2013that", "30that", "1stand", "8rds", "4thly", "12ndround"])
def test_letters_after_a_number_are_no_ordinal_unless_they_read_as_one(token):
    # the suffix must agree with the number and not begin a word (30|that, 1|stand)
    assert _spaced(token) == token


def test_a_word_alone_in_quotes_is_split_only_when_sure():
    lossy = LOSSY + 'The router key is "mypassword" and the cable is new.\n'
    assert "mypassword" not in [m for m in _merges(lossy)]
    assert "mypassword" in _merges(LOSSY + "The router key is mypassword today, he said.\n")
    assert "ofthe" in _merges('The phrase "ofthe" was fixed.')  # a function word vouches for it


@pytest.mark.parametrize(("line", "spaced"), [
    ("Goalie Matt Korvalakmade 36 saves on Friday.", "Korvalak made"),
    ("She walked with Ana Korvalakduring the break.", "Korvalak during"),
    ("The goalie Korvalakmade 36 saves on Friday.", None),  # no first name before it
    ("The minister Nikos Korvalakis stayed home.", None),  # names end in "is"
    ("Michael Korvalakis a former bureau chief.", "Korvalak is"),  # "is a": the verb
    ("Dana Korvalakis not only a rider.", "Korvalak is"),
    ("The mill Korvalakis a former bakery.", "Korvalak is"),  # before an article, with no first name too
])
def test_a_name_after_a_first_name_is_cut_before_a_verb(line, spaced):
    text = LOSSY + line + "\n"
    found = _cut_after_lossy(text)
    assert found == ([spaced] if spaced else [])


# A page that lost one space in plain sight, and no more (`fromthe`): not enough to back a guess.
ONE_LOST = "The council met on Tuesday and voted fromthe floor on a new budget.\n"


@pytest.mark.parametrize("line", [
    "Wefound was sold to a larger group last spring.",
    "Wetrade filed for bankruptcy in the autumn.",
    "Mybox is the portal where residents see their files.",
])
def test_a_capitalised_short_word_glued_to_a_word_is_a_brand_on_a_page_that_keeps_its_spaces(line):
    # at a sentence start the capital says nothing, but a one-capital brand has that shape
    # too: the split needs a page that lost spaces elsewhere, not one lost space
    assert _merges(ONE_LOST + line + "\n") == ["fromthe"]
    # several such brands on one page do not back one another
    brands = "Wefound was sold.\nWetrade filed for bankruptcy.\nMybox is the portal.\n"
    assert _merges(brands) == []


@pytest.mark.parametrize("line", [
    "Wefound was sold to a larger group last spring.",  # "we found was": two verbs
    "Wetrade filed for bankruptcy in the autumn.",
    "Itsme is the app that banks use to log in.",  # "its me": no phrase
])
def test_a_short_word_glued_at_a_sentence_start_that_cannot_be_a_phrase_is_a_name(line):
    assert _merges(LOSSY + line + "\n") == _merges(LOSSY)
    assert _merges(LOSSY + "Wetrade the cards for food.\n")[-1] == "Wetrade"  # "We trade the cards"


@pytest.mark.parametrize(("line", "spaced"), [
    ("Receiver Tom Korvalakwithdrew from the game on Monday.", "Korvalak withdrew"),
    ("Receiver Tom Korvalakunderwent an MRI on Monday.", "Korvalak underwent"),
    ("Receiver Tom Korvalakupheld the appeal on Monday.", "Korvalak upheld"),
    ("Receiver Tom Korvalakovercame a sprain on Monday.", "Korvalak overcame"),
    ("The port of Hanovertook the cargo on Monday.", "Hanover took"),  # a known name stays whole
])
def test_a_name_glued_to_a_verb_with_a_particle_is_cut_before_the_particle(line, spaced):
    text = LOSSY + line + "\n"
    found = _cut_after_lossy(text)
    assert found in ([spaced], [])  # cut before the particle, or not at all
    assert not any(part.endswith(("with", "under", "up")) for f in found for part in f.split())


@pytest.mark.parametrize("line", [
    "I have enjoyed using snipit for its neat look and the social features.",
    "Ask the brand manager about paintit and the new line.",
    "The team saved the pictures with grabit before the meeting.",
])
def test_a_lower_case_brand_after_a_preposition_or_article_is_no_verb_and_it(line):
    # "using snip it", "about paint it": a verb cannot stand where a noun is wanted
    assert _merges(LOSSY + line + "\n") == _merges(LOSSY)


def test_a_word_the_list_knows_is_not_cut_again_after_the_first_cut():
    text = LOSSY + "To read stories like these, go to the blog. Thenperuse our own list here.\n"
    found = _cut_after_lossy(text)
    assert found in (["Then peruse"], [])
    assert _spaced("andperuse", lossy=True) in ("and peruse", "andperuse")


@pytest.mark.parametrize("token", ["WhatWeDo", "HowDoesShe", "WhereTheyGo"])
def test_three_capitalised_words_glued_together_are_a_brand(token):
    line = f"She shares her ideas through {token} and her blog every week.\n"
    assert _merges(LOSSY + line) == _merges(LOSSY)


@pytest.mark.parametrize("line", [
    "Write to Jane Roe: janefisherthe at example.org for details.",
    "Letters go to janefisherthe (at) example.org every week.",
    "Letters go to janefisherthe [at] example dot org every week.",
])
def test_a_handle_before_at_and_a_domain_is_an_address(line):
    # an e-mail address written out to fool harvesters: its name part is a handle
    assert _merges(LOSSY + line + "\n") == _merges(LOSSY)
    assert _merges(LOSSY + "She met janefisherthe at the station.\n")[-1] == "janefisherthe"


@pytest.mark.parametrize("line", [
    "We airgap the lab network every night, and the airgapped machines stay offline.",
    "The hotpatch went out on Friday, and hotpatched servers restart less.",
])
def test_a_word_the_text_also_inflects_unsplit_is_a_word(line):
    # "airgapped" beside "airgap": a closed compound or a verb of its own, not air|gap
    assert _merges(LOSSY + line + "\n") == _merges(LOSSY)
    assert "airgap" in _merges(LOSSY + "We airgap the lab network every night.\n")


def test_a_name_glued_to_a_rare_verb_keeps_the_verb_whole():
    # "homered" is too rare to be a piece, but the word list knows it better than "home red"
    text = LOSSY + "Jim Korvalak batted third. In the fifth, Jim Korvalakhomered to tie it.\n"
    found = _cut_after_lossy(text)
    assert found in (["Korvalak homered"], [])


def test_a_longer_name_before_a_capitalised_word_is_not_cut_after_a_shorter_one():
    # the text says "Bay", but "Bayicon Weekly" is a longer name: suit|Bayicon, not suit|Bay|icon
    text = LOSSY + "She told The Bay on Monday. Few senators follow suitBayicon Weekly: lawmakers oppose it.\n"
    found = _cut_after_lossy(text)
    assert found == ["suit Bayicon"]


@pytest.mark.parametrize("token", ["SnapfightKorvantaSusan", "BlogfightKorvantaSusan"])
def test_a_capitalised_stretch_in_a_chain_of_names_is_a_name(token):
    # a name in a chain of names, as in a glued blogroll: not Snap|fight
    assert not _spaced(token, lossy=True).startswith(("Snap ", "Blog "))


@pytest.mark.parametrize(("token", "cuts"), [
    ("AccordingtoKorvanta", (9, 11)),  # a word that glues to others inside: According|to|Korvanta
    ("TheministerKorvanta", (3, 11)),
])
def test_a_capitalised_stretch_before_a_capital_is_cut_beside_a_function_word(token, cuts):
    # and a name before a verb in a chain (Rihanna|sent|Adele) is cut as before
    split = split_run(token, PARAMS)
    assert split is not None and split.cuts == cuts


@pytest.mark.parametrize(("opening", "backed"), [
    ("Prices rose,but few noticed.", True),  # two clauses glued at a comma: a lost space
    ("Le chiese,moschee e santi.", False),  # words of another language
    ("Mount it with noatime,nodiratime set.", False),  # options of a command, no words
    ("Prices rose, but few noticed.", False),
])
def test_clauses_glued_at_a_comma_show_a_page_that_lost_spaces(opening, backed):
    # a short word before a capital needs a page that lost a space elsewhere (west|Europe)
    text = opening + " Trade with westEurope grew this year, the minister said.\n"
    assert _merges(text) == (["westEurope"] if backed else [])


@pytest.mark.parametrize(("opening", "found"), [
    # the|London holds on any page: it backs west|Europe; a name glued at both ends
    # between common words holds too (`_in_plain_sight`)
    ("She joined theLondonstaff last year.", ["theLondonstaff", "westEurope"]),
    ("She joined the Londonstaff last year.", []),  # a name glued to a word: no space lost in plain sight
])
def test_a_sure_cut_inside_a_weaker_split_shows_a_page_that_lost_spaces(opening, found):
    text = opening + " Trade with westEurope grew this year, the minister said.\n"
    assert _merges(text) == found


@pytest.mark.parametrize(("line", "spaced"), [
    ("The firm's Chief EconomistStan Korvalak said prices fell.", ["Economist Stan"]),
    ("A note from the ModeratorDan Korvalak opened the panel.", ["Moderator Dan"]),
    ("The firm's Chief EconomistStan said prices fell.", []),  # no surname after it
    ("The firm's Chief EconomistKorvan Pell said prices fell.", []),  # not a given name
    ("Shares of SilverRock Holdings fell on Monday.", []),  # a brand: Rock is no given name
])
def test_a_word_glued_to_a_given_name_before_a_surname_is_cut(line, spaced):
    # two capitalised words glued together need the text to use both on their own, unless
    # the second is a given name that a surname follows: a word glued to a person's name
    assert _cut_after_lossy(LOSSY + line + "\n") == spaced


@pytest.mark.parametrize(("line", "spaced"), [
    # the name's first word is glued to the word before it: the|Northfield Gazette|story
    ("A piece in theNorthfield Gazettestory is long.", ["the Northfield", "Gazette story"]),
    # the sentence goes on in lower case after an opening quote
    ("A story in the Northfield Gazetteciting “people familiar” ran.", ["Gazette citing"]),
])
def test_a_name_phrase_that_goes_on_in_lower_case_ends_where_the_case_changes(line, spaced):
    assert _cut_after_lossy(LOSSY + line + "\n") == spaced


@pytest.mark.parametrize(("line", "spaced"), [
    ("The dress is available atkorvelmode.com, for $60.", ["at korvelmode.com,"]),
    ("She is a founding member ofkorvelpress.co.uk and more.", ["of korvelpress.co.uk"]),
    ("Read the story atindependent.co.uk today.", ["at independent.co.uk"]),
    ("Read the story on atlantic.com today.", []),  # the name is a word: a domain (at|lantic?)
    ("His page is atkorvelmode.com.", []),  # not on a page that keeps its spaces
    ("See the guide tokorvelmode.com today.", []),  # domains start with "to" (tomsguide)
    # "visit", a subdomain, a hyphen or a digit in the name, a capital, a word glued after it
    ("To order, visitkorvelmode.com today.", ["visit korvelmode.com"]),
    ("The puzzles live atpuzzles.korvelpress.com, free.", ["at puzzles.korvelpress.com,"]),
    ("The album is atlow-tide.korvelmusic.com, $5.", ["at low-tide.korvelmusic.com,"]),
    ("Visitkorvel4u.com for details.", ["Visit korvel4u.com"]),
    ("For more, visitkorvelmode.comor write to us.", ["visit korvelmode.com or"]),
    ("For more, visitKorvelMode.com, she said.", ["visit KorvelMode.com,"]),
    ("It first ran onKorvelMode.comon Monday.", ["on KorvelMode.com on"]),
    ("His page is at-home.korvel.com today.", []),  # a hyphen after the preposition: a name
    ("Read it on visitkorvelmode.com/andover today.", ["visit korvelmode.com/andover"]),  # a path
    ("The page is at visiting.com today.", []),  # the name is a word
])
def test_a_preposition_glued_to_a_lower_case_domain_on_a_page_that_lost_spaces(line, spaced):
    lossy = line != "His page is atkorvelmode.com."
    text = (LOSSY * 3 if lossy else "") + line + "\n"
    opening = len(LOSSY) * 3 if lossy else 0
    found = [" ".join(text[a:b] for a, b in zip((m.start, *m.cuts), (*m.cuts, m.end)))
             for m in find_merges(Document(text), PARAMS) if m.start >= opening]
    assert found == spaced


def test_a_token_repeated_in_the_same_phrase_is_used_once():
    # a teaser repeated in the body: the same words around the token, one use (not a name)
    line = "The meeting in Delhiis over, he said.\n"
    assert _merges(LOSSY + line + "A note.\n" + line).count("Delhiis") == 2
    other = "The next one in Delhiis planned for June.\n"  # other words around it: a name
    assert "Delhiis" not in _merges(LOSSY + line + other)


@pytest.mark.parametrize(("text", "spaced"), [
    (LOSSY + "The probe to the moon Zelvoxfailed to reach orbit.\n", ["Zelvox failed"]),
    (LOSSY + "A family of Zelvoxhelped the town.\n", ["Zelvox helped"]),
    (LOSSY + "A family of Zelvoxmade the boxes.\n", []),  # short pasts end names too
    ("The probe to the moon Zelvoxfailed to reach orbit.\n", []),  # a page that keeps its spaces
])
def test_an_unknown_name_glued_to_a_verb_in_the_past_on_a_page_that_lost_spaces(text, spaced):
    # the verb leads the words after the name: the page need not use the name on its own
    assert _cut_after_lossy(text) == spaced


@pytest.mark.parametrize(("line", "spaced"), [
    ("This Sheet Cakeis the richest of all.", ["Cake is"]),  # "is" before an article: the verb
    ("The guest Al Goldis stayed at home.", []),  # beside a capitalised word: a name (Goldis)
])
def test_a_word_glued_to_is_beside_a_capitalised_word_is_cut_before_an_article(line, spaced):
    assert _cut_after_lossy(LOSSY + line + "\n") == spaced


def test_a_lone_merge_of_lower_case_words_is_a_typo_but_two_are_a_lossy_page():
    ruleset = build_ruleset(Config(select=("NL101",)))

    def reported(text: str) -> list[str]:
        return [text[v.start : v.end] for v in lint_text(text, ruleset)]

    prose = "The mayor said the vote on the new library wasarguably the hardest of her term.\n"
    assert _merges(prose) == ["wasarguably"]  # the split alone is sound ...
    assert reported(prose) == []  # ... but a writer's slip reads the same as a lost space
    assert reported(prose + "It passed late onthe night of the vote.\n") == ["wasarguably", "onthe"]
    assert reported(prose.replace("wasarguably", "was arguably") + "She thanked theCouncil.\n") == ["theCouncil"]
    opening = "The council met until late.\nTheyshould have voted on the budget long before, the mayor said.\n"
    assert _merges(opening) == ["Theyshould"] and reported(opening) == []  # a pronoun capitalised as a sentence opens
    named = "The war went on.\nUkraineprompting talks was the aim, the paper said.\n"
    assert reported(named) == ["Ukraineprompting"]  # a name: not a word in lower case


@pytest.mark.parametrize(("line", "spaced"), [
    ("Follow the desk on Twitter at@korveldesk today.", ["at @korveldesk"]),
    ("She thanked his@KorvelFeed readers.", ["his @KorvelFeed"]),
    ("Write to me at@korvel.com today.", []),  # an e-mail address's name, not a handle
    ("The list came now@korveldesk today.", []),  # only the listed function words
])
def test_a_function_word_glued_to_a_handle_on_a_page_that_lost_spaces(line, spaced):
    assert _cut_after_lossy(LOSSY * 3 + line + "\n") == spaced
    assert not _merges(line + "\n")  # writers drop it too


@pytest.mark.parametrize(("line", "spaced"), [
    ("The shots were made with theK5100in May.", ["the K5100"]),
    ("It flies anA390 orKX800E today.", ["an A390", "or KX800"]),  # reported up to its digits
    ("She kept the iPhone4 and the mRNA1273 notes.", []),  # lower-case letters before the capital
    ("The zone in theSouth4 plan.", []),  # a capitalised word, not a model's letters
])
def test_a_function_word_glued_to_a_model_number_on_a_page_that_lost_spaces(line, spaced):
    assert _cut_after_lossy(LOSSY * 3 + line + "\n") == spaced
    assert not _merges(line + "\n")  # writers drop it too


@pytest.mark.parametrize(("line", "spaced"), [
    ("Ofthe four towns, two voted.", ["Of the"]),
    ("Andthe rest went home.", ["And the"]),
    ("Ina Korvel and Asa Korvel spoke.", []),  # given names: no "a" after the capital
    ("Tomy toys sold well.", []),  # a brand
])
def test_a_capitalised_preposition_glued_to_a_determiner_on_a_page_that_lost_spaces(line, spaced):
    assert _cut_after_lossy(LOSSY * 3 + line + "\n") == spaced
    assert not _merges(line + "\n")  # writers drop it too


@pytest.mark.parametrize(("line", "spaced"), [
    ("We read about theKorvexsystem, which is old.", ["the Korvex system"]),
    ("She wore a blackKorvexdress to the show.", ["black Korvex dress"]),
    ("The town ofKorvelingclones is odd.", ["of Korveling clones"]),
    ("The stores sell ofKorvelwell water.", ["of Korvelwell"]),  # a name may end so (Blackwell)
    ("We saw theKorvexbury plan.", ["the Korvexbury"]),  # a place's name ends so (Canterbury)
    ("He said theKorvreports it.", ["the Korvreports"]),  # "reports" ends it, after too short a name
    ("The fans ofKorvelinghumbles wait.", ["of Korvelinghumbles"]),  # the word after the name is too rare
])
def test_an_unknown_name_glued_between_words_is_cut_before_a_common_word_on_a_lossy_page(line, spaced):
    assert _cut_after_lossy(LOSSY * 2 + line + "\n") == spaced


def test_a_name_glued_between_words_keeps_the_word_on_a_page_that_keeps_its_spaces():
    assert _cut_after_lossy("We read about theKorvexsystem, which is old.\n") == []


@pytest.mark.parametrize(("line", "spaced"), [
    ("They released anew video on Monday.", ["a new"]),
    ("It was avery different game.", ["a very"]),
    ("She wrote anew paperon the effect.", ["a new", "paper on"]),  # the next word lost a space too
    ("Anew report came out.", ["A new"]),  # a capital where the sentence starts
    ("We will begin anew.", []),  # the adverb ends its phrase
    ("They looked anew at the data.", []),
    ("The plan was drawn anew slowly.", []),
    ("She bought the Korvel Anew cream.", []),  # a capital inside a sentence: a name
])
def test_the_article_glued_to_an_adjective_the_list_knows_as_a_word_on_a_lossy_page(line, spaced):
    assert _cut_after_lossy(LOSSY * 3 + line + "\n") == spaced
    assert not _merges(line + "\n")  # on a page that keeps its spaces "anew" is a word


def test_a_split_with_a_function_word_at_every_cut_needs_one_sure_merge_fewer():
    page = ("Officials saidthat the budget was late.\nThe council met onthe day of the vote.\n"
            "They will send ourpress release tomorrow, the aide said.\n")
    assert _cut_after_lossy(page) == ["said that", "on the", "our press"]
    content = page.replace("ourpress release", "pressrelease")  # no function word beside the cut
    assert _cut_after_lossy(content) == ["said that", "on the"]
    assert _cut_after_lossy(page.replace("onthe", "on the")) == ["said that"]  # one sure merge is not enough



@pytest.mark.parametrize(("line", "spaced"), [
    ("She works with computer scientistAdam Korvexwith the team.", ["scientist Adam", "Korvex with"]),
    ("It ran inThe Korvel Timesand online.", ["in The", "Times and"]),  # Times|and, not Time|sand
    ("He spoke withVladimir Korvinafter the talks.", ["with Vladimir", "Korvin after"]),
    ("Ask the coachRasmus Korvexunderwent surgery.", ["coach Rasmus", "Korvex underwent"]),  # one word
    ("He drank it withAdam Korvexcoffee daily.", ["with Adam", "Korvex coffee"]),
    ("He toldDepartment of Korvel Recordsofficials about it.", ["told Department", "Records officials"]),
    ("It is part of theKORV Korvelseries. It is new.", ["the KORV", "Korvel series"]),  # not "It", further on
    ("He toldDepartment of Korvel, then Recordsofficials came.", ["told Department"]),  # it ends at a comma
    ("Posted byDavid Korvanoon Thursday.", ["by David"]),  # Korvano|on or Korva|noon: a name may end in "on"
    ("A post byHarold Korvelus today.", ["by Harold"]),  # names end in "us", "is", "on", "to"
    ("A post byHarold Korvelson today.", ["by Harold"]),
    ("We met theKorvel Basketballers today.", ["the Korvel"]),  # not Basket|ballers: a word spans the cut
])
def test_a_name_glued_at_both_ends_is_cut_where_the_name_ends(line, spaced):
    assert _cut_after_lossy(LOSSY + line + "\n") == spaced


def test_a_name_glued_at_its_end_only_is_left_to_the_other_rules():
    assert _cut_after_lossy(LOSSY + "He drank it with Adam Korvexcoffee daily.\n") == []


@pytest.mark.parametrize(("token", "cuts"), [
    ("Korvelseries", (6,)),
    ("Listsand", (5,)),  # not List|sand
    ("Korvexunderwent", ()),  # not Korvexunder|went, and "underwent" is too rare
    ("Korplandon", ()),  # not Korpl|and|on: names end in "on"
    ("Korvanoon", ()),  # Korvano|on or Korva|noon
    ("Footballare", ()),  # not Foot|ball|are: a longer word spans the cut
])
def test_the_end_of_a_name_glued_at_both_ends_is_where_the_fewest_words_follow(token, cuts):
    assert _phrase_end_cut(token, PARAMS) == cuts


def test_a_name_glued_at_both_ends_backs_the_capitalised_guesses_of_its_page():
    filler = "The town hall was busy all week and the staff were tired of the long meetings about the road. " * 3
    page = ("Officials saidthat the plan failed.\nHe spoke withVladimir Korvinafter the talks.\n" + filler
            + "\nThe Korvel Minesstaff met, and the cinnamonbuns sold out.\n")
    assert _merges(page) == ["saidthat", "withVladimir", "Korvinafter", "Minesstaff"]  # not cinnamon|buns
    unpaired = page.replace("withVladimir Korvinafter", "with Vladimir Korvin after")
    assert _merges(unpaired) == ["saidthat"]


@pytest.mark.parametrize(("line", "spaced"), [
    ("Power was cut along the coastAccording to the county office.", ["coast According"]),
    ("The bill was signed by the trade ministerDaniel Korvel in May.", ["minister Daniel"]),
    ("Reporters asked the ministerWhy the bill had stalled.", ["minister Why"]),
    ("The new model ran theMacintoshsoftware without trouble.", ["the Macintosh software"]),
])
def test_a_lost_space_at_a_change_of_case_between_common_words_holds_on_any_page(line, spaced):
    assert _cut_after_lossy(line + "\n") == spaced


@pytest.mark.parametrize("line", [
    "He joined theKorvator team last year.",  # a short word before a capital: a brand (theResumator)
    "The page reads the value of innerHTML before it loads.",  # an acronym: an identifier
    "The town near Korvelaport sells fish.",  # no change of case
    "The studio behind paintKorvel makes games.",  # a word too short to vouch
])
def test_a_change_of_case_after_a_short_word_or_before_an_acronym_needs_a_lossy_page(line):
    assert _cut_after_lossy(line + "\n") == []


def test_a_token_in_plain_sight_used_on_two_lines_is_a_name():
    once = "Fans of the studio greeted the ministerDaniel on Monday.\n"
    assert _cut_after_lossy(once) == ["minister Daniel"]
    assert _cut_after_lossy(once + "Later the ministerDaniel spoke to the press.\n") == []  # a brand or handle


def test_a_merge_in_plain_sight_backs_the_capitalised_guesses_of_its_page():
    filler = "The town hall was busy all week and the staff were tired of the long meetings about the road. " * 3
    page = ("Power was cut along the coastAccording to the county office.\n" + filler
            + "\nThe mayor Dana Korvexexplained the plan, and the cinnamonbuns sold out.\n")
    assert _merges(page) == ["coastAccording", "Korvexexplained"]  # not cinnamon|buns
    assert _merges(page.replace("coastAccording", "coast According")) == []


_NL101_FIXTURES = Path(__file__).parent.parent / "fixtures" / "NL101"


@pytest.mark.parametrize("name", sorted(p.name for p in _NL101_FIXTURES.glob("bad_*.txt")
                                        if not p.name.endswith(".fixed.txt")))
def test_a_text_of_lines_met_before_and_a_few_new_finds_what_a_fresh_rule_finds(name):
    """The chunks of a text's new lines are judged, and its other lines' are recalled (see
    `_flagged_in_new_lines`): the findings are a fresh rule's, whichever lines came first."""
    text = (_NL101_FIXTURES / name).read_text(encoding="utf-8")
    lines = text.split("\n")
    for before in ("\n".join(lines[:-3] + ["An unrelated closing line, met first."]), "\n".join(lines[1:])):
        warm = build_ruleset(Config(select=("NL101",)))
        lint_text(before, warm, "before.txt")
        assert lint_text(text, warm, "a.txt") == lint_text(text, build_ruleset(Config(select=("NL101",))), "a.txt")


def test_the_word_list_holds_no_word_that_lower_case_changes():
    # runs.is_known looks a word up only when lower-casing leaves it as it is: the list
    # folds case, so any other word is missing from it and the lookup is skipped.
    from newslint.rules._frequency import frequent

    changed = [word for word, _ in frequent(0.0) if word.lower() != word]
    assert changed == []
