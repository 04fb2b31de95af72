"""Decode a raw file's bytes and split it into numbered lines, reporting what was repaired."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.findings import Finding
from pipeline.model import Line

MAX_BYTES = 64 * 1024 * 1024  # read at most this much of one file: bounded memory
MAX_LINE = 20_000  # longer lines are cut: no real cell or heading comes close


@dataclass(frozen=True, slots=True)
class PageText:
    """A page's lines, and whether its last line was cut (no final newline)."""

    lines: tuple[Line, ...]
    ends_mid_line: bool


def decode_bytes(data: bytes, page: str) -> tuple[str, list[Finding]]:
    """Decode UTF-8 (with or without BOM); replace bad bytes with a finding, never raise."""
    findings: list[Finding] = []
    if len(data) > MAX_BYTES:
        findings.append(
            Finding(
                "input-too-large",
                f"File is larger than {MAX_BYTES:,} bytes; only the first {MAX_BYTES:,} were "
                "read (split the export to read it all).",
                page,
                1,
            )
        )
        data = data[:MAX_BYTES]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # UTF-16 with a byte-order mark: text, not binary, though it has NUL bytes.
        findings.append(
            Finding(
                "utf16-input", "File is UTF-16 text (byte-order mark); decoded as such.", page, 1
            )
        )
        return decode_bytes(data.decode("utf-16", errors="replace").encode("utf-8"), page)[0], (
            findings
        )
    if b"\x00" in data[:65536]:
        findings.append(
            Finding(
                "binary-input",
                "File holds NUL bytes: it is binary, not a text export; nothing was parsed.",
                page,
                1,
            )
        )
        return "", findings
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        text = data.decode("utf-8-sig", errors="replace")
        line = data[: err.start].count(b"\n") + 1
        findings.append(
            Finding(
                "not-utf8",
                f"Byte {err.start} is not UTF-8; undecodable bytes were replaced "
                "with U+FFFD (check the export's encoding).",
                page,
                line,
            )
        )
    if not text.strip():
        findings.append(Finding("empty-input", "File holds no text; nothing to parse.", page, 1))
    return text, findings


def split_lines(text: str, page: str) -> tuple[PageText, list[Finding]]:
    """Split text into numbered lines (LF, CRLF or CR), folding trailing spaces."""
    findings: list[Finding] = []
    if not text:
        return PageText((), False), findings
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ends_mid_line = raw[-1] != ""
    if not ends_mid_line:
        raw.pop()
    lines: list[Line] = []
    for number, content in enumerate(raw, 1):
        if len(content) > MAX_LINE:
            findings.append(
                Finding(
                    "line-too-long",
                    f"Line is {len(content):,} characters; only the first {MAX_LINE:,} were read.",
                    page,
                    number,
                )
            )
            content = content[:MAX_LINE]
        lines.append(Line(number, content.replace("\u00a0", " ").rstrip()))
    return PageText(tuple(lines), ends_mid_line), findings
