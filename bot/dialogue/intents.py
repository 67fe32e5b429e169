"""Literal tables from intents to topics, and how follow-ups resolve against the last topic.

Every intent of domain.yml appears in exactly one of the tables below (a test checks it).
"""

from __future__ import annotations

# A question about a topic: the topic's answer (bot.answers.registry.TOPICS).
TOPIC_OF_INTENT: dict[str, str] = {
    "greet": "greeting",
    "goodbye": "goodbye",
    "thank": "thanks",
    "help": "help",
    "out_of_scope": "out_of_scope",
    "emergency": "emergency",
    "complaint": "complaint",
    "ask_link_help": "link_help",
    "share_personal_data": "personal_data",
    "ask_step": "step",
    "ask_next_step": "next_step",
    "ask_deadline": "deadline",
    "ask_law": "law",
    "ask_appointment": "appointment",
    "ask_route": "route",
    "ask_route_change": "route_change",
    "ask_levels": "levels",
    "ask_pvt": "pvt",
    "ask_map": "map",
    "ask_exams": "exams",
    "ask_exam_register": "exam_register",
    "ask_exam_failed": "exam_failed",
    "ask_exam_form": "exam_form",
    "ask_diploma": "diploma",
    "ask_cost": "cost",
    "ask_loan": "loan",
    "ask_loan_repay": "loan_repay",
    "ask_fine": "fine",
    "ask_extension": "extension",
    "ask_extension_documents": "extension_documents",
    "ask_exemption": "exemption",
    "ask_foreign_diploma": "foreign_diploma",
    "ask_objection": "objection",
    "ask_contact": "contact",
    "ask_intake": "intake",
    "ask_learnability": "learnability",
    "ask_pip": "pip",
    "ask_reschedule": "reschedule",
    "ask_moving": "moving",
    "ask_who_must": "who_must",
    "ask_family": "family",
    "ask_after_integration": "after_integration",
    "ask_study": "study",
    "ask_work": "work",
    "ask_childcare": "childcare",
    "ask_digid": "digid",
    "ask_school": "school",
}

# Intents whose topic takes a fixed subject (which kind of support, yes or no, 👍 or 👎).
SUBJECT_OF_INTENT: dict[str, tuple[str, str]] = {
    "feeling_down": ("support", "worry"),
    "problem_money": ("support", "money"),
    "problem_housing": ("support", "housing"),
    "problem_health": ("support", "health"),
    "affirm": ("ack", "affirm"),
    "deny": ("ack", "deny"),
    "feedback_good": ("feedback", "good"),
    "feedback_bad": ("feedback", "bad"),
}

# Short follow-ups: what they ask about the last topic ("and how many hours?").
ASPECT_OF_INTENT: dict[str, str] = {
    "ask_hours": "hours",
    "ask_duration": "duration",
    "ask_documents": "documents",
    "ask_how_much": "how_much",
    "ask_who_pays": "who_pays",
    "ask_where": "where",
    "ask_when": "when",
}

# Short topic questions that, right after another topic, ask about that topic ("how long do I
# have?" after the objection answer is about the objection period).
ELLIPTIC_INTENTS: dict[str, tuple[str, frozenset[str]]] = {
    "ask_deadline": (
        "duration",
        frozenset({"objection", "extension", "loan_repay", "exam_register", "intake", "fine"}),
    ),
    "ask_appointment": ("when", frozenset({"pvt", "map", "intake", "learnability"})),
    "ask_cost": (
        "how_much",
        frozenset({"pvt", "map", "exam_failed", "childcare", "loan", "loan_repay", "fine"}),
    ),
    # "and if I don't go, is there a fine?" after the intake: the municipality's €250, not DUO's
    "ask_fine": ("fine", frozenset({"intake", "learnability", "pip", "reschedule"})),
}

# Intents with a flow of their own (bot.dialogue.plan).
FLOW_INTENTS = frozenset(
    {
        "link_code",
        "choose_language",
        "change_language",
        "forget_me",
        "request_human",
        "reminders_on",
        "reminders_off",
        "ask_reminders",
        "explain_more",
        "nlu_fallback",
    }
)

# (last topic, aspect) → the topic that answers it; (None, aspect) when there is no context.
FOLLOW_UPS: dict[tuple[str | None, str], str] = {
    ("route", "hours"): "route",
    ("route", "duration"): "route",
    ("route_change", "hours"): "route",
    ("pvt", "hours"): "pvt",
    ("map", "hours"): "map",
    ("intake", "duration"): "intake",
    ("pvt", "duration"): "pvt",
    ("map", "duration"): "map",
    ("deadline", "duration"): "deadline",
    ("extension", "duration"): "extension",
    ("loan_repay", "duration"): "loan_repay",
    ("objection", "duration"): "objection",
    ("exam_register", "duration"): "exam_register",
    ("extension", "documents"): "extension_documents",
    ("extension_documents", "documents"): "extension_documents",
    ("intake", "documents"): "intake",
    ("exemption", "documents"): "exemption",
    ("foreign_diploma", "documents"): "foreign_diploma",
    ("objection", "documents"): "objection",
    ("digid", "documents"): "digid",
    ("loan", "how_much"): "loan",
    ("loan_repay", "how_much"): "loan_repay",
    ("fine", "how_much"): "fine",
    ("exemption", "how_much"): "exemption",  # "does it cost money?" after the exemption answer
    ("exemption", "who_pays"): "exemption",
    ("intake", "fine"): "reschedule",
    ("learnability", "fine"): "reschedule",
    ("pip", "fine"): "reschedule",
    ("reschedule", "fine"): "reschedule",
    ("pvt", "how_much"): "pvt",
    ("map", "how_much"): "map",
    ("pvt", "who_pays"): "pvt",
    ("map", "who_pays"): "map",
    ("exams", "who_pays"): "cost",
    ("exams", "how_much"): "cost",
    ("exam_register", "how_much"): "cost",
    ("exam_failed", "who_pays"): "exam_failed",
    ("exam_failed", "how_much"): "exam_failed",
    ("childcare", "who_pays"): "childcare",
    ("childcare", "how_much"): "childcare",
    ("family", "who_pays"): "family",
    ("learnability", "who_pays"): "cost",
    ("extension", "where"): "extension_documents",
    ("extension_documents", "where"): "extension_documents",
    ("objection", "where"): "objection",
    ("pvt", "where"): "pvt",
    ("map", "where"): "map",
    ("exams", "where"): "exam_register",
    ("exam_register", "where"): "exam_register",
    ("intake", "where"): "intake",
    ("digid", "where"): "digid",
    ("school", "where"): "school",
    ("fine", "where"): "objection",
    ("fine", "duration"): "objection",
    ("appointment", "documents"): "intake",
    ("exemption", "where"): "exemption",
    ("pvt", "when"): "pvt",
    ("map", "when"): "map",
    ("exams", "when"): "exams",
    ("exam_register", "when"): "exams",
    ("exam_failed", "when"): "exams",
    ("intake", "when"): "intake",
    ("learnability", "when"): "learnability",
    ("deadline", "when"): "deadline",
    ("loan_repay", "when"): "loan_repay",
    ("loan", "when"): "loan_repay",
    (None, "hours"): "route",
    (None, "duration"): "deadline",
    (None, "documents"): "extension_documents",
    (None, "how_much"): "cost",
    (None, "who_pays"): "cost",
    (None, "where"): "contact",
    (None, "when"): "appointment",
}

# When the last topic has no answer for an aspect, its sibling may ("how many weeks?").
ASPECT_SIBLINGS = {
    "hours": "duration",
    "duration": "hours",
    "how_much": "who_pays",
    "who_pays": "how_much",
    "when": "duration",
}

# Subjects asked about together in one question ("are the PVT and the MAP done?").
SUBJECT_TOPICS_TOGETHER = frozenset({"pvt", "map", "intake", "learnability", "pip"})

# A term in the message names the topic when the intent alone does not ("MAP??").
TOPIC_OF_SUBJECT: dict[str, str] = {
    "pvt": "pvt",
    "map": "map",
    "intake": "intake",
    "learnability": "learnability",
    "pip": "pip",
    "exam": "exams",
    "course": "route",
    "loan": "loan",
    "extension": "extension",
}

# Topics that say nothing a follow-up could build on.
NOT_CONTEXT = frozenset(
    {
        "greeting",
        "goodbye",
        "thanks",
        "ack",
        "feedback",
        "language_menu",
        "personal_data",
        "emergency",
        "help",
    }
)

# Intents offered as "did you mean" buttons after a message that was not understood (each has a
# `button_<intent>` title in the catalogs).
BUTTON_INTENTS = (
    *(i for i in TOPIC_OF_INTENT if i.startswith("ask_") and i != "ask_link_help"),
    "request_human",
    "help",
)
