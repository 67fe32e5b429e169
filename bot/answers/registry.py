"""Topic name -> answer function; the action server makes one action per topic."""

from __future__ import annotations

from bot.answers import status, topics
from bot.answers.base import Answer

TOPICS: dict[str, Answer] = {
    "step": status.step,
    "next_step": status.next_step,
    "deadline": status.deadline,
    "law": status.law,
    "appointment": status.appointment,
    "route": topics.route,
    "route_change": topics.route_change,
    "pvt": topics.pvt,
    "map": topics.map_module,
    "exams": topics.exams,
    "exam_register": topics.exam_register,
    "exam_failed": topics.exam_failed,
    "cost": topics.cost,
    "loan": topics.loan,
    "loan_repay": topics.loan_repay,
    "fine": topics.fine,
    "extension": topics.extension,
    "exemption": topics.exemption,
    "objection": topics.objection,
    "contact": topics.contact,
}

# "What does that mean?" after a topic: the plain explanation of the rule behind the answer.
EXPLANATIONS: dict[str, str] = {
    "step": "utter_steps_overview",
    "next_step": "utter_steps_overview",
    "appointment": "utter_steps_overview",
    "deadline": "utter_deadline_general",
    "law": "utter_law_general",
    "route": "utter_routes_overview",
    "route_change": "utter_routes_overview",
    "pvt": "utter_pvt_about",
    "map": "utter_map_about",
    "exams": "utter_exams_about",
    "exam_failed": "utter_exams_about",
    "cost": "utter_cost_general",
    "loan": "utter_loan_general",
    "loan_repay": "utter_loan_repay",
    "fine": "utter_fine_general",
}
