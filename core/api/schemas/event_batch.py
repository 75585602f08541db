"""The body of ``POST /events/batch``, read one item at a time.

A batch is documented as :class:`BatchIn` (up to 1,000 events, each as ``POST /events``
takes it), but decoded by :class:`BatchBody` item by item from the raw bytes: an item that is
no event at all (a field of the wrong type, a number out of range, a missing field, not even
an object) is answered in ``rejected`` with its index and reasons, like an item the service
refuses, and never fails its neighbours. Only a body that is no batch (not JSON, no
``events``, more than 1,000 of them) is refused whole.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar.dto import MsgspecDTO
from litestar.exceptions import ClientException
from litestar.typing import FieldDefinition

from core.api.values import dec_hook
from core.errors import FieldProblem, field_rule
from core.i18n import _
from core.services.events import Accepted, EventIn, Problem, Rejected

MAX_BATCH = 1000
Events = Annotated[list[EventIn], msgspec.Meta(min_length=1, max_length=MAX_BATCH)]


class BatchIn(msgspec.Struct, forbid_unknown_fields=True):
    """What a batch looks like (for the API's documentation; see :class:`BatchBody`)."""

    events: Events


class _Envelope(msgspec.Struct, forbid_unknown_fields=True):
    events: Annotated[list[msgspec.Raw], msgspec.Meta(min_length=1, max_length=MAX_BATCH)]


class DecodedBatch(msgspec.Struct):
    """A batch read item by item: the items that are events with their ``places`` in the
    batch, and the items that are not, already answered."""

    events: list[EventIn]
    places: list[int]
    rejected: list[Rejected]


def _problem(error: msgspec.ValidationError) -> Problem:
    """msgspec's message as a field and a rule in the request's language (through
    :func:`core.errors.field_rule`): ``Expected `str`, got `int` - at `$.unit``` names
    ``unit``; a missing or unknown field is named itself; a value inside ``measurements`` is
    named by the dictionary only (msgspec does not say which key)."""
    message, _sep, where = str(error).partition(" - at ")
    path = where.strip("`").split("` in `")[-1].replace("[...]", "")
    field, rule = field_rule(path.removeprefix("$").removeprefix("."), message)
    return Problem(field or "event", rule)


def decode_batch(body: bytes) -> DecodedBatch:
    try:
        envelope = msgspec.json.decode(body, type=_Envelope)
    except msgspec.ValidationError as error:
        problem = _problem(error)
        raise FieldProblem.one("body" if problem.field == "event" else problem.field, problem.message) from None
    except msgspec.DecodeError as error:
        raise ClientException(_("the body is not JSON: {error}").format(error=error)) from None
    batch = DecodedBatch(events=[], places=[], rejected=[])
    decoder = msgspec.json.Decoder(EventIn, dec_hook=dec_hook)  # Moments checked as Litestar checks them
    for index, raw in enumerate(envelope.events):
        try:
            batch.events.append(decoder.decode(raw))
            batch.places.append(index)
        except msgspec.ValidationError as error:
            batch.rejected.append(Rejected(index=index, reasons=[_problem(error)]))
    return batch


class BatchBody(MsgspecDTO[DecodedBatch]):
    """Litestar's door for decoding a body its own way: :func:`decode_batch` on the raw
    bytes, documented in the OpenAPI schema as :class:`BatchIn`."""

    def decode_bytes(self, value: bytes) -> DecodedBatch:
        return decode_batch(value)

    @classmethod
    def create_openapi_schema(cls, field_definition: FieldDefinition, handler_id: str, schema_creator: Any) -> Any:
        return schema_creator.for_field_definition(FieldDefinition.from_annotation(BatchIn))


class BatchAccepted(msgspec.Struct):
    """An accepted item, briefly: its evaluation is one ``GET /events/{id}`` away."""

    index: int
    id: str
    outcome: str
    nonconformities: list[str]
    judged: bool
    reason: str | None = None


class BatchOut(msgspec.Struct):
    accepted: list[BatchAccepted]
    rejected: list[Rejected]

    @classmethod
    def of(cls, batch: DecodedBatch, accepted: list[Accepted], rejected: list[Rejected]) -> BatchOut:
        """The service's answers for ``batch.events``, indexed by their places in the batch,
        with the items that were no events."""
        place = batch.places
        return cls(
            accepted=[
                BatchAccepted(
                    index=place[a.index],
                    id=a.id,
                    outcome=a.outcome,
                    nonconformities=a.nonconformities,
                    judged=a.judged,
                    reason=a.reason,
                )
                for a in accepted
            ],
            rejected=sorted(
                [*batch.rejected, *(Rejected(index=place[r.index], reasons=r.reasons) for r in rejected)],
                key=lambda r: r.index,
            ),
        )
