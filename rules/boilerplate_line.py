"""NL301 boilerplate-line: whole lines of CMS or scraper boilerplate (data: boilerplate_*.txt)."""
from __future__ import annotations

import bisect
import re
from collections.abc import Container

import regex

from newslint.document import Document
from newslint.rules._lazy import LazyPattern
from newslint.rules._lines import LINE_END, Inside, LineHit, LineRule, Opening, starting
from newslint.rules._prose import stands_between_prose

_WS = r"[^\S\n]"
_COUNT = r"\d[\d,.]*k?"
# Where a skip link leads: `content`, `main Navigation`, `site index`, `end of sidebar`.
_SKIP_TARGET = (rf"(?:the{_WS}+)?(?:main{_WS}+|site{_WS}+|primary{_WS}+)?(?:content(?:{_WS}+areas)?|navigation"
                rf"|search|comments|site{_WS}+index|section{_WS}+links|footer|menu"
                rf"|end{_WS}+of{_WS}+(?:the{_WS}+)?(?:sidebar|content))")
# A preposition that carries a sentence over a line break (`Find out more` / `about ...`).
_CONTINUING_WORD = LazyPattern(r"(?:about|at|on|in|into|from|for|with|by|via|through|here|of|to|and|than)\b")
# A text-size control (`Font:`, `RESIZE: AAA`, `Adjust text size:`); see `_SHAPES`.
_TEXT_SIZE_CONTROL = LazyPattern(rf"(?:font{_WS}*(?:size{_WS}*)?:|font{_WS}+size|text{_WS}+size{_WS}*:?"
                                 rf"|resize{_WS}*(?:text{_WS}*)?:?{_WS}*a{_WS}*a{_WS}*a"
                                 rf"|adjust{_WS}+(?:the{_WS}+)?(?:text|font){_WS}+size{_WS}*:?)"
                                 rf"(?:{_WS}*(?:a{_WS}*a{_WS}*a|a{_WS}*[-+]{_WS}*a{_WS}*[-+]?|[-+]{_WS}*[-+]?))?"
                                 rf"{LINE_END}", regex.I)
_SHAPES = (
    # Counters of a comment, share or view widget: `142 COMMENTS`, `Comments (3)`, `1.2K Shares`,
    # `166 Views`.
    Opening(LazyPattern(
        rf"{_COUNT}{_WS}*(?:comments?|shares?|likes?|replies|responses|reactions|views?){LINE_END}"
        rf"|(?:comments?|shares?|replies|responses){_WS}*[(:]?{_WS}*{_COUNT}{_WS}*\)?{LINE_END}",
        regex.I), starting("#", "comment", "share", "repl", "respons"), 4),
    # A reaction widget with its counters: `What's Your Reaction? 0 0 0 0 0 Reactions`.
    Opening(LazyPattern(rf"what['’]s{_WS}+your{_WS}+reaction\?(?:{_WS}*{_COUNT})+{_WS}*reactions?{LINE_END}",
                          regex.I), starting("what's", "what’s"), 16),
    # A like button's label on its own line: `Like`, `Like:`. Unsafe, as every shape here.
    Opening(LazyPattern(rf"like{_WS}*:?{LINE_END}", regex.I), starting("like"), 1),
    # A blog theme's comment counter: `{ 34 comments… read them below or add one }`.
    Opening(LazyPattern(rf"\{{?{_WS}*{_COUNT}{_WS}*comments?{_WS}*(?:…|\.\.\.)?{_WS}*read{_WS}*(?:them|it)"
                          rf"{_WS}*below{_WS}*or{_WS}*add{_WS}*one{_WS}*\}}?{LINE_END}", regex.I),
            starting("#"), 10),
    # `This story has been shared 44,976 times.`
    Opening(LazyPattern(rf"this{_WS}+(?:story|article|post|page){_WS}+has{_WS}+been{_WS}+shared"
                          rf"{_WS}+[\d,.]+{_WS}+times", regex.I),
            starting("this story", "this article", "this post", "this page"), 10),
    # A comment form's field with its note: `Name (required)`, `E-mail (will not be published)
    # (required)`, `Username (*required)`, `Website(optional; provides a link)`.
    Opening(LazyPattern(rf"(?:your{_WS}+)?(?:name|e-?mail(?:{_WS}+address)?|mail|url|website|username|nickname)"
                          rf"(?:[^\w\n(]{{0,8}}\((?:\*?{_WS}*required|optional|hidden|never{_WS}+displayed"
                          rf"|will{_WS}+not{_WS}+be{_WS}+(?:published|displayed)|not{_WS}+published)[^()\n]{{0,60}}\))+"
                          rf"[^\w\n]{{0,3}}{LINE_END}", regex.I),
            starting("your", "name", "e-mail", "email", "mail", "url", "website", "username", "nickname"), 20),
    # A comment box's counter: `1200 characters left`, `Characters Remaining: 1500`.
    Opening(LazyPattern(rf"(?:\d[\d,]*{_WS}*)?characters?{_WS}*(?:remaining|left){_WS}*:?{_WS}*[\d,]*{LINE_END}",
                          regex.I), starting("#", "character"), 4),
    # A blog theme's post footer: `This entry was posted on May 3, 2012 at 7:14 pm and is filed
    # under News. You can follow any responses ...`, `This was written by Ann. Posted on ...`.
    Opening(LazyPattern(rf"this{_WS}+(?:(?:entry|post|article){_WS}+)?was{_WS}+(?:posted{_WS}+on"
                          rf"|written{_WS}+by\b[^\n]{{0,80}}?\bposted{_WS}+on)\b[^\n]{{0,200}}?\bfiled{_WS}+under\b",
                          regex.I),
            starting("this entry", "this post", "this article", "this was"), 100, needs=("filed",)),
    # A blog theme's post footer with the post's categories: `This entry was posted in Nikon
    # D5200. Bookmark the permalink.`, `This entry was posted in Tips by Sue Waters . Bookmark
    # the permalink .` (its other lines are openings in boilerplate_prefixes.txt).
    Opening(LazyPattern(rf"this{_WS}+(?:entry|post){_WS}+was{_WS}+posted{_WS}+in\b[^\n]{{0,200}}?"
                          rf"\bbookmark{_WS}+the{_WS}+permalink\b", regex.I),
            starting("this entry", "this post"), 60, needs=("permalink",)),
    # The page counter of an article split over pages: `Page 1 of 4`.
    Opening(LazyPattern(rf"page{_WS}+\d{{1,2}}{_WS}+of{_WS}+\d{{1,2}}{LINE_END}", regex.I), starting("page"), 4),
    # The page links of an article split over pages: `Pages: 1 2 3 4`, `Pages: 1 2`.
    Opening(LazyPattern(rf"pages{_WS}*:{_WS}*1(?:{_WS}+\d{{1,2}})+{LINE_END}", regex.I), starting("pages"), 22),
    # The counter of a list of results or items shown: `1 - 8 of 48`, `1-2 of 11`.
    Opening(LazyPattern(rf"\d{{1,4}}{_WS}*[-–]{_WS}*\d{{1,4}}{_WS}+of{_WS}+\d[\d,]*{LINE_END}", regex.I),
            starting("#"), 6),
    # A link to a listing: `View all posts by Jane`, `View all (23)`, `View all Tag Posts`; no sentence.
    Opening(LazyPattern(rf"view{_WS}+all\b[^.!?\n]*{LINE_END}", regex.I), starting("view all"), 8),
    # The label of a page's navigation landmark: `Main navigation`, `Primary Navigation`, `Footer Menu`.
    Opening(LazyPattern(rf"(?:main|primary|secondary|footer|top|mobile){_WS}+(?:navigation|menu){LINE_END}", regex.I),
            starting("main", "primary", "secondary", "footer", "top", "mobile"), 3, needs=("navigation", "menu")),
    # A link to more of a list: `More...`, `More →`, `more»`. Not `More:`, which introduces a
    # link of the article's own, nor a bare `More` (left to NL311: deleted first, the `More`
    # entries of a whole page's menus took its blocks below NL311's share of residue lines).
    Opening(LazyPattern(rf"more{_WS}*(?:\.\.\.|…|→|»|›){LINE_END}", regex.I), starting("more"), 2),
    # A section label above a player or a summary box: `Podcast`, `Highlights`. An article can head
    # a section of its own so, hence a shape (unsafe) rather than a phrase.
    Opening(LazyPattern(rf"(?:podcast|highlights){LINE_END}", regex.I), starting("podcast", "highlights"), 1),
    # A text-size control: `Font:`, `Font size`, `RESIZE: AAA`, `Adjust text size:`, `Text size: A+ A-`.
    # A bare `Text` or `Resize` is not matched: either can head a line of another kind.
    Opening(_TEXT_SIZE_CONTROL, starting("font", "text size", "resize", "adjust"), 6),
    # A skip link of the page's accessibility menu: `Skip to main Navigation`, `Skip to content Skip
    # to site index`, `Jump to comments (…)`, `Navigation: Jump to content areas:`.
    Opening(LazyPattern(rf"(?:navigation{_WS}*:{_WS}*|start{_WS}+of{_WS}+sidebar\.?{_WS}*)?"
                        rf"(?:(?:skip|jump){_WS}*to{_WS}*{_SKIP_TARGET}{_WS}*(?:\((?:…|\.\.\.)\))?[.:]?{_WS}*){{1,3}}{LINE_END}",
                        regex.I), starting("skip", "jump", "navigation", "start of"), 12),
    # A form to e-mail the article to a friend: `Enter your friend’s email address below and a
    # personal message if you wish. ...`, `Your friend's email`, `Enter message below:`, `Your message`.
    Opening(LazyPattern(rf"(?:enter|type){_WS}+(?:your{_WS}+)?friend['’]s{_WS}+e-?mail{_WS}+address"
                        rf"|(?:your{_WS}+)?friend['’]s{_WS}+(?:e-?mail(?:{_WS}+address)?|name){_WS}*:?{LINE_END}"
                        rf"|(?:enter{_WS}+(?:your{_WS}+|a{_WS}+)?message(?:{_WS}+below)?|your{_WS}+message){_WS}*:?{LINE_END}",
                        regex.I), starting("enter", "type", "your", "friend"), 40),
    # A comment box's button: `Make a comment`, `Add New comment`, `+ Comment now`, `Comments Add`.
    Opening(LazyPattern(rf"(?:(?:add|make|post|leave|write|submit)(?:{_WS}+(?:a|an|your|new))?{_WS}+comments?"
                        rf"(?:{_WS}+now)?|comment{_WS}+now|comments{_WS}+add)[!.:]?{LINE_END}", regex.I),
            starting("add", "make", "post", "leave", "write", "submit", "comment"), 4),
    # A sidebar's heading `About` alone, as written (a clean `about.` fragment ends a sentence cut
    # over two lines; `About:` may introduce what follows).
    Opening(LazyPattern(rf"(?-i:About){LINE_END}"), starting("about"), 1),
    # Wire-service slugs: `AP-US--Trump-Impeachment, 4th Ld-Writethru`, `BC-EU--Britain-Brexit`.
    Opening(LazyPattern(r"(?:[A-Z]{2,3}-){1,2}[A-Z]{2,3}--[\w-]+"), starting("ap-", "bc-"), 8),
)

# A post's meta line that ends with its comment counter: `November 5, 2012 by jdoe 0 Comments`,
# `In Personal Branding | 1 Comment`, `Posted by Shari August 9th, 2012 | 0 Comments »`. The
# line also holds a date, an author, a posting word or a separator, which a headline followed
# by its counter (`How I Lost 100 Pounds 385 Comments`) does not.
MAX_POST_META_WORDS = 30
_ENDS_WITH_COMMENT_COUNT = LazyPattern(rf"(?:\b\d[\d,]*|\bno){_WS}*comments?{_WS}*»?{_WS}*\Z", regex.I)
_POST_META_MARK = LazyPattern(r"\b(?:posted|published|filed[^\S\n]+under|updated)\b|\bby[^\S\n]*\p{Lu}"
                              r"|\b(?:19|20)\d\d\b|[|·•]|//", regex.I)


# A comment form's note on the picture shown with a comment: `Get a Gravatar to have your
# personal image displayed next to your comment.`, `... if you want a pic to show with your
# comment, go get a gravatar!` (an article on the service speaks of no `your comment`).
_GRAVATAR_NOTE = LazyPattern(rf"\byour{_WS}+comments?\b", regex.I)
MAX_GRAVATAR_NOTE_WORDS = 40


def _is_post_meta(line: str) -> bool:
    return _POST_META_MARK.search(line) is not None


# A letter's sign-off on the line before (`All the best,`, `Sincerely,`): the line under it
# signs a letter printed in the article, a template's placeholder (`[Your Name]`) included,
# not a comment form's field.
SIGN_OFF_MAX_WORDS = 4


# A bulleted item of a few words on the next line: the line above heads a list written as
# text (`EMAIL` / `- Email setup wizard updated`, a changelog's section), not a control.
_TEXT_ITEM = LazyPattern(rf"[-•*·]{_WS}+\S+(?:{_WS}+\S+){{3}}")
_BULLET = LazyPattern(r"[-•*·]")


def _signs_a_letter(before: str) -> bool:
    return before.endswith(",") and len(before.split()) <= SIGN_OFF_MAX_WORDS


def _heads_a_list(line: str, after: str) -> bool:
    return _TEXT_ITEM.match(after) is not None and _BULLET.match(line) is None


def _in_a_letter_or_list(doc: Document, index: int, flagged: Container[int]) -> bool:
    """The line signs a letter (the line before is a sign-off) or heads a bulleted list of
    text (the item under it is not `flagged` itself: `Reblog` / `- Login or register to post
    comments` is a menu)."""
    nonblank, texts = doc.nonblank_lines, doc.line_texts
    position = bisect.bisect_left(nonblank, index)
    if position and _signs_a_letter(texts[nonblank[position - 1]].strip()):
        return True
    if position + 1 >= len(nonblank) or nonblank[position + 1] in flagged:
        return False
    return _heads_a_list(texts[index].strip(), texts[nonblank[position + 1]].strip())


class BoilerplateLine(LineRule):
    """NL301 boilerplate-line: a whole line of CMS or scraper boilerplate.

    ## What it does
    Finds lines that consist only of a known template phrase: scraper footers
    (`Source link`), comment forms (`Leave a Reply`, `Your email address will not be
    published. Required fields are marked *`, `Post Comment`, `Comments`) and page
    controls (`Back to Gallery`, `Text size`, `Print Article`), a blog sidebar's headings
    (`Recent posts`, `Relevant content`, `Blog`, `Useful links`) and follow buttons, a page's
    section labels (`Hot topics`, `Story Highlights`), and by shape the
    counters of comment and share widgets (`142 COMMENTS`, a page counter `Page 1 of 4`, `{ 34 comments… read them
    below or add one }`, a reaction widget `What's Your Reaction? 0 0 0 Reactions`: bellasugar,
    yumsugar), the page links of an article split over pages (`Pages: 1 2 3`: bossip,
    haveuheard), a like button's bare label (`Like`, `Like:`: wordpress, azizonomics,
    thedetroithustle, nfl; 13 residue lines, none clean or neutral in the labelled corpora),
    a comment form's fields with their notes (`Name (required)`,
    `E-mail (will not be published) (required)`, `Website (optional)`) and its character
    counter (`1200 characters left`), a list's counters of views and results (`166 Views`,
    `1 - 8 of 48`), a link to a listing (`View all posts by Jane`, `View all (23)`) or to more of
    a list (`More...`, `More →`; not `More:`, which introduces a link), the label
    of a navigation landmark (`Primary Navigation`, `Footer Menu`), a skip link (`Skip to main
    Navigation`, `Jump to comments (…)`, `Navigation: Jump to content areas:`), a text-size control
    (`Font:`, `RESIZE: AAA`, `Adjust text size:`), a sidebar's heading `About` alone and as
    written, a comment box's button (`Make a comment`, `Add New comment`, `+ Comment now`), the
    lines of a form to e-mail the article to a friend (`Enter your friend's email address below
    ...`, `Your friend's email`, `Enter message below:`), a bare section label (`Podcast`,
    `Highlights`), a post's meta line that ends
    with its comment counter and holds a date, an author, a posting word or a separator
    (`March 3, 2021 by Jane Doe 0 Comments`, `In Gardening | 1 Comment`; at most 30 words),
    a blog theme's post footer
    (`This entry was posted on
    May 3, 2012 at 7:14 pm and is filed under News. You can follow any responses ...`, `This
    entry was posted in News. Bookmark the permalink.`, and its lines apart: `You can follow any
    responses to this entry ...`, `You can leave a response, or trackback ...`, `Trackbacks are
    closed, but you can ...`), a comment form's note on the picture shown with a comment (a line
    of at most 40 words naming a Gravatar and `your comment`), and
    wire-service slugs
    (`AP-US--Trump-Impeachment, 4th Ld-Writethru`). Whole lines live in
    `rules/data/boilerplate_lines.txt` and the openings of comment-policy and form
    notices (`As you comment, please be respectful ...`) in
    `rules/data/boilerplate_prefixes.txt`; `extend-phrases` and `extend-prefixes` add
    more, and `extend-patterns` adds regular expressions (a line one of them matches from
    its start is flagged; patterns that could backtrack catastrophically are refused).

    A line matches a phrase whatever its case, spacing and outer punctuation:
    `SOURCE LINK`, `Source link:` and a scraper's `Sourcelink` all match `Source link`.

    ## Why is this bad?
    These lines are widgets and footers of the page, not part of the article, and they
    end up in every corpus built from scraped text.

    ## Example
        ... a nuclear test site that was closed in 2018.

        Source link

    Use instead:
        ... a nuclear test site that was closed in 2018.

    ## Fix safety
    Safe for a line that is, as a whole, a known phrase (it is deleted with the blank
    line that separated it, so no run of blank lines is left behind). Unsafe for counters,
    form fields, post footers, bare section labels (an article can head a section `Highlights`),
    a bare `Like`
    and slugs, found by their shape, and for a line matched by an `extend-prefixes`
    opening or an `extend-patterns` pattern, since the rest of the line is not known.

    Measured at 875d261 (`bench/rule_precision.py DEV DRAGNET`: residue lines / residue and
    clean lines deleted, clean lines a gold keeps by convention counted apart): dev 1.000
    (1731/1731), dragnet 1.000 (5081/5081; 32 more are lines the Dragnet gold kept by
    convention, page furniture such as `Menu`, `[Read More]`, `153 Comments`, `(Click To
    Enlarge)` and the `TrackBack URL` lines below: raw 0.994; and 46 neutral lines). Two
    kinds of line stay whatever they say: a line right under a letter's sign-off (`All the
    best,` / `[Your Name]`: a letter template printed in a post) and a line heading a
    bulleted list of text (`EMAIL` / `- Email setup wizard updated`, a changelog's section)
    whose first item is not boilerplate itself (`Reblog` / `- Login or register to post
    comments` is a menu). Each was article text on one page (four scrapers each) and neither
    shape stands over a line this rule flags elsewhere in DEV, DRAGNET or
    the 2020s texts. The form's fields, labels and counter occur as residue
    on 50 DRAGNET sites and the post footer on 6, never as article text (nothing on the
    2020s articles). Blog and page controls (`Search this blog`, `Print this`, `Show full PR
    text`, `Forgot your username or password?`, `Website URL`) are residue on 2 to 4 sites each
    (25 lines), never article text, and so are `Printer-friendly version` (gamasutra, zerohedge) and
    the page counter of an article split over pages (`Page 1 of 4`: gamasutra, thecarconnection). Safe
    fixes alone (`--safe-only`): dev 1.000 (1494/1494), dragnet 1.000 (4263/4263; 13 more
    kept by convention). Residue on 2 to 6 sites each,
    never article text, nothing on the 2020s articles: `Archive(s)` (dallasnews, nytimes, scotthyoung,
    washingtonpost, zephoria), `Pages` (6 blogs), `View all ...` (designpublic, hosted.ap.org,
    washingtonpost, bikehugger), `N Views` (thecarconnection, highgearmedia), `1 - 8 of 48` (cnet,
    yimg), landmark labels (breitbart, venturebeat).
    The post footer's lines apart (`Bookmark the permalink`, `You can follow any responses to
    this entry`, `You can leave a response,`, `Trackbacks are closed, but you can`; 26 lines on
    healthcare-economist, suvblogger, theedublogger, nikonrumors, mattlogelin, lookatstars) and the
    Gravatar note (13 lines on howdoesshe, robertnyman, technabob, summertomato) are residue
    wherever they occur in DEV and DRAGNET (all extractors) but 2 partial footers whose author the
    gold keeps (theedublogger, dallasnews); nothing on the 2020s articles.
    Sidebar headings and section labels, residue only (no clean or neutral line; nothing on the
    2020s articles but one `Podcast:` atop a menu): `Blog` (schneier, justforeignpolicy, everywhereist,
    dallasobserver, softpedia, vortexcannon), `Useful links` (blogspot, itsallaboutyoga), `Podcast`
    (toucharcade; 6 more sites in whole-page text), `Hot topics` (techcrunch, appleinsider,
    foxnews), `Highlights` / `Story Highlights` above a summary box (albawaba, zdnet, cnn). `More...`
    (abeautifulmess, amazon, brainygamer, itsallaboutyoga, presentationzen, typepad), `More →`
    (joystiq), `more»` (ourfuture): residue only; the 8 clean `More:` lines (hypebot) introduce a
    link and are not matched. `Review` and a bare `More` are left to NL311: deleted first, they
    took a cnet menu block (31 lines) and the menus of a whole wsj page (229 lines) below NL311's
    share of residue lines.
    Post meta lines ending with a comment counter: residue on 12 sites (dangerouslyirrelevant,
    personalbrandingblog, designpublic, sbnation, bellasugar, fabsugar, herbsutter, blogspot, ...), the
    byline part of them kept by the DRAGNET gold on 8 more (`partial` or `neutral` lines), article
    text nowhere; nothing on the 2020s articles.
    Blog-engine notes after the article, by opening (`rules/data/boilerplate_prefixes.txt`):
    `TrackBack URL ...` (TypePad and Movable Type blogs: amazon, itsallaboutyoga, mu.nu,
    presentationzen, suntimes, typepad), `Notify me of ...` (47 sites), `Subscribe without
    commenting` (milliondollarjourney, thetruthaboutcars), `You must be logged in ...`
    (nbcsports, playstation, stereogum, and 6 more sites whose wording is a known line) and
    `Powered by WordPress ...` (13 sites): about 100 residue lines more, none article text;
    16 clean lines are the `TrackBack URL for this entry:` lines of four typepad pages whose
    gold keeps the trackbacks (convention, counted apart). Nothing on the 2020s articles.
    The comment-ownership disclaimer of Slashcode and PHP-Nuke sites (`The Fine Print: The following
    comments are owned by whoever posted them. ...`, `Comments are owned by the poster. ...`: geek.net,
    slashdot, biz.ua; 9 lines), skip links (60 lines on 20 sites, among them guardian, sbnation,
    news.com.au, msn, polygraph, slate, ctvnews), text-size controls (31 lines on 8 sites: msn,
    redstate, softpedia, barrons, crn, washingtonpost, theroot, thoughtcatalog), `About` alone (100
    lines on 37 sites: lettersofnote, go.com, my6sense, aljazeera, bgr, typepad, ...) and `Search form`
    (blog.givewell, thehill): residue only, no clean, neutral or partial line, nothing on the 2020s
    articles. A bare `Text` or `Resize`, `About:` and a lower-case `about.` (the end of a sentence
    cut over two lines) are not matched, nor a text-size control's words alone between two
    paragraphs (`Font size` heading a section of a piece on type: the control stands by the
    headline or the byline, or with its buttons; no line of DEV or DRAGNET changes). `You can
    leave a response,` opens the post footer with its comma (`You can leave a response on the
    council's website ...` is a sentence). A known line that opens a paragraph and that a line
    opening with a preposition in lower case continues (`Find out more` / `about the plans at the
    library ...`: a hard-wrapped sentence) is left alone; no line of DEV, DRAGNET or the 2020s
    texts is. A comment box's button as a whole line (`Leave a comment`,
    `Post Your Comment`, `Submit comment`, `Make a comment`, `Comments Add`): 170 residue lines on
    58 sites; the e-mail-a-friend form (albertmohler, phys.org): 18; neither has a clean, neutral or
    partial line, nor a line on the 2020s articles. `Your friend's email` in a sentence is not
    the label: the label is the whole line.

    ## Limitations
    A one-word control such as `Comments`, `Close` or `About` is flagged wherever it stands alone on
    a line; an article that uses one as a section heading should accept it with
    `per-file-ignores` or leave NL301 unselected for those files.
    """

    code = "NL301"
    name = "boilerplate-line"
    artifact = "boilerplate line"
    phrase_files = ("boilerplate_lines",)
    prefix_files = ("boilerplate_prefixes",)
    openings = _SHAPES
    insides = (Inside(re.compile("(?i:comment)"), _ENDS_WITH_COMMENT_COUNT, MAX_POST_META_WORDS, _is_post_meta),
               Inside(LazyPattern(r"(?i:gravatar)"), _GRAVATAR_NOTE, MAX_GRAVATAR_NOTE_WORDS))

    def hits(self, doc: Document) -> dict[int, LineHit]:
        found = super().hits(doc)
        return {i: hit for i, hit in found.items()
                if not _in_a_letter_or_list(doc, i, found) and not _heads_a_section(doc, hit)
                and not _opens_a_wrapped_sentence(doc, i)}


def _opens_a_wrapped_sentence(doc: Document, index: int) -> bool:
    """Whether the line opens a paragraph (after a blank line, a sentence's end or nothing)
    and the line right under it goes on with a preposition in lower case: a hard-wrapped
    sentence's first words (`Find out more` / `about the plans at the library ...`). A label
    set inside a paragraph (`Advertisement` between two halves of a sentence) has no
    sentence's end above it, and a reader's comment under a `Reply` button opens with any
    word but rarely with a preposition."""
    texts = doc.line_texts
    if index + 1 >= len(texts):
        return False
    line, below = texts[index].rstrip(), texts[index + 1].lstrip()
    if not line or not line[-1].isalpha() or _CONTINUING_WORD.match(below) is None:
        return False
    above = texts[index - 1].rstrip() if index else ""
    return not above or above[-1] in ".!?\"'”’)"


def _heads_a_section(doc: Document, hit: LineHit) -> bool:
    """Whether the line is a text-size control's words alone between two paragraphs: there
    `Font size` heads the article's own section (a piece on type), where the control stands
    by the headline or the byline, or with its buttons."""
    return (_TEXT_SIZE_CONTROL.match(doc.text, hit.start, hit.end) is not None
            and stands_between_prose(doc, hit.index))
