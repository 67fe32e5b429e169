-- The tracker store (conversation log) gets its own database beside the case store's.
CREATE DATABASE wegwijs_tracker OWNER wegwijs;
