"""Split a message into the questions it may hold: sentences, and parts joined by "and also".

The classifier then judges each part on its own (bot.rasa_ext.intent_classifier); the dialogue
answers every part that is clearly a question. Splitting too much is harmless ("B1 and A2" gives
parts that are no question of their own), splitting too little loses a question.
"""

from __future__ import annotations

import re

MIN_WORDS = 2
MIN_STATEMENT_WORDS = 3  # a statement after a question is a part of its own from this length
MAX_CLAUSES = 6
# Sentence ends in the supported scripts (Latin, Arabic, Ethiopic), and new lines.
SENTENCE_END = re.compile(r"(?<=[?!.؟።፧;])\s+|[\n\r]+|(?<=[?؟፧])(?=\S)")
# Words that join two questions: "and", "also", "and what about" in the supported languages.
JOINERS = re.compile(
    r"\s(?:and also|and|also|plus|en ook|en|ook|ve|ayrıca|ayrica|bir de|وكمان|وايضا|وأيضا|و|"
    r"همچنین|ولی|و|ከምኡ ውን|ከምኡውን|ከምኡ|ድማ)\s",
    re.IGNORECASE,
)
# A greeting at the start of a longer message is a part of its own ("hello when is my exam").
GREETING = re.compile(
    r"^\s*(?:hello|hi|hey|hoi|hallo|goedemorgen|goedemiddag|goedenavond|good morning|salam|"
    r"salaam|selam|merhaba|marhaba|سلام|مرحبا|السلام عليكم|ሰላም|selamat)\b[\s,.!]*",
    re.IGNORECASE,
)
# A goodbye at the end of a longer message is a part of its own ("merci kheili komak kardi,
# khodafez"; "ok thanks a lot bye").
FAREWELL = re.compile(
    r"[\s,.!]+(?:bye|bye bye|goodbye|doei|tot ziens|hoşça ?kal|hosca ?kal|görüşürüz|gorusuruz|"
    r"khodafez|khodahafez|khoda hafez|خداحافظ|خدا حافظ|ma3a salama|ma3 salama|مع السلامة|"
    r"بای|ደሓን ኩን|ደሓን ኩኑ|dehan kun)[\s.!]*$",
    re.IGNORECASE,
)
QUESTION_WORDS = re.compile(
    r"^(?:what|when|where|who|how|which|why|can|do|does|is|are|wat|wanneer|waar|wie|hoe|"
    r"hoeveel|hoelang|welke|waarom|kan|mag|moet|heb|ben|ne|nasıl|nasil|nerede|kim|hangi|kaç|"
    r"kac|neden|niye|ما|متى|وين|أين|كيف|كم|هل|شو|ايش|لماذا|ليش|چی|چه|کی|کجا|چطور|چند|آیا|"
    r"چرا|እንታይ|መዓስ|ኣበይ|መን|ከመይ|ክንደይ|ንምንታይ)\b",
    re.IGNORECASE,
)

# Words that ask wherever they stand ("lezen sinavim ne zaman, pvt de ne durumda"): a comma
# separates two questions when each side holds one.
COMMA = re.compile(r"\s*[,،]\s+")
ASKS = re.compile(
    r"(?<!\w)(?:what|when|where|how|which|who|wat|wanneer|waar|hoe|hoeveel|welke|ne|nasıl|"
    r"nasil|nerede|nereye|kaç|kac|hangi|mi|mı|mu|mü|miyim|mıyım|misin|mısın|midir|"
    r"متى|وين|كيف|كم|شو|ايش|چی|کی|کجا|چطور|چند|መዓስ|ኣበይ|ከመይ|"
    r"ክንደይ|እንታይ)(?!\w)",
    re.IGNORECASE,
)


# Turkish asks with a particle at the end of the question: without a comma, two questions meet
# right after it ("gitmek zorunda miyim gitmezsem ceza var mi").
PARTICLE = re.compile(
    r"(?<!\w)(?:mi|mı|mu|mü)(?:yim|yım|yum|yüm|sin|sın|sun|sün|yiz|yız|yuz|yüz|siniz|sınız|"
    r"sunuz|sünüz|dir|dır|dur|dür)?(\s+)(?=\w)",
    re.IGNORECASE,
)

EITHER_OR = re.compile(r"(?<!\w)(?:yoksa|veya|ya da)(?!\w)", re.IGNORECASE)
REASON = re.compile(r"(?:çünkü|cunku|zira|yani|acaba)(?!\w)", re.IGNORECASE)  # says why: not new


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _spans(text: str, pattern: re.Pattern[str], start: int) -> list[tuple[int, int]]:
    spans, position = [], 0
    for separator in pattern.finditer(text):
        spans.append((start + position, start + separator.start()))
        position = separator.end()
    spans.append((start + position, start + len(text)))
    return spans


def split(text: str) -> list[tuple[int, int]]:
    """Character spans of the parts of a message that may each be a question.

    One span (the whole text) when there is nothing to split. A sentence is split further at a
    comma or a joining word only when the part after it starts like a new question ("…baby? and
    who pays"), or when both parts ask ("lezen sinavim ne zaman, pvt de ne durumda").
    """
    sentences = [s for s in _spans(text, SENTENCE_END, 0) if _words(text[s[0] : s[1]]) >= 1]
    greeting = GREETING.match(text)
    if (
        greeting
        and sentences
        and greeting.end() < sentences[0][1]
        and _words(text[greeting.end() : sentences[0][1]]) >= 2
    ):
        sentences = [(0, greeting.end()), (greeting.end(), sentences[0][1]), *sentences[1:]]
    farewell = FAREWELL.search(text)
    if farewell and sentences and farewell.start() > sentences[-1][0]:
        last = sentences[-1]
        if _words(text[last[0] : farewell.start()]) >= 1:
            sentences = [*sentences[:-1], (last[0], farewell.start()), (farewell.start(), last[1])]
    sentences = [part for span in sentences for part in _at_commas(text, span)]
    sentences = [part for span in sentences for part in _after_particles(text, span)]
    parts: list[tuple[int, int]] = []
    for begin, end in sentences:
        pieces = _spans(text[begin:end], JOINERS, begin)
        merged: list[tuple[int, int]] = []
        for piece in pieces:
            fragment = text[piece[0] : piece[1]].strip()
            starts_asking = QUESTION_WORDS.search(fragment) and _words(fragment) >= MIN_WORDS
            # "hangi adimdayim ve bundan sonra ne var": both sides ask, the word at the end
            both_ask = merged and _asks(fragment) and _asks(text[merged[-1][0] : merged[-1][1]])
            if merged and not (starts_asking or both_ask):
                merged[-1] = (merged[-1][0], piece[1])  # not a question of its own: keep it
            else:
                merged.append(piece)
        parts += merged
    parts = [p for p in parts if _words(text[p[0] : p[1]]) >= 1]
    if len(parts) > MAX_CLAUSES:  # a long story: the last parts hold the questions
        parts = parts[-MAX_CLAUSES:]
    return parts or [(0, len(text))]


def _at_commas(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """A sentence split at its commas where the parts on both sides each ask something."""
    merged: list[tuple[int, int]] = []
    for piece in _spans(text[span[0] : span[1]], COMMA, span[0]):
        fragment = text[piece[0] : piece[1]]
        if merged and _asks(fragment) and _asks(text[merged[-1][0] : merged[-1][1]]):
            merged.append(piece)
        elif merged:
            merged[-1] = (merged[-1][0], piece[1])
        else:
            merged.append(piece)
    return merged


def _after_particles(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """A sentence split after a Turkish question particle, where more follows than a word."""
    begin, end = span
    cuts = [m.span(1) for m in PARTICLE.finditer(text, begin, end)]
    parts: list[tuple[int, int]] = []
    position = begin
    for cut_start, cut_end in cuts:
        before, after = text[position:cut_start], text[cut_end:end]
        # "ceza gelcek mi cok korkuyorum gece uyuyamiyorum": what follows may also be a worry
        statement = _words(after) >= MIN_STATEMENT_WORDS and not REASON.match(after)
        either_or = EITHER_OR.search(after)  # "belediye mi oduyo yoksa ben mi": one question
        if _asks(before) and (_asks(after) or statement) and not either_or:
            parts.append((position, cut_start))
            position = cut_end
    parts.append((position, end))
    return parts


def _asks(fragment: str) -> bool:
    return _words(fragment) >= MIN_WORDS and ASKS.search(fragment) is not None


def is_question(text: str) -> bool:
    """A part that asks: it ends with a question mark or starts with a question word."""
    stripped = text.strip()
    return stripped.endswith(("?", "؟", "፧")) or QUESTION_WORDS.search(stripped) is not None
