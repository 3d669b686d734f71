"""Joining a channel, refreshing its token and ending it when the token expires (E.3, E.4)."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql
from psycopg_pool import AsyncConnectionPool

from devstack.gateway.realtime import tokens
from devstack.gateway.realtime.bindings import Binding, BindingError, parse_binding, reply_entry
from devstack.gateway.realtime.channel import Channel
from devstack.gateway.realtime.hub import Hub
from devstack.gateway.realtime.protocol import Message

log = logging.getLogger(__name__)
SUBSCRIBED = "Subscribed to PostgreSQL"


class JoinRefused(Exception):
    """The join is answered with `{"status": "error", "response": {"reason": ...}}`."""


@dataclass
class Realtime:
    """What every socket shares: the channel hub, the JWT secret, and a pool to check bindings with."""

    hub: Hub
    jwt_secret: str
    pool: AsyncConnectionPool


def channel_token(payload: dict[str, Any], socket_token: str) -> str:
    """The join's `access_token` (or legacy `user_token`); `sb_` keys fall back to the socket's token."""
    token = payload.get("access_token") or payload.get("user_token")
    return socket_token if not token or str(token).startswith("sb_") else str(token)


def open_channel(
    realtime: Realtime, message: Message, socket_token: str, send: Callable[[Message], None]
) -> Channel:
    """A channel for a `phx_join`, not yet announced; raises JoinRefused."""
    if not message.topic.removeprefix("realtime:"):
        raise JoinRefused("TopicNameRequired: You must provide a topic name")
    config = message.payload.get("config") or {}
    if config.get("private"):
        raise JoinRefused(
            "Unauthorized: You do not have permissions to read from this Channel topic: "
            + message.topic.removeprefix("realtime:")
        )
    token = channel_token(message.payload, socket_token)
    try:
        claims = tokens.verify(token, realtime.jwt_secret)
    except tokens.TokenRefused as error:
        raise JoinRefused(error.join_reason) from error
    broadcast, presence = config.get("broadcast") or {}, config.get("presence") or {}
    return Channel(
        message.topic,
        message.join_ref or message.ref,
        send,
        token,
        claims,
        self_broadcast=bool(broadcast.get("self")),
        ack_broadcast=bool(broadcast.get("ack")),
        presence_key=str(presence.get("key") or uuid.uuid4()),
        presence_enabled=bool(presence.get("enabled")),
    )


async def subscribe(
    realtime: Realtime, channel: Channel, requested: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], str | None]:
    """Register the channel and its bindings; returns the join reply's entries and any binding problem.

    The `system` message (subscribed, or why not) follows the reply, as on Supabase.
    """
    entries = [reply_entry(raw) for raw in requested]
    try:
        bindings = [parse_binding(raw) for raw in requested]
        for binding in bindings:
            await check_binding(realtime.pool, channel.claims, binding)
    except BindingError as error:
        bindings, problem = [], str(error)
    else:
        problem = None
    channel.bindings = bindings
    realtime.hub.add(channel)
    schedule_expiry(realtime, channel)
    return entries, problem


def announce(channel: Channel, problem: str | None) -> None:
    """The `system` message after a join with postgres bindings."""
    if problem:
        channel.system("postgres_changes", "error", problem)
    else:
        channel.system("postgres_changes", "ok", SUBSCRIBED)


async def check_binding(pool: AsyncConnectionPool, claims: dict[str, Any], binding: Binding) -> None:
    """As the subscriber's role: the table exists and the filter's column and value fit it."""
    if "*" in (binding.schema, binding.table) or binding.table is None:
        return
    row = sql.SQL("jsonb_populate_record(null::{}.{}, '{{}}')").format(
        sql.Identifier(binding.schema), sql.Identifier(binding.table)
    )
    query = sql.SQL("select 1 from {} p").format(row)
    params: list[Any] = []
    if binding.filter:
        query += sql.SQL(" where p.{} {} (%s)").format(
            sql.Identifier(binding.filter.column), sql.SQL(binding.filter.sql_operator)
        )
        params.append(binding.filter.value)
    try:
        async with pool.connection() as conn, conn.transaction(force_rollback=True):
            await conn.execute(
                "select set_config('role', %s, true), set_config('request.jwt.claims', %s, true)",
                (str(claims["role"]), json.dumps(claims)),
            )
            await conn.execute(query, params)
    except psycopg.Error as error:
        raise BindingError(
            "Unable to subscribe to changes with given parameters. Please check Realtime is enabled for the"
            f" given connect parameters: [event: {binding.event}, schema: {binding.schema},"
            f" table: {binding.table}, filters: {[binding.filter] if binding.filter else []}]"
            f" ({error.diag.message_primary or error})"
        ) from error


def schedule_expiry(realtime: Realtime, channel: Channel) -> None:
    """End the channel the moment its token expires."""
    channel.cancel_expiry()
    delay = max(0.0, -tokens.seconds_expired(channel.claims))
    channel.expiry = asyncio.get_running_loop().call_later(delay, shut_down_expired, realtime, channel)


def shut_down_expired(realtime: Realtime, channel: Channel) -> None:
    seconds = tokens.seconds_expired(channel.claims)
    shut_down(realtime, channel, f"Token has expired {seconds} seconds ago")


def shut_down(realtime: Realtime, channel: Channel, reason: str) -> None:
    """Realtime's shutdown response: a `system` error, then `phx_close`."""
    channel.system("system", "error", reason)
    channel.close()
    realtime.hub.remove(channel)


def refresh(realtime: Realtime, channel: Channel, payload: dict[str, Any]) -> None:
    """`access_token`: re-verify, then act with the new claims; an unusable token ends the channel."""
    token = payload.get("access_token")
    if not token or str(token).startswith("sb_") or token == channel.token:
        return
    try:
        claims = tokens.verify(str(token), realtime.jwt_secret)
    except tokens.TokenRefused as error:
        shut_down(realtime, channel, error.reason)
        return
    channel.token, channel.claims = str(token), claims
    schedule_expiry(realtime, channel)
