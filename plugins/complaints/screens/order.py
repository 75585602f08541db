"""One work order: who complained (masked as the API masks it) about what, every deadline and
how it stands, extensions, the resolution, and each step (who, when, what); below, the keys of
the actions its state allows, each a dialog that submits to the API."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from console.sdk import ApiClient, FormModal, call_api, reason_modal
from core.sdk import china_time, named, yuan
from plugins.complaints.i18n import N_, _, lazy_gettext
from plugins.complaints.lifecycle import MOVES, OPEN_STATES, Action
from plugins.complaints.schemas import ExtensionOut, OrderOut, StepOut
from plugins.complaints.screens.calls import ComplaintsApi
from plugins.complaints.screens.forms import ResolveForm, decision_form, note_form
from plugins.complaints.screens.page import ComplaintsScreen
from plugins.complaints.screens.show import category, channel, countdown, handling, severity, state
from plugins.complaints.terms import DEADLINE_STATUSES, DEADLINES, EXTENSION_STATUSES, STEPS

NOTE_STEPS = {
    "acknowledge": (
        lazy_gettext("Record the first contact"),
        lazy_gettext("The first contact with the client meets the first-contact deadline."),
    ),
    "investigate": (lazy_gettext("Start the investigation"), ""),
    "wait": (
        lazy_gettext("Wait for the client"),
        lazy_gettext("The SLA clock stops while waiting, if the unit's policy says so."),
    ),
    "resume": (
        lazy_gettext("Resume the investigation"),
        lazy_gettext("The time the clock stood still moves the decision deadline."),
    ),
    "reply": (
        lazy_gettext("Record the reply to the client"),
        lazy_gettext("The decision told to the client meets the decision deadline."),
    ),
    "close": (lazy_gettext("Close the order"), ""),
}
STATUS_STYLES = {"met": "green", "missed": "bold red", "overdue": "bold red", "paused": "blue", "superseded": "dim"}


def grid(*pairs: tuple[str, object]) -> Table:
    """Label/value pairs two to a line; values fold rather than being cut at 80 columns."""
    table = Table.grid(padding=(0, 2), expand=True)
    for _column in range(2):
        table.add_column(style="bold", no_wrap=True)
        table.add_column(ratio=1, overflow="fold")
    cells = [cell for label, value in pairs for cell in (label, value if isinstance(value, Text) else str(value))]
    for i in range(0, len(cells), 4):
        table.add_row(*cells[i : i + 4])
    return table


def listing(
    columns: tuple[str, ...], rows: Sequence[Sequence[RenderableType | None]], narrow: tuple[str, ...] = ()
) -> Table:
    """A table of rows; the ``narrow`` columns give up their room first (cut with an ellipsis)."""
    table = Table(box=None, padding=(0, 1), header_style="bold", expand=True)
    for column in columns:
        table.add_column(
            column, max_width=24 if column in narrow else None, no_wrap=column in narrow, overflow="ellipsis"
        )
    for cells in rows:
        table.add_row(*cells)
    return table


def what(step: StepOut) -> str:
    """A step as one line: the action and, for intake and escalation, where it took the order."""
    facts = step.details
    if step.action == "intake":
        return _("taken in ({channel}), handled at {unit}").format(
            channel=channel(str(facts.get("channel"))), unit=facts.get("handling_unit")
        )
    if step.action == "escalated":
        deadline, _sep, round_ = str(facts.get("deadline")).partition("@")
        missed = named(DEADLINES, deadline)
        if round_ not in ("", "0"):
            missed = _("{deadline} (round {round})").format(deadline=missed, round=int(round_) + 1)
        return _("escalated {source} → {target}: {deadline} missed").format(
            source=facts.get("from"), target=facts.get("to"), deadline=missed
        )
    name = named(STEPS, step.action)
    if step.from_state and step.to_state and step.from_state != step.to_state:
        return f"{name}: {state(step.from_state)} → {state(step.to_state)}"
    return name


def facts(order: OrderOut) -> Table:
    s, who = order.summary, order.summary.complainant
    complainant = " ".join(filter(None, (who.name, who.phone, who.email))) or "—"
    serious = " " + _("(serious)") if s.serious else ""
    return grid(
        (_("Unit"), s.unit),
        (_("Handling"), handling(s)),
        (_("State"), state(s.state)),
        (_("Round"), order.round),
        (_("Channel"), channel(s.channel)),
        (_("Received"), china_time(s.received_at)),
        (_("Category"), category(s.category)),
        (_("Severity"), severity(s.severity) + serious),
        (_("Complainant"), complainant),
        (_("Client"), s.client or _("anonymous")),
        (_("Staff"), order.staff or "—"),
        (_("Region"), order.region),
    )


def deadlines(order: OrderOut) -> Table:
    running = {"first_contact": order.summary.first_contact}
    if order.summary.decision is not None:
        running[order.summary.decision.key] = order.summary.decision
    rows = [
        (
            named(DEADLINES, d.key),
            china_time(d.due_at),
            Text(named(DEADLINE_STATUSES, d.status), style=STATUS_STYLES.get(d.status, "")),
            china_time(d.met_at) if d.met_at else countdown(running.get(d.key), done=""),
        )
        for d in order.deadlines
    ]
    return listing((_("Deadline"), _("Due"), _("Status"), _("Met / left")), rows)


def extensions(items: list[ExtensionOut]) -> Table:
    return listing(
        (_("Level"), _("Status"), _("Reason"), _("Asked"), _("Decided")),
        [
            (
                str(e.level),
                named(EXTENSION_STATUSES, e.status),
                e.reason,
                f"{e.requested_by} {china_time(e.requested_at)}",
                f"{e.decided_by} {china_time(e.decided_at)} {e.decision_note or ''}".strip() if e.decided_at else "—",
            )
            for e in items
        ],
    )


def resolution(order: OrderOut) -> Table:
    yes_no = {True: _("yes"), False: _("no"), None: "—"}
    return grid(
        (_("Justified"), yes_no[order.justified]),
        (_("Apology"), yes_no[order.apology_given]),
        (_("Compensation"), yuan(order.compensation)),
        ("", ""),
        (_("Resolution"), order.resolution or "—"),
    )


class OrderScreen(ComplaintsScreen):
    """One order; its steps are numbered keys in the order of the lifecycle, so each key means
    one step wherever it is pressed, and only the steps its state allows show in the footer."""

    TITLE = N_("Complaint work order")
    AUTO_FOCUS = "#order"
    BINDINGS = [
        Binding("1", "step('acknowledge')", N_("Acknowledge")),
        Binding("2", "step('investigate')", N_("Investigate")),
        Binding("3", "step('wait')", N_("Wait for client")),
        Binding("4", "step('resume')", N_("Resume")),
        Binding("5", "resolve", N_("Resolve")),
        Binding("6", "step('reply')", N_("Reply")),
        Binding("7", "step('close')", N_("Close")),
        Binding("8", "reopen", N_("Reopen")),
        Binding("9", "extend", N_("Extend")),
        Binding("0", "decide", N_("Decide extension")),
        Binding("r", "reload", N_("Reload")),
    ]
    HELP = N_(
        "A complaint work order: the complainant (masked where your role may not see personal data), what they "
        "said, every deadline with its status, extensions, the resolution and each step. The footer shows the "
        "steps its state allows, numbered in the order of the work: 1 acknowledge (the first contact), "
        "2 investigate, 3 wait for the client, 4 resume, 5 resolve, 6 reply, 7 close, 8 reopen (the client "
        "disputes the decision), 9 extend the decision deadline, 0 approve or reject a further extension; "
        "each asks for a note or a reason. r reloads."
    )

    def __init__(self, api: ApiClient, unit: str, order_id: str, on_change: Callable[[], None] = lambda: None) -> None:
        super().__init__(api, unit)
        self.complaints = ComplaintsApi(api, unit)
        self.order_id = order_id
        self.order: OrderOut | None = None
        self.on_change = on_change

    def body(self) -> ComposeResult:
        with VerticalScroll(id="order"):
            for part in ("facts", "content", "resolution", "deadlines", "extensions", "steps"):
                yield Static(id=part, classes="section")

    def on_mount(self) -> None:
        self.sub_title = self.order_id
        for part, title in (
            ("content", _("Complaint")),
            ("resolution", _("Resolution")),
            ("deadlines", _("Deadlines")),
            ("extensions", _("Extensions")),
            ("steps", _("Steps")),
        ):
            self.query_one(f"#{part}").border_title = title
        self.action_reload()

    @work(exclusive=True, group="order")
    async def action_reload(self) -> None:
        if (
            order := await call_api(self, self.complaints.order(self.order_id), busy=self.query_one("#order"))
        ) is not None:
            self.show(order)

    def show(self, order: OrderOut) -> None:
        self.order = order
        self.query_one("#facts").border_title = f"{order.summary.id} · {state(order.summary.state)}"
        self.query_one("#facts", Static).update(facts(order))
        attachments = "\n".join(f"📎 {a}" for a in order.attachments)
        self.query_one("#content", Static).update(order.content + (f"\n{attachments}" if attachments else ""))
        self.query_one("#deadlines", Static).update(deadlines(order))
        self.query_one("#steps", Static).update(
            listing(
                (_("When"), _("Who"), _("What")),
                [
                    (china_time(s.at), s.actor, Text(what(s)).append(f"\n{s.note}" if s.note else "", style="dim"))
                    for s in order.steps
                ],
                narrow=(_("Who"),),
            )
        )
        for part, shown, render in (
            ("resolution", order.justified is not None, resolution),
            ("extensions", bool(order.extensions), lambda o: extensions(o.extensions)),
        ):
            box = self.query_one(f"#{part}", Static)
            box.display = shown
            if shown:
                box.update(render(order))
        self.refresh_bindings()

    def pending(self) -> ExtensionOut | None:
        found = [e for e in self.order.extensions if e.status == "pending"] if self.order else []
        return found[0] if found else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.order is None:
            return action not in {"step", "resolve", "reopen", "extend", "decide"}
        now = self.order.summary.state
        allowed = {
            "step": lambda: now in MOVES[parameters[0]][0],  # type: ignore[index]
            "resolve": lambda: now in MOVES["resolve"][0],
            "reopen": lambda: now in MOVES["reopen"][0],
            "extend": lambda: now in OPEN_STATES and self.pending() is None,
            "decide": lambda: self.pending() is not None,
        }
        return allowed[action]() if action in allowed else True

    def act(self, dialog: FormModal[OrderOut]) -> None:
        self.app.push_screen(dialog, self.acted)

    def acted(self, order: OrderOut | None) -> None:
        if order is not None:
            self.show(order)
            self.on_change()

    def action_step(self, action: Action) -> None:
        title, note = NOTE_STEPS[action]
        self.act(note_form(str(title), lambda text: self.complaints.step(self.order_id, action, text), str(note)))

    def action_resolve(self) -> None:
        self.act(ResolveForm(lambda body: self.complaints.resolve(self.order_id, body)))

    def action_reopen(self) -> None:
        self.act(
            reason_modal(
                _("Reopen: the client disputes the decision"),
                lambda reason: self.complaints.reopen(self.order_id, reason),
                note=_("Within the reopen window after the reply; a new round of the decision deadline starts."),
            )
        )

    def action_extend(self) -> None:
        self.act(
            reason_modal(
                _("Extend the decision deadline"),
                lambda reason: self.complaints.extend(self.order_id, reason),
                note=_(
                    "The first extension is granted at once; a further one waits for approval from the "
                    "level above. The client is told of each."
                ),
            )
        )

    def action_decide(self) -> None:
        if (extension := self.pending()) is not None:

            def decide(approve: bool, note: str) -> Awaitable[OrderOut]:
                return self.complaints.decide(self.order_id, extension.id, approve, note)

            self.act(decision_form(extension, decide))
