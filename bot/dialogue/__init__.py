"""What to do with a message: pure decisions from what was understood and the context.

`turn` reads what the NLU understood, `context` what the conversation remembers, `intents` holds
the literal tables (intent → topic, follow-up → topic), and `plan` decides the steps the action
server carries out. Nothing here does I/O or imports Rasa.
"""
