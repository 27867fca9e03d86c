"""The database: models, engines and transactions, and the migrations that shape it.

Only ``nova_api.objects`` and the compute layer use this package; the API layer never does.
"""
