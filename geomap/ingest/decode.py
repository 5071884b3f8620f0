"""File bytes to text: a byte-order mark first, then UTF-8, then the legacy encodings of the domain;
binary data is refused with a message saying so."""

from __future__ import annotations

import codecs
import hashlib
import unicodedata

# Tried, in this order of preference, only when a file is not valid UTF-8: the legacy
# encodings of Russian/Ukrainian (cp1251, KOI8-R/U) and Western European news sites.
LEGACY_ENCODINGS = ("cp1251", "koi8_r", "koi8_u", "cp1252", "latin_1")

# Share of control/unassigned characters above which decoded bytes are called binary.
_MAX_CONTROL_SHARE = 0.05
_TEXT_SAMPLE_CHARS = 65_536
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


class _NotText(ValueError):
    """Bytes that are not readable text; the message is the problem to report."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _decode_with_bom(data: bytes) -> str | None:
    """Honour a byte-order mark (and drop it, so it does not shift offsets); ``None`` without one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as err:
                problem = f"invalid {encoding.upper()} after its byte-order mark (byte {err.start})"
                raise _NotText(problem) from err
    return None


def _decode_legacy(data: bytes) -> str:
    """Decode non-UTF-8 bytes in the most plausible legacy encoding.

    charset-normalizer (a trafilatura dependency) judges the candidates by how much the result
    looks like language; restricting it to the encodings this domain uses keeps short Cyrillic
    texts from being taken for Shift-JIS or a Baltic code page.
    """
    from charset_normalizer import from_bytes  # only needed for the rare non-UTF-8 file

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise _NotText("binary file, not text (not UTF-8, cp1251, KOI8-R or Latin-1)")
    return str(best)


def _looks_binary(text: str) -> bool:
    """True when many characters are controls or unassigned code points, as in decoded binary data."""
    sample = text[:_TEXT_SAMPLE_CHARS]
    if not sample:
        return False
    odd = sum(
        1
        for char in sample
        if char not in _ALLOWED_CONTROLS and unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn")
    )
    return odd / len(sample) > _MAX_CONTROL_SHARE


def decode_text(data: bytes) -> str:
    """Decode file bytes to text: BOM first, then UTF-8, then the legacy encodings of the domain.

    Raises ``ValueError`` (whose message is the problem to report) for binary data: NUL bytes
    outside a UTF-16/32 file, or a result that is mostly control characters.
    """
    text = _decode_with_bom(data)
    if text is None:
        if b"\x00" in data:
            raise _NotText("binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
    if _looks_binary(text):
        raise _NotText("binary file, not text")
    return text


def _normalise_newlines(text: str) -> str:
    """Windows and old-Mac newlines become ``\\n``; nothing else changes, so offsets stay meaningful."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
