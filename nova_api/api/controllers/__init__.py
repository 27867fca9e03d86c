"""API controllers, one module per resource, each method ~20 lines."""
