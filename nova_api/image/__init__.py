"""The Image API v2 (Glance), read subset: version discovery, ``/v2/images`` and the image schemas.

Mounted at ``/image`` beside the Compute API and built on the same framework
(a route table as data, :class:`~nova_api.api.resource.Resource`,
controllers, views), over the same catalogue (``compute.images``). It
answers in Glance's shapes and Glance's error format, not Nova's.
"""
