"""NL305 legal-notice: copyright, cookie, browser and error notices (data: notice_*.txt)."""
from __future__ import annotations

import re

import regex

from newslint.document import Document
from newslint.rules._lazy import LazyPattern
from newslint.rules._lines import Inside, LineHit, LineRule, Opening, starting
from newslint.rules._phrases import phrase_key
from newslint.rules._prose import ATTRIBUTED

_WS = r"[^\S\n]"
MAX_NOTICE_WORDS = 120
# Consent buttons (`I agree`, `Accept`) are also what a person says: with a full stop after
# them the line is a sentence (a one-line reply, a turn of a transcript), not a button.
_ANSWER_LIKE_BUTTONS = frozenset(phrase_key(p) for p in (
    "accept", "accept all", "i accept", "i agree", "reject all",
))
# The links of a site's footer; a line made only of them, joined by bars or dots, is a footer.
_FOOTER_LINKS = frozenset(phrase_key(p) for p in (
    "privacy", "privacy policy", "privacy notice", "privacy statement", "your privacy rights",
    "terms", "terms of use", "terms of service", "terms and conditions", "terms & conditions",
    "cookie policy", "cookies", "cookie settings", "contact", "contact us", "about", "about us",
    "faq", "faqs", "help", "sitemap", "site map", "advertise", "advertise with us", "careers",
    "jobs", "accessibility", "ad choices", "adchoices", "your ad choices",
    "do not sell my personal information", "do not sell my info", "community guidelines",
    "copyright policy", "corrections", "subscribe", "newsletters", "rss", "legal", "imprint",
    "impressum",
))
_FOOTER_OPENINGS = ("privacy", "terms", "cookie", "contact", "about", "faq", "help", "sitemap",
                    "site map", "advertise", "careers", "jobs", "accessibility", "ad choices",
                    "adchoices", "your ad", "do not sell", "community", "copyright policy",
                    "corrections", "subscribe", "newsletters", "rss", "legal", "imprint",
                    "impressum")
_LINK_SEPARATORS = LazyPattern(r"[|·•/]")
# A cookie or publisher notice speaks as the site or to the reader (`We use cookies ...`, `...
# media group. Visit our corporate site.`); a sentence that does neither is an article's
# (`Regulators said the cookie consent banners on most sites were designed to wear users down.`,
# `The paper is part of the Tribune Publishing group, which cut jobs at all its titles.`).
_SITE_VOICE = LazyPattern(r"\b(?:we|we['’](?:ll|re|ve|d)|our|us|you|your|you['’](?:re|ll|ve|d)"
                          rf"|this{_WS}+(?:site|website|web{_WS}+site|page))\b", regex.I)
MAX_BROWSER_NOTICE_WORDS = 80  # `... While you will be able to view the content of this page ...`: 60 words
# ... and the notice speaks of the page or of the visit (advice in an article, `To stay safe,
# update to a modern browser.`, does neither).
_PAGE_EXPERIENCE = LazyPattern(rf"\b(?:this{_WS}+(?:page|site|website|web{_WS}+site)|experience|best{_WS}+viewed)\b",
                               regex.I)
MAX_COOKIE_LABEL_WORDS = 8  # `Privacy & Cookie Policy`, `Cookie Settings`: a link's words, no voice
# `© 2019 CBS Interactive Inc.`: a line opening with the copyright sign, then a year or a company
# (a bare `© Name` is a picture credit, NL202's business) ...
_SIGN_FIRST = LazyPattern(
    r"\A[^\w©]{0,3}©[^\n]*?(?:\b(?:19|20)\d\d(?!\d)|\b(?i:inc|ltd|llc|plc|gmbh|limited"
    r"|corporation|corp|company|media|group|network|publishing|newspapers|holdings|all\s+rights)\b)"
)
# ... or a short line with the sign right before a year: `The contents of this site are ©2019 ...`.
# The year may touch the next word where a scraper lost the space: `BBC © 2013The BBC is ...`.
_SIGN_YEAR = LazyPattern(r"©[^\S\n]*(?:19|20)\d\d(?!\d)")
MAX_SIGN_YEAR_WORDS = 30
# A site owner's whole legal footer on one line (`NHL.com is the official web site of ... are
# registered trademarks of the National Hockey League. ... © NHL 2012. All Rights Reserved.`, a
# market-data footer's copyrights and trademarks) runs past the 120 words of a notice: such a
# line is one when it holds three different legal formulas, `All rights reserved` among them:
# every site's footer says it, where an article on a trademark case may name the others (and
# `reserved judgment`).
MAX_LONG_NOTICE_WORDS = 250
_LEGAL_FORMULAS = (
    LazyPattern(rf"\ball{_WS}+rights{_WS}+reserved\b", regex.I),
    LazyPattern(rf"\btrademarks?{_WS}+of\b", regex.I),
    LazyPattern(r"©|\bcopyright\b", regex.I),
    LazyPattern(rf"\bmay{_WS}+not{_WS}+be{_WS}+(?:reproduced|republished|redistributed)\b", regex.I),
)
MIN_LONG_NOTICE_FORMULAS = 3


def _site_notice(line: str) -> bool:
    """Whether a line about cookies or the publisher is the site's notice: a link's few words, a
    line that is no sentence (a footer's links run together), or words in the site's voice."""
    return (len(line.split()) <= MAX_COOKIE_LABEL_WORDS or not line.rstrip().endswith((".", "!", "?"))
            or _SITE_VOICE.search(line) is not None)


def is_long_legal_notice(line: str) -> bool:
    """Whether `line` holds three different legal formulas (rights reserved, a trademark's
    owner, a copyright, a ban on reproduction), rights reserved among them."""
    return (_LEGAL_FORMULAS[0].search(line) is not None
            and sum(1 for formula in _LEGAL_FORMULAS if formula.search(line)) >= MIN_LONG_NOTICE_FORMULAS)


def is_link_bar(line: str) -> bool:
    """Whether `line` is two or more footer links (`Terms of Use | Privacy Policy | Sitemap`)."""
    items = [phrase_key(item) for item in _LINK_SEPARATORS.split(line)]
    items = [item for item in items if item]
    return len(items) >= 2 and all(item in _FOOTER_LINKS for item in items)


# A site's menu bar: `Home | About Us | Contribute | Advertise | Contact | RSS`, `Tools & widgets |
# RSS | Podcasts | ... | Site map`: five or more items between bars, each a link's few words
# (no sentence), two of them the links every site has. (A byline's `by Jane Doe | @jdoe |
# Comment | May 3, 2012` and a list of newspapers name none of those.)
_MENU_LINKS = _FOOTER_LINKS | frozenset(phrase_key(p) for p in (
    "home", "feedback", "press room", "work for us", "mobile", "donate", "rss feeds", "e-mail alerts",
    "email alerts", "newsletter",
))
MIN_MENU_ITEMS = 5
MAX_MENU_ITEM_WORDS = 4
MIN_MENU_SITE_LINKS = 2


def is_menu_bar(line: str) -> bool:
    """Whether `line` is a site's menu bar (`_MENU_LINKS`): see the comment above."""
    items = [item.strip() for item in line.split("|")]
    items = [item for item in items if item]
    if len(items) < MIN_MENU_ITEMS:
        return False
    if any(len(item.split()) > MAX_MENU_ITEM_WORDS or item.endswith((".", "!", "?", ",")) for item in items):
        return False
    return sum(phrase_key(item) in _MENU_LINKS for item in items) >= MIN_MENU_SITE_LINKS


def is_copyright_line(line: str) -> bool:
    if _SIGN_FIRST.match(line):
        return True
    return len(line.split()) <= MAX_SIGN_YEAR_WORDS and bool(_SIGN_YEAR.search(line))


_SHAPES = (
    # A bar of footer links: `Contact Us/FAQ|Terms of Use|Privacy Policy`.
    Opening(LazyPattern(r"\w"), starting(*_FOOTER_OPENINGS), 30, is_link_bar,
            needs=("|", "·", "•", "/")),  # a bar has separators: a cheap test first
    # `Copyright ©2019 Dow Jones & Company, Inc.`, `Copyright 2019 Hawaii News Now`, `(c) 2019`.
    Opening(LazyPattern(rf"copyright\b{_WS}*(?:©|\(c\)|\d{{4}}|by\b)|c\){_WS}*\d{{4}}", regex.I),
            starting("copyright", "c)"), MAX_NOTICE_WORDS),
    # `By clicking Subscribe you agree to ...`, `By continuing to use our site, you accept ...`: a
    # consent notice holds the consent; without it the line is a sentence of the article (`By
    # clicking a single link, a nurse gave ...`, `By continuing to use coal, the country ...`).
    Opening(LazyPattern(rf"by{_WS}*(?:clicking|continuing{_WS}+to{_WS}+(?:use|browse))[^\n]*?"
                        r"(?:agree|acknowledge|accept|consent)", regex.I),
            starting("by clicking", "by continuing to use", "by continuing to browse"), MAX_NOTICE_WORDS),
    # `By registering you become a member of ... and agree to ...`, `By signing up, you agree
    # to our Privacy Policy`, `By submitting this form you agree to ...`: a sign-up or comment
    # form's consent speaks to the reader (`By signing up, users agree to ...` reports terms).
    Opening(LazyPattern(rf"by{_WS}+(?:registering|signing{_WS}+up|subscribing|submitting{_WS}+(?:this|the|your)"
                        rf"{_WS}+(?:form|comment|details))\b[^\n]{{0,60}}?\byou\b[^\n]{{0,100}}?"
                        r"\b(?:agree|acknowledge|accept|consent)", regex.I),
            starting("by registering", "by signing up", "by subscribing", "by submitting"), MAX_NOTICE_WORDS),
    # `If you buy something through this post, IGN may get a share of the sale`: an affiliate
    # disclosure names the site's cut; advice to readers (`If you buy something through an
    # advert, check the seller first`) does not.
    Opening(LazyPattern(rf"if{_WS}+you{_WS}+buy{_WS}+something{_WS}+(?:through|from)\b[^\n]*?"
                        r"\b(?:commission|earn|share|compensat|affiliate)", regex.I),
            starting("if you buy something"), MAX_NOTICE_WORDS),
)
_INSIDES = (
    Inside(re.compile(r"\|"), None, MAX_NOTICE_WORDS, is_menu_bar, clue="|"),
    Inside(re.compile("©"), None, MAX_NOTICE_WORDS, is_copyright_line, clue="©"),
    # `... 2019 News Nation. All rights reserved.` anywhere in a line.
    Inside(LazyPattern(r"(?i:reserved)"),
           LazyPattern(rf"\ball{_WS}+rights{_WS}+reserved\b", regex.I), MAX_NOTICE_WORDS),
    # `Apple logo, Apple TV ... are registered trademarks of Apple Inc.`: a trademark notice.
    # Not in a sentence that reports or explains the mark (`The company says the name is a
    # trademark of its parent`, `the logos, which are trademarks of the league, ...`).
    Inside(LazyPattern(r"(?i:trademark)"), LazyPattern(
        rf"(?<!\b(?:which|that|who|said|says|claims?|claimed|argued?|argues|according)\b[^\n.;:]*)"
        rf"\b(?:is|are){_WS}+(?:a{_WS}+)?(?:registered{_WS}+)?trademarks?{_WS}+of\b", regex.I), 80),
    # ... and a whole legal footer of up to 250 words (see `is_long_legal_notice`).
    Inside(LazyPattern(r"(?i:reserved)"), None, MAX_LONG_NOTICE_WORDS, is_long_legal_notice),
    # `Live Science is part of Future US Inc, an international media group ...`: the publisher.
    Inside(LazyPattern(r"is part of"), LazyPattern(
        rf"\Ais{_WS}+part{_WS}+of|\A[^\n]{{1,40}}?\bis{_WS}+part{_WS}+of{_WS}+[^\n]{{0,60}}?"
        rf"\b(?i:media|publish\w*|network|group|inc)\b"), 40, _site_notice),
    # `Opinions expressed by Forbes Contributors are their own.`, `The opinions expressed in
    # this commentary are solely those of the authors.`: the author's disclaimer. (A
    # publisher's `... do not necessarily reflect those of <site>` is kept by some golds.)
    Inside(LazyPattern(r"(?i:opinions expressed)"), LazyPattern(
        rf"\A(?:the{_WS}+)?(?:views{_WS}+and{_WS}+)?opinions{_WS}+expressed\b[^\n]{{0,80}}?"
        rf"\b(?:are{_WS}+(?:their|his|her|the{_WS}+author['’]?s?){_WS}+own"
        rf"|are{_WS}+(?:solely{_WS}+)?those{_WS}+of{_WS}+the{_WS}+(?:authors?|writers?|contributors?))\b",
        regex.I), MAX_NOTICE_WORDS),
    # A cookie notice: the site speaking of its cookies.
    Inside(LazyPattern(r"(?i:cookie)"), LazyPattern(
        rf"\b(?:(?:we|site|website|web{_WS}+site|page){_WS}+(?:uses?|is{_WS}+using|may{_WS}+use)"
        rf"{_WS}+(?:cookies|cookie{_WS}+or)|(?:use|accept){_WS}+(?:of{_WS}+)?(?:all{_WS}+)?cookies"
        rf"|cookies?{_WS}+(?:policy|settings|preferences|consent|notice))\b", regex.I),
        MAX_NOTICE_WORDS, _site_notice),
    # `Please enable JavaScript to view the comments powered by Disqus.`, `JavaScript must be
    # enabled to use this widget.`, `... requires your computer to have Flash and JavaScript enabled.`
    # (Not `JavaScript enabled` alone: `Users who keep JavaScript enabled will see ...` is prose.)
    Inside(LazyPattern(r"(?i:javascript)"), LazyPattern(
        rf"\b(?:enable|enabled|requires?|turn{_WS}+on|is{_WS}+(?:disabled|off|required|needed))"
        rf"{_WS}+(?:\w+{_WS}+){{0,3}}?javascript\b"
        rf"|\bjavascript{_WS}+(?:is{_WS}+)?(?:disabled|required|off)\b"
        rf"|\bjavascript{_WS}+(?:must|has{_WS}+to|needs{_WS}+to){_WS}+be{_WS}+(?:enabled|turned{_WS}+on)\b"
        rf"|\byour{_WS}+(?:computer|browser|device)\b[^\n]{{0,80}}?\bjavascript{_WS}+enabled\b", regex.I), 40),
    # `This page is best viewed in an up-to-date web browser with style sheets (CSS) enabled. ...`,
    # `... For the best Barrons.com experience, please update to a modern browser.`: the site
    # speaking of the reader's browser (an article's `Chrome is a modern browser` does neither).
    Inside(LazyPattern(r"(?i:browser)"), LazyPattern(
        rf"\b(?:best{_WS}+viewed\b[^\n]{{0,40}}?|(?:update|upgrade|switch){_WS}+to{_WS}+)(?:an?{_WS}+)?"
        rf"(?:up-to-date|modern|newer|supported){_WS}+(?:web{_WS}+)?browser\b", regex.I),
        MAX_BROWSER_NOTICE_WORDS, lambda line: _site_notice(line) and _PAGE_EXPERIENCE.search(line) is not None),
)


class LegalNotice(LineRule):
    """NL305 legal-notice: a copyright, cookie, browser, affiliate or error notice.

    ## What it does
    Finds the notices of the page template: copyright lines (`© 2019 ... All Rights
    Reserved.`, `Copyright 2019 ...`), cookie banners (`This website uses cookies ...`),
    JavaScript and browser notices (`Please enable JavaScript ...`, `Media playback is
    unsupported on your device`), affiliate and market-data disclosures (`We may earn a
    commission ...`, `Quotes delayed at least 15 minutes.`), authors' disclaimers
    (`Opinions expressed by ... contributors are their own.`), terms-of-use links and form
    errors (`An error has occurred, please try again later.`), and a site's menu bar: five
    or more links between bars, each of at most four words and no sentence, two of them
    links every site has (`Home | About Us | Contribute | Advertise | Contact | RSS`). Whole lines live in
    `rules/data/notice_lines.txt` and openings in `rules/data/notice_prefixes.txt`;
    `extend-phrases` and `extend-prefixes` add more. Copyright, cookie and JavaScript
    notices are also found by their shape, in lines of at most 120 words; a site owner's
    whole legal footer (`All rights reserved` and two more formulas among `... trademarks
    of ...`, a copyright and `may not be reproduced`) in lines of at most 250. A notice about
    the reader's browser is found by its shape too: the site or the reader named (`this
    page`, `your`, `we`), the page `best viewed` in or an update `to a modern browser`, and
    `this page` / `this site` or the visit's `experience` named.

    A consent button's words followed by a full stop (`I agree.`, `Accept.`) are a
    sentence, a one-line reply or a turn of a transcript, and are left alone. So is a line
    opening like a consent notice without giving consent (`By clicking a single link, a
    nurse gave ...`, `By continuing to use coal, ...`; a sign-up or comment form's consent,
    `By registering ...`, `By signing up ...`, `By submitting this form ...`, must also speak
    to the reader: `By signing up, users agree to ...` reports terms) or like an affiliate disclosure
    without the site's cut (`If you buy something from a stall, keep the receipt.`), and a
    sentence of more than eight words about cookies that neither speaks as the site nor to
    the reader (`Privacy groups said the cookie consent banners were designed to wear users
    down.`): an article about cookies, not a cookie banner. The same holds for a line naming
    the publisher (`The newspaper is part of the Tribune Publishing group, which ...`).

    ## Why is this bad?
    The notice is about the web page, not the story; left in, it is repeated on every
    page of a site and reads as if the article said it.

    ## Example
        ... as the Korean people did 77 years ago," KCNA said.

        © 2019 Time USA, LLC. All Rights Reserved.

    Use instead:
        ... as the Korean people did 77 years ago," KCNA said.

    ## Fix safety
    Safe for a line that is a known notice as a whole. Unsafe for a line found by its
    opening or its shape: an article about cookies, copyright or JavaScript can have a
    line that looks like a notice. A line that gives the notice's words to someone (`We use
    cookies to track users, Meta admitted in a filing`, `By clicking "accept", users agreed
    ..., the regulator found`, `..., the court said`) is the article's sentence and stays: no
    residue line of DEV or DRAGNET and no 2020s article is found or lost by this.

    Measured at 875d261 (`bench/rule_precision.py DEV DRAGNET`: residue lines / residue and
    clean lines deleted, clean lines a gold keeps by convention counted apart): dev 1.000
    (755/755; 12 more kept by convention, raw 0.984), dragnet 1.000 (612/612; 13 more, raw
    0.979); safe fixes alone (`--safe-only`) dev 261/261, dragnet 94/94. The lines kept by
    convention are copyright or advertising notices (`© 2019 Associated Press. All Rights
    Reserved. ...`, `Advertise | AdChoices`): none is article prose. A year that touches the
    next word (`© 2013The ...`, where a scraper lost the space) is residue on 3 sites, never
    article text.
    A form's consent by registering, signing up or submitting is residue after the article
    on 5 DEV sites (pv-magazine, therealdeal, theverge, vox, zdnet; 7 lines), never article
    text; nothing on the DRAGNET pages or the 2020s articles.
    Menu bars are residue on 11 sites (bgr, moneycontrol, panarmenian; cnn, cookrepublic,
    craftstylish, mediaite, redstate, sciencemag, softpedia, thinkprogress), 19 lines more
    deleted, never clean or neutral; nothing on the 2020s articles.
    A line that wants JavaScript enabled (`JavaScript must be enabled to use this widget.`, `...
    requires your computer to have Adobe Flash and JavaScript enabled.`): residue on 2 sites
    (thesimpledollar, bbc), never article text; nothing on the 2020s articles.
    Browser notices (`This page is best viewed in an up-to-date web browser ...`, `... please
    update to a modern browser.`: bbc, barrons; 60 lines) and legal footers of 120 to 250 words
    (nhl, cnn; 7 lines) are residue wherever they occur in DEV and DRAGNET (all extractors),
    never clean, neutral or partial; nothing on the 2020s articles. Every such footer there says
    `All rights reserved`, which an article on a trademark case that names the other formulas
    (and a judgment `reserved`) does not.

    ## Limitations
    A notice glued to article text on the same line is reported with the whole line.
    Notices in other languages are known only by the copyright sign.
    """

    code = "NL305"
    name = "legal-notice"
    artifact = "legal or technical notice"
    phrase_files = ("notice_lines",)
    prefix_files = ("notice_prefixes",)
    openings = _SHAPES
    insides = _INSIDES

    def hits(self, doc: Document) -> dict[int, LineHit]:
        text = doc.text
        # `We use cookies to track users, Meta admitted in the filing.`: a notice's words given
        # to someone in the article's sentence (see `ATTRIBUTED`).
        return {i: hit for i, hit in super().hits(doc).items()
                if not _said(text[hit.start:hit.end]) and not ATTRIBUTED.search(text, hit.start, hit.end)}


def _said(line: str) -> bool:
    """Whether `line` is a button's words said as a sentence (`I agree.`)."""
    line = line.rstrip()
    return line.endswith((".", "!")) and phrase_key(line) in _ANSWER_LIKE_BUTTONS
