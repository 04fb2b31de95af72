"""Fetch a page's HTML from the Wikimedia REST API: the one module that talks to the network.

The MediaWiki core REST API (www.mediawiki.org/wiki/API:REST_API/Reference) is asked in two
steps, one request at a time: `GET /page/{title}/bare` for the latest revision's id
(`latest.id`, of the target where the page is a redirect), or for a given revision
`GET /revision/{id}/bare` (whose `page.title` names its page); then `GET /revision/{id}/html`
for that revision's Parsoid HTML. Asking for the revision by id, rather than
`/page/{title}/html`, makes the saved HTML and the revision the file states agree even when
the page is edited between the two requests; and a page already saved at its latest revision
costs one small request, not the whole HTML.

Every request carries a User-Agent naming this tool and a contact, as Wikimedia's User-Agent
policy asks (meta.wikimedia.org/wiki/User-Agent_policy). Connection failures, timeouts, HTTP 429
and 5xx are retried with exponential backoff, never sooner than a `Retry-After` asks; the
sleep and the clock are parameters so that tests wait for nothing. Every failure is a
`FetchError` whose message is one line for the person running it.
"""

from __future__ import annotations

import http.client
import json
import re
import sys
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from pipeline import __version__
from pipeline.frontends.text.decode import MAX_BYTES

DEFAULT_ENDPOINT = "https://{lang}.wikipedia.org/w/rest.php/v1"
ENDPOINT_ENV = "PIPELINE_REST_ENDPOINT"
CONTACT_ENV = "PIPELINE_CONTACT"
NO_CONTACT = "contact not set: set PIPELINE_CONTACT"
ATTEMPTS = 4  # tries per request, the first included
BACKOFF = 1.0  # seconds before the second try; doubled before each further one
MAX_WAIT = 60.0  # the longest wait between tries; a longer Retry-After ends the run instead
TIMEOUT = 60.0  # seconds a connection or a read may stall (Parsoid renders cold pages slowly)
# A language code as Wikimedia's subdomains spell it: `en`, `es`, `zh-min-nan`, `simple`.
LANG_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
# Where a title's revision is asked for: `2014 Copa Perú@1234567`.
TARGET_RE = re.compile(r"(?P<title>.*\S)\s*@(?P<revision>[0-9]+)")
# Characters a file name must not hold somewhere it may be copied to (separators, Windows'
# reserved characters, controls, lone surrogates of undecodable arguments), and `@`, which
# in our names separates the revision.
UNSAFE_RE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|@\ud800-\udfff]')
DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
MAX_STEM_BYTES = 200  # a file name may hold 255 bytes; `@<revision>.html` needs the rest
SUFFIX = ".html"


class FetchError(Exception):
    """A page that could not be fetched; the message is one line (the CLI exits 2 with it)."""


@dataclass(frozen=True, slots=True)
class Target:
    """What to fetch: a title, and a revision id where one is asked for."""

    title: str  # as typed, spaces and underscores folded to single spaces
    revision: str | None = None


@dataclass(frozen=True, slots=True)
class Revision:
    """A revision as the wiki states it: its page's title and its id."""

    title: str
    id: str


@dataclass(frozen=True, slots=True)
class Fetched:
    """A revision's HTML and the URL it came from (after any redirect)."""

    revision: Revision
    url: str
    html: bytes


def parse_target(text: str) -> Target:
    """Read `TITLE` or `TITLE@REVISION`; ValueError with a reason where it is neither."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise ValueError("the title is not valid UTF-8") from err
    if re.fullmatch(r"\s*@[0-9]+\s*", text):
        raise ValueError("no title before @REVISION")
    match = TARGET_RE.fullmatch(text)
    title, revision = (match["title"], match["revision"]) if match else (text, None)
    title = normalise_title(title)
    if not title:
        raise ValueError("no title given")
    if revision is not None and int(revision) == 0:
        raise ValueError("revision ids start at 1")
    return Target(title, str(int(revision)) if revision is not None else None)


def normalise_title(title: str) -> str:
    """Fold runs of spaces and underscores to one space, as MediaWiki does with titles."""
    return re.sub(r"[\s_]+", " ", title).strip()


def file_stem(title: str) -> str:
    """Name a page's file from its title: lower case, spaces as `_`, dashes as `-`, characters
    unsafe in file names as `_` (`2014 Copa Perú` is `2014_copa_perú`)."""
    stem = unicodedata.normalize("NFC", title).translate(DASHES).lower()
    stem = re.sub(r"[\s_]+", "_", UNSAFE_RE.sub("_", stem)).strip("._")
    # Cut to a byte budget without splitting a character.
    return stem.encode("utf-8")[:MAX_STEM_BYTES].decode("utf-8", "ignore") or "page"


def file_names(title: str, revision: str) -> tuple[str, str]:
    """The names a revision is saved under, in order of preference: `<stem>.html`, or where
    that holds another revision, `<stem>@<revision>.html`."""
    stem = file_stem(title)
    return f"{stem}{SUFFIX}", f"{stem}@{revision}{SUFFIX}"


def endpoint_for(lang: str, endpoint: str | None = None) -> str:
    """The REST endpoint for a wiki: `endpoint` (or the default) with `{lang}` filled in."""
    if not LANG_RE.fullmatch(lang):
        raise ValueError(f"not a language code: {lang!r} (like en, es, pt)")
    url = (endpoint or DEFAULT_ENDPOINT).replace("{lang}", lang).rstrip("/")
    if urllib.parse.urlsplit(url).scheme not in ("http", "https") or "{" in url:
        raise ValueError(f"not an http(s) endpoint URL: {url}")
    return url


def user_agent(contact: str | None) -> str:
    """`copa-pipeline/<version> (<contact>) Python-urllib/<version>`, the form Wikimedia's
    User-Agent policy asks for; a contact is folded to one line."""
    shown = " ".join("".join(c for c in (contact or "") if c.isprintable()).split())
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    return f"copa-pipeline/{__version__} ({shown or NO_CONTACT}) Python-urllib/{python}"


def utc_now() -> datetime:
    """The current time in UTC (the default clock)."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Client:
    """A REST client for one wiki: requests one at a time, retried with backoff."""

    endpoint: str  # as `endpoint_for` gives it: no trailing slash
    user_agent: str
    attempts: int = ATTEMPTS
    sleep: Callable[[float], None] = time.sleep
    now: Callable[[], datetime] = utc_now  # read only to turn a Retry-After date into a wait
    backoff: float = BACKOFF
    timeout: float = TIMEOUT

    def latest(self, title: str) -> Revision:
        """Look up a page's latest revision (`GET /page/{title}/bare`)."""
        url = f"{self.endpoint}/page/{_quote_title(title)}/bare"
        data, final = self._get(url, "application/json", f'no such page: "{title}"')
        bare = _json(data, url)
        hop = bare.get("redirect_target")
        if isinstance(hop, str) and hop:
            # A wiki redirect: older MediaWiki answers 307 (urllib follows it); newer ones
            # answer the redirect page itself and name the target in `redirect_target`. One
            # hop, as the server's own redirects (`?redirect=no`), and within the same site.
            url = urllib.parse.urljoin(final, hop)
            if urllib.parse.urlsplit(url).netloc != urllib.parse.urlsplit(final).netloc:
                raise FetchError(f'"{title}" redirects to another site: {url}')
            data, _ = self._get(url, "application/json", f'"{title}" redirects to a missing page')
            bare = _json(data, url)
        latest = bare.get("latest")
        rev_id = latest.get("id") if isinstance(latest, dict) else None
        if not isinstance(rev_id, int) or isinstance(rev_id, bool):
            raise FetchError(f"unexpected answer from {url}: no latest.id")
        stated = bare.get("title")
        return Revision(stated if isinstance(stated, str) and stated else title, str(rev_id))

    def revision(self, rev_id: str, title: str) -> Revision:
        """Look up a revision's page (`GET /revision/{id}/bare`); `title` where none is said."""
        url = f"{self.endpoint}/revision/{rev_id}/bare"
        data, _ = self._get(url, "application/json", f"no such revision: {rev_id}")
        page = _json(data, url).get("page")
        stated = page.get("title") if isinstance(page, dict) else None
        return Revision(stated if isinstance(stated, str) and stated else title, rev_id)

    def html(self, revision: Revision) -> Fetched:
        """Fetch a revision's Parsoid HTML (`GET /revision/{id}/html`)."""
        url = f"{self.endpoint}/revision/{revision.id}/html"
        data, final = self._get(url, "text/html", f"no such revision: {revision.id}")
        return Fetched(revision, final, data)

    def _get(self, url: str, accept: str, missing: str) -> tuple[bytes, str]:
        """GET a URL: its body and final URL. 404 is `missing`; connection failures,
        timeouts, 429 and 5xx are tried `attempts` times; other statuses fail at once."""
        request = urllib.request.Request(
            url,
            headers={"User-Agent": self.user_agent, "Accept": accept, "Accept-Encoding": "gzip"},
        )
        host = urllib.parse.urlsplit(url).netloc
        unreachable, last = False, ""
        for attempt in range(1, self.attempts + 1):
            wait = self.backoff * 2 ** (attempt - 1)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return _read(response, url), response.geturl()
            except urllib.error.HTTPError as err:
                status, reason, headers = err.code, err.reason, err.headers
                err.close()
                if status == 404:
                    raise FetchError(f"{missing} on {host} (HTTP 404)") from None
                if status != 429 and status < 500:
                    refused = f"{host} refused the request: HTTP {status} {reason} ({url})"
                    raise FetchError(refused) from None
                unreachable, last = False, f"HTTP {status} {reason}"
                asked = _retry_after(headers.get("Retry-After"), self.now())
                if asked is not None and asked > MAX_WAIT:
                    raise FetchError(
                        f"{host} asks to wait {asked:.0f} s ({last}); try again later"
                    ) from None
                wait = max(wait, asked or 0.0)
            except (OSError, http.client.HTTPException) as err:
                # URLError (refused, DNS, unreachable), a timeout, a connection cut mid-body.
                unreachable, last = True, _reason(err)
            if attempt < self.attempts:
                self.sleep(min(wait, MAX_WAIT))
        tries = f"{self.attempts} attempt{'s' if self.attempts != 1 else ''}"
        if unreachable:
            raise FetchError(f"network unreachable: cannot reach {host} ({last}) after {tries}")
        raise FetchError(f"{host} kept failing ({last}) after {tries}; try again later")


def _quote_title(title: str) -> str:
    """A title as a REST path segment: spaces as underscores, everything else %-encoded."""
    return urllib.parse.quote(title.replace(" ", "_"), safe="")


def _read(response: http.client.HTTPResponse, url: str) -> bytes:
    """A response's body, un-gzipped, at most `MAX_BYTES` (the size the front ends read)."""
    body = response.read(MAX_BYTES + 1)
    if response.headers.get("Content-Encoding", "").lower() == "gzip":
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)  # 16+: the gzip wrapper
        try:
            body = inflate.decompress(body, MAX_BYTES + 1)
        except zlib.error as err:
            raise FetchError(f"unreadable gzip answer from {url}: {err}") from None
    if len(body) > MAX_BYTES:
        raise FetchError(f"the answer from {url} is larger than {MAX_BYTES:,} bytes")
    return body


def _json(data: bytes, url: str) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise FetchError(f"unexpected answer from {url}: not a JSON object")
    return value


def _retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds a `Retry-After` asks for (RFC 9110 §10.2.3: seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def _reason(err: BaseException) -> str:
    """The cause of a connection failure in a few words (`Connection refused`, `timed out`)."""
    cause = err.reason if isinstance(err, urllib.error.URLError) else err
    if isinstance(cause, OSError) and cause.strerror:
        return cause.strerror
    return str(cause) or type(cause).__name__
