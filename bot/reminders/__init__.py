"""Opt-in reminders before a deadline or an appointment: rules (pure), store and the worker."""
