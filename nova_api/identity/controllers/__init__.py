"""The identity API's controllers, one module per resource (``auth``, ``versions``, ...)."""
