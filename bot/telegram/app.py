"""The relay's composition root: `python -m bot.telegram` (polling, or webhook with a secret)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import health, logs
from bot.i18n.languages import languages
from bot.i18n.render import lookup
from bot.settings import log_level
from bot.telegram import dutch, handlers
from bot.telegram.outbox import keep_delivering
from bot.telegram.rasa_client import RasaClient
from bot.telegram.seen import seen_updates
from bot.telegram.settings import TelegramSettings

logger = logging.getLogger(__name__)
COMMANDS = ("help", "language", "reminders", "forget", "privacy")


async def register_commands(application: Application) -> None:
    """setMyCommands in every supported language (and the default language for everyone else)."""
    for code, language in languages().items():
        commands = [
            BotCommand(name, lookup(f"telegram_command_{name}", language)) for name in COMMANDS
        ]
        await application.bot.set_my_commands(commands, language_code=code)
    default = next(iter(languages().values()))
    await application.bot.set_my_commands(
        [BotCommand(name, lookup(f"telegram_command_{name}", default)) for name in COMMANDS]
    )


def build_application(settings: TelegramSettings) -> Application:
    rasa = RasaClient(settings.rasa_url, settings.relay_token, settings.rasa_timeout)

    async def post_init(application: Application) -> None:
        application.bot_data["rasa"] = rasa
        bot_id = settings.token.split(":", 1)[0]
        application.bot_data["seen_updates"] = seen_updates(settings.redis_url, bot_id)
        await register_commands(application)
        # staff replies and reminders, queued by the Rasa server's push channel
        application.bot_data["outbox"] = asyncio.create_task(keep_delivering(application.bot))
        if settings.health_port:
            application.bot_data["health"] = await health.serve_beside(
                settings.health_host, settings.health_port, {"rasa": rasa.check_ready}
            )

    async def post_shutdown(application: Application) -> None:
        server = application.bot_data.get("health")
        if server is not None:
            server.close()
        task = application.bot_data.get("outbox")
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await rasa.close()

    application = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.base_url)
        .rate_limiter(AIORateLimiter(overall_max_rate=30, group_max_rate=20, max_retries=3))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    private = filters.ChatType.PRIVATE
    application.add_handler(TypeHandler(Update, handlers.drop_duplicates), group=-1)
    application.add_handler(MessageHandler(filters.ChatType.GROUPS, handlers.refuse_group))
    application.add_handler(CommandHandler("start", handlers.start, filters=private))
    application.add_handler(CommandHandler("help", handlers.help_command, filters=private))
    application.add_handler(CommandHandler("language", handlers.language_command, filters=private))
    application.add_handler(CommandHandler("forget", handlers.forget_command, filters=private))
    application.add_handler(CallbackQueryHandler(handlers.show_dutch, pattern=f"^{dutch.PREFIX}"))
    application.add_handler(
        CommandHandler("reminders", handlers.reminders_command, filters=private)
    )
    application.add_handler(CommandHandler("privacy", handlers.privacy_command, filters=private))
    application.add_handler(CallbackQueryHandler(handlers.button))
    new_text = filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE & private
    application.add_handler(MessageHandler(new_text, handlers.text))
    application.add_error_handler(handlers.on_error)
    return application


def main() -> int:
    logs.configure(log_level())
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its request lines contain the bot token
    settings = TelegramSettings.from_env()
    if not settings.token:
        print(
            "TELEGRAM_BOT_TOKEN is not set: the Telegram relay is off (see README, Telegram).",
            flush=True,
        )
        signal.pause()  # stay idle: the supervisor would otherwise start it again and again
        return 0
    if not settings.relay_token:
        raise SystemExit("RELAY_TOKEN is not set (run: python -m bot env init)")
    application = build_application(settings)
    if settings.mode == "webhook":
        if not settings.webhook_url or not settings.webhook_secret:
            raise SystemExit("webhook mode needs TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET")
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path="telegram",
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0
