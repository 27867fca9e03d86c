"""JSON schemas of the identity API's request bodies and queries, one module per resource."""
