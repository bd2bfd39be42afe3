"""The /kaart page in a real browser: headless Chromium (Debian's package) driven by Playwright,
against the real API served by uvicorn over the embedded store, with every request that does not
go to 127.0.0.1 blocked. It must lay out, draw, show the API's node count, show hover cards,
and log no console error. Saves artifacts/kaart.png.

Without Chromium the tests skip loudly; with CI=true they fail instead.
Install: apt-get update && apt-get install -y chromium   (never `playwright install`).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn

from api.app import create_app
from armoedegraaf.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("ARMOEDEGRAAF_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOT = PROJECT_ROOT / "artifacts" / "kaart.png"
NO_BROWSER = (f"headless Chromium not found at {CHROMIUM}: the browser tests of /kaart are NOT running. "
              "Install it with `apt-get update && apt-get install -y chromium`.")


def _browser_missing() -> str | None:
    if not CHROMIUM.exists():
        return NO_BROWSER
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"the playwright package is missing ({exc}): pip install -e '.[test]'"
    return None


@pytest.fixture(scope="module")
def chromium():
    missing = _browser_missing()
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(missing, pytrace=False)
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def api_url(loaded_memory, tmp_path_factory):
    """The real app under uvicorn on 127.0.0.1, in a thread, over the seed graph."""
    yield from _serve(Settings(data_dir=tmp_path_factory.mktemp("api")), loaded_memory)


@pytest.fixture(scope="module")
def keyed_api_url(loaded_memory, tmp_path_factory):
    """The same app with ARMOEDEGRAAF_API_KEYS set: one read key, one write key."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("keyed"), api_keys="lees-123, schrijf-456:write")
    yield from _serve(settings, loaded_memory)


def _serve(settings: Settings, store):
    port = _free_port()
    app = create_app(settings, store=store)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


class OfflinePage:
    """A page that may reach only the API: every other request is aborted and recorded."""

    def __init__(self, browser, base: str):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.base, self.blocked, self.errors, self.requests = base, [], [], []
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url.startswith(self.base + "/"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open_kaart(self, path: str) -> None:
        response = self.page.goto(self.base + path)
        self.csp = response.headers.get("content-security-policy", "")
        self.wait_stable()

    def wait_stable(self) -> None:
        # Polled from here: Playwright's wait_for_function evals its predicate in the page, which
        # the page's Content-Security-Policy (rightly) forbids.
        deadline = time.monotonic() + 60
        while not self.page.evaluate("window.kaart && window.kaart.stable === true"):
            assert time.monotonic() < deadline, "the kaart did not become stable within 60 s"
            time.sleep(0.1)

    def painted_pixels(self) -> int:
        """Pixels of the network canvas that something was drawn on (the canvas starts transparent)."""
        return self.page.evaluate("""() => {
            const canvas = document.querySelector('#mynetwork canvas');
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let painted = 0;
            for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) painted++; }
            return painted;
        }""")


@pytest.mark.parametrize("query", ["", "?focus=plan:vapa-2015-2019&depth=2&grondrecht=05"])
def test_kaart_draws_offline_what_the_api_answers(chromium, api_url, query):
    expected = httpx.get(f"{api_url}/kaart/data{query}").json()
    view = OfflinePage(chromium, api_url)
    try:
        view.open_kaart(f"/kaart{query}")
        page = view.page
        shown = page.inner_text("#node-count").strip()
        drawn = page.evaluate("window.kaart.nodeCount")  # the graph's nodes, not the "+N" stand-ins
        assert int(shown) == drawn == len(expected["nodes"]) > 1
        assert page.evaluate("window.kaart.edgeCount") == len(expected["edges"])
        assert page.evaluate("window.kaart.network.physics.physicsEnabled") is False  # stopped once stable
        canvas_area = page.evaluate("(() => { const c = document.querySelector('#mynetwork canvas');"
                                    " return c.width * c.height; })()")
        assert view.painted_pixels() > canvas_area * 0.005, "the network canvas is blank"
        assert page.is_visible("#legend") and page.inner_text("#legend").count("(") >= 2
        if not query:
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT))
        assert view.blocked == [], f"the page tried to reach the network: {view.blocked}"
        assert [u for u in view.requests if not u.endswith("/favicon.ico")] == [f"{api_url}/kaart{query}"], \
            "the page loaded something besides itself"
        assert view.errors == []  # a script or style the CSP blocked would be a console error here
        assert "default-src 'self'" in view.csp and "frame-ancestors 'none'" in view.csp
    finally:
        view.page.close()


def test_hovering_a_node_shows_its_source_line(chromium, api_url):
    view = OfflinePage(chromium, api_url)
    try:
        view.open_kaart("/kaart")
        page = view.page
        focus = page.evaluate("window.kaart.network.body.data.nodes.getIds()[0]")
        x, y = page.evaluate("""(id) => {
            const net = window.kaart.network;
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById('mynetwork').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""", focus)
        page.mouse.move(x - 30, y - 30)
        page.mouse.move(x, y, steps=5)
        card = page.wait_for_selector("div.vis-tooltip .kaart-card", state="visible", timeout=5_000)
        text = card.inner_text()
        assert "bron: " in text and ", regel " in text and f"id: {focus}" in text
        assert view.errors == [] and view.blocked == []
    finally:
        view.page.close()


def test_an_ambiguous_focus_shows_the_candidates_and_keeps_the_form(chromium, api_url):
    view = OfflinePage(chromium, api_url)
    try:
        response = view.page.goto(f"{api_url}/kaart?focus=OCMW%20Boom&depth=2")
        page = view.page
        assert response.status == 422
        error = page.inner_text("#kaart-error")
        assert "OCMW Boom" in error and "past bij 2 knopen" in error
        names = page.locator("#kaart-candidates a").all_inner_texts()
        # The study names the platform after its lead: both answer to the name, each shown by its own.
        assert sorted(names) == ["Lokaal netwerk kinderarmoede Boom", "OCMW Boom"]
        assert page.input_value("#focus") == "OCMW Boom" and page.is_visible("#kaart-form")
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT.with_name("kaart-ambiguous.png")))
        # Choosing a candidate opens its kaart.
        page.click("#kaart-candidates a >> nth=0")
        view.wait_stable()
        assert names[0] in page.inner_text("h1")
        assert view.blocked == []
        assert [e for e in view.errors if "status of 422" not in e] == []  # the page answers 422 on purpose
    finally:
        view.page.close()


def test_a_local_kaart_in_dutch_with_its_hubs_collapsed(chromium, api_url):
    view = OfflinePage(chromium, api_url)
    try:
        view.open_kaart("/kaart?focus=platform:ocmw-boom&depth=2")
        page = view.page
        legend = page.inner_text("#legend")
        assert "soorten knopen" in legend.lower() and "verbindingen" in legend.lower() and "PARTNER_OF" not in legend
        assert "werkt samen met" in legend
        assert "Drukke knopen samengevat" in page.inner_text("header")
        more = page.evaluate("window.kaart.nodes.get({filter: n => n.kind === 'Collapsed'}).map(n => n.label)")
        assert more and all(label.startswith("+") for label in more)
        page.screenshot(path=str(SCREENSHOT.with_name("kaart-boom.png")))
        assert view.blocked == [] and view.errors == []
    finally:
        view.page.close()


@pytest.mark.parametrize("path, drawn", [("/docs", ".opblock"), ("/redoc", "[data-section-id^='tag/'], li[data-item-id]")])
def test_api_docs_draw_offline(chromium, api_url, path, drawn):
    """Swagger UI and ReDoc come from the app itself (no CDN): with every outside request blocked,
    the operations are drawn."""
    spec = httpx.get(f"{api_url}/openapi.json").json()
    operations = sum(len(ops) for ops in spec["paths"].values())
    view = OfflinePage(chromium, api_url)
    try:
        view.page.goto(api_url + path)
        view.page.wait_for_selector(drawn, timeout=60_000)
        if path == "/docs":
            assert view.page.locator(".opblock").count() == operations
            assert "/kaart" in view.page.inner_text("#swagger-ui")
        else:
            assert "armoedegraaf" in view.page.inner_text("body")
        view.page.screenshot(path=str(SCREENSHOT.with_name(f"{path.strip('/')}.png")))
        assert view.blocked == [], f"the docs tried to reach the network: {view.blocked}"
        # ReDoc's maker's logo is refused by the page's own policy before any request is made.
        assert [e for e in view.errors if "cdn.redoc.ly" not in e] == []
    finally:
        view.page.close()


def test_a_click_shows_the_sources_and_the_link_opens_the_passage(chromium, api_url):
    view = OfflinePage(chromium, api_url)
    try:
        view.open_kaart("/kaart?focus=hvhk:huis-van-het-kind-boom&depth=1")
        page = view.page
        x, y = page.evaluate("""() => {
            const net = window.kaart.network;
            const p = net.canvasToDOM(net.getPositions(['hvhk:huis-van-het-kind-boom'])['hvhk:huis-van-het-kind-boom']);
            const box = document.getElementById('mynetwork').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""")
        page.mouse.click(x, y)
        page.wait_for_selector("#details:not([hidden])", timeout=5_000)
        link = page.locator("#details a").first
        text, href = link.inner_text(), link.get_attribute("href")
        assert ", regel " in text and href.startswith("/bron/") and "regel=" in href
        page.goto(api_url + href)
        line = href.split("regel=")[1].split("#")[0]
        assert page.is_visible(f"#regel-{line}.hit")
        assert view.blocked == [] and view.errors == []
    finally:
        view.page.close()


def _poll(page, script: str, want, seconds: float = 10):
    """Poll a value from the page (the page's CSP forbids wait_for_function's eval)."""
    deadline = time.monotonic() + seconds
    while (got := page.evaluate(script)) != want:
        assert time.monotonic() < deadline, f"{script} is {got!r}, not {want!r}, after {seconds} s"
        time.sleep(0.1)


def _midpoint(page, a: str, b: str) -> tuple[float, float]:
    """Where on the screen the middle of the line between nodes a and b is."""
    return tuple(page.evaluate("""([a, b]) => {
        const net = window.kaart.network, pos = net.getPositions([a, b]);
        const p = net.canvasToDOM({x: (pos[a].x + pos[b].x) / 2, y: (pos[a].y + pos[b].y) / 2});
        const box = document.getElementById('mynetwork').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }""", [a, b]))


def test_a_verdict_on_a_lijkt_op_pair_is_given_from_the_side_panel(chromium, api_url):
    """A coordinator clicks a 'lijkt op' line, names herself and clicks 'verschillend': the verdict
    is stored (GET /verdicts lists it), her name is remembered, and the next kaart shows it."""
    focus, other = "action:armoedeplan-opgroeien:og25-07", "action:armoedeplan-opgroeien:og25-08"
    path = f"/kaart?focus={focus}&depth=1"
    data = httpx.get(f"{api_url}/kaart/data?focus={focus}&depth=1").json()
    assert [(e["start"], e["end"]) for e in data["edges"] if e["type"] == "SIMILAR_TO"] == [(focus, other)]
    assert httpx.get(f"{api_url}/verdicts", params={"kind": "overlap"}).json()["total"] == 0
    view = OfflinePage(chromium, api_url)
    try:
        view.open_kaart(path)
        page = view.page
        # Click the middle of the line between the two: a real click on the 'lijkt op' edge.
        x, y = _midpoint(page, focus, other)
        page.mouse.click(x, y)
        page.wait_for_selector("#details:not([hidden]) #verdict", timeout=5_000)
        assert "lijkt op" in page.inner_text("#details-body")
        assert page.inner_text("#verdict-current") == "Nog geen oordeel."
        assert page.locator("#verdict button").all_inner_texts() == [
            "zelfde initiatief", "verwant", "opvolger", "verschillend"]
        # Without a name nothing is sent.
        page.click("#verdict button[data-verdict=distinct]")
        assert "Vul eerst je naam in" in page.inner_text("#verdict-answer")
        assert not any(u.endswith("/verdicts") for u in view.requests)
        page.fill("#verdict-author", "Coördinator Boom")
        page.fill("#verdict-note", "ander doelpubliek")
        page.click("#verdict button[data-verdict=distinct]")
        _poll(page, "document.getElementById('verdict-answer').textContent.startsWith('Oordeel bewaard: verschillend')", True)
        listed = httpx.get(f"{api_url}/verdicts", params={"kind": "overlap"}).json()["verdicts"]
        assert [(v["a"], v["b"], v["verdict"], v["author"], v["note"], v["attached"]) for v in listed] == [
            (focus, other, "distinct", "Coördinator Boom", "ander doelpubliek", True)]
        assert page.evaluate("localStorage.getItem('armoedegraaf.auteur')") == "Coördinator Boom"
        # The next kaart carries the verdict in force on that line, and the panel shows it.
        verdicts = [e.get("verdict") for e in httpx.get(f"{api_url}/kaart/data?focus={focus}&depth=1").json()["edges"]
                    if e["type"] == "SIMILAR_TO"]
        assert [v["verdict"] for v in verdicts] == ["distinct"]
        view.open_kaart(path)
        page.mouse.click(x, y)
        page.wait_for_selector("#details:not([hidden]) #verdict", timeout=5_000)
        assert page.inner_text("#verdict-current").startswith("Huidig oordeel: verschillend (door Coördinator Boom")
        assert page.input_value("#verdict-author") == "Coördinator Boom"
        assert view.blocked == [] and view.errors == []
    finally:
        view.page.close()


def test_a_read_key_gets_a_dutch_message_instead_of_a_stored_verdict(chromium, keyed_api_url):
    """With API keys the page is opened with a read key (as a proxy would add it): the verdict is
    refused (403) and the panel says why, in Dutch; nothing is stored."""
    focus, other = "action:armoedeplan-opgroeien:og25-07", "action:armoedeplan-opgroeien:og25-08"
    view = OfflinePage(chromium, keyed_api_url)
    try:
        view.page.set_extra_http_headers({"X-API-Key": "lees-123"})
        view.open_kaart(f"/kaart?focus={focus}&depth=1")
        page = view.page
        edge = page.evaluate("window.kaart.edges.get({filter: e => e.kind === 'SIMILAR_TO'}).map(e => e.id)")
        x, y = _midpoint(page, focus, other)
        page.mouse.click(x, y)
        page.wait_for_selector("#details:not([hidden]) #verdict", timeout=5_000)
        assert len(edge) == 1
        page.fill("#verdict-author", "Coördinator Boom")
        page.click("#verdict button[data-verdict=same]")
        _poll(page, "document.getElementById('verdict-answer').textContent.startsWith('Niet bewaard')", True)
        assert "schrijfsleutel" in page.inner_text("#verdict-answer")
        listed = httpx.get(f"{keyed_api_url}/verdicts", headers={"X-API-Key": "lees-123"}).json()
        assert listed["total"] == 0
        assert view.blocked == []
        assert [e for e in view.errors if "status of 403" not in e] == []  # the refusal itself is logged
    finally:
        view.page.close()
