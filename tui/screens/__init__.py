"""The app's screens: the comparison, the file picker, and the help and export dialogs."""

from .compare import CompareScreen
from .export import ExportScreen
from .help import HelpScreen
from .picker import PickerScreen

__all__ = ["CompareScreen", "ExportScreen", "HelpScreen", "PickerScreen"]
