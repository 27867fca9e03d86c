"""A throwaway PostgreSQL server for the tests: its own cluster, on a free loopback port.

    server = PostgreSQLServer.start(tmp_dir)     # initdb + pg_ctl start
    url = server.create_database()               # a new empty database
    server.stop()

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
    """One running cluster; ``stop()`` shuts it down (its folder stays for the post-mortem)."""

    def __init__(self, workdir: pathlib.Path, bindir: str, port: int):
        self.workdir = workdir
        self.datadir = workdir / 'data'
        self.bindir = bindir
        self.port = port
        self.host = '127.0.0.1'

    @classmethod
    def start(cls, workdir: pathlib.Path) -> PostgreSQLServer:
        bindir = find_bindir()
        if bindir is None:
            raise RuntimeError(unavailable_reason())
        server = cls(pathlib.Path(workdir), bindir, _free_port())
        server.workdir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            account = pwd.getpwnam(SERVER_USER)
            # The server user must reach its folder through every parent.
            for folder in [server.workdir, *server.workdir.parents]:
                if str(folder) in ('/', ''):
                    break
                os.chmod(folder, os.stat(folder).st_mode | 0o011)
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
        self._run('pg_ctl', '-D', str(self.datadir), '-m', 'immediate', '-w', 'stop')
