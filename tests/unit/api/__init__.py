"""Unit tests of the API layer: microversions, faults, Resource, router, version documents."""
