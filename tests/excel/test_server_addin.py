"""The xlwings Server add-in as Excel and IT get it: manifest, ribbon, icons, task pane, served by `mittelverteilung serve`.

Microsoft's XSD files for add-in manifests are not shipped by any package on the
registries this project may use (PyPI, npm, Debian; checked: office-addin-manifest
1.x–3.0, office-addin-validator, office-addin-manifest-converter, office-toolbox,
office-addin-debugging), so the manifest is checked against the rules of that
schema as Microsoft documents them: the order and presence of the elements, the
string length limits, the resource ids and their references, the URL and icon
kinds. These checks read the served XML, not the template.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import posixpath
import re
import struct
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

import httpx
import openpyxl
import pytest
from xlwings import XlwingsError

from xl_funcs.readers import bundled_workbook_path

from ..live_server import running_server
from ..publish.test_excel_scripts import bad_workbook
from ..readers.officejs_payload import book_json
from .conftest import ROOT

SERVER = ROOT / "workbook" / "server"
NS = {
    "o": "http://schemas.microsoft.com/office/appforoffice/1.1",
    "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
    "ov": "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
}
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
SCAFFOLD = ("Hello", "hello-ribbon", "MyGroup", "MyTab", "MyFunctionButton", "Task pane", "Show Taskpane",
            "Click to", "didn't load", "xlwings-16.png", "xlwings-32.png", "www.xlwings.org", "Contoso")
# The children of <OfficeApp xsi:type="TaskPaneApp">, in the order the schema (OfficeAppManifestV1_1) prescribes.
OFFICE_APP_ORDER = ("Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description",
                    "IconUrl", "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements",
                    "DefaultSettings", "Permissions", "AllowSnapshot", "VersionOverrides", "ExtendedOverrides")
REQUIRED = ("Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "DefaultSettings", "Permissions")


def local(element) -> str:
    return element.tag.rsplit("}", 1)[-1]


@pytest.fixture(scope="module")
def manifest_response(server_url):
    return httpx.get(f"{server_url}/manifest.xml", timeout=30)


@pytest.fixture(scope="module")
def manifest(manifest_response):
    return ET.fromstring(manifest_response.content)


@pytest.fixture(scope="module")
def resources(manifest):
    found = {}
    for group in ("Images", "Urls", "ShortStrings", "LongStrings"):
        for item in manifest.iterfind(f".//ov:Resources/bt:{group}/*", NS):
            assert item.get("id") not in found, f"resource id {item.get('id')} twice"
            found[item.get("id")] = (group, item.get("DefaultValue"))
    return found


@pytest.fixture(scope="module")
def buttons(manifest):
    return manifest.findall(".//ov:OfficeTab/ov:Group/ov:Control", NS)


def test_manifest_is_served_as_xml_in_german(manifest_response, manifest):
    assert manifest_response.headers["content-type"].startswith("application/xml")
    assert manifest_response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"')
    assert manifest.find("o:DefaultLocale", NS).text == "de-DE"
    assert manifest.find("o:DisplayName", NS).get("DefaultValue") == "Mittelverteilung"
    assert "Ministerium für Soziales" in manifest.find("o:ProviderName", NS).text
    assert "Stadt- und Landkreise" in manifest.find("o:Description", NS).get("DefaultValue")


def test_manifest_follows_the_schema(manifest, resources):
    assert local(manifest) == "OfficeApp" and manifest.get(XSI_TYPE) == "TaskPaneApp"
    children = [local(child) for child in manifest]
    assert all(name in OFFICE_APP_ORDER for name in children), children
    assert children == sorted(children, key=OFFICE_APP_ORDER.index), "Reihenfolge der Elemente"
    assert len(children) == len(set(children))
    assert set(REQUIRED) <= set(children)
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", manifest.find("o:Id", NS).text)
    assert re.fullmatch(r"\d{1,5}(\.\d{1,5}){0,3}", manifest.find("o:Version", NS).text)
    assert manifest.find("o:Version", NS).text == importlib.metadata.version("mittelverteilung") + ".0"
    assert manifest.find("o:Permissions", NS).text in ("Restricted", "ReadDocument", "ReadWriteDocument", "WriteDocument")
    assert len(manifest.find("o:DisplayName", NS).get("DefaultValue")) <= 125
    assert len(manifest.find("o:Description", NS).get("DefaultValue")) <= 250
    assert len(manifest.find("o:ProviderName", NS).text) <= 250

    overrides = manifest.find("ov:VersionOverrides", NS)
    assert overrides.get(XSI_TYPE) == "VersionOverridesV1_0"
    assert [local(child) for child in overrides][:2] == ["Hosts", "Resources"]
    (host,) = overrides.findall("ov:Hosts/ov:Host", NS)
    assert host.get(XSI_TYPE) == "Workbook"
    assert [local(child) for child in host] == ["Runtimes", "AllFormFactors", "DesktopFormFactor"]
    desktop = host.find("ov:DesktopFormFactor", NS)
    assert [local(child) for child in desktop] == ["FunctionFile", "ExtensionPoint"]
    (tab,) = desktop.findall("ov:ExtensionPoint[@{http://www.w3.org/2001/XMLSchema-instance}type='PrimaryCommandSurface']/ov:OfficeTab", NS)
    assert tab.get("id") == "TabHome"
    (group,) = tab.findall("ov:Group", NS)
    assert [local(child) for child in group][:2] == ["Label", "Icon"]
    for control in group.findall("ov:Control", NS):
        assert control.get(XSI_TYPE) == "Button"
        assert [local(child) for child in control] == ["Label", "Supertip", "Icon", "Action"]
        assert [local(child) for child in control.find("ov:Supertip", NS)] == ["Title", "Description"]
    ids = [element.get("id") for element in manifest.iter() if element.get("id") and local(element) != "String"
           and local(element) not in ("Image", "Url")]
    assert len(ids) == len(set(ids)), ids
    assert [local(child) for child in overrides.find("ov:Resources", NS)] == ["Images", "Urls", "ShortStrings", "LongStrings"]

    # Every resid points at a resource of the right kind; resource ids are at most 32 characters.
    kinds = {"Label": "ShortStrings", "Title": "ShortStrings", "Namespace": "ShortStrings", "Description": "LongStrings",
             "Image": "Images", "SourceLocation": "Urls", "Runtime": "Urls", "FunctionFile": "Urls"}
    references = [element for element in overrides.iter() if element.get("resid")]
    assert references
    for element in references:
        resid = element.get("resid")
        assert len(resid) <= 32 and resid in resources, resid
        assert resources[resid][0] == kinds[local(element)], resid
    for resid, (kind, value) in resources.items():
        assert len(resid) <= 32
        assert value, resid
        if kind == "ShortStrings":
            assert len(value) <= 125, resid
        if kind == "LongStrings":
            assert len(value) <= 250, resid


def test_ribbon_group_mittelverteilung_on_home_with_a_button_per_action(manifest, resources, buttons):
    group = manifest.find(".//ov:OfficeTab[@id='TabHome']/ov:Group", NS)
    assert resources[group.find("ov:Label", NS).get("resid")][1] == "Mittelverteilung"
    labels = [resources[button.find("ov:Label", NS).get("resid")][1] for button in buttons]
    assert labels == [
        "Amtliche Tabelle erzeugen",
        "Versandliste für die Kreise",
        "Szenarien vergleichen",
        "Auszahlungsplan erstellen",
        "Aufgabenbereich öffnen",
    ]
    tooltips = [resources[button.find("ov:Supertip/ov:Description", NS).get("resid")][1] for button in buttons]
    assert all(len(tip.split()) >= 8 for tip in tooltips)


def test_every_button_runs_something_the_server_has(server_url, manifest, resources, buttons):
    scripts = {meta["function_name"] for meta in httpx.get(f"{server_url}/xlwings/custom-scripts-meta", timeout=30).json()}
    for button in buttons:
        action = button.find("ov:Action", NS)
        if action.get(XSI_TYPE) == "ExecuteFunction":
            assert action.find("ov:FunctionName", NS).text in scripts
        else:
            assert action.get(XSI_TYPE) == "ShowTaskpane"
            url = resources[action.find("ov:SourceLocation", NS).get("resid")][1]
            page = httpx.get(url, timeout=30)
            assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")


def test_every_url_answers_and_every_icon_is_a_png_of_its_size(manifest, resources):
    icons = [(manifest.find("o:IconUrl", NS).get("DefaultValue"), 32),
             (manifest.find("o:HighResolutionIconUrl", NS).get("DefaultValue"), 64)]
    for image in manifest.iterfind(".//ov:Icon/bt:Image", NS):
        icons.append((resources[image.get("resid")][1], int(image.get("size"))))
    assert {size for _, size in icons} == {16, 32, 64, 80}
    for url, size in icons:
        response = httpx.get(url, timeout=30)
        assert response.status_code == 200, url
        assert response.headers["content-type"] == "image/png", url
        assert response.content[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", response.content[16:24])
        assert (width, height) == (size, size), url
    for resid, (kind, url) in resources.items():
        if kind == "Urls":
            assert httpx.get(url, timeout=30).status_code == 200, resid


def test_the_icons_are_those_the_generator_draws():
    spec = importlib.util.spec_from_file_location("make_icons", SERVER / "make_icons.py")
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    for size in make_icons.SIZES:
        committed = (make_icons.ICON_DIR / make_icons.file_name(size)).read_bytes()
        assert committed == make_icons.icon_png(size), f"{size}: python workbook/server/make_icons.py"


def _served_texts(server_url) -> dict[str, str]:
    """The manifest, the task pane, and every script and stylesheet of ours or xlwings' that the pane loads."""
    texts = {"/manifest.xml": httpx.get(f"{server_url}/manifest.xml", timeout=30).text}
    pane = httpx.get(f"{server_url}/taskpane.html", timeout=30).text
    texts["/taskpane.html"] = pane
    pending = [path for path in re.findall(r'(?:src|href)="(/[^"]+)"', pane) if not path.endswith(".png")]
    while pending:
        path = pending.pop()
        if path in texts or "/vendor/" in path:  # third-party libraries (Office.js, Bootstrap, socket.io)
            continue
        response = httpx.get(f"{server_url}{path}", timeout=30)
        assert response.status_code == 200, path
        texts[path] = response.text
        # The modules a script imports are served too.
        folder = path.rsplit("/", 1)[0]
        for module in re.findall(r'^\s*(?:import|export)\b[^"\n]*?from\s+"(\.{1,2}/[^"]+)"', response.text, re.M):
            pending.append(posixpath.normpath(f"{folder}/{module}"))
    texts["/xlwings/custom-scripts-meta"] = httpx.get(f"{server_url}/xlwings/custom-scripts-meta", timeout=30).text
    texts["/xlwings/custom-functions-meta"] = httpx.get(f"{server_url}/xlwings/custom-functions-meta", timeout=30).text
    return texts


def test_nothing_served_is_scaffold(server_url):
    texts = _served_texts(server_url)
    assert {"/static/js/ribbon.js", "/static/js/mittelverteilung.js", "/xlwings/custom-functions-code.js",
            "/static/js/utils.js", "/static/js/custom-scripts/action-dispatch.js"} <= set(texts)
    for path, text in texts.items():
        for word in SCAFFOLD:
            assert word not in text, (path, word)


def test_task_pane_is_german_with_buttons_status_functions_and_versions(server_url):
    page = httpx.get(f"{server_url}/taskpane.html", timeout=30).text
    assert '<html lang="de">' in page
    assert "<title>Mittelverteilung – Aufgabenbereich</title>" in page
    for label in ("Amtliche Tabelle erzeugen", "Versandliste für die Kreise"):
        assert f">{label}</button>" in page
    assert 'role="status"' in page and "<progress" in page and 'role="alert"' in page
    assert "Excel hat das Add-in nicht vollständig geladen." in page
    assert f'<dd id="mv-version-package">{importlib.metadata.version("mittelverteilung")}</dd>' in page
    tested = {"xlwings-server": "1.20.0", "xlwings": "0.37.8"}  # docs/betrieb.md: which versions belong together
    for package, element in (("xlwings-server", "server"), ("xlwings", "xlwings")):
        running = importlib.metadata.version(package)
        note = "" if running == tested[package] else f" <strong>(mit diesem Paket geprüft: {tested[package]})</strong>"
        assert f'<dd id="mv-version-{element}">{running}{note}</dd>' in page


def _examples(server_url) -> list[tuple[str, str]]:
    page = httpx.get(f"{server_url}/taskpane.html", timeout=30).text
    return re.findall(r"<dd><code>=XLWINGS\.(\w+)\((.*?)\)</code></dd>", page)


def _kreise_table():
    workbook = openpyxl.load_workbook(bundled_workbook_path(), data_only=True)
    sheet = next(ws for ws in workbook.worksheets if "Kreise" in ws.tables)
    rows = list(sheet[sheet.tables["Kreise"].ref])
    headers = [cell.value for cell in rows[0]]
    return workbook, headers, [[cell.value for cell in row] for row in rows[1:]]


def _argument(text: str, workbook, headers, rows):
    """One argument of an example, resolved as Excel would against the sample workbook (a 2-D matrix)."""
    text = text.strip()
    if match := re.fullmatch(r"Kreise\[\[(.+)\]:\[(.+)\]\]", text):
        first, last = headers.index(match[1]), headers.index(match[2])
        return [row[first : last + 1] for row in rows]
    if match := re.fullmatch(r"Kreise\[(.+)\]", text):
        column = headers.index(match[1])
        return [[row[column]] for row in rows]
    if re.fullmatch(r"-?\d+(,\d+)?", text):
        number = Fraction(text.replace(",", "."))
        return [[int(number) if number.denominator == 1 else float(number)]]
    (sheet_name, cell), = workbook.defined_names[text].destinations
    return [[workbook[sheet_name][cell.replace("$", "")].value]]


def test_function_examples_work_on_the_sample_workbooks_kreise_table(server_url):
    examples = _examples(server_url)
    meta = httpx.get(f"{server_url}/xlwings/custom-functions-meta", timeout=30).json()
    assert sorted(name for name, _ in examples) == sorted(function["id"] for function in meta["functions"])
    workbook, headers, rows = _kreise_table()
    assert len(rows) == 44
    for name, arguments in examples:
        body = {
            "client": "Office.js",
            "func_name": name.lower(),
            "args": [_argument(argument, workbook, headers, rows) for argument in arguments.split(";")],
            "caller_address": "[Mittelverteilung.xlsx]Berechnung!A1",
            "culture_info_name": "de-DE",
            "date_format": "TT.MM.JJJJ",
            "version": importlib.metadata.version("xlwings"),
            "runtime": "1.4",
        }
        response = httpx.post(f"{server_url}/xlwings/custom-functions-call", json=body, timeout=60)
        assert response.status_code == 200, (name, response.text)
        result = response.json()["result"]
        assert len(result) == (1 if name == "EXPLAIN" else 44), name
        assert all(value not in (None, "") and not isinstance(value, dict) for row in result for value in row), name
        if name == "ALLOCATE":
            assert sum(row[0] for row in result) == _argument("Budget", workbook, headers, rows)[0][0]


def test_a_defect_in_a_script_reaches_the_user_in_german(caplog):
    from xl_funcs.excel.scripts import _in_office_js

    def broken(book):
        raise KeyError("Kreise")

    with pytest.raises(XlwingsError) as raised:
        _in_office_js(broken, None, "Die Tabelle wurde nicht erzeugt. ")
    message = str(raised.value)
    assert message.startswith("Die Tabelle wurde nicht erzeugt. Interner Fehler (KeyError: 'Kreise').")
    assert "nicht verändert" in message
    assert "Die Tabelle wurde nicht erzeugt.: interner Fehler" in caplog.text


@pytest.mark.slow
def test_server_log_says_what_happened_without_a_traceback(tmp_path):
    with open(tmp_path / "server.log", "w+", encoding="utf-8") as log:
        with running_server(log=log) as url:
            bad = httpx.post(
                f"{url}/xlwings/custom-scripts-call/publish_official_table", json=book_json(bad_workbook(tmp_path)), timeout=120
            )
            good = httpx.post(
                f"{url}/xlwings/custom-scripts-call/publish_official_table", json=book_json(bundled_workbook_path()), timeout=120
            )
        log.seek(0)
        text = log.read()
    assert bad.status_code == 400 and good.status_code == 200
    assert "Die Tabelle wurde nicht erzeugt. 2 Probleme gefunden:" in text and "Parameter!B5" in text
    assert "Traceback" not in text and "interactive mode" not in text and "An error occurred" not in text


def test_the_pane_points_out_an_untested_server_version():
    from jinja2 import Environment, FileSystemLoader

    template = Environment(loader=FileSystemLoader(SERVER / "templates"), autoescape=True, trim_blocks=True,
                           lstrip_blocks=True).get_template("_versions.html")
    tested = {"server": "1.20.0", "xlwings": "0.37.8"}

    def shown(server: str) -> str:
        versions = {"package": "0.1.0", "server": server, "xlwings": "0.37.8"}
        return template.render(addin={"versions": versions, "tested_with": tested})

    assert '<dd id="mv-version-server">1.20.0</dd>' in shown("1.20.0")
    assert "geprüft" not in shown("1.20.0")
    assert '<dd id="mv-version-server">1.21.0 <strong>(mit diesem Paket geprüft: 1.20.0)</strong></dd>' in shown("1.21.0")
    assert '<dd id="mv-version-xlwings">0.37.8</dd>' in shown("1.21.0")
