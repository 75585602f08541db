"""One work order: who complained (masked as the API masks it) about what, every deadline and
how it stands, extensions, the resolution, and each step (who, when, what); below, the keys of
the actions its state allows, each a dialog that submits to the API."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from console.sdk import ApiClient, FormModal, PluginScreen, call_api, reason_modal
from core.sdk import china_time
from plugins.complaints.lifecycle import MOVES, OPEN_STATES, Action
from plugins.complaints.schemas import ExtensionOut, OrderOut, StepOut
from plugins.complaints.screens.calls import ComplaintsApi
from plugins.complaints.screens.forms import ResolveForm, decision_form, note_form
from plugins.complaints.screens.show import (
    CHANNELS,
    SEVERITIES,
    category,
    countdown,
    handling,
)

NOTE_STEPS: dict[str, tuple[str, str]] = {
    "acknowledge": ("Record the first contact", "The first contact with the client meets the first-contact deadline."),
    "investigate": ("Start the investigation", ""),
    "wait": ("Wait for the client", "The SLA clock stops while waiting, if the unit's policy says so."),
    "resume": ("Resume the investigation", "The time the clock stood still moves the decision deadline."),
    "reply": ("Record the reply to the client", "The decision told to the client meets the decision deadline."),
    "close": ("Close the order", ""),
}
STATUS_STYLES = {"met": "green", "missed": "bold red", "overdue": "bold red", "paused": "blue", "superseded": "dim"}


def grid(*pairs: tuple[str, object]) -> Table:
    """Label/value pairs two to a line."""
    table = Table.grid(padding=(0, 2))
    for _ in range(2):
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
    cells = [cell for label, value in pairs for cell in (label, value if isinstance(value, Text) else str(value))]
    for i in range(0, len(cells), 4):
        table.add_row(*cells[i : i + 4])
    return table


def listing(columns: tuple[str, ...], rows: list[tuple[object, ...]], narrow: tuple[str, ...] = ()) -> Table:
    """A table of rows; the ``narrow`` columns give up their room first (cut with an ellipsis)."""
    table = Table(box=None, padding=(0, 1), header_style="bold", expand=True)
    for column in columns:
        table.add_column(
            column, max_width=24 if column in narrow else None, no_wrap=column in narrow, overflow="ellipsis"
        )
    for cells in rows:
        table.add_row(*cells)  # type: ignore[arg-type]
    return table


def what(step: StepOut) -> str:
    """A step as one line: the action and, for intake and escalation, where it took the order."""
    facts = step.details
    if step.action == "intake":
        return f"taken in ({facts.get('channel')}), handled at {facts.get('handling_unit')}"
    if step.action == "escalated":
        deadline, _, round_ = str(facts.get("deadline")).partition("@")
        again = f" (round {int(round_) + 1})" if round_ not in ("", "0") else ""
        return f"escalated {facts.get('from')} → {facts.get('to')}: {deadline}{again} missed"
    moved = f": {step.from_state} → {step.to_state}" if step.from_state and step.from_state != step.to_state else ""
    return step.action + moved


def facts(order: OrderOut) -> Table:
    s, who = order.summary, order.summary.complainant
    complainant = " ".join(filter(None, (who.name, who.phone, who.email))) or "—"
    return grid(
        ("Unit", s.unit),
        ("Handling", handling(s)),
        ("State", s.state),
        ("Round", order.round),
        ("Channel", f"{CHANNELS[s.channel]} {s.channel}"),
        ("Received", china_time(s.received_at)),
        ("Category", f"{category(s.category)} {s.category}"),
        ("Severity", f"{SEVERITIES[s.severity]} {s.severity}" + (" serious" if s.serious else "")),
        ("Complainant", complainant),
        ("Client", s.client or "anonymous"),
        ("Staff", order.staff or "—"),
        ("Region", order.region),
    )


def deadlines(order: OrderOut) -> Table:
    running = {"first_contact": order.summary.first_contact}
    if order.summary.decision is not None:
        running[order.summary.decision.key] = order.summary.decision
    rows = [
        (
            d.key,
            china_time(d.due_at),
            Text(d.status, style=STATUS_STYLES.get(d.status, "")),
            china_time(d.met_at) if d.met_at else countdown(running.get(d.key), done=""),
        )
        for d in order.deadlines
    ]
    return listing(("Deadline", "Due", "Status", "Met / left"), rows)


def extensions(items: list[ExtensionOut]) -> Table:
    return listing(
        ("Level", "Status", "Reason", "Asked", "Decided"),
        [
            (
                str(e.level),
                e.status,
                e.reason,
                f"{e.requested_by} {china_time(e.requested_at)}",
                f"{e.decided_by} {china_time(e.decided_at)} {e.decision_note or ''}".strip() if e.decided_at else "—",
            )
            for e in items
        ],
    )


def resolution(order: OrderOut) -> Table:
    yes_no = {True: "yes", False: "no", None: "—"}
    return grid(
        ("Justified", yes_no[order.justified]),
        ("Apology", yes_no[order.apology_given]),
        ("Compensation", f"¥{order.compensation:,.2f}" if order.compensation is not None else "—"),
        ("", ""),
        ("Resolution", order.resolution or "—"),
    )


class OrderScreen(PluginScreen):
    TITLE = "投诉工单详情"
    BINDINGS = [
        Binding("a", "step('acknowledge')", "Acknowledge"),
        Binding("i", "step('investigate')", "Investigate"),
        Binding("w", "step('wait')", "Wait for client"),
        Binding("g", "step('resume')", "Resume"),
        Binding("v", "resolve", "Resolve"),
        Binding("y", "step('reply')", "Reply"),
        Binding("x", "step('close')", "Close"),
        Binding("b", "reopen", "Reopen"),
        Binding("e", "extend", "Extend"),
        Binding("t", "decide", "Decide extension"),
        Binding("r", "reload", "Reload"),
    ]
    HELP = (
        "A complaint work order: the complainant (masked where your role may not see personal data), what they "
        "said, every deadline with its status, extensions, the resolution and each step. The footer shows the "
        "actions its state allows: a acknowledge (the first contact), i investigate, w wait for the client, "
        "g resume, v resolve, y reply, x close, b reopen (the client disputes the decision), e extend the "
        "decision deadline, t approve or reject a further extension; each asks for a note or a reason."
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
            ("content", "Complaint"),
            ("resolution", "Resolution"),
            ("deadlines", "Deadlines"),
            ("extensions", "Extensions"),
            ("steps", "Steps"),
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
        self.query_one("#facts").border_title = f"{order.summary.id} · {order.summary.state}"
        self.query_one("#facts", Static).update(facts(order))
        attachments = "\n".join(f"📎 {a}" for a in order.attachments)
        self.query_one("#content", Static).update(order.content + (f"\n{attachments}" if attachments else ""))
        self.query_one("#deadlines", Static).update(deadlines(order))
        self.query_one("#steps", Static).update(
            listing(
                ("When", "Who", "What"),
                [
                    (china_time(s.at), s.actor, Text(what(s)).append(f"\n{s.note}" if s.note else "", style="dim"))
                    for s in order.steps
                ],
                narrow=("Who",),
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
        self.act(note_form(title, lambda text: self.complaints.step(self.order_id, action, text), note))

    def action_resolve(self) -> None:
        self.act(ResolveForm(lambda body: self.complaints.resolve(self.order_id, body)))

    def action_reopen(self) -> None:
        self.act(
            reason_modal(
                "Reopen: the client disputes the decision",
                lambda reason: self.complaints.reopen(self.order_id, reason),
                note="Within the reopen window after the reply; a new round of the decision deadline starts.",
            )
        )

    def action_extend(self) -> None:
        self.act(
            reason_modal(
                "Extend the decision deadline",
                lambda reason: self.complaints.extend(self.order_id, reason),
                note="The first extension is granted at once; a further one waits for approval from the "
                "level above. The client is told of each.",
            )
        )

    def action_decide(self) -> None:
        if (extension := self.pending()) is not None:

            def decide(approve: bool, note: str) -> Awaitable[OrderOut]:
                return self.complaints.decide(self.order_id, extension.id, approve, note)

            self.act(decision_form(extension, decide))
