"""Every page each demo account reaches by following links, in the real Chromium.

Each account logs in through the login form, then a breadth-first crawl follows every same-origin
link (Django's own /admin/ aside). Every page must answer without a server error and every link
lead to a page the account may see: a refused link points into another jurisdiction, or nowhere.
axe-core must find nothing serious or critical, the browser no script error or Content-Security-
Policy violation, and the W3C Nu HTML checker no error in the HTML as served. The findings of
all accounts are collected and reported together, each with the pages it was found on.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urldefrag, urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse
from playwright.sync_api import Error as PlaywrightError

from registry import demo
from tests.e2e.checkers import axe_violations, install_axe, nu_errors

PAGE_CAP = 1500  # pages per account (fetched or rendered), against link loops
PER_KIND = 4  # pages followed per URL pattern and set of query names, per account
BANJARMASIN_SENTRAS = [name for name, *_ in demo.SENTRAS]
BANJARMASIN_STAFF = ["admin.bjm", "kabid.bjm", "petugas.bjm"]
OWNERS_IKM = "Amplang Ikan Pipih Bu Salmah"
BANJARBARU_IKM = "Kerajinan Purun Guntung Manggis"
MISSING_PAGE = "/registri/sentra/0/"  # the 404 page is checked too, once


def kind_of(url: str) -> tuple:
    """A URL's kind: its route pattern (or path) and the names in its query."""
    parts = urlsplit(url)
    names = frozenset(parse_qs(parts.query, keep_blank_values=True))
    try:
        return (resolve(parts.path).route, names)
    except Resolver404:
        return (parts.path, names)


@dataclass(frozen=True)
class Finding:
    where: str  # "[account] /path"
    what: str  # worded the same on every page it recurs on
    detail: str = ""  # what differs between pages: the element, the source line


@dataclass
class Crawl:
    """What one account met: the pages it saw (URL -> HTML as served) and the findings."""

    account: str
    pages: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def seen(self, text: str) -> list[str]:
        """The paths of the pages whose HTML holds `text`."""
        return [path_of(url) for url, html in self.pages.items() if text in html]


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class LinkParser(HTMLParser):
    """Every link of an HTML page (href, whether a download), for the pages not rendered."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "area") and attrs.get("href") is not None:
            self.links.append((attrs["href"], "download" in attrs))


class Crawler:
    """One account in its own browser context, crawling breadth-first from where it lands."""

    def __init__(self, browser, base_url: str, username: str | None, pages_rendered: set):
        self.username = username
        self.crawl = Crawl(username or "anonymous")
        self.origin = urlsplit(base_url)[:2]
        self.login_path = reverse("login")
        self.not_followed = (reverse("admin:index"), reverse("logout"))
        self.context = browser.new_context(base_url=base_url)
        install_axe(self.context)
        self.page = self.context.new_page()
        self.kinds_rendered: set[tuple[str, frozenset]] = set()
        self.pages_rendered = pages_rendered  # shared by the accounts
        self.downloads: set[str] = set()
        self.browser_errors: list[tuple[str, str]] = []
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.browser_errors.append(("script", str(error))))

    def _on_console(self, message) -> None:
        """Script errors, Content-Security-Policy violations, resources that failed to load."""
        if message.type != "error":
            return
        source = message.location.get("url", "")
        if source == self.page.url and message.text.startswith("Failed to load resource"):
            return  # the page itself: its status is checked on its own
        self.browser_errors.append((f"console: {message.text}", f"from {path_of(source)}"))

    def run(self, extra_pages=()) -> Crawl:
        try:
            start = self.log_in() if self.username else self.login_path
            self.breadth_first(self.absolute(start))
            for path, status in extra_pages:
                self.visit(self.absolute(path), "", expected_status=status)
        finally:
            self.context.close()
        return self.crawl

    def log_in(self) -> str:
        """Through the login form, as a person would; returns the path it lands on."""
        page = self.page
        page.goto(self.login_path)
        page.fill("#id_username", self.username)
        page.fill("#id_password", demo.DEMO_PASSWORD)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        if page.locator(f"form[action='{reverse('logout')}']").count() != 1:
            text = " ".join(page.inner_text("body").split())[:300]
            pytest.fail(f"{self.username} cannot log in through the form, at {page.url}: {text}")
        return path_of(page.url)

    def breadth_first(self, start: str) -> None:
        """Follow links breadth first, at most PER_KIND pages of one kind (URL pattern and query
        names): the 38th IKM or the 9th sort order finds nothing new. The other links of a
        followed page are still fetched and their answer checked, but not followed, so that no
        link an account is shown leads where it may not go."""
        queue, queued, kinds = [(start, "", True)], {start}, Counter()
        while queue:
            if len(self.crawl.pages) >= PAGE_CAP:
                self.find(
                    start, f"crawl stopped at {PAGE_CAP} pages: a link loop, or raise the cap"
                )
                return
            url, referrer, follow = queue.pop(0)
            if not follow:
                self.fetch(url, self.where(url, referrer), 200)
                continue
            for link in self.visit(url, referrer):
                if link not in queued:
                    kind = kind_of(link)
                    kinds[kind] += 1
                    queued.add(link)
                    queue.append((link, url, kinds[kind] <= PER_KIND))

    def visit(self, url: str, referrer: str, expected_status: int = 200) -> list[str]:
        """Check one page; return the links to follow from it.

        A page is loaded in the browser, checked there with axe and its console watched, when
        it is the first of its kind (URL pattern and query names) for this account, or the
        first with its path and query names for any account. Every other page (another sort
        order or page of a list, the next account's copy of a record) is fetched over HTTP in
        the same session: its status is checked, its HTML goes to the Nu checker and the
        jurisdiction checks, its links are followed. Rendering costs five times more, and
        would find the same.
        """
        where = self.where(url, referrer)
        if url in self.downloads:
            return self.fetch(url, where, expected_status)
        parts = urlsplit(url)
        names = frozenset(parse_qs(parts.query, keep_blank_values=True))
        kind = kind_of(url)
        if kind in self.kinds_rendered and (parts.path, names) in self.pages_rendered:
            return self.fetch(url, where, expected_status)
        self.kinds_rendered.add(kind)
        self.pages_rendered.add((parts.path, names))
        return self.render(url, where, expected_status)

    def render(self, url: str, where: str, expected_status: int) -> list[str]:
        self.browser_errors.clear()
        try:
            response = self.page.goto(url)
        except PlaywrightError as error:
            if "Download is starting" in str(error):  # an export: its status is what counts
                return self.fetch(url, where, expected_status)
            self.find(where, "does not load", str(error))
            return []
        redirected = response.request.redirected_from is not None
        if not self.answers(where, response.status, response.url, redirected, expected_status):
            return []
        final = response.url
        if final in self.crawl.pages or "text/html" not in response.headers.get("content-type", ""):
            return []
        self.crawl.pages[final] = response.text()
        for what, detail in axe_violations(self.page) + self.browser_errors:
            self.find(final, what, detail)
        links = self.page.eval_on_selector_all(
            "a[href], area[href]", "els => els.map(e => [e.href, e.hasAttribute('download')])"
        )
        return self.followable(final, links)

    def fetch(self, url: str, where: str, expected_status: int) -> list[str]:
        response = self.context.request.get(url)
        final = response.url
        if not self.answers(where, response.status, final, final != url, expected_status):
            return []
        if final in self.crawl.pages or "text/html" not in response.headers.get("content-type", ""):
            return []
        html = self.crawl.pages[final] = response.text()
        parser = LinkParser()
        parser.feed(html)
        return self.followable(final, parser.links)

    def answers(self, where: str, status: int, final: str, redirected: bool, expected: int) -> bool:
        """Whether a page answered as a followed link must; a finding when it did not."""
        if status >= 500:
            self.find(where, f"answers {status}: server error")
        elif redirected and path_of(final).startswith(self.login_path):
            if self.username:  # signed in, yet sent to the login page: refused
                self.find(where, "redirects to the login page: refused")
        elif status != expected:
            self.find(where, f"answers {status}: refused, or a broken link")
        else:
            return True
        return False

    def followable(self, base: str, links: list[tuple[str, bool]]) -> list[str]:
        """The URLs to crawl for a page's links (without fragments): this site's, but /admin/
        (Django's own) and the logout. Downloads are noted, to be fetched, not rendered."""
        urls = []
        for href, download in links:
            url = urldefrag(urljoin(base, href)).url
            parts = urlsplit(url)
            if parts[:2] == self.origin and not parts.path.startswith(self.not_followed):
                urls.append(url)
                if download:
                    self.downloads.add(url)
        return urls

    def where(self, url: str, referrer: str) -> str:
        return path_of(url) + (f" (linked from {path_of(referrer)})" if referrer else "")

    def absolute(self, path: str) -> str:
        return urljoin(f"{self.origin[0]}://{self.origin[1]}/", path)

    def find(self, url_or_where: str, what: str, detail: str = "") -> None:
        where = path_of(url_or_where) if "://" in url_or_where else url_or_where
        self.crawl.findings.append(Finding(f"[{self.crawl.account}] {where}", what, detail))


@pytest.mark.browser
def test_every_page_each_demo_account_reaches_is_allowed_valid_and_accessible(
    browser, demo_site, tmp_path
):
    accounts = [None] + [username for username, *_ in demo.ACCOUNTS]
    crawls, pages_rendered = {}, set()
    for username in accounts:
        extra = [(MISSING_PAGE, 404)] if username == "admin.bjm" else []
        crawl = Crawler(browser, demo_site, username, pages_rendered).run(extra_pages=extra)
        crawls[crawl.account] = crawl

    findings = [finding for crawl in crawls.values() for finding in crawl.findings]
    findings += jurisdiction_findings(crawls)
    findings += html_findings(crawls, tmp_path)
    summary = ", ".join(f"{crawl.account} {len(crawl.pages)}" for crawl in crawls.values())
    assert not findings, f"Pages crawled: {summary}.\n{report(findings)}"


def jurisdiction_findings(crawls: dict[str, Crawl]) -> list[Finding]:
    """What each account must and must not see, by the names in the demo data."""
    findings = []

    def check(account: str, text: str, *, seen: bool) -> None:
        pages = crawls[account].seen(text)
        if seen and not pages:
            findings.append(Finding(f"[{account}]", f"never sees {text!r}"))
        elif pages and not seen:
            findings.append(Finding(f"[{account}]", f"sees {text!r}", f"on {', '.join(pages)}"))

    for name in BANJARMASIN_SENTRAS:
        check("petugas.bjb", name, seen=False)
        check("provinsi.kalsel", name, seen=True)
        for account in BANJARMASIN_STAFF:
            check(account, name, seen=True)
    check("petugas.bjb", BANJARBARU_IKM, seen=True)
    check("provinsi.kalsel", BANJARBARU_IKM, seen=True)
    for account in BANJARMASIN_STAFF:
        check(account, BANJARBARU_IKM, seen=False)
    check("pemilik.amplang", OWNERS_IKM, seen=True)
    check("pemilik.amplang", BANJARBARU_IKM, seen=False)
    staff_lists = (reverse("registry:sentra_list"), reverse("registry:ikm_list"))
    findings += [
        Finding("[pemilik.amplang]", "reaches a staff list", path_of(url))
        for url in crawls["pemilik.amplang"].pages
        if urlsplit(url).path in staff_lists
    ]
    return findings


def html_findings(crawls: dict[str, Crawl], folder) -> list[Finding]:
    """Every page as served, through the Nu HTML checker in one run."""
    saved = {}
    for crawl in crawls.values():
        for number, (url, html) in enumerate(crawl.pages.items()):
            path = folder / f"{crawl.account}-{number:03d}.html"
            path.write_text(html, encoding="utf-8")
            saved[path] = f"[{crawl.account}] {path_of(url)}"
    return [Finding(*error) for error in nu_errors(saved)]


def report(findings: list[Finding], shown: int = 6) -> str:
    """One paragraph per kind of finding, with an example and the pages it is on."""
    by_what = defaultdict(list)
    for finding in findings:
        by_what[finding.what].append(finding)
    paragraphs = []
    for what, found in by_what.items():
        places = [f.where + (f" {f.detail}" if f.detail else "") for f in found]
        more = f"\n      ... and {len(places) - shown} more" if len(places) > shown else ""
        paragraphs.append(
            f"- {what} ({len(found)}×):\n      " + "\n      ".join(places[:shown]) + more
        )
    return f"{len(findings)} findings of {len(by_what)} kinds:\n" + "\n".join(paragraphs)
