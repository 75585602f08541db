"""Touchstone's core: organisation, staff, clients, touchpoints, scores and the plugin machinery.

Plugins import :data:`hookimpl` from here::

    from core import hookimpl

    @hookimpl
    def client_created(client, reason, ctx): ...
"""

from core.hookspecs import hookimpl

__all__ = ["hookimpl"]
__version__ = "0.2.0"
