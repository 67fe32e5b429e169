"""A warm standby Rasa server: it loads the model, then waits for the port and takes over.

Starting a Rasa server takes 11-35 s on a 2-core machine (imports and the model), too long for a
crash to go unnoticed. `make run` therefore starts two identical Rasa servers with
RASA_STANDBY=true: both load, the first to get the port's lock serves, the other waits (the lock
is released by the kernel when its holder dies, even by kill -9) and then binds the port within a
fraction of a second. The supervisor starts the dead one again, which becomes the new standby.

Installed by `python -m bot.rasa_server` when RASA_STANDBY=true: Sanic runs "before server
start" listeners (Rasa's model loading among them) before it binds the port, so a listener added
last can wait there.
"""

from __future__ import annotations

import asyncio
import fcntl
import logging
import socket
import tempfile
from functools import wraps
from pathlib import Path
from typing import Any

from sanic import Sanic

logger = logging.getLogger(__name__)
POLL_SECONDS = 0.05
_INSTALLED = "_wegwijs_standby"


def lock_path(port: int) -> Path:
    return Path(tempfile.gettempdir()) / f"wegwijs-rasa-{port}.lock"


def port_is_free(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


async def take_over(app: Sanic, host: str, port: int) -> None:
    """Wait until this process holds the port's lock and the port is free."""
    handle = lock_path(port).open("a")
    waiting = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if not waiting:
                logger.warning("standing by: another Rasa server serves port %s", port)
                waiting = True
            await asyncio.sleep(POLL_SECONDS)
    app.ctx.standby_lock = handle  # held (open) for the life of this process
    while not port_is_free(host, port):
        await asyncio.sleep(POLL_SECONDS)
    if waiting:
        logger.warning("taking over port %s", port)


def install() -> None:
    """Make every Sanic server of this process wait for its port (idempotent)."""
    if getattr(Sanic, _INSTALLED, False):
        return
    run = Sanic.run

    @wraps(run)
    def run_when_free(self: Sanic, *args: Any, **kwargs: Any) -> Any:
        host = str(kwargs.get("host") or "127.0.0.1")
        port = int(kwargs.get("port") or 8000)

        async def wait(app: Sanic, _loop: Any) -> None:
            await take_over(app, host, port)

        self.register_listener(wait, "before_server_start")
        return run(self, *args, **kwargs)

    Sanic.run = run_when_free  # type: ignore[method-assign]
    setattr(Sanic, _INSTALLED, True)
