"""What to answer, per topic: plain functions from (case or None, today) to replies.

A reply names a catalog response and carries structured values; rendering happens in bot.i18n.
"""
