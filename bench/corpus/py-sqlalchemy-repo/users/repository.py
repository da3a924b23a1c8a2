"""Data access for the users service."""

import textwrap
from dataclasses import dataclass

from sqlalchemy import Engine, select, text, update
from sqlalchemy.orm import Session

from users.tables import User

SORTABLE = frozenset({"email", "created_at", "last_login"})


@dataclass
class UserRepository:
    engine: Engine

    def by_email(self, email: str) -> User | None:
        with Session(self.engine) as session:
            # ok: sql-injection
            return session.scalars(select(User).where(User.email == email)).first()

    def by_domain(self, domain: str) -> list[dict]:
        with self.engine.connect() as conn:
            # ok: sql-injection
            rows = conn.execute(text("SELECT id, email FROM users WHERE email LIKE :pattern"), {"pattern": f"%@{domain}"})
            return [dict(r._mapping) for r in rows]

    def search(self, name: str) -> list[dict]:
        with self.engine.connect() as conn:
            # expect: sql-injection
            rows = conn.execute(text(f"SELECT id, email FROM users WHERE full_name ILIKE '%{name}%'"))
            return [dict(r._mapping) for r in rows]

    def sorted_page(self, sort: str, limit: int) -> list[dict]:
        if sort not in SORTABLE:
            raise ValueError(f"cannot sort by {sort}")
        with self.engine.connect() as conn:
            # ok: sql-injection
            rows = conn.execute(text(f"SELECT id, email FROM users ORDER BY {sort} LIMIT :limit"), {"limit": limit})
            return [dict(r._mapping) for r in rows]

    def deactivate_stale(self, days: str) -> int:
        query = textwrap.dedent(f"""
            UPDATE users SET active = false
            WHERE last_login < now() - interval '{days} days'
        """)
        with self.engine.begin() as conn:
            # expect: sql-injection
            return conn.exec_driver_sql(query).rowcount

    def count_active(self, tenant: str) -> int:
        query = f"SELECT count(*) FROM users WHERE tenant = '{tenant}'"
        query = "SELECT count(*) FROM users WHERE tenant = %(tenant)s"
        with self.engine.connect() as conn:
            # ok: sql-injection
            return conn.exec_driver_sql(query, {"tenant": tenant}).scalar_one()

    def rename(self, user_id: int, full_name: str) -> None:
        with Session(self.engine) as session:
            # ok: sql-injection
            session.execute(update(User).where(User.id == user_id).values(full_name=full_name))
            session.commit()

    def report(self, group_by: str) -> list[tuple]:
        sql = "SELECT " + group_by + ", count(*) FROM users GROUP BY " + group_by
        with self.engine.connect() as conn:
            # expect: sql-injection
            return list(conn.execute(text(sql)))
