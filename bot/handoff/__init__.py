"""Live hand-off: a person at the municipality answers in the same chat."""
