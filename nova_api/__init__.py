"""nova_api: a standalone, Nova-compatible OpenStack Compute API service."""
