"""Wegwijs: the application package (case store, rules, i18n, channels, CLI)."""
