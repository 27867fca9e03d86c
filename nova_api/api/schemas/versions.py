"""Query schemas of the version documents: they take no parameters and ignore any."""

show_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}
