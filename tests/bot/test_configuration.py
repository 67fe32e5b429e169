"""Every ${VAR} in Rasa's YAML files has a non-empty default in .env.example.

An empty value in .env gives Rasa an empty variable, and Rasa refuses
to start when a ${VAR} cannot be expanded; this keeps `make run` working on a fresh machine.
"""

from __future__ import annotations

import re

from bot.settings import ROOT

VARIABLE = re.compile(r"\$\{(\w+)\}")


def example_values() -> dict[str, str]:
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def test_rasa_configuration_variables_have_non_empty_defaults() -> None:
    defaults = example_values()
    for name in ("endpoints.yml", "credentials.yml"):
        lines = [
            line
            for line in (ROOT / name).read_text().splitlines()
            if not line.lstrip().startswith("#")
        ]
        for variable in VARIABLE.findall("\n".join(lines)):
            assert defaults.get(variable), (
                f"{name} uses ${{{variable}}} without a default in .env.example"
            )
