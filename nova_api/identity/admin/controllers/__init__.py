"""The admin controllers of the built-in identity, one module per area."""
