"""Placeholder replaced by the service work."""


def main():
    raise SystemExit('not yet')
