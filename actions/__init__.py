"""The action server: one action (actions/respond.py) that carries out the dialogue's decisions."""
