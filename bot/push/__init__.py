"""The push path: the assistant speaks first (staff replies from the console, reminders).

One authenticated internal way into a conversation (bot.rasa_ext.push_channel): rendered from
the catalogs in the conversation's language, logged in the tracker as bot events and delivered by
the conversation's channel. bot.push.client is how the console and the worker use it.
"""
