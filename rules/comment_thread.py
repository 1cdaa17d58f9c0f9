"""NL312 comment-thread: readers' comments left after the article, found by their headers."""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from itertools import compress, count, repeat
from operator import and_, or_

from newslint.document import Document
from newslint.model import Violation
from newslint.rules._phrases import lowercase_words
from newslint.rules._prose import is_prose
from newslint.rules.edge_residue import ToTheEndRule, deletion_to_the_end, prose_lines, stripped_lines

HEADER_MAX_WORDS = 16
HEADER_OTHER_WORDS = 6  # a name and a connector or two besides the date and the time
MIN_HEADERS = 2
MIN_HEADERS_ALONE = 5  # headers enough without a heading or controls
MIN_ONE_VOICE = 3  # headers that all name one person: a writer's dated entries (`_one_voice`)
MIN_CONTROLS = 2  # reply buttons or permalinks in the thread, when no heading opens it
MAX_COMMENT_LINES = 15  # non-blank lines from one header to the next inside a thread
PROSE_LOOKBACK = 8  # non-blank lines before the first header searched for the article's end
MIN_ARTICLE_LINES = 2  # prose lines the article keeps before the thread
HEADING_LOOKBACK = 3  # non-blank lines before the first header searched for a comments heading
SUPPORT_MAX_WORDS = 6
# A text that is all thread (the extractor took the comments for the article): its first
# header stands within so many non-blank lines of the top, under a comment count, a page
# number or the end of a comment whose header was cut off.
LEAD_MAX_LINES = 3
OPENER_ARTICLE_LINES = 3  # prose lines of the article before a comment known by its opening words

_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
# A clock time (`2:05`, `14:05:09`, `7 am`, `7p.m`): one or two digits that no letter or digit
# comes before. Written to start with the digit (the look-behind after it), so that the search
# skips ahead to digits: three times faster than `\b\d{1,2}:...|\b\d{1,2}\s*...` on a line.
_CLOCK = re.compile(r"\d(?<!\w\d)\d?(?::\d{2}(?::\d{2})?\b|\s*[ap]\.?m\b)", re.I)
_DATE = re.compile(
    rf"\b(?:{'|'.join(_MONTHS)})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{'|'.join(_MONTHS)})\b"
    r"|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d+\s+\w+\s+ago\b|\b(?:yesterday|today)\b", re.I)
# `Jane says:`, `On Saturday Kurt wrote:` is left alone: a header names one person and stops.
_SAYS = re.compile(r"^[\w.'’ -]{1,40}?\s(?:says|said|wrote|writes)\s*:?\s*$", re.I)
# What `_SAYS` matches, less its closing spaces and colon, is 47 characters at most (40, a
# space, `writes`): a longer line is not tried (the lazy name is tried at every length).
SAYS_MAX_CHARS = 47
_DATE_WORDS = re.compile(
    rf"(?i)\b(?:{'|'.join(_MONTHS)}|at|on|am|pm|a\.m|p\.m|ago|posted|by|et|est|edt|pst|pdt|gmt|utc"
    r"|minutes?|hours?|days?|weeks?|months?|years?|yesterday|today|reply|permalink|comment|comments)\b"
    r"|\d+\w*")
_WORD = re.compile(r"[^\W_]+")
# A scraper that drops the markup between a commenter's name and the date glues them
# (`Tim Roe07.21.12 at 5:46 pm`, `Ann LeeJuly 13, 2012 at 2:16 pm`): a space goes back
# before a numeric date that follows a letter, or a capitalised month name and its day that
# follow a lower-case letter.
_GLUED_DATE = re.compile(
    r"(?<=[^\W\d_])(?=\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b)"
    r"|(?<=[a-z])(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b)")
_POSTED_BY = re.compile(r"\W*posted\s+by\b", re.I)  # `posted by Ann at 7:10 AM`: the day is the post's
# A comments heading just before the first header: `12 Comments`, `Leave a Reply`.
_HEADING = re.compile(r"(?i)\b(?:comments?|responses?|replies|leave\s+a|discussion)\b")
# A reader's first words to the writer: praise of the post, thanks for it. An article does
# not speak of itself so (each form opens residue lines on 10 to 31 sites of the labelled
# corpora, and no article line there).
# A bullet or a dash may come before it, not a quotation mark: `"Great article," she said`
# quotes someone inside the article; nor may `by` or `from` follow it: `Great post by Jane
# Doe on ...` is a link round-up's item.
_OPENER_LEAD = r"""[^\w"“”'‘’«»]{0,3}"""
_COMMENT_OPENER = re.compile(
    rf"(?:{_OPENER_LEAD}(?:(?:what|such)\s+an?\s+)?(?:great|nice|awesome|excellent|wonderful|fantastic|terrific|lovely"
    r"|beautiful|informative|interesting)\s+(?:post|article|blog\s*post|write-?up)\b"
    rf"|{_OPENER_LEAD}(?:thanks|thank\s+you)(?:\s+(?:so|very)\s+much)?\s*,?\s+for\s+(?:(?:sharing|posting)(?:\s*[!.]"
    r"|\s+(?:this|the|your|these)?\s*(?:great\s+|wonderful\s+|lovely\s+)?(?:post|article|recipe|tips?|info\b))"
    r"|(?:this|the)\s+(?:great\s+|wonderful\s+|lovely\s+|informative\s+)?(?:post|article)\b)"
    rf"|{_OPENER_LEAD}(?:i\s+)?(?:really\s+)?(?:love|loved|enjoyed)\s+(?:this|your)\s+(?:post|article|blog)\b)"
    r"(?!\s+(?:by|from)\b)", re.I)
# A printed letters page opens its letters the same way (`Thanks for the great article on
# the harbour.`): under a `Letters` heading, or right under the letter's reference to the
# story (`Re: "Harbour clean-up falls behind" (June 4)`), such a line is a letter, not a comment.
_LETTERS_HEADING = re.compile(r"(?i)\W*(?:(?:your|readers['’]?)\s+)?letters(?:\s+to\s+the\s+editor)?\W*$")
_LETTER_REFERENCE = re.compile(r"""(?i)\W*re:\s*["“‘']""")
LETTER_REFERENCE_LOOKBACK = 2  # non-blank lines before an opener searched for `Re: "..."`
# A heading that can only open the comments, whatever follows it: a blog theme's count
# with its prompt (`{ 12 comments… read them below or add one }`), the count of the
# responses to the post by its title (`12 Responses to “Title”`, `12 thoughts on “Title”`),
# the prompt `Comment on this article`, the feed of the conversation (`You can follow this
# conversation by subscribing to the comment feed for this post.`). Spaces may be lost
# (`{7comments… read them below oradd one}`).
_THREAD_HEADING = re.compile(
    r"""\W*\d+\s*comments?\W*read\s*them\s*below\s*or\s*add\s*one\W*$"""
    r"""|(?:\d+|one)\s*(?:responses?|comments?|replies|thoughts?)\s*(?:to|on)\s*["“‘'«].*["”’'»]\W*$"""
    r"""|comment\s+on\s+this\s+(?:article|post)\W*$"""
    r"""|you\s+can\s+follow\s+this\s+conversation\s+by\s+subscribing\s+to\s+the\s+comment\s+feed\b""", re.I)
# How every line `_THREAD_HEADING` matches opens: a cheap test before the words are counted.
_THREAD_HEADING_OPENS = re.compile(r"\W*\d|one|comment|you", re.I)
# A comment system's note to its readers, which stands over or under the comments: `As you
# comment, please be respectful of other commenters`, `Please keep comments civil`,
# `Comments are moderated ...`, `Comment Policy: ...`. Looked for in a line's first words, and
# worded as the notice is, not as an article about moderation is (`... comments are moderated
# by volunteers`, `asked users to keep comments civil`).
_COMMENT_POLICY = re.compile(
    r"(?i)\bas you comment\b|\brespectful of other commenters\b|\bplease keep (?:it|comments|the conversation) civil\b"
    r"|\bcomments (?:are|will be) moderated(?=\s*(?:[.,;:!]|and\b|before\b|$))|^\W*comment(?:ing)? policy\b")
POLICY_LEAD_CHARS = 100
# ... but an article that reports such a note quotes it with a reporting clause (`Comments
# are moderated, and ..., the paper said in a note to readers.`, `As you comment, ...,
# the editor wrote.`): the note itself does not say who speaks.
_REPORTED = re.compile(r"(?i),\s+(?:the\s+|a\s+|an\s+|its\s+|our\s+)?(?:[\w’'-]+\s+){0,3}?"
                       r"(?:said|says|wrote|writes|added|adds|told|explained|noted)\b")
# Every wording of `_COMMENT_POLICY` holds one of these words: a line without them (most lines)
# is not searched. The full pattern tries each wording at every character, five times slower.
_POLICY_CLUE = re.compile(r"(?i)comment|civil")
# A reply button on a line of its own (`Reply`, `[Reply]`, `Reply ↓`): three of them, each
# within a comment's length of the next, are a thread whose headers the extractor dropped.
_REPLY_BUTTON = re.compile(r"\W*reply\W*$|reply\s*↓$", re.I)
MIN_REPLY_BUTTONS = 3
# A commenter's link header: the link to the commenter's profile or site, then the name
# alone (`http://twitter.com/janedoe Jane Doe`, `http://example.com/ Sam Roe`), as a
# comment system prints it over each comment once the markup is gone. A list of links in an
# article names its sites one after the other; a thread has a comment under each header:
# headers each with a line of prose before the next and within a comment's length of it
# are a chain of comments.
_LINK_HEADER = re.compile(r"https?://\S+\s+[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3}")
# ... and readers are people: two names of the chain open with a given name (`Jane`), where
# a list of sites names organisations (`North Tool Shed`).
MIN_NAMED_LINK_HEADERS = 2
# A reader's greeting alone on its line, over the comment (`Hi Roger,`, `Hey Chris`, `Hello
# Derek Sir,`): a given name, maybe one more capitalised word. Two of them after the
# article, with a remark only readers make below the first (praise of the post, agreement,
# a smiley, a handle, thanks by name), are the thread. A letter the article quotes is led
# into by a line ending in a colon (`He wrote to me:`), and an advice column answers its
# letters without praising the post.
# ... and a sentence saying who wrote to whom leads into a letter as a colon does.
_LETTER_LEAD_IN = re.compile(r"(?i)\b(?:wrote|writes|replied|responded)\s+(?:to|back)\b"
                             r"|\b(?:e-?mailed|texted|messaged)\b|\bin\s+an?\s+(?:e-?mail|letter|message|text)\b")
_GREETING_LINE = re.compile(r"(?:Hi|Hey|Hello)\s+([A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?\s*[,!]?")
MIN_GREETING_LINES = 2
# Controls repeated under the comments: reply buttons, permalinks, `Jane says:`.
_CONTROL = re.compile(r"(?i)\b(?:reply|permalink|report|says|wrote)\b")
# A thread whose headers and buttons the extractor dropped shows itself in its comments'
# words: readers greet the writer or one another by name, thank and praise, agree, wish
# well, smile and answer by handle. One such line proves little (an article quotes a
# letter, a tweet, a reader; a writer thanks and smiles); four of the ten lines from one of
# them on, of three kinds or more, are the thread (on the labelled corpora such runs open
# headerless threads on 22 sites and stand in no article). Each kind is a bit of
# `remark_kinds`.
GREETING = 1  # `Hi Karen,`, `Dear Mr. Reynolds,`, `Hey Frank, I ...`
VOCATIVE = 2  # a given name that opens the line and is spoken to: `David, i like ...`, `Karen - the line ...`
THANKS_BY_NAME = 4  # `Thanks Scott.`, `Thank you, Karen.`, `Congrats David`
PRAISE = 8  # `Great article`, `Well said`, `Thanks for sharing`, `Love this`, `I agree`
AGREEMENT = 16  # a line that opens by agreeing: `I agree.`, `I couldn't agree more`, `So true`
SMILEY = 32  # `:)`, `;-)`, `lol`, `haha`
HANDLE = 64  # a reply by handle: `@dan – How ...`
EXCLAMATION = 128  # a reader's cry that opens the line: `Wow, ...`, `Yay!`, `Amen sister.`
WISHES = 256  # `Happy birthday!`, `Good luck`, `Congrats`, `Well done`
TONE = SMILEY | EXCLAMATION  # the writer's tone too: a run does not start at them
# Readers speak to the writer and to one another by name or handle; letters and answers
# printed in an article praise, agree and wish without naming anyone on the page.
BY_NAME = GREETING | VOCATIVE | THANKS_BY_NAME | HANDLE
REMARK_WINDOW = 10  # non-blank lines from a remark on, itself counted
MIN_REMARKS = 4  # lines with a remark among them
MIN_REMARK_KINDS = 3
GIVEN_NAMES = lowercase_words("words_given_names")  # karen, stan, neil (the list NL101 reads too)
READERS_ONLY = PRAISE | AGREEMENT | SMILEY | HANDLE | THANKS_BY_NAME  # what a greeting line needs below it
# A greeting names someone: a given name or a title and a surname (`Dear Editor,` opens a
# letter to the paper, which an article may print).
_GREETING = re.compile(r"\W{0,2}(?i:hi|hey|hello|dear)\s+(?:((?i:mr|ms|mrs|dr)\.?\s+)[A-Z][a-z]+|([A-Z][a-z]+))\b")
_VOCATIVE = re.compile(r"\W{0,2}([A-Z][a-z]+)(?:\s+[A-Z]\.?)?\s*(?:,|!|\s*[-–—]+)\s+\S")
_THANKS_BY_NAME = re.compile(
    r"\b(?i:thanks|thank\s+you|thx|kudos|congrats|congratulations|hi|hey|hello|dear)\s*,?\s+([A-Z][a-z]+)\b(?!\s+[A-Z])")
_PRAISE = re.compile(
    r"(?i)\b(?:great|nice|excellent|awesome|fantastic|wonderful|interesting|informative|thoughtful|insightful)"
    r"\s+(?:post|article|piece|write-?up|blog\s+post|read|tips)\b|\bwell said\b|\bso true\b|\bgood point\b"
    r"|\bi (?:totally |completely |couldn'?t |can'?t )?agree\b|\byou(?:'re|’re| are) (?:so )?right\b"
    r"|\blove (?:this|your)\b"
    r"|\b(?:thanks|thank\s+you)(?:\s+so\s+much)?\s+for\s+(?:sharing|posting|writing|this|the|your|these)\b")
_AGREEMENT = re.compile(
    r"(?i)\W{0,2}(?:(?:[A-Z][a-z]+,\s+)?i\s+(?:totally\s+|completely\s+|fully\s+|absolutely\s+|couldn'?t\s+"
    r"|could\s+not\s+)?agree|agreed|so true|well said|good point|great point|spot on)\b")
_SMILEY = re.compile(r"(?<!\S)[:;=]-?[)(DPp](?!\w)|(?i:\blol\b|\bhaha|\blmao\b|<3|\bimho\b)")
# `_SMILEY` in two, each searched at C speed: a face starting with its eyes (the look back after
# them), so that the search skips ahead to them; the words only in a line whose lower case holds
# one (or that holds İ or ı, which match `i` when case is ignored and do not lower-case into it).
_SMILEY_FACE = re.compile(r"[:;=](?<!\S[:;=])-?[)(DPp](?!\w)")
_SMILEY_WORD = re.compile(r"(?i:\blol\b|\bhaha|\blmao\b|<3|\bimho\b)")
_SMILEY_WORDS = ("lol", "haha", "lmao", "<3", "imho")
_HANDLE = re.compile(r"@\w")
_EXCLAMATION = re.compile(r"\W{0,2}(?:Wow|Oh|Ah|Yay|Amen|Haha|Ooh|Whoa|Yum|LOL|Ugh|Aw+)\b[,!.…]")
# Words (lower case) of which every match of the pattern below them holds one (`remark_kinds`).
_THANKS_WORDS = ("thank", "thx", "kudos", "congrat", "hello", "dear")
_GREETING_WORDS = ("hi", "hey")  # inside most lines (this, which, they): looked at as words (`_may_thank`)
_THANKS_CLUES = _THANKS_WORDS + _GREETING_WORDS
_PRAISE_CLUES = ("great", "nice", "excellent", "awesome", "fantastic", "wonderful", "interesting", "informative",
                 "thoughtful", "insightful", "well said", "so true", "good point", "agree", "right", "love", "thank")
_SMILEY_CLUES = (":", ";", "=", "lol", "haha", "lmao", "<3", "imho")
_WISHES_CLUES = ("birthday", "luck", "wishes", "congrat", "well done", "keep up")
_WISHES = re.compile(r"(?i)\b(?:happy birthday|good luck|best wishes|congrats|congratulations|well done"
                     r"|keep up the (?:good|great) work)\b")


@functools.lru_cache(maxsize=1 << 15)  # asked of the same lines in every fix pass, and of lines pages share
def is_header(line: str) -> bool:
    """Whether a stripped line heads a comment: a name with a date and a clock time
    (`Jane Doe | July 12, 2012 at 2:05 pm`), `posted by Ann at 7:10 AM`, or `Jane says:`."""
    said = line.rstrip()
    said = said[:-1].rstrip() if said.endswith(":") else said
    if len(said) <= SAYS_MAX_CHARS and _SAYS.match(line):
        return True
    if not _CLOCK.search(line):  # first: most lines have no clock time, and the space put back never makes one
        return False
    line = _GLUED_DATE.sub(" ", line)
    if len(line.split()) > HEADER_MAX_WORDS:
        return False
    if not _DATE.search(line) and not _POSTED_BY.match(line):
        return False
    other = _WORD.findall(_DATE_WORDS.sub(" ", line))
    return len(other) <= HEADER_OTHER_WORDS


def _is_short(line: str, pattern: re.Pattern[str]) -> bool:
    return len(line.split()) <= SUPPORT_MAX_WORDS and pattern.search(line) is not None


def thread_start(doc: Document) -> int | None:
    """The index of the line where a comment thread starts, or None."""
    if not doc.is_english:
        return None
    lines = stripped_lines(doc)
    if _is_all_thread(lines):
        return doc.nonblank_lines[0]
    prose = prose_lines(doc)
    below_article_start = _below_prose(prose, OPENER_ARTICLE_LINES)  # the article's first lines stay
    signs = list(map(thread_signs, lines[below_article_start:]))  # one look at each line, kept by its text
    found = (_headed_start(lines, prose), _opener_position(lines, signs, below_article_start),
             _first_with(signs, HEADING_LINE, below_article_start), _reply_run_position(signs, below_article_start),
             _first_with(signs, POLICY, below_article_start), _remark_run_position(lines, below_article_start),
             _link_header_run_position(lines, prose, below_article_start),
             _greeting_lines_position(lines, below_article_start))
    starts = [k for k in found if k is not None]
    return doc.nonblank_lines[min(starts)] if starts else None


def _headed_start(lines: Sequence[str], prose: Sequence[bool]) -> int | None:
    """The position of the first comment header of the thread (or of its heading), or None."""
    headers = _header_positions(lines, prose)
    first = _first_of_thread(headers, lines)
    if first is None:
        return None
    thread = headers[headers.index(first):]
    if _one_voice(lines, thread):
        return None
    controls = sum(1 for k in range(first, len(lines)) if _is_control(lines[k], k in thread))
    start = first
    for k in range(first - 1, max(-1, first - 1 - HEADING_LOOKBACK), -1):
        if _is_short(lines[k], _HEADING):
            start = k  # the thread's heading (`12 Comments`, `Leave a Reply`) goes with it
        elif is_prose(lines[k]):
            break
    if start == first and controls < MIN_CONTROLS and len(thread) < MIN_HEADERS_ALONE:
        return None
    return start


# The signs of a thread that a stripped line shows on its own (`thread_signs`), as bits.
OPENER = 1  # it opens like a reader's comment on the post (`Great post!`, `Thanks for sharing`)
HEADING_LINE = 2  # it can only head the comments (`12 Responses to “Title”`)
BUTTON = 4  # it is a reply button
POLICY = 8  # it opens with a comment system's note to its readers (`As you comment, please ...`)


@functools.lru_cache(maxsize=1 << 15)  # asked of the same lines in every fix pass, and of lines pages share
def thread_signs(line: str) -> int:
    """Which of OPENER, HEADING_LINE, BUTTON and POLICY a stripped line shows (their sum)."""
    signs = OPENER if _COMMENT_OPENER.match(line) else 0
    # Only a line that opens as a heading can (`_THREAD_HEADING_OPENS`) has its words counted.
    if _THREAD_HEADING_OPENS.match(line) and len(line.split()) <= HEADER_MAX_WORDS and _THREAD_HEADING.match(line):
        signs |= HEADING_LINE
    if _REPLY_BUTTON.match(line):
        signs |= BUTTON
    lead = line[:POLICY_LEAD_CHARS]
    if _POLICY_CLUE.search(lead) and _COMMENT_POLICY.search(lead) and not _REPORTED.search(line):
        signs |= POLICY
    return signs


def _first_with(signs: Sequence[int], sign: int, first: int) -> int | None:
    """The position of the first line from `first` on that shows `sign` (`signs` are those of
    the lines from `first` on), or None."""
    return next(compress(count(first), map(and_, signs, repeat(sign))), None)


def _opener_position(lines: Sequence[str], signs: Sequence[int], first: int) -> int | None:
    """The position of the first line from `first` on that opens like a reader's comment
    and is not a printed letter (`_LETTERS_HEADING`, `_LETTER_REFERENCE`), or None."""
    position = _first_with(signs, OPENER, first)
    if position is None or not any(map(_LETTERS_HEADING.match, lines[:position])):
        while position is not None and any(
                map(_LETTER_REFERENCE.match, lines[max(0, position - LETTER_REFERENCE_LOOKBACK):position])):
            position = _first_with(signs[position + 1 - first:], OPENER, position + 1)
        return position
    return None


def _reply_run_position(signs: Sequence[int], first: int) -> int | None:
    """The position of the first of three reply buttons on lines of their own from `first`
    on (`signs` are those of the lines from `first` on), each within a comment's length of
    the next, or None."""
    buttons = list(compress(count(first), map(and_, signs, repeat(BUTTON))))
    for run in zip(*(buttons[i:] for i in range(MIN_REPLY_BUTTONS))):
        if all(later - earlier <= MAX_COMMENT_LINES for earlier, later in zip(run, run[1:])):
            return run[0]
    return None


def remark_kinds(line: str) -> int:
    """Which kinds of a reader's remark a stripped line shows (the sum of their bits)."""
    return named_kinds(line) | _unnamed_kinds(line)


@functools.lru_cache(maxsize=1 << 15)  # asked of the same lines in every fix pass, and of lines pages share
def named_kinds(line: str) -> int:
    """The kinds of remark in a stripped line that name someone (`BY_NAME` bits)."""
    found = _GREETING.match(line)
    kinds = GREETING if found and (found[1] or found[2].lower() in GIVEN_NAMES) else 0
    found = _VOCATIVE.match(line)
    if found and found[1].lower() in GIVEN_NAMES:
        kinds |= VOCATIVE
    if _HANDLE.match(line):
        kinds |= HANDLE
    # Whole-line searches are tried only on a line holding a word each of their matches
    # holds: most lines hold none, and the searches cost five times the rest.
    if _may_thank(line, line.lower()):
        found = _THANKS_BY_NAME.search(line)
        if found and found[1].lower() in GIVEN_NAMES:
            kinds |= THANKS_BY_NAME
    return kinds


@functools.lru_cache(maxsize=1 << 15)
def _unnamed_kinds(line: str) -> int:
    kinds = AGREEMENT if _AGREEMENT.match(line) else 0
    if _EXCLAMATION.match(line):
        kinds |= EXCLAMATION
    lower = line.lower()
    if _holds(lower, _PRAISE_CLUES) and _PRAISE.search(line):
        kinds |= PRAISE
    if _holds(lower, _SMILEY_CLUES) and _has_smiley(line, lower):
        kinds |= SMILEY
    if _holds(lower, _WISHES_CLUES) and _WISHES.search(line):
        kinds |= WISHES
    return kinds


def _has_smiley(line: str, lower: str) -> bool:
    """Whether `_SMILEY` matches somewhere in the line."""
    if _SMILEY_FACE.search(line):
        return True
    may = _holds(lower, _SMILEY_WORDS) or "\u0130" in line or "\u0131" in line
    return may and _SMILEY_WORD.search(line) is not None


def _holds(lower: str, clues: tuple[str, ...]) -> bool:
    return any(map(lower.__contains__, clues))  # `map`: no Python-level loop over the clues


# "hi" or "hey" as a word (no word character before it) that a space or a comma follows, in a
# line's lower case: `\w` and `\s` of `re` are `str.isalnum` (or `_`) and `str.isspace`, and no
# character changes either by lower-casing into one character (İ, into two, is looked at apart).
# The `h` comes first, then the look back at the character before it: a pattern that opens with a
# literal is searched for that letter at C speed, one that opens with a look-behind is tried everywhere.
_GREETING_WORD = re.compile(r"h(?<!\wh)(?:i|ey)(?=[\s,])")


def _may_thank(line: str, lower: str) -> bool:
    """Whether `_THANKS_BY_NAME` may match the line: it holds one of the pattern's words, or
    "hi" or "hey" as a word that a space or a comma follows (`_GREETING_WORD`)."""
    if _holds(lower, _THANKS_WORDS):
        return True
    if "\u0130" in line or "\u0131" in line:  # İ lower-cases into two characters; ı matches "i" when case is ignored
        return _holds(lower, _GREETING_WORDS)
    return _GREETING_WORD.search(lower) is not None


def _remark_run_position(lines: Sequence[str], first: int) -> int | None:
    """The position of the first remark from `first` on that opens a run of remarks:
    MIN_REMARKS lines with one among it and the REMARK_WINDOW - 1 lines after it, of
    MIN_REMARK_KINDS kinds or more, one naming someone, or None."""
    tail = lines[first:]
    named = [at for at, line in enumerate(tail) if named_kinds(line)]
    # A run holds a line that names someone: it starts at most a window before one, and
    # only the lines within a window of one are weighed (most texts have none).
    starts = sorted({at for n in named for at in range(max(0, n - REMARK_WINDOW + 1), n + 1)})
    weighed = {k for at in starts for k in range(at, min(at + REMARK_WINDOW, len(tail)))}
    kinds = {k: remark_kinds(tail[k]) for k in weighed}
    for at in starts:
        if not kinds[at] & ~TONE:
            continue
        window = [k for k in map(kinds.get, range(at, min(at + REMARK_WINDOW, len(tail)))) if k]
        seen = functools.reduce(or_, window, 0)
        if len(window) >= MIN_REMARKS and seen.bit_count() >= MIN_REMARK_KINDS and seen & BY_NAME:
            return first + at
    return None


def _link_header_run_position(lines: Sequence[str], prose: Sequence[bool], first: int) -> int | None:
    """The position of the first of a chain of commenter's link headers from `first` on,
    each within a comment's length of the next with a line of prose between them, when
    MIN_NAMED_LINK_HEADERS of the chain name a person by a given name, or None."""
    headers = [k for k in range(first, len(lines)) if lines[k].startswith("http") and _LINK_HEADER.fullmatch(lines[k])]
    chain_start, named = None, 0
    for k, header in enumerate(headers):
        earlier = headers[k - 1] if k else None
        if earlier is None or header - earlier > MAX_COMMENT_LINES or not any(prose[earlier + 1:header]):
            chain_start, named = header, 0  # a new chain
        named += _names_a_person(lines[header])
        if named >= MIN_NAMED_LINK_HEADERS:
            return chain_start
    return None


def _greeting_lines_position(lines: Sequence[str], first: int) -> int | None:
    """The position of the first of MIN_GREETING_LINES or more greetings of a person by a
    given name alone on their lines from `first` on, none led into by a line ending in a
    colon, when a line from the first of them on, not a greeting (`Hi Jane,` is thanks by
    name too), shows a remark only readers make, or None."""
    greetings = [k for k in range(max(first, 1), len(lines)) if lines[k].startswith("H")
                 and _is_greeting_line(lines[k]) and not _leads_into_a_letter(lines[k - 1])]
    if len(greetings) < MIN_GREETING_LINES:
        return None
    if not any(remark_kinds(line) & READERS_ONLY and not _is_greeting_line(line) for line in lines[greetings[0]:]):
        return None
    return greetings[0]


def _leads_into_a_letter(line: str) -> bool:
    """Whether the line before a greeting leads into a letter the article quotes: it ends
    in a colon (`He wrote to me:`), or says who wrote to whom (`The deputy director wrote to
    an engineer.`, `She replied in an e-mail.`)."""
    return line.endswith(":") or _LETTER_LEAD_IN.search(line) is not None


def _is_greeting_line(line: str) -> bool:
    found = _GREETING_LINE.fullmatch(line)
    return found is not None and found[1].lower() in GIVEN_NAMES


def _names_a_person(link_header: str) -> bool:
    return link_header.split()[1].lower() in GIVEN_NAMES


def _is_all_thread(lines: Sequence[str]) -> bool:
    """Whether the text is comments from top to bottom: a header within its first lines,
    five or more in all, none more than a comment's length from the next or from the end."""
    if not any(is_header(line) for line in lines[:LEAD_MAX_LINES + 1]):
        return False
    headers = [k for k, line in enumerate(lines) if is_header(line)]
    if len(headers) < MIN_HEADERS_ALONE or len(lines) - 1 - headers[-1] > MAX_COMMENT_LINES:
        return False
    return all(later - earlier <= MAX_COMMENT_LINES for earlier, later in zip(headers, headers[1:])) \
        and not _one_voice(lines, headers)


def _one_voice(lines: Sequence[str], headers: Sequence[int]) -> bool:
    """Whether every header names the same person: a writer's dated entries (a live blog's
    `Jane Smith | July 4, 2024 at 11:02 pm` over each update), where readers' comments come
    from several people."""
    names = {_header_name(lines[k]) for k in headers}
    return len(headers) >= MIN_ONE_VOICE and len(names) == 1 and len(next(iter(names))) >= 2  # a full name


def _header_name(header: str) -> tuple[str, ...]:
    """The words of a header other than its date, time and connectors: the commenter's name."""
    return tuple(word.lower() for word in _WORD.findall(_DATE_WORDS.sub(" ", header)))


def _header_positions(lines: Sequence[str], prose: Sequence[bool]) -> list[int]:
    """The positions of the comment headers that follow at least two prose lines."""
    first = _below_prose(prose, MIN_ARTICLE_LINES)
    return list(compress(range(first, len(lines)), map(is_header, lines[first:])))


def _below_prose(prose: Sequence[bool], count: int) -> int:
    """The position right after the `count`-th prose line (len(prose) when there are fewer)."""
    at = -1
    for _ in range(count):
        try:
            at = prose.index(True, at + 1)
        except ValueError:
            return len(prose)
    return at + 1


def _first_of_thread(headers: list[int], lines: list[str]) -> int | None:
    """The first header that another follows closely (a comment is a few lines long) and
    that comes soon after a prose line: an article's own dateline is followed by the
    whole article, and stands under a headline, not under prose."""
    for k in range(len(headers) - MIN_HEADERS + 1):
        if headers[k + 1] - headers[k] <= MAX_COMMENT_LINES and _after_prose(lines, headers[k]):
            return headers[k]
    return None


def _after_prose(lines: list[str], position: int) -> bool:
    return any(is_prose(line) for line in lines[max(0, position - PROSE_LOOKBACK):position])


def _is_control(line: str, header: bool) -> bool:
    if header:
        return _CONTROL.search(line) is not None
    return _is_short(line, _CONTROL)


class CommentThread(ToTheEndRule):
    """NL312 comment-thread: readers' comments left after the article.

    ## What it does
    Finds the headers of readers' comments: a name with a date and a clock time
    (`Jane Doe | July 12, 2012 at 2:05 pm`, `posted by Ann at 7:10 AM | 0 comments`,
    `on October 30, 2012 at 1:56 pm`, `October 23rd, 2012 1:38 pm`) or `Jane Doe says:`; a
    name that the scraper glued to the date counts too (`Jane Doe07.12.12 at 2:05 pm`,
    `Jane DoeJuly 12, 2012 at 2:05 pm`). When the first header comes
    after at least two lines of prose (the article), and the headers are backed by a
    comments heading just before the first one (`12 Comments`, `Leave a Reply`), by two
    or more reply buttons or permalinks, or are five or more, everything from the first
    header (or its heading) to the end of the text is the thread: one finding, and a fix
    that deletes it. The thread starts at the first header that another follows within
    15 lines and that stands within 8 lines of a line of prose, so an article's own
    dateline (`Published March 2, 2021 at 9:14 am`, under its headline) is not taken for
    a comment. Texts that are not English are left alone.

    A text that is a thread from top to bottom (the extractor took the comments for the
    article) goes whole: its first header stands within its first four non-blank lines
    (under a comment count, a page number or the end of a comment whose header was cut
    off), five or more headers follow, and none stands more than 15 lines from the next
    or from the end of the text, so an article under a dateline breaks the run.

    A thread whose headers the extractor dropped is known by its first comment when that
    opens with a reader's words to the writer: praise of the post (`Great post!`, `What a
    lovely article`), thanks for it (`Thanks for sharing!`, `Thank you for this post`,
    `Thanks for sharing the recipe`) or `I loved this post`. After the article's first
    three lines of prose, such a line and everything after it go (from the thread's
    header or heading instead, when that comes first); a printed letters page opens
    its letters so too, and such a line under a `Letters` or `Letters to the editor`
    heading, or within two lines under a letter's `Re: "Headline"` reference, stays.

    A heading that can only open the comments does so without headers, after the
    article's first three lines of prose: a blog theme's count with its prompt (`{ 12
    comments… read them below or add one }`), the responses counted by the post's title
    (`12 Responses to “Title”`, `12 thoughts on “Title”`, ending in the closing quote),
    `Comment on this article` and `You can follow this conversation by subscribing to
    the comment feed for this post.`

    A comment system's note to its readers opens the thread the same way, after the
    article's first three lines of prose, when it stands in a line's first 100 characters:
    `As you comment, please be respectful of other commenters ...`, `Please keep comments
    civil`, `Comments are moderated ...`, `Comment Policy: ...` at the start of a line. A
    line that reports such a note (`..., the editor said in a note to readers.`) is the
    article speaking of it.

    Three or more reply buttons on lines of their own (`Reply`, `[Reply]`, `Reply ↓`),
    each within 15 lines of the next, after the article's first three lines of prose, are
    a thread whose headers the extractor dropped: it goes from the first button on.

    A comment system that links each commenter's name to a profile or a site leaves a
    link header over each comment once the markup is gone: the link, then the name alone
    (`http://twitter.com/janedoe Jane Doe`). Such headers after the article's first three
    lines of prose, each with a line of prose (the comment) before the next and within 15
    lines of it, are a thread when two of their names open with a given name: it goes
    from the first of them. A list of links in an article names sites, not people, and
    seldom has a sentence under each link.

    Readers who greet the writer or one another on a line of its own (`Hi Roger,`, `Hey
    Chris`, `Hello Derek Sir,`: `Hi`, `Hey` or `Hello` and a given name, maybe one more
    capitalised word) mark a thread too: two such greetings after the article's first
    three lines of prose, neither led into by a line ending in a colon (a letter the
    article quotes: `She also received this one:`) or by a line saying who wrote to whom
    (`The deputy director wrote to an engineer.`, `... replied in an e-mail.`), with a remark only readers make on a
    line from the first greeting on (praise of the post, agreement, a smiley, a handle,
    thanks by name; an advice column answers its letters without them). The thread goes
    from the first greeting.

    A thread that lost its headers and buttons is known by its readers' remarks, when
    several agree on consecutive lines: a greeting by name (`Hi Karen,`, `Dear Mr. Reed,`),
    a given name spoken to at the start of a line (`David, i like this`, `Karen - the line
    ...`), thanks by name (`Thanks Scott.`), praise of the post or agreement (`Great article`,
    `Thanks for sharing`, `I agree`, `Well said`, `I couldn't agree more`), wishes (`Happy
    birthday!`, `Good luck`, `Congrats`), a reply by handle (`@dan - How ...`), a smiley or
    a cry at the start of a line (`:)`, `lol`, `Wow,`, `Yay!`). After the article's first
    three lines of prose, a line with a remark of another kind than a smiley or a cry (the
    writer smiles and cries out too) opens the thread when four of the ten lines from it
    on, itself counted, show remarks of three kinds or more, one of which names someone
    (a greeting or thanks by a given name, a name spoken to, a handle): readers speak to
    the writer and to one another. A letter printed in an article (`Dear Sophie,` /
    `Thank you for writing me ...`), readers' letters to the paper (`Dear Editor, I agree
    ...`) or a writer's own cheerful close (`Good luck to everyone riding it next
    month.`) have too few.

    ## Why is this bad?
    Comment threads are not the article: they run on for pages, repeat the article's
    words in other people's mouths and end in comment forms and footers. Each comment
    reads as prose, so no line rule can tell it from the article.

    ## Example
        ... the council will vote on the plan in March.

        3 Comments

        Jane Doe says:
        March 2, 2021 at 9:14 am
        Finally! This should have happened years ago.
        Reply

        Sam Roe says:
        March 2, 2021 at 11:40 am
        Who is paying for it?
        Reply

    Use instead:
        ... the council will vote on the plan in March.

    One tail is reported once: where NL312, NL313 or NL314 deletes the same tail from an
    earlier line (or from the same line, under a lower code), that finding alone is
    reported, and its deletion covers this one.

    ## Fix safety
    Unsafe: the thread is cut at its first header and everything after it goes.
    Measured at 875d261 (`bench/rule_precision.py DEV DRAGNET`: residue lines / residue and
    clean lines deleted, clean lines a gold keeps by convention counted apart): 1.000 on the DEV
    corpus (878/878, 739 of them on whole-page html_text; 1 more kept by convention); on
    the DRAGNET corpus 0.999 (21,806/21,831; and 161 neutral lines): naive_p 0.999
    (14,086/14,106), justext 0.999 (3,428/3,433), 1.000 on the other extractors. Counted
    as article text, the 410 convention lines take it to 0.980: almost all are the
    trackbacks of one blog (`Tracked on Apr 2, 2007 8:49:51 AM`), which its gold keeps,
    and reader comments that quote the article; the 25 lines counted wrong are comment
    lines that repeat a line or a sentence of the article. Nothing is deleted on the 1,420
    unlabelled 2020s articles.

    ## Limitations
    A live blog or a news digest whose entries each carry a date and a clock time is left
    alone when every entry names the same writer by a full name (`Jane Smith | July 4, 2024
    at 11:02 pm`, three or more: readers' comments come from several people); one whose
    entries name several writers, five or more entries, is read as a thread. Comment headers without a clock time
    (`Jane Doe, March 2`) are not recognised; the text of a comment printed above its
    header (`Posted by: ...` under the comment) or above its reply button stays for the
    first comment. A title
    above a text that is all thread goes with it (the text holds no article). A thread
    known only by its readers' remarks goes from the first run of them: the comments
    above it stay, and a thread whose readers seldom greet, thank, praise or agree is not
    found. A list of links to people's profiles or sites with a sentence under each
    (a blogroll that introduces its writers by their given names, or two people's
    profile links printed with their names, each over a paragraph) is read as a thread,
    and so is an article that prints two letters or e-mails opening `Hi <Name>,` without
    a lead-in ending in a colon or saying who wrote, when a smiley, praise of a post or thanks by name
    follows.
    A letters page with neither a `Letters` heading nor `Re:` references, whose letter
    opens with thanks for the article (`Thanks for the great article on ...`), is still
    cut from that letter on.
    """

    code = "NL312"
    name = "comment-thread"
    fixable = True

    def check(self, doc: Document) -> list[Violation]:
        start = thread_start(doc)
        if start is None:
            return []
        return [deletion_to_the_end(self, doc, start, "comment thread of {count} lines from '{first}' to the end")]
