"""What the plugin's codes are called in the viewer's language: the default categories,
channels, severities, work-order states, the steps of an order, its deadlines and how they
stand, and how an extension stands. The 360° view's section (server side) and the
console screens both name them from here; a bank's own category codes show as themselves."""

from __future__ import annotations

from plugins.complaints.i18n import lazy_gettext

CATEGORIES = {
    "service_attitude": lazy_gettext("service attitude"),
    "waiting_time": lazy_gettext("waiting time"),
    "fees": lazy_gettext("fee dispute"),
    "mis_selling": lazy_gettext("mis-selling"),
    "system_failure": lazy_gettext("system failure"),
    "privacy": lazy_gettext("privacy"),
    "other": lazy_gettext("other"),
}
CHANNELS = {
    "counter": lazy_gettext("counter"),
    "lobby": lazy_gettext("lobby"),
    "phone": lazy_gettext("phone"),
    "e_banking": lazy_gettext("e-banking"),
    "letter": lazy_gettext("letter"),
    "regulator": lazy_gettext("referred by the regulator"),
}
SEVERITIES = {"low": lazy_gettext("low"), "medium": lazy_gettext("medium"), "high": lazy_gettext("high")}
STATES = {
    "received": lazy_gettext("received"),
    "acknowledged": lazy_gettext("acknowledged"),
    "investigating": lazy_gettext("investigating"),
    "waiting_for_client": lazy_gettext("waiting for the client"),
    "resolved": lazy_gettext("resolved"),
    "replied": lazy_gettext("replied"),
    "closed": lazy_gettext("closed"),
}

STEPS = {
    "intake": lazy_gettext("taken in"),
    "acknowledge": lazy_gettext("first contact"),
    "investigate": lazy_gettext("investigation started"),
    "wait": lazy_gettext("waiting for the client"),
    "resume": lazy_gettext("investigation resumed"),
    "resolve": lazy_gettext("resolution proposed"),
    "reply": lazy_gettext("replied to the client"),
    "close": lazy_gettext("closed"),
    "reopen": lazy_gettext("reopened"),
    "escalated": lazy_gettext("escalated"),
    "extension_requested": lazy_gettext("further extension asked"),
    "extension_rejected": lazy_gettext("extension rejected"),
    "extended": lazy_gettext("deadline extended"),
}
DEADLINES = {
    "first_contact": lazy_gettext("first contact"),
    "decision": lazy_gettext("decision"),
    "extended": lazy_gettext("decision (extended)"),
    "further": lazy_gettext("decision (further extension)"),
}
DEADLINE_STATUSES = {
    "pending": lazy_gettext("pending"),
    "met": lazy_gettext("met"),
    "missed": lazy_gettext("missed"),
    "overdue": lazy_gettext("overdue"),
    "paused": lazy_gettext("paused"),
    "superseded": lazy_gettext("superseded"),
}
EXTENSION_STATUSES = {
    "pending": lazy_gettext("awaiting approval"),
    "approved": lazy_gettext("approved"),
    "rejected": lazy_gettext("rejected"),
}
