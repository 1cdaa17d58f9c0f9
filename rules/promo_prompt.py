"""NL303 promo-prompt: subscription, app and social prompts (data: promo_*.txt)."""
from __future__ import annotations

from collections.abc import Iterator

import regex

from newslint.document import Document
from newslint.rules._lazy import LazyPattern
from newslint.rules._lines import LINE_END, Inside, LineHit, LineRule, Opening, content_span, starting
from newslint.rules._phrases import has_word
from newslint.rules._prose import ATTRIBUTED, stands_between_prose

_WS = r"[^\S\n]"
_NETWORKS = ("twitter", "facebook", "instagram", "youtube", "linkedin", "tiktok", "snapchat",
             "pinterest", "reddit", "tumblr", "whatsapp", "telegram", "flipboard", "messenger",
             "threads", "mastodon", "bluesky", "google+", "email", "e-mail", "print", "sms",
             "copy link")
_SOCIAL = "|".join(rf"{_WS}*".join(map(regex.escape, n.split())) for n in _NETWORKS)
_BAR_ITEM = rf"(?:share|tweet|pin|{_SOCIAL})"
_DELIVERED = ("newsletter", "inbox", "mailing", "alerts", "updates", "subscri", "notification",
              "podcast", "app")
MAX_PROMPT_WORDS = 40
MAX_FOLLOW_WORDS = 15  # `Follow @deskname for breaking news and headlines.`
# A blog's welcome box runs on with links for new readers (`read my story, ...`).
MAX_WELCOME_WORDS = 80
# `Subscribe to this newsletter, she told me, and ...`: a prompt quoted in a reported sentence.
_REPORTED = LazyPattern(
    r",[^\S\n]*(?:he|she|they|I|we|\p{Lu}[\p{L}'’-]+(?:[^\S\n]+\p{Lu}[\p{L}'’-]+)?)[^\S\n]+"
    r"(?:said|says|told|tells|added|adds|wrote|writes|explained|explains)\b")
# A sign-in box's button (`Sign in with Facebook`, `Use OpenID`); see `_SHAPES`.
_SIGN_IN_BUTTON = LazyPattern(rf"(?:(?:sign|log){_WS}*in{_WS}+(?:with|using|via){_WS}+(?:facebook|twitter|google"
                              rf"|yahoo!?(?:{_WS}+id)?|apple|microsoft|linkedin|vk|openid)|use{_WS}+openid){LINE_END}",
                              regex.I)
_SHAPES = (
    # `Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.`, `Follow @BGRDeals on Twitter`,
    # `You can follow the Magazine on Twitter ...` (bbc, revenews), `Visit the FDA on Facebook, ...`
    # (fda).
    Opening(LazyPattern(rf"(?:you{_WS}+can{_WS}+(?:also{_WS}+)?)?(?:follow|like|join|find|connect{_WS}+with|visit)"
                          rf"{_WS}*[^\n]{{0,60}}?\bon{_WS}*(?:{_SOCIAL})", regex.I),
            starting("follow", "like", "join", "find", "connect", "visit", "you can"), MAX_PROMPT_WORDS,
            needs=_NETWORKS),
    # `Follow AP's full coverage of Brexit ... at https://...`, `Subscribe to 9to5Mac on YouTube`.
    Opening(LazyPattern(rf"(?:follow|subscribe)\b[^\n]{{0,80}}?(?:\bcoverage\b"
                          rf"|\bat{_WS}+https?://|\b(?:youtube|podcast)\b)", regex.I),
            starting("follow", "subscribe"), MAX_PROMPT_WORDS,
            needs=("coverage", "http", "youtube", "podcast")),
    # `CLICK HERE TO GET THE FOX NEWS APP`, `GET FOX BUSINESS ON THE GO BY CLICKING HERE`.
    Opening(LazyPattern(rf"(?:click|tap){_WS}+here{_WS}+to{_WS}+(?:get|download)"
                          rf"[^\n]{{1,60}}?\bapp\b|(?:get|read|watch|listen)\b[^\n]{{1,60}}?"
                          rf"\bby{_WS}+(?:clicking|tapping){_WS}+here\b", regex.I),
            starting("click", "tap", "get", "read", "watch", "listen"), MAX_PROMPT_WORDS),
    # A line made only of share-button labels: `Facebook Twitter Pinterest Email`. One separator
    # class between labels, so a line that fails is given up in linear time.
    Opening(LazyPattern(rf"{_BAR_ITEM}(?:[ \t\r\u00a0|,·•/+]*{_BAR_ITEM})+{LINE_END}",
                        regex.I),
            starting("share", "tweet", "pin", *_NETWORKS), MAX_PROMPT_WORDS),
    # `Share to facebook`, `Share on Facebook Share on Twitter Share via Email`: share buttons
    # named with their network.
    Opening(LazyPattern(rf"(?:share{_WS}+(?:to|on|via){_WS}+(?:{_SOCIAL})[ \t|,·•:]*)+{LINE_END}",
                          regex.I), starting("share"), MAX_PROMPT_WORDS),
    # `Subscribe to WIRED and stay smart ...`, `Subscribe to blog updates via email`,
    # `Subscribe to the 9to5Toys YouTube Channel for all of the latest videos`.
    Opening(LazyPattern(rf"subscribe{_WS}+to{_WS}+[^\n.!?]{{1,50}}?(?:{_WS}and{_WS}+(?:stay|get|never"
                          rf"|keep|receive|be|enjoy)\b|\bupdates\b|{_WS}for{_WS}+(?:all{_WS}+(?:of{_WS}+)?"
                          rf"the{_WS}+latest|the{_WS}+latest|more|exclusive)\b)", regex.I),
            starting("subscribe"), MAX_PROMPT_WORDS),
    # `Subscribe to The Daily Ledger`, `Subscribe to my feed:`: a subscribe button named with the
    # publication, a short line with no sentence in it.
    Opening(LazyPattern(rf"subscribe{_WS}+to{_WS}+[^\n.!?]{{1,60}}[:.!]?{LINE_END}", regex.I),
            starting("subscribe"), 8),
    # `Follow @jdoe`: a writer's or a desk's handle offered to follow, on a line of its own.
    Opening(LazyPattern(rf"follow{_WS}+@[\w.]+[^\w\n]*{LINE_END}", regex.I), starting("follow"), 3),
    # `Follow Redfin on`, `Follow RT on`: a follow button whose network icons the scraper dropped.
    Opening(LazyPattern(rf"(?i:follow)(?:{_WS}+\p{{Lu}}[\p{{L}}'’.&-]*){{1,3}}{_WS}+on{_WS}*:?{LINE_END}"),
            starting("follow"), 5),
    # `Follow @deskname for breaking news and headlines.`, `Follow @jdoe OR rss`, and the same
    # with its spaces lost (`Follow@jdoeand@deskon Twitter.`): a handle right after `Follow`
    # opens a promotion; a sentence does not start that way.
    Opening(LazyPattern(rf"follow{_WS}*@\w[\w.]*(?:{_WS}*(?:and|&|,)?{_WS}*@\w[\w.]*)*"
                        rf"(?:{_WS}*[^\w\s@]*{LINE_END}|{_WS}*(?:on{_WS}|for{_WS}|or{_WS}|to{_WS}"
                        rf"|{_WS}(?:{_SOCIAL})\b))", regex.I),
            starting("follow"), MAX_FOLLOW_WORDS),
    # `Welcome to Green Rows! If you're new here, ...`, `Welcome to The Ledger! If this is your
    # first time visiting the site, ...`, `Welcome to our new article page. Tell us ...`, `Welcome
    # to The Ledger's EUROPEAN UNION EXPERIENCE`: the site greeting its visitor, not the article.
    Opening(LazyPattern(rf"welcome{_WS}+to{_WS}+(?:[^\n.!?]{{1,60}}[.!]{_WS}+if{_WS}+(?:(?:you['’]?re|you{_WS}+are)"
                        rf"{_WS}+new{_WS}+here|this{_WS}+is{_WS}+your{_WS}+first{_WS}+(?:time|visit))\b"
                        rf"|our{_WS}+new{_WS}+(?:web{_WS}*site|site|look|design|article{_WS}+page"
                        rf"|comment(?:ing|s)?{_WS}+system)\b"
                        rf"|[^\n]{{1,60}}?['’]s{_WS}+european{_WS}+union{_WS}+experience{LINE_END})", regex.I),
            starting("welcome"), MAX_WELCOME_WORDS),
    # `Join 5,506 other followers`, `Join our 1,200 subscribers`: a follow widget's counter.
    Opening(LazyPattern(rf"join{_WS}+(?:our{_WS}+)?\d[\d,.]*k?{_WS}+(?:other{_WS}+)?"
                          rf"(?:followers|subscribers|readers){LINE_END}", regex.I), starting("join"), 6),
    # `CLICK HERE TO GET THE FOX NEWS APP`, `CLICK HERE for complete results`: a link shouted.
    Opening(LazyPattern(rf"CLICK{_WS}+HERE\b"), starting("click"), MAX_PROMPT_WORDS),
    # `Click here to read more.`, `Click here to find out more...`, `Click here for more
    # information.`: a link with nothing said of where it goes.
    Opening(LazyPattern(rf"click{_WS}+here{_WS}+(?:to{_WS}+(?:read|find{_WS}+out|learn|see){_WS}+more"
                          rf"|for{_WS}+(?:more|all{_WS}+the){_WS}+(?:information|info|details))"
                          rf"[.!…\s]*{LINE_END}", regex.I), starting("click"), 8),
    # `Listen: http://po.st/...`, `On Parler: https://...`: a platform's label and a bare link.
    Opening(LazyPattern(rf"(?:(?:listen|download|itunes|spotify|apple{_WS}+podcasts|stitcher"
                        rf"|on{_WS}+(?:{_SOCIAL}|parler|minds|gab|rumble|gettr)){_WS}*:{_WS}*"
                        rf"https?://\S+{_WS}*)+{LINE_END}", regex.I),
            starting("listen", "download", "itunes", "spotify", "apple", "stitcher", "on"),
            MAX_PROMPT_WORDS),
    # `Sign in with Facebook`, `Log in with Google`, `Use OpenID`: the buttons of a sign-in box.
    Opening(_SIGN_IN_BUTTON, starting("sign", "log", "use"), 6),
    # `Subscribe by RSS`, `Subscribe Via Rss`, `Follow by Email`: a feed's button.
    Opening(LazyPattern(rf"(?:subscribe|follow){_WS}+(?:by|via){_WS}+(?:rss|e-?mail|feed)(?:{_WS}+feed)?"
                        rf"{_WS}*:?{LINE_END}", regex.I), starting("subscribe", "follow"), 4),
    # `Not a member? Sign up`, `No account? Registration is free and easy!`: a sign-up prompt.
    Opening(LazyPattern(rf"(?:not{_WS}+a{_WS}+member|no{_WS}+account|don['’]?t{_WS}+have{_WS}+an"
                          rf"{_WS}+account){_WS}*\?", regex.I),
            starting("not a member", "no account", "don't have", "don’t have"), 12),
    # The blog asking for a share, a subscription or a sale after its post: `If you enjoyed this
    # article, please share it on:`, `If you found this post useful, please ... share with your
    # friends.`, `If you like my articles, there's a pretty good chance you'll like the books I
    # wrote ...`; a symbol may stand before it (`♥ If you enjoyed this article, ...`).
    # `my` only with the plural: `If you enjoyed my post last month about ...` opens a post.
    Opening(LazyPattern(rf"[♥❤]?{_WS}*if{_WS}+you{_WS}+(?:liked|enjoyed|loved|like|found){_WS}+"
                          rf"(?:this{_WS}+(?:post|article|story|blog|posts|articles)|my{_WS}+(?:posts|articles))(?![\w'’-])",
                          regex.I),
            starting("if you", "♥if", "❤if"), MAX_PROMPT_WORDS, check=lambda line: not _REPORTED.search(line)),
    # Newsletter and subscription prompts: an imperative opening, then news delivered.
    Opening(LazyPattern(
        rf"(?:sign{_WS}*up|subscribe|register|join|get|receive|download|want|stay|keep{_WS}+up"
        rf"|never{_WS}+miss|don['’]?t{_WS}+miss|be{_WS}+the{_WS}+first|start{_WS}+your{_WS}+day"
        rf"|let{_WS}+our|click{_WS}+here)\b[^\n]{{0,120}}?\b(?:newsletters?|inbox|mailing{_WS}+list"
        rf"|email{_WS}+alerts|e-?mail{_WS}+updates|subscribers?|subscription|subscribing"
        rf"|notifications|podcast|app\b"
        rf"|\b(?:our|my|new|blog)(?:{_WS}+(?:new|blog))?{_WS}+(?:posts|updates|articles|entries){_WS}+(?:via|by)"
        rf"{_WS}+e-?mail)", regex.I),
        starting("sign", "subscribe", "register", "join", "get", "receive", "download", "want",
                 "stay", "keep", "never", "don't", "be the", "start your", "let our", "click"),
        MAX_PROMPT_WORDS, check=lambda line: not _REPORTED.search(line), needs=(*_DELIVERED, "mail")),
)
# `Pick Six Newsletter`, `Morning Editorial Report Newsletter`: a newsletter's name as a heading.
_SMALL_WORDS = frozenset("a an the of and for to in on at by with".split())
_WORD = LazyPattern(r"[\p{L}’'-]+")


def _is_title(line: str) -> bool:
    """`Pick Six Newsletter`: a name in Title Case, not a sentence about one (`According to the
    Community Impact newsletter:`)."""
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in _WORD.findall(line))


_INSIDES = (Inside(LazyPattern(r"(?i:newsletter)"),
                   LazyPattern(r"\bnewsletters?[.!:]?\Z", regex.I), 6, _is_title),
            # An e-mail subscription box that ends with its service's credit: `Your email
            # address: Powered by FeedBlitz`, `Preview | Powered by FeedBlitz`.
            Inside(LazyPattern(r"(?i:feedblitz)"),
                   LazyPattern(r"\bpowered[^\S\n]*by[^\S\n]*feedblitz\W*\Z", regex.I), MAX_PROMPT_WORDS),
            # A pitch whose prompt follows a lead sentence: `There's plenty more where that came
            # from. Sign up for The Daily Note today to get it in your inbox.`, `... insights you
            # can trust. Subscribe to Ledger Magazine.`
            Inside(LazyPattern(r"(?i:sign[^\S\n]*up|subscribe|register)"), LazyPattern(
                rf"[.!?][\"”’)]?{_WS}+(?:sign{_WS}*up|subscribe|register)\b[^.!?\n]{{0,120}}?"
                rf"\b(?:newsletters?|inbox|magazine|subscription|e-?mail{_WS}+updates)\b", regex.I),
                MAX_PROMPT_WORDS, lambda line: not _REPORTED.search(line)))


# `Follow The Telegraph`, `Follow Joel`: a follow button alone, its name in capitals, 1 to 4 words.
_FOLLOW_NAME = LazyPattern(rf"^{_WS}*(?i:follow)((?:{_WS}+\p{{Lu}}[\p{{L}}'’.&-]*){{1,4}}){_WS}*[!:]?{_WS}*$",
                           regex.M)
# First words that make `Follow ...` an instruction or a heading, not a name (`Follow Up`).
_NOT_NAMES = frozenset("us me you your our my him her them it its this that those up along "
                       "through suit these every all".split())
# A line that names the site or the writer: a byline, a menu entry, a site label.
MAX_NAMING_WORDS = 8


def _follow_buttons(doc: Document) -> Iterator[LineHit]:
    """`Follow The Telegraph`, `Follow Joel` on a line of its own, when another short line of
    the page names the same (`The Telegraph`, `By Joel Feder`): the page's own name or its
    writer's. A subhead `Follow The Money` names nothing else on the page, and stays."""
    text = doc.text
    for found in _FOLLOW_NAME.finditer(text):
        name = " ".join(found.group(1).split())
        if name.split()[0].lower() in _NOT_NAMES:
            continue
        index = doc.line_index(found.start())
        if _named_elsewhere(doc, index, name):
            start, end = content_span(text, doc.line_starts[index])
            yield LineHit(index, start, end, False)


def _named_elsewhere(doc: Document, index: int, name: str) -> bool:
    return any(other != index and len(line.split()) <= MAX_NAMING_WORDS and has_word(line, name, str.isalpha)
               and not _FOLLOW_NAME.match(line.strip())
               for other, line in enumerate(doc.line_texts) if name in line)


class PromoPrompt(LineRule):
    """NL303 promo-prompt: a line asking the reader to subscribe, follow, share or get an app.

    ## What it does
    Finds the publisher's prompts that scrapers keep: `More must-see stories from TIME`,
    `Sign up for our newsletter`, `CLICK HERE TO GET THE FOX NEWS APP`, `Follow @... on
    Twitter`, `You can follow the Desk on Twitter`, `Visit the Agency on Facebook, YouTube
    and Twitter` (bbc, revenews, fda), `Sharing is caring!`, `Like this:`, `Share this story`, and share bars made
    of network names (`Facebook Twitter Email`), `Newsletter Signup`. Known whole lines live in
    `rules/data/promo_lines.txt` and known openings in `rules/data/promo_prefixes.txt`;
    `extend-phrases` and `extend-prefixes` add more. Besides those, a line of at most 40
    words that opens with an imperative such as `Sign up`, `Subscribe`, `Get`, `Join` or
    `Follow` and speaks of a newsletter, an inbox, a subscription, an app or a social
    network, or of posts by e-mail (`Sign up to get our posts via email`), is flagged
    by its shape, and so are share buttons named with their network
    (`Share to facebook`, `Share on Twitter Share via Email`), `Subscribe to X and ...`
    / `... updates` / `... for the latest`, bare links (`Click here to read more.`,
    `Click here for more information.`, `CLICK HERE ...` in capitals), a short line
    `Subscribe to <name>` with no sentence in it (`Subscribe to my feed`), a follow
    widget's counter (`Join 5,506 other followers`), a follow button whose network icons
    are gone (`Follow Redfin on`), a follow button alone on its line, `Follow` and a name
    of 1 to 4 capitalised words (`Follow The Telegraph`, `Follow Joel`), when another
    line of at most 8 words names the same in the same case (a byline `Joel Feder`, a
    menu entry `About Billboard`): the page's own name or its writer's, while a subhead
    `Follow The Money` names nothing else on the page and stays (nor do `Follow Up`,
    `Follow Your ...` and other non-names), a handle alone (`Follow @jdoe`) or with
    what it offers, in at most 15 words (`Follow @desk for breaking news and headlines.`,
    `Follow @jdoe OR rss`, and with the spaces lost, `Follow@jdoeand@deskon Twitter.`), a platform's
    label with a bare link (`Listen: https://...`, `On Telegram: https://...`),
    the buttons of a sign-in box (`Sign in with Facebook`, `Log in with Google`, `Use
    OpenID`), a feed's button (`Subscribe by RSS`, `Follow by Email`) and
    sign-up prompts (`Not a member? Sign up`, `No account? ...`), and an e-mail
    subscription box ending with its service's credit (`Your email address: Powered by
    FeedBlitz`), and the site greeting its visitor: a blog's welcome box for first-time
    readers (`Welcome to Green Rows! If you're new here, ...`, `Welcome to X! If this is
    your first time visiting the site, ...`, up to 80 words), a redesign or comment-system
    notice (`Welcome to our new article page. Tell us ...`, `Welcome to our new commenting
    system.`) and a regional edition's banner (`Welcome to X's EUROPEAN UNION EXPERIENCE`);
    a newsletter's own opening (`Welcome to Field Notes! This week: ...`) is left alone. A
    pitch whose prompt follows a lead sentence in the same line (`There's plenty more where
    that came from. Sign up for The Daily Note today to get it in your inbox.`, `... you know
    and trust. Subscribe to Ledger Magazine.`: `Sign up`, `Subscribe` or `Register` opening a
    sentence that speaks of a newsletter, an inbox, a magazine or a subscription, at most 40
    words) is one too, and so is the blog asking for a share, a subscription or a sale
    after its post: `If you liked`, `enjoyed`, `loved`, `like` or `found` and `this` `post`,
    `article`, `story` or `blog`, or `my posts` / `articles` (`If you found this post useful, please ...
    share with your friends.`, `If you like my articles, there's a pretty good chance you'll like
    the books I wrote ...`), a symbol allowed before it (`♥ If you enjoyed this article, please
    share it on:`). A
    prompt inside a reported sentence (`Subscribe to this newsletter, she told me, and ...`)
    is the article's, and is left alone.

    ## Why is this bad?
    The prompt belongs to the page around the article. Left in the text it reads as
    part of the story, and a corpus repeats it once for every page of the site.

    ## Example
        ... in preparation for possible resumption of nuclear explosion tests.

        More must-see stories from TIME

    Use instead:
        ... in preparation for possible resumption of nuclear explosion tests.

    ## Fix safety
    Safe for a line that is a known prompt as a whole. Unsafe for a line found by its
    opening or its shape: an article about newsletters or apps can have a line that
    looks like a prompt (`Sign up for the app's beta to try it.`). A line that gives the
    prompt's words to someone (`Stay up to date with your vaccinations, the NHS advises ...`,
    `..., its organiser said`, `..., the app promises`) is the article's sentence and stays:
    no residue line of DEV or DRAGNET and no 2020s article is found or lost by this.

    Measured at 875d261 (`bench/rule_precision.py DEV DRAGNET`: residue lines / residue and
    clean lines deleted, clean lines a gold keeps by convention counted apart): dev 1.000
    (1731/1731; 3 more kept by convention, raw 0.998), dragnet 1.000 (1196/1196; 13 more, raw
    0.989; and 102 neutral lines); safe fixes alone (`--safe-only`) dev 1258/1258, dragnet
    501/501 (10 more kept by convention). The lines kept by convention are prompts the gold
    kept (`Get the App`, `Stay in touch!`, `Follow NBC Latino on Facebook, ...`, an InfoWorld
    report promo): none is article prose. The blog widgets (`Subscribe to <name>`, `Join N
    other followers`, `If you're new here, ...`, `If you enjoyed this post, ...`, `Follow
    @handle`, posts by e-mail, FeedBlitz boxes) are residue on 51 sites of the two corpora
    and never article text; on the 2020s
    articles they add 7 findings, all right (a subscribe button, a writer's handle under six
    columns). The welcome boxes are residue on 6 sites of the two corpora (milliondollarjourney,
    thesimpledollar; timesunion, ourfuture; usatoday, detroitnews and floridatoday), 18 lines, none
    clean or neutral; nothing on the 2020s articles. The openings `Have a tip`, `Get weekly
    updates`, `Help us spread the` and `Get the latest news` are residue after the article on
    2 to 4 sites each (mediaite, rollingstone, nj, sbnation; freelanceswitch, pixiq; bigthink,
    ourfuture; bleacherreport, theroot), 23 lines, none clean; on the 2020s articles one line,
    a tip prompt (`Have a tip? Tell us at ...`).
    Pitches after a lead sentence are residue on 10 sites (ascom, crn, dealbreaker, indiewire,
    livescience, rollingstone, space; herbivoracious, howdoesshe, legalnomads), 27 lines
    more, none clean. A line opening with `Follow @handle` is residue on 17 sites of the two
    corpora (92 lines), never clean; the handle with what it
    offers adds 18 of them (nytimes, wired, blogs.wsj, thenextweb). `Follow <Name> on` with
    nothing after it: residue on rt and redfin, never clean or neutral; nothing on the 2020s
    articles. `Follow <Name>` alone, named elsewhere on the page: 11 residue lines on 7 sites
    (billboard, cnn, ctvnews, nbcnews, telegraph, thesun; thecarconnection), never clean or
    neutral; of the 17 such lines the other shapes missed, it leaves 6 whose name the page
    does not repeat (`Follow Richard` heading a newspaper4k text, `Follow CNN Politics`).
    No line of the 2020s articles has the shape.
    Sign-in buttons with a network (`Sign in with Yahoo! ID`, `Log in with VK`, `Use OpenID`):
    residue on sbnation and sputniknews (39 lines), feed buttons (`Subscribe by RSS`, `Subscribe
    Via Rss`, `Follow by Email`) on crttbuzzbin, cookrepublic and linknaija (7 lines); none
    clean, neutral or partial, nothing on the 2020s articles. A sentence (`Users can sign in with
    Facebook or ...`) is not the shape: the button is the whole line. A button alone between
    two paragraphs heads the article's section on the feature (`Sign in with Apple`) and is
    left alone: every one in DEV and DRAGNET stands with other buttons.
    `If you liked / enjoyed / found / like this / my post / article ...`: 51 lines on 11 sites
    of the two corpora (freshome, nationalreview, diythemes, summertomato, cartechhome,
    socialtriggers, pixiq, mirolta, home-ec101, fuelyourblogging, thephotoargus), every one
    residue; none says `my` and one post (`If you enjoyed my post last month about ...` is a
    writer opening a post with an earlier one), so `my` is taken only with the plural.

    ## Limitations
    Only English prompts are known.
    """

    code = "NL303"
    name = "promo-prompt"
    artifact = "promotional prompt"
    phrase_files = ("promo_lines",)
    prefix_files = ("promo_prefixes",)
    openings = _SHAPES
    insides = _INSIDES

    def hits(self, doc: Document) -> dict[int, LineHit]:
        # A sign-in button alone between two paragraphs heads the article's section on the
        # feature (`Sign in with Apple`); a page's buttons stand together or at its edges.
        found = super().hits(doc)
        text = doc.text
        return {i: hit for i, hit in found.items()
                if not (_SIGN_IN_BUTTON.match(text, hit.start, hit.end) and stands_between_prose(doc, i))
                and not ATTRIBUTED.search(text, hit.start, hit.end)}

    def shape_hits(self, doc: Document) -> Iterator[LineHit]:
        if "ollow" not in doc.text and "OLLOW" not in doc.text:
            return iter(())
        return _follow_buttons(doc)
