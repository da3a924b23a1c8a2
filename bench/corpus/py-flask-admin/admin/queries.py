from admin import db


def build_filter(column, value):
    return f"SELECT * FROM users WHERE {column} = '{value}'"


def users_where(column, value):
    # expect: sql-injection
    return db.session.execute(db.text(build_filter(column, value))).all()


def report(kind):
    if kind == "daily":
        query = "SELECT date(at), count(*) FROM audit_log GROUP BY 1"
    else:
        query = "SELECT date_trunc('week', at), count(*) FROM audit_log GROUP BY 1"
    # ok: sql-injection
    return db.session.execute(db.text(query)).all()


def purge(kind, before):
    if kind == "soft":
        query = "UPDATE audit_log SET deleted = true WHERE at < '" + before + "'"
    else:
        query = "DELETE FROM audit_log WHERE at < '" + before + "'"
    # expect: sql-injection
    return db.session.execute(db.text(query)).rowcount
