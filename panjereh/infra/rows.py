"""One-row statements for the busiest path (applying, processing, the decision's message): the writes
made while SQLite's write lock is held, and the one-row reads around them.

Building a statement is most of what the ORM costs on this path, so here the SQL of each statement
shape is built once per process from the model's metadata, and the values go through each field's
own `pre_save` and `get_db_prep_save` (and back through the backend's and the field's converters):
what is stored and read is exactly what the ORM stores and reads. No signals are sent (the models
written here have none), and only these shapes exist: insert one instance, update some fields of one
by primary key (if some others have given values), read some fields (or the whole instance) of one by
primary key. Why it is kept, the figure, and the switch: docs/decisions/0001-one-row-statements.md
(`ONE_ROW_SQL=0` makes every function here use the ORM instead).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any, cast

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.models import Field, Model


def insert(instance: Model, *, skip_conflict: bool = False, using: str = DEFAULT_DB_ALIAS) -> bool:
    """INSERTs the instance as `save(force_insert=True)` would, setting its new primary key if the
    database makes it. `skip_conflict`: a row that breaks a unique constraint is not written
    (ON CONFLICT DO NOTHING) and False is returned."""
    if not _sql():
        return _orm_insert(instance, skip_conflict, using)
    connection = connections[using]
    model = type(instance)
    pk = _pk(model)
    made_pk = bool(pk.db_returning)  # an AutoField: the database gives the key
    returning = made_pk and connection.features.can_return_columns_from_insert
    sql = _insert_sql(model, skip_conflict, returning)
    params = [field.get_db_prep_save(field.pre_save(instance, add=True), connection) for field in _insert_fields(model)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        if returning:
            row = cursor.fetchone()
            if row is None:  # skipped: a conflict
                return False
            new_pk = row[0]
        else:
            if skip_conflict and cursor.rowcount == 0:
                return False
            new_pk = cursor.lastrowid if made_pk else None  # SQLite before 3.35
    if made_pk:
        setattr(instance, pk.attname, _converted(pk, new_pk, connection))
    instance._state.adding = False
    instance._state.db = using
    return True


def update(
    instance: Model,
    field_names: Sequence[str],
    *,
    only_if: Mapping[str, Any] | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> int:
    """UPDATEs these fields of the instance's row (auto_now fields take the time now, as in `save`),
    if the row's other fields are as `only_if` says; the number of rows changed (0 or 1)."""
    model = type(instance)
    fields = [_field(model, name) for name in field_names]
    conditions = only_if or {}
    if not _sql():
        changes = {field.attname: field.pre_save(instance, add=False) for field in fields}
        return int(model._default_manager.using(using).filter(pk=instance.pk, **conditions).update(**changes))
    connection = connections[using]
    sql = _update_sql(model, tuple(field_names), tuple(conditions))
    params = [field.get_db_prep_save(field.pre_save(instance, add=False), connection) for field in fields]
    params.append(_pk(model).get_db_prep_value(instance.pk, connection))
    params += [_field(model, name).get_db_prep_save(value, connection) for name, value in conditions.items()]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)


def values(
    model: type[Model], pk: Any, field_names: Sequence[str], *, for_update: bool = False, using: str = DEFAULT_DB_ALIAS
) -> dict[str, Any] | None:
    """These fields of the row with this primary key (attribute names, as `.values()`), or None;
    `for_update`: locked for the transaction where the database locks rows (PostgreSQL)."""
    connection = connections[using]
    lock = for_update and connection.features.has_select_for_update
    if not _sql():
        rows = model._default_manager.using(using)
        return (rows.select_for_update() if lock else rows).filter(pk=pk).values(*field_names).first()
    sql = _select_sql(model, tuple(field_names), lock)
    with connection.cursor() as cursor:
        cursor.execute(sql, [_pk(model).get_db_prep_value(pk, connection)])
        row = cursor.fetchone()
    if row is None:
        return None
    fields = [_field(model, name) for name in field_names]
    return {field.attname: _converted(field, value, connection) for field, value in zip(fields, row, strict=True)}


def instance(model: type[Model], pk: Any, *, using: str = DEFAULT_DB_ALIAS) -> Model | None:
    """The row with this primary key as a model instance (every column, no related rows), or None."""
    if not _sql():
        return model._default_manager.using(using).filter(pk=pk).first()
    names = [f.attname for f in model._meta.concrete_fields]
    found = values(model, pk, names, using=using)
    return None if found is None else model.from_db(using, names, list(found.values()))


def _sql() -> bool:
    """Whether the statements here are written as SQL (the default) or left to the ORM (ONE_ROW_SQL=0)."""
    return bool(getattr(settings, "ONE_ROW_SQL", True))


def _orm_insert(instance: Model, skip_conflict: bool, using: str) -> bool:
    if not skip_conflict:
        instance.save(force_insert=True, using=using)
        return True
    try:
        with transaction.atomic(using=using):
            instance.save(force_insert=True, using=using)
    except IntegrityError:
        return False
    return True


def _field(model: type[Model], name: str) -> Field[Any, Any]:
    return cast("Field[Any, Any]", model._meta.get_field(name))


def _pk(model: type[Model]) -> Field[Any, Any]:
    pk = model._meta.pk
    assert pk is not None  # every concrete model has one
    return pk


def _quoted(name: str | None) -> str:
    return connections[DEFAULT_DB_ALIAS].ops.quote_name(str(name))


def _converted(field: Field[Any, Any], value: Any, connection: Any) -> Any:
    """A value as read from the database, made what the ORM would give: the backend's converters,
    then the field's own (`from_db_value`), as the query compiler applies them."""
    column, converters = _conversion(field, connection)
    for convert in converters:
        value = convert(value, column, connection)
    return value


@functools.cache
def _conversion(field: Field[Any, Any], connection: Any) -> tuple[Any, tuple[Any, ...]]:
    """A field's column and its converters on this connection (each thread has its own), found once."""
    column = field.get_col(field.model._meta.db_table)
    return column, tuple(connection.ops.get_db_converters(column) + column.get_db_converters(connection))


def _insert_fields(model: type[Model]) -> list[Field[Any, Any]]:
    """What an INSERT writes: every column, but an AutoField key, which the database makes."""
    pk = _pk(model)
    return [f for f in model._meta.concrete_fields if not (pk.db_returning and f is pk)]


@functools.cache
def _insert_sql(model: type[Model], skip_conflict: bool, returns_pk: bool) -> str:
    fields = _insert_fields(model)
    columns = ", ".join(_quoted(f.column) for f in fields)
    sql = f"INSERT INTO {_quoted(model._meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    if skip_conflict:
        sql += " ON CONFLICT DO NOTHING"
    if returns_pk:
        sql += f" RETURNING {_quoted(_pk(model).column)}"
    return sql


@functools.cache
def _update_sql(model: type[Model], field_names: tuple[str, ...], conditions: tuple[str, ...]) -> str:
    sets = ", ".join(f"{_quoted(_field(model, name).column)} = %s" for name in field_names)
    where = " AND ".join(f"{_quoted(_field(model, name).column)} = %s" for name in (_pk(model).name, *conditions))
    return f"UPDATE {_quoted(model._meta.db_table)} SET {sets} WHERE {where}"


@functools.cache
def _select_sql(model: type[Model], field_names: tuple[str, ...], for_update: bool) -> str:
    columns = ", ".join(_quoted(_field(model, name).column) for name in field_names)
    sql = f"SELECT {columns} FROM {_quoted(model._meta.db_table)} WHERE {_quoted(_pk(model).column)} = %s"
    return sql + (" FOR UPDATE" if for_update else "")
