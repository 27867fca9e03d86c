"""The development identity service: the slice of Keystone v3 that clients need, for noauth2.

Served at ``/identity`` when ``[api] auth_strategy = noauth2``, so that
unmodified clients (python-openstackclient, openstacksdk, Terraform) can
authenticate the way they always do and find the compute and image endpoints in a
service catalog. Like noauth2 itself it trusts what it is told: any password
is accepted, names are ids, and the token it issues is the noauth2 token
``<user>:<project>``. It is not a Keystone: with ``auth_strategy = keystone``
it is not served, and tokens come from the real one.
"""
