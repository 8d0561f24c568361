"""Text normalisation for names: NFC on input, keys for forgiving matching."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["nfc", "name_key", "ascii_key", "FORMULA_PREFIXES", "formula_safe"]

_SPACE = re.compile(r"\s+")


def nfc(text: str) -> str:
    """NFC-normalise ``text`` and trim/collapse whitespace."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def name_key(text: str) -> str:
    """Key that ignores case and spacing (diacritics kept): ``"Sở  TT&TT"`` → ``"sởtt&tt"``.

    Lower-cases code point by code point (as :func:`~ict_adoption.text_arrays.key_hashes`
    does, vectorised).
    """
    return _SPACE.sub("", unicodedata.normalize("NFC", text).lower())


def ascii_key(text: str) -> str:
    """Key that also ignores diacritics (đ → d): the fallback match, which warns."""
    decomposed = unicodedata.normalize("NFD", name_key(text).replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


#: What a spreadsheet takes for the start of a formula (or hides before one).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """``text`` with an apostrophe in front when a spreadsheet would read it as a
    formula (CSV output; .xlsx cells use the quote prefix instead, see ``io.xlsx.put``)."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text
