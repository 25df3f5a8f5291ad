"""Fixtures for the ingest tests: a real local HTTP server (see http_fixture.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from http_fixture import serve


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The base URL of the fixture server on 127.0.0.1, started once and stopped after the tests."""
    with serve() as url:
        yield url
