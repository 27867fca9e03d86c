"""JSON schemas of request bodies and query strings, one module per resource."""

#: A method's schema windows, as its decorators would take them: ``(schema,
#: min_version, max_version)`` in order, contiguous, ``None`` for no maximum.
SchemaWindows = tuple[tuple[dict, str, str | None], ...]
