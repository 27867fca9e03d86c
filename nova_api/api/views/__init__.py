"""View builders: the only code that turns domain objects into response bodies."""
