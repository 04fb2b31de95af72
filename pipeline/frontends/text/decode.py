"""Decode a raw file's bytes and split it into numbered lines, reporting what was repaired."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline import findings as F
from pipeline.findings import Finding, Site

MAX_BYTES = 64 * 1024 * 1024  # read at most this much of one file: bounded memory
MAX_LINE = 20_000  # longer lines are cut: no real cell or heading comes close


@dataclass(frozen=True, slots=True)
class PageText:
    """A page's lines, and whether its last line was cut (no final newline)."""

    lines: tuple[str, ...]  # line i (from 0) is the page's line i + 1
    ends_mid_line: bool


def decode_bytes(data: bytes, site: Site) -> tuple[str, list[Finding]]:
    """Decode UTF-8 (with or without BOM); replace bad bytes with a finding, never raise."""
    findings: list[Finding] = []
    if len(data) > MAX_BYTES:
        findings.append(F.INPUT_TOO_LARGE.at(site, 1, limit=f"{MAX_BYTES:,}"))
        data = data[:MAX_BYTES]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # UTF-16 with a byte-order mark: text, not binary, though it has NUL bytes.
        findings.append(F.UTF16_INPUT.at(site, 1))
        utf8 = data.decode("utf-16", errors="replace").encode("utf-8")
        return decode_bytes(utf8, site)[0], findings
    if b"\x00" in data[:65536]:
        findings.append(F.BINARY_INPUT.at(site, 1))
        return "", findings
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        text = data.decode("utf-8-sig", errors="replace")
        line = data[: err.start].count(b"\n") + 1
        findings.append(F.NOT_UTF8.at(site, line, offset=err.start))
    if not text.strip():
        findings.append(F.EMPTY_INPUT.at(site, 1))
    return text, findings


def split_lines(text: str, site: Site) -> tuple[PageText, list[Finding]]:
    """Split text into numbered lines (LF, CRLF, CRCRLF or CR, mixed), folding trailing spaces."""
    findings: list[Finding] = []
    if not text:
        return PageText((), False), findings
    # `\r\r\n` (a CRLF file saved again on Windows) is one line end, like CRLF, LF and CR.
    text = text.replace("\r\r\n", "\n").replace("\r\n", "\n").replace("\r", "\n")
    raw = text.replace("\u00a0", " ").split("\n")
    ends_mid_line = raw[-1] != ""
    if not ends_mid_line:
        raw.pop()
    if max(map(len, raw), default=0) > MAX_LINE:
        for number, content in enumerate(raw, 1):
            if len(content) > MAX_LINE:
                length, limit = f"{len(content):,}", f"{MAX_LINE:,}"
                findings.append(F.LINE_TOO_LONG.at(site, number, length=length, limit=limit))
                raw[number - 1] = content[:MAX_LINE]
    # Plain strings, numbered by position: a line object each would double the page's memory.
    return PageText(tuple([line.rstrip() for line in raw]), ends_mid_line), findings
