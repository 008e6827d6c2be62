"""The add-in's own pieces in xlwings Server: the manifest as XML and the content of manifest and task pane.

xlwings Server imports this module (its hook for a project's routes) while it
builds its app. Two things happen here:
- The templates (this project's templates/ comes before the package's) get the
  add-in's buttons, functions and versions as the global ``addin``.
- ``/manifest.xml`` is answered with an XML content type. xlwings Server's own
  route renders the same template but declares it ``text/plain``; since the first
  matching route wins and the package's routes are registered before this
  module's, ours are put in front of them.
"""

from __future__ import annotations

import sys

from fastapi import APIRouter, Header, Request
from xlwings_server.config import settings
from xlwings_server.routers import manifest as package_manifest
from xlwings_server.templates import templates

import addin_content

MANIFEST_TYPE = "application/xml; charset=utf-8"

templates.env.globals["addin"] = {
    "actions": addin_content.actions(),
    "functions": addin_content.FUNCTIONS,
    "versions": addin_content.versions(),
    "tested_with": addin_content.TESTED_WITH,
}

_routes = APIRouter(prefix=settings.app_path)


def _as_xml(response):
    response.headers["content-type"] = MANIFEST_TYPE
    return response


@_routes.get("/manifest")
@_routes.get("/manifest.xml")
async def manifest(request: Request, protocol: str = Header(default="", alias="X-Forwarded-Proto")):
    return _as_xml(package_manifest._get_manifest_response(request, protocol, download=False))


@_routes.get("/manifest/download")
async def manifest_download(request: Request, protocol: str = Header(default="", alias="X-Forwarded-Proto")):
    return _as_xml(package_manifest._get_manifest_response(request, protocol, download=True))


# The app under construction (this module is imported from xlwings_server.main).
_app = sys.modules["xlwings_server.main"].app
_app.router.routes[0:0] = _routes.routes
