"""Typed async handlers: each turns a Telegram update into a message for Rasa, and back."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.i18n.render import render
from bot.telegram.dutch import DutchTexts, official_message
from bot.telegram.rasa_client import RasaClient, RasaUnavailable
from bot.telegram.replies import as_messages, split_text
from bot.telegram.seen import SeenInMemory
from bot.web.privacy_page import privacy_text

logger = logging.getLogger(__name__)
START_PAYLOAD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def rasa(context: ContextTypes.DEFAULT_TYPE) -> RasaClient:
    client: RasaClient = context.bot_data["rasa"]
    return client


def dutch_texts(context: ContextTypes.DEFAULT_TYPE) -> DutchTexts:
    texts: DutchTexts = context.bot_data.setdefault("dutch", DutchTexts())
    return texts


def language_of(update: Update) -> str | None:
    user = update.effective_user
    return user.language_code if user else None


async def relay(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Send `text` to Rasa as this chat and post the replies; apologise if Rasa is away."""
    chat = update.effective_chat
    if chat is None:
        return
    await context.bot.send_chat_action(chat.id, ChatAction.TYPING)
    try:
        replies = await rasa(context).send(chat.id, text, language_of(update))
    except RasaUnavailable as error:
        logger.error("Rasa unavailable for chat %s: %s", chat.id, error)
        await context.bot.send_message(chat.id, apology(update, context))
        return
    remember_language(context, replies)
    for message_text, markup in as_messages(replies, dutch_texts(context).keep):
        await context.bot.send_message(chat.id, message_text, reply_markup=markup)


def remember_language(context: ContextTypes.DEFAULT_TYPE, replies: list[dict]) -> None:
    """The conversation's language, as Rasa's last reply says it is (for the apology)."""
    for reply in reversed(replies):
        language = (reply.get("metadata") or {}).get("language")
        if isinstance(language, str) and context.chat_data is not None:
            context.chat_data["language"] = language
            return


def conversation_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The conversation's language when Rasa told it before, else Telegram's language."""
    known = (context.chat_data or {}).get("language")
    return known if isinstance(known, str) else language_of(update)


def apology(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A text the relay renders itself: the assistant cannot be reached."""
    return render("utter_service_unavailable", conversation_language(update, context)).text


async def drop_duplicates(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An update seen before (same update_id, e.g. a webhook retry) is handled once, also
    when the retry reaches another relay (bot.telegram.seen)."""
    seen = context.bot_data.setdefault("seen_updates", SeenInMemory())
    if not await seen.first_time(update.update_id):
        raise ApplicationHandlerStop


async def refuse_group(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The assistant is for private chats: personal case data never goes to a group."""
    if update.effective_chat:
        await context.bot.send_message(
            update.effective_chat.id,
            render("utter_telegram_private_only", language_of(update)).text,
        )


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: greet; /start CODE (deep link t.me/<bot>?start=CODE): link the chat."""
    payload = (context.args or [""])[0]
    if payload and len(payload) <= 64 and set(payload) <= START_PAYLOAD_CHARS:
        await relay(update, context, payload)
    else:
        await relay(update, context, "/greet")
    if update.effective_chat:  # where to read how the chat's data is used: /privacy
        notice = render("telegram_privacy_notice", conversation_language(update, context)).text
        await context.bot.send_message(update.effective_chat.id, notice)


async def privacy_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/privacy: the short privacy text, in the conversation's language."""
    if update.effective_chat:
        text = privacy_text(conversation_language(update, context))
        await context.bot.send_message(update.effective_chat.id, text)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: what the assistant can do."""
    await relay(update, context, "/help")


async def language_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/language: the language menu."""
    await relay(update, context, "/change_language")


async def forget_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/forget: the assistant asks for confirmation, in the conversation's language."""
    await relay(update, context, "/forget_me")


async def reminders_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reminders: whether reminders are on, with buttons to turn them on or off."""
    await relay(update, context, "/ask_reminders")


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A quick reply: answer the callback, remove the keyboard, send the button's payload."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    await query.edit_message_reply_markup(None)
    if query.data:
        await relay(update, context, query.data)


async def show_dutch(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """ "Show the Dutch text": the answer's official Dutch text as a new message (the answer and
    its buttons stay)."""
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    await query.answer()
    found = dutch_texts(context).get(query.data)
    if found is None:  # the relay restarted since the answer was sent
        shown = render("dutch_gone", language_of(update)).text
    else:
        shown = official_message(*found)
    for chunk in split_text(shown):
        await context.bot.send_message(chat.id, chunk)


async def text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A new text message (edited messages are not new questions and do not arrive here)."""
    if update.message and update.message.text:
        await relay(update, context, update.message.text)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure (the bot token is never part of it) and tell the user."""
    logger.error("update failed: %s", context.error, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        await context.bot.send_message(update.effective_chat.id, apology(update, context))
