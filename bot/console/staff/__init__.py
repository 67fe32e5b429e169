"""What staff do in the case store, one module per concern: accounts (and logging in), the audit
log, review marks, flagged messages and hand-off requests."""
