"""The version, kept apart so `storydiff --version` imports nothing else."""

__version__ = "0.1.0"
