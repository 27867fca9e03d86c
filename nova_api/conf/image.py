"""[image] options: where uploaded image data is kept, and the Image API's own limits (Glance's)."""

import copy

from oslo_config import cfg

GROUP = 'image'

image_group = cfg.OptGroup(GROUP, title='Image API options', help="""
The writable Image API v2 at /image: image data uploaded with
``PUT /v2/images/{id}/file`` is kept as one file per image, and the limits
are Glance's defaults.
""")

image_opts = [
    cfg.StrOpt('data_dir', sample_default='$state_path/images', help="""
Directory for uploaded image data, one file per image named by its id.
Uploads are written to a temporary file beside it and renamed once
complete, so a half-written image is never served. Unset: ``images``
under ``[DEFAULT] state_path``. Created on first upload.
"""),
    cfg.IntOpt('max_image_size', default=1099511627776, min=0, help="""
The largest image, in bytes, an upload may store (Glance's
``image_size_cap``, 1 TiB by default). A larger upload is refused with 413
and nothing is kept. The general ``[oslo_middleware] max_request_body_size``
does not apply to image uploads: this does.
"""),
    cfg.IntOpt('image_member_quota', default=128, min=-1, help="""
Members one image may have (Glance's default); -1 is unlimited.
"""),
    cfg.IntOpt('image_tag_quota', default=128, min=-1, help="""
Tags one image may have (Glance's default); -1 is unlimited.
"""),
    cfg.IntOpt('image_property_quota', default=128, min=-1, help="""
Additional properties one image may have (Glance's default); -1 is unlimited.
"""),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_group(copy.deepcopy(image_group))
    conf.register_opts(image_opts, group=GROUP)


def list_opts():
    return [(image_group, image_opts)]
