"""Controllers of the Network API, one module per resource family (the same stem as the
business layer's module in :mod:`nova_api.networking`)."""
