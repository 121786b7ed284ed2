"""Stored rows -> Arrow record batches in COLUMNS order, with no per-row Python.

    for batch in record_batches(store, 20000): ...      # pyarrow.RecordBatch, SCHEMA

Each batch of the streamed `claims_query` is turned column by column into Arrow arrays;
the claim's `figures` and the verdict's `evidence` (JSON text) are parsed a batch at a
time by Arrow's JSON reader against an explicit schema (the row contracts' keys); the
measurement a verdict rests on is joined by id against the store's real measurements
(smoke runs left out: `liveaudit.smoke`) with `index_in` + `take`. A batch whose JSON
does not fit the contract's types falls back to Python for that batch only.

SCHEMA is the Parquet schema; the data dictionary's types are read from it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj
import sqlalchemy as sa

from liveaudit.publish.export.columns import COLUMNS, FIGURES, RAW
from liveaudit.store import Store, schema

ARROW_TYPES = {
    "integer": pa.int64(),
    "float": pa.float64(),
    "string": pa.string(),
    "json": pa.string(),
    "datetime": pa.timestamp("ms", tz="UTC"),
}  # Parquet keeps ms, not s
SCHEMA = pa.schema(
    [
        pa.field(
            c.name,
            ARROW_TYPES[c.type],
            nullable=True,
            metadata={"description": c.description, "liveaudit_type": c.type},
        )
        for c in COLUMNS
    ]
)
_TYPE = {c.name: ARROW_TYPES[c.type] for c in COLUMNS}
FIGURES_SCHEMA = pa.schema([(key, ARROW_TYPES[typ]) for key, typ, _ in FIGURES])
EVIDENCE_SCHEMA = pa.schema(
    [
        ("measurement_ids", pa.list_(pa.int64())),
        ("analysis_ids", pa.list_(pa.int64())),
        ("analysis_id", pa.int64()),
        ("compared", pa.list_(pa.struct([("measurement_id", pa.int64())]))),
    ]
)
MEASURED = (
    ("measurement_hardware", "hardware"),
    ("measurement_mode", "mode"),
    ("measurement_ttff_s", "ttff_s"),
    ("measurement_throughput_fps", "throughput_fps"),
    ("measurement_rtf", "rtf"),
    ("measurement_origin", "origin"),
)


def measurements_table(store: Store) -> pa.Table:
    """The store's real measurements (no smoke runs), keyed by id, with the exported fields."""
    from liveaudit.smoke import not_smoke

    m = schema.measurements
    query = (
        sa.select(
            m.c.id,
            m.c.hardware,
            m.c.result["mode"].as_string().label("mode"),
            m.c.ttff_s,
            m.c.throughput_fps,
            m.c.rtf,
            m.c.origin,
        )
        .where(not_smoke(m))
        .order_by(m.c.id)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    cols = list(zip(*rows)) if rows else [()] * 7
    types = [pa.int64(), pa.string(), pa.string(), pa.float64(), pa.float64(), pa.float64(), pa.string()]
    names = ["id", "hardware", "mode", "ttff_s", "throughput_fps", "rtf", "origin"]
    return pa.table([pa.array(col, type=t) for col, t in zip(cols, types)], names=names)


def _lines(texts: pa.Array) -> pa.Buffer:
    """The values (no nulls) as newline-delimited text, straight from Arrow's string buffer (no Python strings)."""
    lines = pc.binary_join_element_wise(texts, "", "\n").cast(pa.large_string())
    offsets = pa.Array.from_buffers(pa.int64(), len(lines) + 1, [None, lines.buffers()[1]], offset=lines.offset)
    first, last = offsets[0].as_py(), offsets[len(lines)].as_py()
    return lines.buffers()[2][first:last]


def _parse_json(texts: pa.Array, target: pa.Schema) -> pa.StructArray:
    """JSON objects (one per row, null allowed) as a struct array of `target`'s fields."""
    filled = pc.fill_null(texts, "{}")
    try:
        if not len(filled):
            raise pa.ArrowInvalid("no rows")
        if pc.any(pc.match_substring(filled, "\n")).as_py():
            raise pa.ArrowInvalid("a newline inside a JSON value")
        data = _lines(filled)
        table = pj.read_json(
            pa.BufferReader(data),
            parse_options=pj.ParseOptions(explicit_schema=target, unexpected_field_behavior="ignore"),
            read_options=pj.ReadOptions(block_size=max(1 << 20, data.size + 1), use_threads=False),
        )
        if table.num_rows != len(filled):
            raise pa.ArrowInvalid("row count changed")
        return pa.StructArray.from_arrays(
            [table.column(f.name).combine_chunks().cast(f.type) for f in target], fields=list(target)
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return _parse_json_slowly(filled.to_pylist(), target)


def _parse_json_slowly(texts: list[str], target: pa.Schema) -> pa.StructArray:
    """Fallback for a batch Arrow's reader refuses: values that do not fit a field's type become null."""
    columns: dict[str, list] = {f.name: [] for f in target}
    for text in texts:
        try:
            obj = json.loads(text)
        except ValueError:
            obj = {}
        obj = obj if isinstance(obj, dict) else {}
        for f in target:
            columns[f.name].append(obj.get(f.name))
    arrays = []
    for f in target:
        try:
            arrays.append(pa.array(columns[f.name], type=f.type, from_pandas=False))
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
            arrays.append(pa.array([_fit(v, f.type) for v in columns[f.name]], type=f.type))
    return pa.StructArray.from_arrays(arrays, fields=list(target))


def _fit(value, typ: pa.DataType):
    try:
        return pa.scalar(value, type=typ).as_py()
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
        return None


def _first(lists: pa.Array) -> pa.Array:
    """Element 0 of each list (null for a null or empty list)."""
    nonempty = pc.fill_null(pc.greater(pc.list_value_length(lists), 0), False)
    return pc.list_element(pc.if_else(nonempty, lists, pa.nulls(len(lists), lists.type)), 0)


def _timestamps(values: list) -> pa.Array:
    if values and isinstance(next((v for v in values if v is not None), None), (str, bytes)):
        text = pa.array(values, type=pa.string())
        return pc.assume_timezone(pc.strptime(text, format="%Y-%m-%d %H:%M:%S", unit="ms"), "UTC")
    arr = pa.array(values, type=pa.timestamp("us", tz="UTC"))
    seconds = arr.cast(pa.timestamp("s", tz="UTC"), safe=False)  # to the second, as on SQLite
    return seconds.cast(pa.timestamp("ms", tz="UTC"))


LOOPBACK = r"^https?://(127\.0\.0\.1|localhost|\[::1\])(:[0-9]+)?/"


def page_origin(urls: pa.Array) -> pa.Array:
    """web | fixture | fixture_test | local_file, from the page's URL (vectorized)."""
    local = pc.fill_null(pc.starts_with(urls, "file://"), False)
    fixture = pc.fill_null(pc.match_substring_regex(urls, LOOPBACK), False)
    test = pc.and_(fixture, pc.fill_null(pc.match_substring_regex(urls, LOOPBACK + "hostile/"), False))
    return pc.case_when(pc.make_struct(local, test, fixture), "local_file", "fixture_test", "fixture", "web")


def to_batch(rows: list, measurements: pa.Table) -> pa.RecordBatch:
    """One record batch (SCHEMA) from rows of `claims_query` (RAW order)."""
    cols = list(zip(*rows)) if rows else [()] * len(RAW)
    raw = dict(zip(RAW, cols))
    out: dict[str, pa.Array] = {}
    for name in RAW[:-1]:
        typ = _TYPE[name]
        out[name] = _timestamps(list(raw[name])) if pa.types.is_timestamp(typ) else pa.array(raw[name], type=typ)
    out["page_origin"] = page_origin(out["url"])
    figures = _parse_json(pa.array(raw["figures_json"], type=pa.string()), FIGURES_SCHEMA)
    for key, _, _ in FIGURES:
        out[f"figure_{key}"] = figures.field(key)
    evidence = _parse_json(out["verdict_evidence"], EVIDENCE_SCHEMA)
    compared = pc.struct_field(_first(evidence.field("compared")), "measurement_id")
    mid = pc.coalesce(_first(evidence.field("measurement_ids")), compared)
    at = pc.index_in(mid, value_set=measurements.column("id"))
    out["measurement_id"] = pc.if_else(pc.is_null(at), pa.nulls(len(mid), pa.int64()), mid)
    for name, field in MEASURED:
        out[name] = pc.take(measurements.column(field), at).combine_chunks() if len(mid) else pa.array([], _TYPE[name])
    out["analysis_id"] = pc.coalesce(_first(evidence.field("analysis_ids")), evidence.field("analysis_id"))
    return pa.RecordBatch.from_arrays([out[f.name].cast(f.type) for f in SCHEMA], schema=SCHEMA)


def _raw_partitions(store: Store, batch_rows: int) -> Iterator[list[tuple]]:
    """The query's rows in lists of plain tuples. On SQLite through the driver's own cursor (no
    SQLAlchemy Row per row), fetched by a second thread while this one converts the previous
    batch (sqlite3 lets go of the GIL while SQLite works, Arrow while it computes)."""
    import queue
    import threading

    from liveaudit.publish.export.columns import claims_query

    query = claims_query(store)
    if store.dialect != "sqlite":
        with store.engine.connect() as conn:
            yield from conn.execution_options(yield_per=batch_rows).execute(query).partitions()
        return
    sql = str(query.compile(dialect=store.engine.dialect, compile_kwargs={"literal_binds": True}))  # no input in it
    parts: queue.Queue = queue.Queue(maxsize=2)
    stop = threading.Event()

    def read() -> None:
        try:
            with store.engine.connect() as conn:
                driver = conn.connection.driver_connection
                factory, driver.text_factory = driver.text_factory, bytes  # UTF-8 bytes: Arrow takes them as they are
                try:
                    cursor = driver.cursor()
                    cursor.execute(sql)
                    while not stop.is_set():
                        rows = cursor.fetchmany(batch_rows)
                        parts.put(rows)
                        if not rows:
                            break
                    cursor.close()
                finally:
                    driver.text_factory = factory
        except BaseException as exc:  # handed to the consumer, raised there
            parts.put(exc)

    reader = threading.Thread(target=read, name="liveaudit-export-reader", daemon=True)
    reader.start()
    try:
        while True:
            part = parts.get()
            if isinstance(part, BaseException):
                raise part
            if not part:
                break
            yield part
    finally:
        stop.set()
        while reader.is_alive():
            try:
                parts.get(timeout=0.1)
            except queue.Empty:
                pass
        reader.join()


def record_batches(store: Store, batch_rows: int) -> Iterator[pa.RecordBatch]:
    """The current claims as record batches of at most `batch_rows` rows, in claim-id order."""
    measurements = measurements_table(store)
    for part in _raw_partitions(store, batch_rows):
        yield to_batch(part, measurements)
