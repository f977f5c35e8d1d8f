"""Browsers for the race tests: each has its own connection, cookies and CSRF token, opens its
form first, and sends its request only when every other browser is ready too.

Plain `http.client` (the standard library): the tests depend on nothing the project does not
declare, and each browser keeps its connection open (HTTP/1.1 keep-alive), so the requests
released by the barrier leave at once instead of queueing for TCP handshakes.
"""

import html
import http.client
import re
import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FLASH = re.compile(r'<p class="message message-[a-z ]+">(.*?)</p>', re.S)

Start = Callable[[], None]
Contender = Callable[[Start], "Answer"]


@dataclass(frozen=True)
class Answer:
    """What one request got back. `status` 0: no HTTP answer at all (connection refused or
    dropped), which counts as a server failure just like a 5xx."""

    status: int
    location: str = ""
    body: str = ""
    content_type: str = ""
    error: str = ""

    @property
    def failed(self) -> bool:
        return self.status == 0 or self.status >= 500

    def says(self, text: str) -> bool:
        """The page shows `text` (compared with the HTML's entities decoded)."""
        return text in html.unescape(self.body)

    def flashes(self) -> list[str]:
        return [html.unescape(m).strip() for m in FLASH.findall(self.body)]


class Browser:
    """One visitor: a keep-alive connection, a cookie jar and the last form's CSRF token."""

    def __init__(
        self,
        base_url: str,
        *,
        language: str = "en",
        cookies: dict[str, str] | None = None,
        timeout: float = 60.0,
    ) -> None:
        parts = urlsplit(base_url)
        # The live server listens on IPv4; "localhost" might try ::1 first.
        host = parts.hostname or "127.0.0.1"
        if host == "localhost":
            host = "127.0.0.1"
        self.connection = http.client.HTTPConnection(host, parts.port, timeout=timeout)
        self.language = language
        self.cookies: dict[str, str] = dict(cookies or {})
        self.csrf_token = ""

    def _remember_cookies(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)  # Django deletes a cookie by expiring it
                else:
                    self.cookies[name] = morsel.value

    def request(self, method: str, path: str, data: Mapping[str, object] | None = None) -> Answer:
        headers = {"Accept-Language": self.language}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            raw = response.read()
        except (http.client.HTTPException, OSError) as exc:
            # Never retried: a retried POST could be a second submission the test would miss.
            self.connection.close()
            return Answer(status=0, error=f"{method} {path}: {exc!r}")
        self._remember_cookies(response)
        content_type = response.getheader("Content-Type", "")
        text = (
            raw.decode("utf-8", "replace")
            if "json" in content_type or "text" in content_type
            else ""
        )
        return Answer(
            status=response.status,
            location=response.getheader("Location", ""),
            body=text,
            content_type=content_type,
        )

    def open(self, path: str) -> Answer:
        """GET a page with a form and keep its CSRF token (its cookie is kept by the jar)."""
        answer = self.request("GET", path)
        found = CSRF_FIELD.search(answer.body)
        if answer.status != 200 or found is None:
            raise AssertionError(f"GET {path}: {answer.status}, no form to fill in")
        self.csrf_token = found.group(1)
        return answer

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, data: Mapping[str, object]) -> Answer:
        return self.request("POST", path, {**data, "csrfmiddlewaretoken": self.csrf_token})

    def close(self) -> None:
        self.connection.close()


def race(contenders: Sequence[Contender], *, timeout: float = 60.0) -> list[Answer]:
    """Run every contender in its own thread and return their answers in the same order.

    A contender prepares (opens its form), calls the `start` it is given, which returns when
    every contender has got that far, and then sends its request. When one fails to
    prepare, the barrier breaks and everyone's answer records the error."""
    barrier = threading.Barrier(len(contenders))
    answers: list[Answer | None] = [None] * len(contenders)

    def start() -> None:
        barrier.wait(timeout)

    def run(index: int, contender: Contender) -> None:
        try:
            answers[index] = contender(start)
        except BaseException as exc:  # reported through the answer, never lost in a thread
            barrier.abort()
            answers[index] = Answer(status=0, error=f"contender {index}: {exc!r}")

    threads = [
        threading.Thread(target=run, args=(i, c), name=f"race-{i}")
        for i, c in enumerate(contenders)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout * 2)
    return [a or Answer(status=0, error="contender did not finish") for a in answers]


@dataclass
class Tally:
    """Figures of one race scenario over all its rounds."""

    name: str
    rounds: int = 0
    requests: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    duplicates: int = 0
    overbookings: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, answers: Sequence[Answer]) -> None:
        self.requests += len(answers)
        self.statuses.update(a.status for a in answers)
        self.problems.extend(a.error for a in answers if a.error)

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status == 0 or status >= 500)

    def check(self, ok: bool, problem: str) -> None:
        if not ok:
            self.problems.append(problem)

    def line(self) -> str:
        statuses = ", ".join(f"{s}×{n}" for s, n in sorted(self.statuses.items()))
        return (
            f"{self.name}: {self.rounds} rounds, {self.requests} concurrent requests "
            f"({statuses}); duplicates {self.duplicates}, overbookings {self.overbookings}, "
            f"5xx/no answer {self.server_errors}, other problems {len(self.problems)}"
        )
