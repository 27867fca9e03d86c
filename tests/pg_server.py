"""A throwaway PostgreSQL server for the tests: its own cluster, on a free loopback port.

    server = PostgreSQLServer.start()            # initdb + pg_ctl start, in a new temp folder
    url = server.create_database()               # a new empty database
    server.stop()                                # and the folder is removed

It uses the server binaries of Debian's ``postgresql`` package (``.ci/run``
installs it). As root, the cluster runs as the ``postgres`` user, since the
server refuses to run as root. :func:`unavailable_reason` says why the
tests cannot have one, for their skip message; under CI they fail instead.
"""

from __future__ import annotations

import glob
import os
import pathlib
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid

import pg8000.native

SERVER_USER = 'postgres'
#: The backends every database-backed test runs on: the embedded default and PostgreSQL.
DATABASE_BACKENDS = ('sqlite', 'postgresql')


def find_bindir() -> str | None:
    """The newest installed server's bin folder (Debian: /usr/lib/postgresql/<major>/bin)."""
    candidates = sorted(glob.glob('/usr/lib/postgresql/*/bin/initdb'),
                        key=lambda path: int(path.split('/')[4]) if path.split('/')[4].isdigit() else 0)
    if candidates:
        return os.path.dirname(candidates[-1])
    initdb = shutil.which('initdb')
    return os.path.dirname(initdb) if initdb else None


def unavailable_reason() -> str | None:
    if find_bindir() is None:
        return ('PostgreSQL server binaries not found (apt-get install postgresql; '
                '.ci/run does it)')
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return 'running as root, and there is no %r user to run PostgreSQL as' % SERVER_USER
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class PostgreSQLServer:
    """One running cluster in a folder of its own; ``stop()`` shuts it down and removes it.

    The folder is made directly under the system's temp folder, not pytest's:
    pytest keeps its own folders private to the user running the tests (and
    makes them so again whenever a session starts), which the server's user
    could not enter.
    """

    def __init__(self, workdir: pathlib.Path, bindir: str, port: int):
        self.workdir = workdir
        self.datadir = workdir / 'data'
        self.bindir = bindir
        self.port = port
        self.host = '127.0.0.1'

    @classmethod
    def start(cls) -> PostgreSQLServer:
        bindir = find_bindir()
        if bindir is None:
            raise RuntimeError(unavailable_reason())
        server = cls(pathlib.Path(tempfile.mkdtemp(prefix='nova-api-postgresql-')), bindir, _free_port())
        if os.geteuid() == 0:
            account = pwd.getpwnam(SERVER_USER)
            os.chown(server.workdir, account.pw_uid, account.pw_gid)
        server._run('initdb', '-D', str(server.datadir), '-U', SERVER_USER, '-A', 'trust',
                    '-E', 'UTF8', '--no-locale', '--no-sync')
        options = ('-h %s -p %d -k %s -c fsync=off -c synchronous_commit=off '
                   '-c full_page_writes=off -c max_connections=300'
                   % (server.host, server.port, server.datadir))
        server._run('pg_ctl', '-D', str(server.datadir), '-l', str(server.workdir / 'server.log'),
                    '-o', options, '-w', '-t', '60', 'start')
        return server

    def _run(self, program: str, *args: str) -> None:
        command = [os.path.join(self.bindir, program), *args]
        if os.geteuid() == 0:
            command = ['runuser', '-u', SERVER_USER, '--', *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120,
                                cwd=self.workdir)
        if result.returncode != 0:
            raise RuntimeError('%s failed (%d): %s%s' % (program, result.returncode,
                                                          result.stdout, result.stderr))

    def connect(self, database: str = 'postgres') -> pg8000.native.Connection:
        return pg8000.native.Connection(SERVER_USER, host=self.host, port=self.port,
                                        database=database)

    def create_database(self, prefix: str = 'nova') -> str:
        """Create an empty database; return its SQLAlchemy URL (pg8000 driver)."""
        name = '%s_%s' % (prefix, uuid.uuid4().hex[:12])
        connection = self.connect()
        try:
            connection.run('CREATE DATABASE %s' % name)
        finally:
            connection.close()
        return 'postgresql+pg8000://%s@%s:%d/%s' % (SERVER_USER, self.host, self.port, name)

    def stop(self) -> None:
        try:
            self._run('pg_ctl', '-D', str(self.datadir), '-m', 'immediate', '-w', 'stop')
        finally:
            shutil.rmtree(self.workdir, ignore_errors=True)
