"""Eventlet stays in the process layer: only nova_api/service/ and nova_api/cmd/ import it."""

from __future__ import annotations

import ast
import pathlib

PACKAGE = pathlib.Path(__file__).resolve().parents[3] / 'nova_api'
ALLOWED = ('service', 'cmd')


def imported_modules(path: pathlib.Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_service_and_cmd_packages_import_eventlet():
    offenders = [str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob('*.py')
                 if path.relative_to(PACKAGE).parts[0] not in ALLOWED
                 and any(name.split('.')[0] == 'eventlet' for name in imported_modules(path))]

    assert offenders == []


def test_the_service_does_import_it():
    """The check above looks at the right files."""
    assert 'eventlet' in imported_modules(PACKAGE / 'service' / 'worker.py')

