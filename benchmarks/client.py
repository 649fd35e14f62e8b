"""A signed-in user over HTTP: one keep-alive connection and its cookies, standard library only.

Each role of the benchmark has its own `Browser`, signed in through the portal's real login form
(the CSRF token taken from the form, as a browser sends it), so every measured request carries a
real session and goes through the whole middleware stack.
"""

from __future__ import annotations

import http.client
import re
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from benchmarks.middleware import CAPTURE_HEADER, QUERY_COUNT_HEADER

LOGIN_PATH = "/akun/masuk/"
SESSION_COOKIE = "sessionid"
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
TIMEOUT_SECONDS = 300


class LoginError(Exception):
    pass


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    first_byte_ms: float  # until the status line and headers arrived
    total_ms: float  # until the last byte of the body
    query_count: int | None
    location: str | None = None  # where a redirect leads


class Browser:
    def __init__(self, host: str, port: int):
        self.host = host
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT_SECONDS)

    def close(self) -> None:
        self.connection.close()

    @property
    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def get(self, url: str, *, capture_sql: bool = False) -> Response:
        headers = {CAPTURE_HEADER: "1"} if capture_sql else {}
        return self.request("GET", url, headers=headers)

    def request(self, method: str, url: str, *, body: bytes | None = None, headers=None):
        headers = {"Host": f"{self.host}:{self.port}", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = self.cookie_header
        try:
            return self._exchange(method, url, body, headers)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closed the kept-alive connection between two requests: open another.
            self.connection.close()
            return self._exchange(method, url, body, headers)

    def _exchange(self, method, url, body, headers) -> Response:
        started = time.perf_counter()
        self.connection.request(method, url, body=body, headers=headers)
        response = self.connection.getresponse()
        first_byte = time.perf_counter()
        content = response.read()
        finished = time.perf_counter()
        self._keep_cookies(response.headers.get_all("Set-Cookie") or [])
        count = response.getheader(QUERY_COUNT_HEADER)
        return Response(
            status=response.status,
            body=content,
            first_byte_ms=(first_byte - started) * 1000,
            total_ms=(finished - started) * 1000,
            query_count=int(count) if count is not None else None,
            location=response.getheader("Location"),
        )

    def _keep_cookies(self, set_cookie_headers: list[str]) -> None:
        for header in set_cookie_headers:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value

    def log_in(self, username: str, password: str) -> None:
        """Sign in through the login form; a successful login redirects away from it."""
        form = self.get(LOGIN_PATH)
        token = CSRF_FIELD.search(form.body)
        if form.status != 200 or token is None:
            raise LoginError(f"the login form answered {form.status} without a CSRF token")
        fields = {"username": username, "password": password, "csrfmiddlewaretoken": token[1]}
        answer = self.request(
            "POST",
            LOGIN_PATH,
            body=urlencode(fields).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        if answer.status != 302 or SESSION_COOKIE not in self.cookies:
            raise LoginError(
                f"signing in as {username} answered {answer.status}: is the account there, "
                "with the benchmark's password (manage.py generate_scale_data)?"
            )
