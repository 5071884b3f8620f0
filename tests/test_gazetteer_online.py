"""The opt-in online fallback, against a local server on 127.0.0.1 that speaks Nominatim's JSON API:
each name is asked once, every answer ("not found" included) is cached with its service and date,
and a timeout or a server error leaves the run going with the name unresolved."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from geomap.cli import cli
from geomap.gazetteer.online import enable_online
from geomap.gazetteer.store import Gazetteer
from geomap.gazetteer.user import UserLayer

VILLAGE = "Zvirohradivka"  # no gazetteer knows it
ANSWERS = {
    VILLAGE.lower(): [{
        "place_id": 1234, "licence": "Data (c) OpenStreetMap contributors, ODbL 1.0", "osm_type": "node",
        "osm_id": 987654321, "lat": "47.5741", "lon": "36.2190", "class": "place", "type": "village",
        "place_rank": 19, "importance": 0.21, "addresstype": "village", "name": VILLAGE,
        "display_name": f"{VILLAGE}, Polohy Raion, Zaporizhzhia Oblast, Ukraine",
        "address": {"village": VILLAGE, "state": "Zaporizhzhia Oblast", "country": "Ukraine", "country_code": "ua"},
        "boundingbox": ["47.5541", "47.5941", "36.1990", "36.2390"],
    }],
}


class Nominatim(BaseHTTPRequestHandler):
    """/search?q=...&format=json: a village, "not found" for other names, a hang and a 500."""

    calls: Counter[str] = Counter()
    agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        name = query.get("q", [""])[0]
        type(self).calls[name] += 1
        type(self).agents.append(self.headers.get("User-Agent", ""))
        if url.path != "/search" or query.get("format") != ["json"]:
            self._send(404, {"error": "unknown path"})
        elif name == "Slowtown":
            time.sleep(1.5)  # longer than the client's timeout
            self._send(200, [])
        elif name == "Errortown":
            self._send(500, {"error": "internal error"})
        else:
            self._send(200, ANSWERS.get(name.lower(), []))

    def _send(self, status: int, body: object) -> None:
        data = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout case)

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture()
def service():
    Nominatim.calls = Counter()
    Nominatim.agents = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Nominatim)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_name_is_asked_once_and_the_answer_cached_with_source_and_date(service, tmp_path: Path, gazetteer):
    from geomap.gazetteer.geocoder import GazetteerGeocoder

    user = tmp_path / "user.sqlite"
    store = Gazetteer(gazetteer.path, user_path=user)
    online = enable_online(store, "nominatim", service, timeout=0.5, min_delay_seconds=0)
    location = GazetteerGeocoder(store).geocode(VILLAGE)  # geopy's interface, with the fallback behind it
    assert (location.latitude, location.longitude) == (47.5741, 36.219)
    assert location.raw["id"] == "osm:node/987654321" and location.raw["country_code"] == "UA"
    assert location.raw["source"].startswith(f"nominatim {service} 20")  # service and date
    assert location.raw["admin1_code"] == "UA.26"  # the region of the nearest bundled town
    assert Nominatim.calls == Counter({VILLAGE: 1})
    assert all(agent.startswith("geomap/") for agent in Nominatim.agents)

    assert store.lookup("Nowhereville") == []
    assert store.lookup("Nowhereville") == [] and store.lookup(VILLAGE)
    assert Nominatim.calls == Counter({VILLAGE: 1, "Nowhereville": 1})  # nothing asked twice
    with UserLayer(user) as layer:
        place_id, answered_at = layer.online_answer("Nowhereville", online.service)
        assert place_id is None and answered_at.startswith("20")

    # The next run is offline: a gazetteer with no fallback finds the cached answer.
    offline = Gazetteer(gazetteer.path, user_path=user)
    assert offline.fallback is None
    assert [m.place.id for m in offline.lookup(VILLAGE)] == ["osm:node/987654321"]
    listing = CliRunner().invoke(cli, ["gazetteer", "list", "--online", "--user-layer", str(user)])
    assert f"{VILLAGE}: osm:node/987654321  [nominatim {service}" in listing.output
    assert "Nowhereville: not found" in listing.output


def test_a_timeout_or_an_error_leaves_the_name_unresolved_and_uncached(service, tmp_path: Path, gazetteer):
    user = tmp_path / "user.sqlite"
    store = Gazetteer(gazetteer.path, user_path=user)
    warnings: list[str] = []
    online = enable_online(store, "nominatim", service, timeout=0.5, min_delay_seconds=0, notify=warnings.append)
    assert store.lookup("Slowtown") == [] and store.lookup("Errortown") == []
    assert store.lookup("Slowtown") == []  # not asked again in the same run
    assert Nominatim.calls == Counter({"Slowtown": 1, "Errortown": 1})
    assert "GeocoderTimedOut" in online.failed["slowtown"]
    assert "GeocoderServiceError" in online.failed["errortown"] or "GeocoderUnavailable" in online.failed["errortown"]
    assert len(warnings) == 2 and "left unresolved, not cached" in warnings[0]
    with UserLayer(user) as layer:
        assert layer.online_answer("Slowtown", online.service) is None
        assert layer.online_answer("Errortown", online.service) is None
    # The run goes on: the village after them is still found.
    assert store.lookup(VILLAGE)[0].place.name == VILLAGE


def test_geoparse_online_through_the_cli_then_offline(service, tmp_path: Path, monkeypatch, gazetteer):
    monkeypatch.setenv("GEOMAP_USER_PLACES", str(tmp_path / "user.sqlite"))
    text = f"Shelling hit {VILLAGE} and Errortown near Kyiv."
    spans = [[text.index(VILLAGE), text.index(VILLAGE) + len(VILLAGE)],
             [text.index("Errortown"), text.index("Errortown") + 9], [text.index("Kyiv"), text.index("Kyiv") + 4]]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "a1", "text": text, "spans": spans}) + "\n", encoding="utf-8")
    runner = CliRunner()
    online = runner.invoke(cli, ["geoparse", str(corpus), "--gold-spans", "--online", "nominatim",
                                 "--online-url", service])
    assert online.exit_code == 0, online.output
    toponyms = {t["surface"]: t for t in json.loads(online.stdout.splitlines()[-1])["toponyms"]}
    assert (toponyms[VILLAGE]["lat"], toponyms[VILLAGE]["lon"], toponyms[VILLAGE]["kind"]) == (47.5741, 36.219, "place")
    assert toponyms["Errortown"]["name"] is None  # the 500 left it unresolved, and the run went on
    assert toponyms["Kyiv"]["name"] == "Kyiv"
    assert "online look-up of 'Errortown'" in online.stderr
    assert Nominatim.calls == Counter({VILLAGE: 1, "Errortown": 1})  # Kyiv is known offline: never sent

    offline = runner.invoke(cli, ["geoparse", str(corpus), "--gold-spans"])
    again = {t["surface"]: t for t in json.loads(offline.stdout.splitlines()[-1])["toponyms"]}
    assert again[VILLAGE]["lat"] == 47.5741
    assert Nominatim.calls == Counter({VILLAGE: 1, "Errortown": 1})


def test_a_bad_service_url_is_a_one_line_error(tmp_path: Path, monkeypatch, gazetteer):
    monkeypatch.setenv("GEOMAP_USER_PLACES", str(tmp_path / "user.sqlite"))
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "a1", "text": "Kyiv."}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["geoparse", str(corpus), "--online", "nominatim", "--online-url", "localhost"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == "Error: localhost: not an http(s) URL for the nominatim service"
