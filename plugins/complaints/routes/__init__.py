"""The plugin's routes, mounted by the core under ``/api/v1/plugins/complaints`` behind its
enablement guard. Orders are named under a unit (``/units/{unit_code}/complaints/…``) so the
guard checks the plugin is on where the complaint is; configuration and reports follow."""

from plugins.complaints.routes import configuration, orders

HANDLERS = [*orders.HANDLERS, *configuration.HANDLERS]
