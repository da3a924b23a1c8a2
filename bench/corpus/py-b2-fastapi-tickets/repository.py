"""asyncpg data access for support tickets."""
import textwrap
from typing import Optional

import asyncpg

TICKET_FIELDS = "id, subject, status, priority, assignee_id, created_at, updated_at"

PRIORITY_ORDER = {
    "priority": "priority DESC, created_at ASC",
    "newest": "created_at DESC",
    "oldest": "created_at ASC",
    "updated": "updated_at DESC",
}


def _ticket_query(extra_where: str) -> str:
    return textwrap.dedent(
        f"""
        SELECT {TICKET_FIELDS}
        FROM tickets
        WHERE deleted_at IS NULL {extra_where}
        """
    )


class TicketRepository:
    def __init__(self, pool: asyncpg.Pool):
        self.pool = pool

    async def get(self, ticket_id: int) -> Optional[asyncpg.Record]:
        async with self.pool.acquire() as conn:
            # ok: sql-injection
            return await conn.fetchrow(_ticket_query("AND id = $1"), ticket_id)

    async def list(self, status: Optional[str], assignee: Optional[int], order: str, limit: int):
        clauses = []
        args = []
        if status:
            args.append(status)
            clauses.append(f"AND status = ${len(args)}")
        if assignee is not None:
            args.append(assignee)
            clauses.append(f"AND assignee_id = ${len(args)}")
        args.append(limit)
        sql = _ticket_query(" ".join(clauses)).strip()
        sql += f" ORDER BY {PRIORITY_ORDER.get(order, 'created_at DESC')} LIMIT ${len(args)}"
        async with self.pool.acquire() as conn:
            # ok: sql-injection
            return await conn.fetch(sql, *args)

    async def search(self, text: str, tag: Optional[str]):
        sql = _ticket_query(f"AND subject ILIKE '%{text}%'")
        if tag:
            sql = sql.strip() + " AND id IN (SELECT ticket_id FROM ticket_tags WHERE tag = $1)"
            async with self.pool.acquire() as conn:
                # expect: sql-injection
                return await conn.fetch(sql, tag)
        async with self.pool.acquire() as conn:
            # expect: sql-injection
            return await conn.fetch(sql)

    async def bulk_close(self, ids: list[int], reason: str) -> str:
        async with self.pool.acquire() as conn:
            # ok: sql-injection
            return await conn.execute(
                "UPDATE tickets SET status = 'closed', close_reason = $2, updated_at = now() "
                "WHERE id = ANY($1::bigint[])",
                ids,
                reason,
            )

    async def reassign(self, from_user: int, to_user: int, team: str) -> str:
        query = (
            "UPDATE tickets SET assignee_id = " + str(to_user) +
            " WHERE assignee_id = " + str(from_user) +
            " AND team = '" + team + "'"
        )
        async with self.pool.acquire() as conn:
            # expect: sql-injection
            return await conn.execute(query)

    async def counts_by_status(self):
        async with self.pool.acquire() as conn:
            # ok: sql-injection
            return await conn.fetch(
                """
                SELECT status, count(*) AS n
                FROM tickets
                WHERE deleted_at IS NULL
                GROUP BY status
                """
            )
