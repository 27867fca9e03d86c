"""Unit tests of the service process: sockets, sd_notify, respawn guard, pid file, the worker's server."""
