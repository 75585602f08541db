"""The console's half of the plugin SDK: what a plugin's screens and panels may import.

A plugin's console screens import from here (and from :mod:`core.sdk` for time, money and
the Structs its own API answers with) and from their own package, nothing else of the
console. The screens reach the plugin only through its HTTP API (:class:`ApiClient`), so
they work the same against a remote server and the embedded one. Names follow semantic
versioning of the ``touchstone`` distribution, as :mod:`core.sdk`'s do; each is documented
in ``docs/sdk.md``.
"""

from console.api import ApiClient, ApiError, FieldError, Problem
from console.content import local_problem
from console.labels import word
from console.screens.modals import ConfirmModal, FormModal, reason_field, reason_modal
from console.screens.pick_field import PickField
from console.screens.pickers import Choice, ChoiceModal, SearchPicker, client_search, staff_search, unit_search
from console.screens.plugin import PluginScreen
from console.widgets.calls import call_api
from console.widgets.figures import bar, percent, sparkline
from console.widgets.form import FormField, Parsed, place_errors, required
from console.widgets.paged_table import PagedTable, Row
from console.widgets.panels import FigurePanel

__all__ = [
    "ApiClient",
    "ApiError",
    "Choice",
    "ChoiceModal",
    "ConfirmModal",
    "FieldError",
    "FigurePanel",
    "FormField",
    "FormModal",
    "PagedTable",
    "Parsed",
    "PickField",
    "PluginScreen",
    "Problem",
    "Row",
    "SearchPicker",
    "bar",
    "call_api",
    "client_search",
    "local_problem",
    "percent",
    "place_errors",
    "reason_field",
    "reason_modal",
    "required",
    "sparkline",
    "staff_search",
    "unit_search",
    "word",
]
