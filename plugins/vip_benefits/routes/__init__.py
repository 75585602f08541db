"""The plugin's routes, mounted by the core at ``/api/v1/plugins/vip_benefits`` behind its
enablement guard (404 ``plugin-disabled`` where the programme is off at the unit the request
is about: a client's, a record's, the ``unit_code`` path parameter, the ``unit`` query
parameter, else the caller's; see :mod:`core.api.enablement`). Each handler adds its
permission guard; services check every unit and record they are given against the caller's
scope and against where the programme is on."""

from __future__ import annotations

from plugins.vip_benefits.routes import catalogue, ledger, reports

HANDLERS = [*catalogue.HANDLERS, *ledger.HANDLERS, *reports.HANDLERS]
