"""`python -m bot.rasa_server run …`: Rasa's own command line, with this project's patches to Rasa
installed first (bot.rasa_ext.patches), once and explicitly."""

from __future__ import annotations


def main() -> None:
    from rasa.__main__ import main as rasa_main

    from bot.rasa_ext import patches

    patches.install()
    rasa_main()


if __name__ == "__main__":
    main()
