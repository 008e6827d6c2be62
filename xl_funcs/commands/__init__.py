"""Subcommands of ``mittelverteilung``; each module has ``register(subparsers)``."""
