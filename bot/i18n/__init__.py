"""Languages, catalogs, locale formatting and language detection."""
