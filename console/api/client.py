"""The HTTP side of the console: requests in, msgspec Structs out, problems as :class:`ApiError`.

Plugin screens receive this client and call their own routes with it
(``await api.get("/plugins/complaints/orders", OrderPage, unit="BJ-CY")``): paths are
relative to ``/api/v1``, ``None`` query parameters are dropped, bodies are msgspec Structs
(or plain JSON values), and every failure, including a server that does not answer, arrives
as one exception type.
"""

from __future__ import annotations

from typing import Any, TypeVar

import httpx
import msgspec

from console.api.problems import ApiError, Problem

T = TypeVar("T")
_problem = msgspec.json.Decoder(Problem)


class ApiClient:
    """Typed calls over an ``httpx.AsyncClient`` whose base URL ends in ``/api/v1``."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def get(self, path: str, type: type[T], **params: Any) -> T:
        return self._decode(await self._send("GET", path, params=params), type)

    async def post(
        self, path: str, type: type[T], body: Any = None, *, headers: dict[str, str] | None = None, **params: Any
    ) -> T:
        """``headers``: extra request headers (an ``Idempotency-Key``)."""
        return self._decode(await self._send("POST", path, body=body, params=params, headers=headers), type)

    async def put(self, path: str, type: type[T], body: Any = None, **params: Any) -> T:
        return self._decode(await self._send("PUT", path, body=body, params=params), type)

    async def patch(self, path: str, type: type[T], body: Any = None, **params: Any) -> T:
        return self._decode(await self._send("PATCH", path, body=body, params=params), type)

    async def delete(self, path: str, type: type[T], **params: Any) -> T:
        return self._decode(await self._send("DELETE", path, params=params), type)

    async def get_text(self, path: str, **params: Any) -> str:
        """A text answer (a standard as TOML)."""
        return (await self._send("GET", path, params=params)).text

    async def download(self, path: str, **params: Any) -> httpx.Response:
        """A file the API sends (a list as CSV): the whole answer, its headers name the file."""
        return await self._send("GET", path, params=params)

    async def post_text(self, path: str, text: str, type: type[T], media_type: str = "application/toml") -> T:
        """Send a text file as the body (a standard to import)."""
        response = await self._send("POST", path, content=text.encode("utf-8"), headers={"Content-Type": media_type})
        return self._decode(response, type)

    async def _send(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: dict[str, Any] | None = None,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        query = {k: v for k, v in (params or {}).items() if v is not None}
        if body is not None:
            content, headers = msgspec.json.encode(body), {**(headers or {}), "Content-Type": "application/json"}
        try:
            response = await self.http.request(method, path.lstrip("/"), params=query, content=content, headers=headers)
        except httpx.HTTPError as exc:
            raise ApiError.unreachable(str(self.http.base_url), str(exc) or type(exc).__name__) from exc
        if response.is_error:
            raise ApiError(self._problem(response))
        return response

    @staticmethod
    def _problem(response: httpx.Response) -> Problem:
        try:
            problem = _problem.decode(response.content)
        except msgspec.DecodeError:
            return Problem(status=response.status_code, title=response.reason_phrase, detail=response.text[:200])
        return problem if problem.status else msgspec.structs.replace(problem, status=response.status_code)

    @staticmethod
    def _decode(response: httpx.Response, type: type[T]) -> T:
        try:
            return msgspec.json.decode(response.content, type=type)
        except msgspec.ValidationError as exc:
            raise ApiError(
                Problem(
                    type="about:blank",
                    title="Unexpected answer",
                    status=response.status_code,
                    detail=f"{response.request.url.path}: {exc}",
                )
            ) from exc
