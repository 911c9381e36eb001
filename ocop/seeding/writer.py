"""Writing planned rows fast: PostgreSQL's COPY, or one prepared INSERT for many rows elsewhere (SQLite), with
explicit ids and timestamps; deleting seeded rows without loading them.

Seeded data is history already made: it is written as it stands, not replayed through the services (which would
take hours at national size). Its consistency comes from the plan (ocop.seeding.plan), which computes every
result with the rules' pure functions; the tests hold the written data to them.
"""

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max

BATCH_SIZE = 20000
PLAIN = {int, str, bool, type(None)}


def next_id(model) -> int:
    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def columns(model, *, skip=()) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if f.attname not in skip]


def write_rows(model, fields, rows) -> int:
    """Insert `rows` (tuples of values in the order of `fields`, attribute names) into `model`'s table: COPY on
    PostgreSQL, else one prepared INSERT run for every row, each value prepared by its field as the ORM does."""
    if not rows:
        return 0
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    model_fields = [model._meta.get_field(f) for f in fields]
    names = ", ".join(quote(f.column) for f in model_fields)
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.connection.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return len(rows)
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608 — names from the models
    prepare = [f.get_db_prep_save for f in model_fields]
    memo = [{} for _f in model_fields]  # the same points, days and moments recur: prepared once each

    def value(i, v):  # numbers and text go as they are; decimals, dates and moments as the fields store them
        if type(v) in PLAIN:
            return v
        if v not in memo[i]:
            memo[i][v] = prepare[i](v, connection)
        return memo[i][v]

    def prepared(row):
        return tuple(value(i, v) for i, v in enumerate(row))

    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE):
            cursor.executemany(sql, [prepared(row) for row in rows[start:start + BATCH_SIZE]])
    return len(rows)


def as_rows(model, objects) -> tuple[list[str], list[tuple]]:
    """Unsaved model instances (ids and timestamps set) as (fields, rows) for write_rows."""
    fields = [f for f in model._meta.concrete_fields]
    return [f.attname for f in fields], [tuple(f.get_prep_value(getattr(o, f.attname)) for f in fields)
                                         for o in objects]


def history_fields(model) -> list[str]:
    """The historical model's columns filled from the tracked row, then the history's own (its id is the
    database's)."""
    historical = model.history.model
    own = ("history_date", "history_change_reason", "history_type", "history_user_id")
    return [f for f in columns(historical, skip=("history_id", *own))] + list(own)


def reset_sequences(models) -> None:
    """After rows written with explicit ids, the next id the database gives follows them (PostgreSQL)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def check_constraints() -> None:
    """PostgreSQL checks the deferred foreign keys of every row written now rather than at commit (timed apart)."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def raw_delete(queryset) -> int:
    """Delete in one statement, without loading rows or sending signals (the audit history would otherwise write
    a row for each of half a million scores). Only for seeded rows, whose dependants are deleted first."""
    return queryset._raw_delete(queryset.db)


def analyze() -> None:
    """Fresh planner statistics for the whole database after a bulk load (PostgreSQL), so that pages measured right
    after seeding are planned as they would be on a database that grew slowly. Every table, not only the seeded
    ones: the administrative units are loaded in bulk too, and with their statistics left at the ~500 communes of
    an empty database the planner joined 3,321 communes by a nested loop on the staff dashboard (146 ms instead of
    5.5 ms)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
