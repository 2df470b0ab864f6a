"""What the book's configuration (_config.yml) says of who publishes it and where it lives: read here, once, so that
the standards page, the verdict boxes' report links and the theme's repository buttons use one setting."""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import quote

import yaml

CONFIG = Path(__file__).resolve().parent.parent / "_config.yml"


@functools.cache
def config() -> dict:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


def publisher() -> str:
    """Who publishes the book, as the configuration names its author."""
    return str(config().get("author", "")).strip()


def repository_url() -> str:
    """The public repository's address (repository.url), or "" where none is configured."""
    return str((config().get("repository") or {}).get("url", "") or "").strip()


def report_url(claim_label: str) -> str:
    """A link that opens a new issue on the repository with the claim named, or "" where no repository is
    configured."""
    base = repository_url().rstrip("/")
    if not base:
        return ""
    return f"{base}/issues/new?title={quote('Error report: ' + claim_label)}"
