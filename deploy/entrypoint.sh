#!/bin/sh
# The image's entrypoint: run one process of the Procfile by name, with the same command line
# `make run` uses (`entrypoint.sh rasa`, `entrypoint.sh actions`, ...). The command replaces
# this shell, so the container's stop signal reaches the process itself.
set -eu
cd "${APP_DIR:-/app}"
procfile="${PROCFILE:-Procfile}"
name="${1:?usage: entrypoint.sh <process name from the Procfile>}"
command=$(sed -n "s/^${name}:[[:space:]]*//p" "$procfile")
if [ -z "$command" ]; then
  echo "no process '$name' in $procfile; there are: $(cut -d: -f1 "$procfile" | tr '\n' ' ')" >&2
  exit 64
fi
exec bash -c "$command"  # bash runs a single command in its own place (no extra process)
