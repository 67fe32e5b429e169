"""The Telegram relay: python-telegram-bot in front of the Rasa server (python -m bot.telegram)."""
