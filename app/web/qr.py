"""QR codes as SVG: the board's join QR and the QR on each table card."""

import io

import segno

COLOURS = {"dark": "#1b2a4a", "light": "#ffffff"}


def qr_svg(url: str) -> bytes:
    """A standalone SVG file (for an <img>)."""
    svg = io.BytesIO()
    segno.make(url, error="m").save(svg, kind="svg", scale=8, border=2, **COLOURS)
    return svg.getvalue()


def qr_inline(url: str) -> str:
    """An <svg> element without a fixed size, to be sized by the page's CSS."""
    return segno.make(url, error="m").svg_inline(omitsize=True, border=2, **COLOURS)
