"""Fail if any page of the built HTML book loads something from another host.

Usage: python tools/check_offline.py _build/html

Looks for <script src>, <link href>, <img src>, <iframe/source/video/audio src>
and CSS url() pointing off the site, and for any CDN named in a chart's code.
(sphinx-thebe's dormant live-code constant, which names unpkg.com but loads nothing,
is not written into the pages: rk35.assets leaves out what the book does not use.)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

EXTERNAL_TAG = re.compile(r"<(script|link|img|iframe|source|video|audio)\b[^>]*\b(src|href)\s*=\s*[\"'](?:https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*[\"']?(?:https?:)?//", re.IGNORECASE)
CDN = re.compile(r"cdn\.jsdelivr|unpkg\.com|cdnjs|googleapis|vega\.github\.io/schema", re.IGNORECASE)
SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def problems(root: Path) -> list[str]:
    found = []
    pages = sorted(root.rglob("*.html"))
    if not pages:
        return [f"{root}: no HTML pages (was the book built?)"]
    for page in pages:
        text = page.read_text(encoding="utf-8", errors="replace")
        for m in EXTERNAL_TAG.finditer(text):
            found.append(f"{page}: external load: {text[m.start():m.start() + 160]}")
        for m in CSS_URL.finditer(text):
            found.append(f"{page}: external CSS url(): {text[m.start():m.start() + 120]}")
        for script in SCRIPT.findall(text):
            if "vegaEmbed" in script and CDN.search(script):
                found.append(f"{page}: a chart's code names a CDN: {CDN.search(script).group(0)}")
    for sheet in sorted(root.rglob("*.css")):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        for m in CSS_URL.finditer(text):
            found.append(f"{sheet}: external CSS url(): {text[m.start():m.start() + 120]}")
    return found


def main(argv: list[str]) -> None:
    root = Path(argv[0] if argv else "_build/html")
    found = problems(root)
    if found:
        print(f"The book would load {len(found)} thing(s) from another host:", *found[:30], sep="\n  ")
        raise SystemExit(1)
    print(f"offline check: {len(list(root.rglob('*.html')))} pages load nothing from another host")


if __name__ == "__main__":
    main(sys.argv[1:])
