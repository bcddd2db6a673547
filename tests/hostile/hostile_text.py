"""Text a hostile or careless user may type or paste: markup, reportlab's exploit
strings, control characters, right-to-left marks, emoji, 10,000-character words."""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

#: reportlab CVE-2023-33733: code in a colour attribute, run by rl_safe_eval < 3.6.13.
EXPLOIT = (
    "<font color=\"[[[getattr(pow, Word('__globals__'))['os'].system('touch pwned') "
    "for Word in [ orgTypeFun( 'Word', (str,), { 'mutated': 1, 'startswith': lambda "
    "self, x: 1 == 0, '__eq__': lambda self, x: self.mutate() and self.mutated < 0 "
    "and str(self) == x, 'mutate': lambda self: {setattr(self, 'mutated', self.mutated "
    "- 1)}, '__hash__': lambda self: hash(str(self)), }, ) ] ] for orgTypeFun in "
    "[type(type(1))] for none in [[].append(1)]]] and 'red'\">exploit</font>"
)
MARKUP = (
    "<b>",
    "</b>",
    "<b>gras</b>",
    "&amp;",
    "&",
    "AT&T",
    "a<b",
    "<br/>",
    "<para>",
    "<![CDATA[x]]>",
    '<img src="/etc/passwd"/>',
    '<font color="[[[x]]]">',
    "<font color=\"[[[__import__('os').system('touch pwned')]]]\">x</font>",
    '<a href="javascript:alert(1)">lien</a>',
    '<onDraw name="x"/>',
    "&#0;",
    "&lol;",
    "]]>",
    EXPLOIT,
)
CONTROL = (*(chr(c) for c in range(0x20)), "\x7f", "\x85", "\u2028", "\u2029")
MARKS = ("\u200f", "\u200e", "\u202e", "\u2066", "\u200b", "\ufeff", "\u00a0", "\u202f")
EMOJI = ("😀", "👩‍👩‍👧", "🇫🇷", "🧪", "\u2764\ufe0f")
FORMULA = ("=1+1", "+33 1 23", "-3", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")')
LONG_WORD = "a" * 10_000
LONE_SURROGATES = ("\ud800", "\udfff", "x\udc80y")

_piece = st.one_of(
    st.sampled_from(MARKUP),
    st.sampled_from(CONTROL),
    st.sampled_from(MARKS),
    st.sampled_from(EMOJI),
    st.sampled_from(FORMULA),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    st.just("École d'été « à Noël » : 12 %"),
)


def hostile_text(max_pieces: int = 6, *, long_words: bool = True, surrogates: bool = False):
    """A non-blank text made of hostile pieces (markup, control characters, marks, emoji,
    formulas, random text), sometimes a 10,000-character word."""
    pieces = [_piece]
    if long_words:
        pieces.append(st.just(LONG_WORD))
    if surrogates:
        pieces.append(st.sampled_from(LONE_SURROGATES))
    return (
        st.lists(st.one_of(*pieces), min_size=1, max_size=max_pieces)
        .map(" ".join)
        .map(lambda text: text if text.strip() else text + " x")
    )


def short_hostile_text(max_size: int):
    """Hostile text no longer than ``max_size`` characters, never blank."""
    return hostile_text(4, long_words=False).map(lambda t: t[:max_size]).filter(str.strip)


def printable_words(text: str) -> list[str]:
    """The words of ``text`` a printed page must show literally: letters, digits and
    ASCII punctuation and Latin-1 letters only (marks, emoji, control characters and
    scripts the font lacks may print otherwise)."""
    words = []
    for word in text.split():
        if all(
            (ch.isascii() and ch.isprintable())
            or ("\u00c0" <= ch <= "\u00ff" and unicodedata.category(ch)[0] == "L")
            for ch in word
        ):
            words.append(word)
    return words
