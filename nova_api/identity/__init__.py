"""Identity at ``/identity``: the built-in Keystone v3 subset, or the development one of noauth2.

Which one is served is :mod:`nova_api.identity.app`'s choice:

- ``[api] auth_strategy = keystone`` with ``[identity] enabled`` (the shipped
  configuration): the built-in identity. The API side is ``router.py`` (the
  route table: ours plus ``admin_routes.py``), ``controllers/``, ``schemas/``,
  ``views.py``, ``faults.py`` (Keystone's error body) and ``caller.py`` (the
  caller's token); the rules behind it hang off ``service.Identity``:
  ``authentication.py`` and ``scoping.py`` (``POST /v3/auth/tokens``),
  ``assignments.py`` (effective roles), ``tokens.py`` and ``keys.py`` (Fernet
  tokens and their key repository), ``revocations.py``, ``passwords.py`` and
  ``bootstrap.py``. The compute and image APIs validate its tokens in-process
  (:mod:`nova_api.middleware.builtin_auth`).
- ``noauth2``: the development identity (``development.py``): any password
  is accepted, names are ids, and the token it issues is the noauth2 token
  ``<user>:<project>``.
- ``keystone`` without ``[identity] enabled``: nothing; tokens come from the
  real Keystone, through keystonemiddleware.
"""
