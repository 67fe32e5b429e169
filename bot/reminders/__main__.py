"""The reminder worker (python -m bot.reminders)."""

from bot.reminders.worker import main

raise SystemExit(main())
