"""Plug-ins that run inside the Rasa server: channels, the NLG client, an NLU component."""
