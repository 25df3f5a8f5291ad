"""The app's widgets, one per module."""

from .detail import DetailPanel, describe_group
from .diff_view import DiffView, finding_groups
from .summary import SummaryBar

__all__ = ["DetailPanel", "DiffView", "SummaryBar", "describe_group", "finding_groups"]
