"""The complaints plugin's part of the admin console: the queue of work orders with their SLA
countdowns and escalation levels, the order view with the actions its state allows, intake,
and a dashboard panel of the orders in breach.

Only the console imports this package, through the factories the plugin's
``register_console_screens`` and ``register_console_panels`` hand it, so the API server never
loads Textual. Everything is fetched and changed through the plugin's own routes with the
console's API client, so permissions, scope, enablement and audit apply as for any caller.
"""

from plugins.complaints.screens.order import OrderScreen
from plugins.complaints.screens.panel import BreachPanel
from plugins.complaints.screens.queue import QueueScreen

__all__ = ["BreachPanel", "OrderScreen", "QueueScreen"]
