import xl_funcs  # noqa: F401  first: keeps openpyxl on defusedxml even though lxml is installed (see xl_funcs/__init__.py)
import pytest
from hypothesis import settings

from .live_server import running_server

# Property tests measure correctness, not speed: no per-example deadline.
settings.register_profile("mittelverteilung", deadline=None, max_examples=150)
settings.load_profile("mittelverteilung")


@pytest.fixture(scope="session")
def server_url():
    """One live xlwings Server for the whole test session (functions and scripts)."""
    with running_server() as url:
        yield url
