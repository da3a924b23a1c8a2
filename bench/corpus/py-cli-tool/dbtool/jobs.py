"""A tiny in-process job runner (not a database)."""

import shlex


class JobRunner:
    def __init__(self) -> None:
        self.history: list[list[str]] = []

    def execute(self, command: str) -> None:
        self.history.append(shlex.split(command))
