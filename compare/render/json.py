"""JSON output: `to_dict()` of the result, deterministic and UTF-8."""

from __future__ import annotations

import json
from typing import Any

from ..errors import OptionError
from ..model import Comparison
from .display import JSON_ESCAPES

__all__ = ["json_text", "render_json"]


def json_text(data: Any, indent: int = 2) -> str:
    """`data` as JSON, non-ASCII kept but every character a terminal would obey escaped (`JSON_ESCAPES`)."""
    return json.dumps(data, ensure_ascii=False, indent=indent).translate(JSON_ESCAPES)


def render_json(result: Any, *, facts_only: bool = False) -> str:
    """The result's `to_dict()` as indented JSON, keys in a fixed order, non-ASCII kept.

    `facts_only=True` gives only the versions' labels and the fact-drift findings of a comparison.
    """
    data = _findings(result) if facts_only else result.to_dict()
    return json_text(data) + "\n"


def _findings(result: Any) -> dict[str, Any]:
    if not isinstance(result, Comparison):
        raise OptionError("only a comparison of two versions has changed facts to list on their own")
    return {"a": result.a.label, "b": result.b.label, "findings": [f.to_dict() for f in result.findings]}
