"""The WSGI filters of the pipeline in etc/api-paste.ini, one module each."""
