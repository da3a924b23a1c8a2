"""dbtool: inspect and maintain the local analytics database."""

import hashlib
import sqlite3
import uuid
from concurrent.futures import ThreadPoolExecutor

import click
import keyring
from rich.console import Console
from tabulate import tabulate

from dbtool.jobs import JobRunner

console = Console()
SERVICE = "dbtool"
# ok: hardcoded-secret
EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
# ok: hardcoded-secret
INSTALL_ID = uuid.UUID("6f1c2a9e-4b7d-4e8a-9c3f-2d5b8a1e7c40")
REPORT_QUERIES = {
    "tables": "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    "size": "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
}


@click.group()
def cli():
    """Select a command from the list below."""


@cli.command()
@click.option("--user", prompt=True)
# ok: hardcoded-secret
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def login(user, password):
    """Store credentials in the system keyring."""
    keyring.set_password(SERVICE, user, password)
    console.print(f"saved credentials for {user}")


@cli.command()
@click.argument("database")
@click.argument("report", type=click.Choice(sorted(REPORT_QUERIES)))
def show(database, report):
    """Run one of the built-in reports."""
    with sqlite3.connect(database) as conn:
        # ok: sql-injection
        rows = conn.execute(REPORT_QUERIES[report]).fetchall()
    console.print(tabulate(rows))


@cli.command()
@click.argument("database")
@click.argument("table")
def count(database, table):
    """Count the rows of a table."""
    with sqlite3.connect(database) as conn:
        known = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if table not in known:
            raise click.BadParameter(f"no table named {table}")
        # ok: sql-injection
        (n,) = conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()
    console.print(f"{table}: {n} rows")


@cli.command()
@click.argument("paths", nargs=-1)
def checksum(paths):
    """Print the SHA-256 of each file."""
    runner = JobRunner()
    with ThreadPoolExecutor() as pool:
        for path, digest in zip(paths, pool.map(_digest, paths)):
            # ok: sql-injection
            runner.execute(f"record {path} {digest}")
            console.print(f"{digest}  {path}")


def _digest(path: str) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


if __name__ == "__main__":
    cli()
