"""Cases: the domain model, the rules of FACTS.md, import and link codes. No ORM, no Rasa."""
