"""Unit tests: pure logic and the WSGI framework, driven in-process."""
