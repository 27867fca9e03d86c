"""The built-in identity's admin and self-service calls: domains, projects, users, roles, grants,
role assignments and application credentials, in Keystone's shapes and under its default policies.

Per area: ``controllers/<area>.py`` (path -> caller -> policy -> one call -> view), the
business rules in ``<area>.py`` (one short transaction per call), ``records.py`` (what they
read), ``views.py`` (every body), ``schemas.py`` (every request schema), and the rules in
:mod:`nova_api.policies.identity`. The routes are :mod:`nova_api.identity.admin_routes`.
"""
