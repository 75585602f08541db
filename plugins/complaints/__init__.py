"""Complaint handling: intake from every channel, work orders with SLA deadlines counted on
the bank's holiday calendar, escalation up the organisation tree, and complaint reports."""

__version__ = "0.1.0"
