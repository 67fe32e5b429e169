"""`python -m bot.rasa_server run …`: Rasa's own command line, with this project's patches to Rasa
installed first (bot.rasa_ext.patches), once and explicitly. With RASA_STANDBY=true the server
loads its model and then waits for the port (bot.rasa_ext.standby)."""

from __future__ import annotations

from bot.settings import env


def main() -> None:
    from rasa.__main__ import main as rasa_main

    from bot.rasa_ext import patches, standby

    patches.install()
    if env("RASA_STANDBY").lower() == "true":
        standby.install()
    rasa_main()


if __name__ == "__main__":
    main()
