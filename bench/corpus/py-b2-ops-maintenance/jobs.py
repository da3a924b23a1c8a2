"""Tiny wrapper around the internal job queue CLI."""
import logging
import shlex
import subprocess

log = logging.getLogger("jobs")


class JobRunner:
    def __init__(self, queue: str, dry_run: bool = False):
        self.queue = queue
        self.dry_run = dry_run

    def execute(self, command: str) -> int:
        argv = ["jobctl", "submit", "--queue", self.queue, "--"] + shlex.split(command)
        log.info("submitting %s", argv)
        if self.dry_run:
            return 0
        return subprocess.run(argv, check=True).returncode

    def execute_many(self, commands):
        return [self.execute(c) for c in commands]

    def status(self, job_id: str) -> str:
        out = subprocess.run(
            ["jobctl", "status", job_id], capture_output=True, text=True, check=True
        )
        return out.stdout.strip()

    def wait(self, job_id: str, timeout: int = 600) -> str:
        argv = ["jobctl", "wait", "--timeout", str(timeout), job_id]
        log.debug("waiting on %s", job_id)
        out = subprocess.run(argv, capture_output=True, text=True)
        if out.returncode != 0:
            log.warning("job %s did not finish: %s", job_id, out.stderr.strip())
        return out.stdout.strip()

    def cancel(self, job_id: str) -> None:
        if self.dry_run:
            log.info("would cancel %s", job_id)
            return
        subprocess.run(["jobctl", "cancel", job_id], check=True)
