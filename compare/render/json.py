"""JSON output: `to_dict()` of the result, deterministic and UTF-8."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["render_json"]


def render_json(result: Any, **_: Any) -> str:
    """The result's `to_dict()` as indented JSON, keys in a fixed order, non-ASCII kept."""
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
