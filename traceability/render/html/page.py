"""Self-contained, safe HTML pages: the Jinja environment, inlined assets and the Content-Security-Policy.

Every script and stylesheet is inlined, and the page's CSP allows exactly those
(by SHA-256 hash) and nothing else: no other script, no request to any host.
User text reaches the page only through autoescaped template fields or the
``tojson`` data block, whose ``<``, ``>``, ``&`` and ``'`` Jinja escapes (and
``json.dumps`` escapes every non-ASCII character, U+2028 and U+2029 among them).
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from goldenthread.traceability.render.formatting import board_money
from goldenthread.traceability.render.formatting import money_display as format_money
from goldenthread.traceability.render.formatting import number as format_number
from goldenthread.traceability.render.formatting import percent_display as format_percent

__all__ = ["Asset", "content_security_policy", "environment", "own_asset", "render_page", "vis_assets"]

HERE = Path(__file__).parent
#: vis-network as vendored in pyvis 0.3.2 (released with it; Apache-2.0 or MIT).
VIS_VERSION = "9.1.2"
# Text that would end an inline element early, or switch the HTML parser into
# the "script data escaped" states.
_BREAKOUT = {"script": re.compile(r"</script|<!--", re.IGNORECASE), "style": re.compile(r"</style", re.IGNORECASE)}
_SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S+\s*$")


class Asset(str):
    """The text of one inline script or stylesheet, checked safe to inline."""

    __slots__ = ()

    @property
    def digest(self) -> str:
        """The CSP source expression for this exact text."""
        raw = hashlib.sha256(self.encode("utf-8")).digest()
        return "'sha256-" + base64.b64encode(raw).decode("ascii") + "'"


def _asset(text: str, element: str, name: str) -> Asset:
    if _BREAKOUT[element].search(text):
        raise ValueError(f"{name} cannot be inlined: it contains text that would end the <{element}> element")
    return Asset(text)


def _pyvis_dir() -> Path:
    # Found without importing pyvis, which would import IPython.
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed; it provides vis-network")
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def vis_assets() -> tuple[Asset, Asset]:
    """vis-network's script (licence header kept, source-map comment dropped) and stylesheet."""
    lib = _pyvis_dir() / "lib" / f"vis-{VIS_VERSION}"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # The map is not shipped; a browser's developer tools would ask for it.
    js = _SOURCE_MAP.sub("\n", js)
    return _asset(js, "script", "vis-network.min.js"), _asset(css, "style", "vis-network.css")


@cache
def own_asset(name: str) -> Asset:
    """One of this package's scripts or stylesheets, by file name."""
    element = "script" if name.endswith(".js") else "style"
    return _asset((HERE / name).read_text(encoding="utf-8"), element, name)


def content_security_policy(scripts: list[Asset], styles: list[Asset]) -> str:
    """``default-src 'none'`` plus the hashes of exactly these inline scripts and styles.

    ``img-src data:`` is for the icons vis-network's stylesheet carries as data
    URIs; nothing may be fetched, framed, posted or used as a base URL.
    """
    return "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(s.digest for s in scripts),
            "style-src " + " ".join(s.digest for s in styles),
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


@cache
def environment() -> jinja2.Environment:
    """The Jinja environment of the HTML views: autoescape everywhere, undefined names fail."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(money=format_money, board=board_money, number=format_number, percent=format_percent)
    # Sorted keys for byte-identical output; compact, as the data can be megabytes.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
    return env


def render_page(template: str, scripts: list[Asset], styles: list[Asset], **context: object) -> str:
    """Render ``template`` with its inline ``scripts`` and ``styles`` and the CSP that admits them."""
    return (
        environment()
        .get_template(template)
        .render(
            csp=content_security_policy(scripts, styles),
            scripts=[Markup(s) for s in scripts],
            styles=[Markup(s) for s in styles],
            **context,
        )
    )
