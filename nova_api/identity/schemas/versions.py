"""The version documents take no query (anything given is ignored, as in Keystone)."""

show_query = {'type': 'object', 'additionalProperties': True}
