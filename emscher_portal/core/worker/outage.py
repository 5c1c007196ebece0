"""A lost database told apart from a bad query, and the wait until it answers again.

Used by the task worker (it rides out an outage instead of exiting) and by work that must record something right
after an action that cannot be undone (a mail the SMTP server has accepted).
"""

import logging
import random
import time
from contextlib import suppress

import psycopg
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)

# What psycopg and sqlite3 raise (through Django) when the server is gone, restarting or refusing connections.
DATABASE_ERRORS = (OperationalError, InterfaceError)
# SQLSTATEs of a lost or refused connection: class 08 (connection exception), and a server shutting down or starting
# (57P01 admin shutdown — what `pg_ctl restart` sends every session —, 57P02 crash shutdown, 57P03 cannot connect now).
CONNECTION_SQLSTATES = ("08", "57P01", "57P02", "57P03")
FIRST_WAIT_SECONDS = 0.5
GROWTH = 1.5
LONGEST_WAIT_SECONDS = 10.0


def _causes(error):
    seen = []
    while error is not None and error not in seen:
        seen.append(error)
        error = error.__cause__ or error.__context__
    return seen


def _connection_failure(cause):
    """A driver error about the connection itself: psycopg raises those without a SQLSTATE (the server never
    answered: refused, reset, closed) or with one of CONNECTION_SQLSTATES; a failed query has its own SQLSTATE."""
    if not isinstance(cause, psycopg.Error):
        return False
    return cause.sqlstate is None or cause.sqlstate.startswith(CONNECTION_SQLSTATES)


def database_lost(error, using=DEFAULT_DB_ALIAS):
    """Whether `error` (or what it was raised from) means the connection to the database was lost — as opposed to
    a failed query on a working connection (a lock timeout, a cancelled statement, SQLite's „database is locked“).

    Told by the error itself, not only by the connection afterwards: an atomic block that failed on a dead
    connection may already have reconnected on its way out when the database was back by then."""
    causes = _causes(error)
    if not any(isinstance(cause, DATABASE_ERRORS) for cause in causes):
        return False
    if any(_connection_failure(cause) for cause in causes):
        return True
    connection = connections[using]
    return connection.connection is None or not connection.is_usable()


def database_answers(using=DEFAULT_DB_ALIAS):
    """Drop the current connection and try a fresh one: True when the database answers a query."""
    connection = connections[using]
    with suppress(DatabaseError):
        connection.close()
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DATABASE_ERRORS:
        with suppress(DatabaseError):
            connection.close()
        return False
    return True


class Backoff:
    """Waits that grow by half from FIRST_WAIT_SECONDS up to LONGEST_WAIT_SECONDS (0.5, 0.75, 1.1 … 10 s), each
    shifted by up to a fifth, so that several workers coming back do not knock at the same moment. Gentle growth:
    a try costs the server one refused connect, a late one costs the queue its wait."""

    def __init__(self, first=FIRST_WAIT_SECONDS, longest=LONGEST_WAIT_SECONDS):
        self.delay, self.longest = first, longest

    def next(self):
        delay = self.delay
        self.delay = min(self.delay * GROWTH, self.longest)
        return delay * random.uniform(0.8, 1.2)  # noqa: S311 -- jitter, not cryptography


def wait_for_database(*, patience=None, keep_waiting=lambda: True, using=DEFAULT_DB_ALIAS):
    """Wait with backoff until the database answers; True then. False when `patience` seconds have passed or
    `keep_waiting()` says stop first."""
    started = time.monotonic()
    backoff = Backoff()
    if database_answers(using):  # back already (the error surfaced only after the outage)
        return True
    while keep_waiting():
        delay = backoff.next()
        if patience is not None:
            left = patience - (time.monotonic() - started)
            if left <= 0:
                return False
            delay = min(delay, left)
        time.sleep(delay)
        if database_answers(using):
            return True
    return False


def retry_while_database_away(function, *, patience, using=DEFAULT_DB_ALIAS):
    """`function()`, called again when it failed because the database was away, for at most `patience` seconds
    of waiting; then the last error is raised. Any other error is raised at once."""
    started = time.monotonic()
    while True:
        try:
            return function()
        except DATABASE_ERRORS as error:
            if not database_lost(error, using):
                raise
            left = patience - (time.monotonic() - started)
            logger.warning("Database unavailable (%s); waiting up to %.0f s to retry.", type(error).__name__, left)
            if not wait_for_database(patience=left, using=using):
                raise
