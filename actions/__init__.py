"""The action server: one thin module per topic, plus the NLG endpoint (actions/server.py)."""
