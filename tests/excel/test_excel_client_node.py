"""Excel's own client code: the JavaScript from /xlwings/custom-functions-code, run in Node.js.

Node stands in for Excel's JavaScript runtime: only the Office.js globals
(Office, Excel, CustomFunctions) and the browser's XMLHttpRequest are small
stand-ins (tests/excel/node/excel_client.mjs); the code that builds the request,
posts it and turns a server error into Excel's #WERT! is the one the live
server delivers.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from .cases import CALLS, check_answer
from .conftest import HERE
from .test_server import FUNCTIONS


@pytest.fixture(scope="module")
def node_answers(server_url):
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is not installed (.ci/setup installs it)")
        pytest.skip("node is not installed")
    calls = []
    for call in CALLS:
        # Excel passes every declared parameter, null for the ones left out, then the invocation.
        padding = len(FUNCTIONS[call.excel_name]) - len(call.args)
        calls.append({"id": call.excel_name, "args": call.args + [None] * padding})
    done = subprocess.run(
        [node, str(HERE / "node" / "excel_client.mjs"), server_url],
        input=json.dumps(calls),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_function_is_associated(node_answers):
    assert sorted(node_answers["associated"]) == sorted(FUNCTIONS)


def test_allocate_through_excels_javascript(node_answers):
    readme = CALLS.index(next(call for call in CALLS if call.name == "allocate_readme_example"))
    assert node_answers["answers"][readme] == {"result": [[6_687_722], [3_072_884], [48_239_394]]}


@pytest.mark.parametrize("index", range(len(CALLS)), ids=[call.name for call in CALLS])
def test_same_answers_as_the_server(node_answers, server_results, index):
    call = CALLS[index]
    answer = node_answers["answers"][index]
    if call.error:
        # CustomFunctions.Error(invalidValue, message): Excel shows #WERT! and the message on hover.
        assert answer["error"]["code"] == "#VALUE!"
        check_answer(call, {"error": answer["error"]["message"]})
        assert answer["error"]["message"] == server_results[index]["error"]
    else:
        check_answer(call, answer)
        assert answer["result"] == server_results[index]["result"]
