"""`python -m bot.supervisor Procfile [--once NAME]`: run every process of a Procfile, restart any
that stops, and stop them all on Ctrl-C (what `make run` uses instead of honcho).

honcho stops every process when one exits and restarts none: one crash took the whole assistant
down. Here a process that stops is started again at once; one that keeps failing within
STABLE_SECONDS of its start waits longer each time (up to MAX_DELAY_SECONDS), so a broken
configuration does not spin. A process named with --once (the start-up announcement) may finish
with exit code 0. The environment wins over .env: .env only fills in what is not set.
Each output line is prefixed with the time and the process's name.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bot.settings import ROOT, load_dotenv

STABLE_SECONDS = 10.0
MAX_DELAY_SECONDS = 30.0
STOP_SECONDS = 10.0


@dataclass(frozen=True)
class Program:
    name: str
    command: str
    once: bool = False


def read_procfile(text: str, once: frozenset[str] = frozenset()) -> list[Program]:
    """`name: command` lines; blank lines and # comments are skipped."""
    programs = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#") or ":" not in line:
            continue
        name, command = (part.strip() for part in line.split(":", 1))
        programs.append(Program(name, command, name in once))
    return programs


def restart_delay(quick_failures: int) -> float:
    """Seconds before a restart: none after a process that ran well, then 1, 2, 4 … 30."""
    if quick_failures <= 0:
        return 0.0
    return min(MAX_DELAY_SECONDS, 2.0 ** (quick_failures - 1))


def should_restart(program: Program, exit_code: int) -> bool:
    return not (program.once and exit_code == 0)


def say(name: str, line: str, width: int = 10) -> None:
    sys.stdout.write(f"{time.strftime('%H:%M:%S')} {name:<{width}} | {line}\n")
    sys.stdout.flush()


class Supervisor:
    def __init__(self, programs: list[Program]) -> None:
        self.programs = programs
        self.running: dict[str, asyncio.subprocess.Process] = {}
        self.stopping = asyncio.Event()

    async def _pump(self, name: str, stream: asyncio.StreamReader) -> None:
        while line := await stream.readline():
            say(name, line.decode("utf-8", "replace").rstrip())

    async def _run_once(self, program: Program) -> int:
        process = await asyncio.create_subprocess_exec(
            "bash",
            "-c",
            program.command,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as a whole
        )
        self.running[program.name] = process
        say(program.name, f"started (pid {process.pid})")
        assert process.stdout is not None
        pump = asyncio.create_task(self._pump(program.name, process.stdout))
        code = await process.wait()
        await asyncio.wait([pump], timeout=1.0)  # a child's child may hold the pipe open
        pump.cancel()
        self.running.pop(program.name, None)
        return code

    async def keep_running(self, program: Program) -> None:
        quick_failures = 0
        while not self.stopping.is_set():
            started = time.monotonic()
            code = await self._run_once(program)
            if self.stopping.is_set() or not should_restart(program, code):
                say(program.name, f"finished (exit code {code})")
                return
            ran_well = time.monotonic() - started >= STABLE_SECONDS
            quick_failures = 0 if ran_well else quick_failures + 1
            delay = restart_delay(quick_failures)
            say(program.name, f"stopped (exit code {code}); starting again in {delay:.0f} s")
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.stopping.wait(), timeout=delay or 0.01)

    def _signal_all(self, signum: int) -> None:
        for process in list(self.running.values()):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signum)

    async def stop(self) -> None:
        self.stopping.set()
        self._signal_all(signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        while self.running and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        self._signal_all(signal.SIGKILL)

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, lambda: asyncio.ensure_future(self.stop()))
        await asyncio.gather(*(self.keep_running(program) for program in self.programs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("procfile", type=Path)
    parser.add_argument("--once", action="append", default=[], help="may finish with exit 0")
    parser.add_argument("--env-file", type=Path, default=ROOT / ".env")
    args = parser.parse_args(argv)
    load_dotenv(args.env_file)  # the environment wins: .env only fills in what is not set
    programs = read_procfile(args.procfile.read_text(encoding="utf-8"), frozenset(args.once))
    asyncio.run(Supervisor(programs).run())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
