"""Unit tests of the WSGI filters of the compute pipeline."""
