"""Queries, one module per resource: functions of a session that return plain values.

Functions here take the SQLAlchemy session first and run inside the
transaction the compute layer opened (``Database.read`` / ``Database.write``).
They return dataclasses or plain values, never ORM instances, so nothing
lazy escapes the transaction.
"""
