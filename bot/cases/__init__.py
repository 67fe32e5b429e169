"""Cases: the domain model, the rules of docs/facts.md, import and link codes. No ORM, no Rasa."""
