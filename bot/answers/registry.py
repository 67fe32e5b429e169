"""Topic name -> answer function: every answer the assistant gives, in one table.

The topic names are the ones the conversation test sets use (tests/conversations/README.md).
"""

from __future__ import annotations

from bot.answers import (
    conversation,
    exams,
    life,
    money,
    obligation,
    process,
    rights,
    routes,
    status,
)
from bot.answers.base import Answer
from bot.answers.contacts import contact

TOPICS: dict[str, Answer] = {
    # the conversation
    "greeting": conversation.greeting,
    "goodbye": conversation.canned,
    "thanks": conversation.canned,
    "ack": conversation.ack,
    "help": conversation.canned,
    "language_menu": conversation.canned,
    "feedback": conversation.feedback,
    "emergency": conversation.canned,
    "out_of_scope": conversation.canned,
    "personal_data": conversation.canned,
    "support": conversation.support,
    "complaint": conversation.complaint,
    "link_help": conversation.link_help,
    # the person's case
    "step": status.step,
    "next_step": status.next_step,
    "deadline": status.deadline,
    "law": status.law,
    "appointment": status.appointment,
    # routes, PVT, MAP
    "route": routes.route,
    "route_change": routes.route_change,
    "levels": routes.levels,
    "pvt": routes.pvt,
    "map": routes.map_module,
    # exams
    "exams": exams.exams,
    "exam_register": exams.exam_register,
    "exam_failed": exams.exam_failed,
    "exam_form": exams.exam_form,
    "diploma": exams.diploma,
    # money
    "cost": money.cost,
    "loan": money.loan,
    "loan_repay": money.loan_repay,
    "fine": money.fine,
    # rules and rights
    "extension": rights.extension,
    "extension_documents": rights.extension_documents,
    "exemption": rights.exemption,
    "foreign_diploma": rights.foreign_diploma,
    "objection": rights.objection,
    "contact": contact,
    # the process
    "intake": process.intake,
    "learnability": process.learnability,
    "pip": process.pip,
    "reschedule": process.reschedule,
    "moving": process.moving,
    # the obligation
    "who_must": obligation.who_must,
    "family": obligation.family,
    "after_integration": obligation.after_integration,
    # life alongside inburgering
    "study": life.study,
    "work": life.work,
    "childcare": life.childcare,
    "digid": life.digid,
    "school": life.school,
}
