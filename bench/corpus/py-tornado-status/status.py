import json
import os

import psycopg2
import tornado.ioloop
import tornado.web

TRUSTED_ORIGINS = frozenset(os.environ.get("TRUSTED_ORIGINS", "").split(","))


class BaseHandler(tornado.web.RequestHandler):
    def prepare(self):
        self.db = psycopg2.connect(os.environ["STATUS_DSN"])

    def on_finish(self):
        self.db.close()


class PublicStatusHandler(BaseHandler):
    def set_default_headers(self):
        # expect: permissive-cors
        self.set_header("Access-Control-Allow-Origin", "*")
        self.set_header("Content-Type", "application/json")

    def get(self):
        with self.db.cursor() as cur:
            cur.execute("SELECT component, state, updated_at FROM status ORDER BY component")
            rows = cur.fetchall()
        self.write(json.dumps([{"component": c, "state": s, "updated": u.isoformat()} for c, s, u in rows]))


class IncidentHandler(BaseHandler):
    def set_default_headers(self):
        origin = self.request.headers.get("Origin")
        if origin in TRUSTED_ORIGINS:
            # ok: permissive-cors
            self.set_header("Access-Control-Allow-Origin", origin)
            self.set_header("Access-Control-Allow-Credentials", "true")

    def get(self, component):
        state = self.get_argument("state", "open")
        with self.db.cursor() as cur:
            # expect: sql-injection
            cur.execute("SELECT id, title FROM incidents WHERE component = '%s' AND state = '%s'" % (component, state))
            rows = cur.fetchall()
        self.write(json.dumps([{"id": i, "title": t} for i, t in rows]))

    def post(self, component):
        body = json.loads(self.request.body)
        with self.db.cursor() as cur:
            # ok: sql-injection
            cur.execute(
                "INSERT INTO incidents (component, title, state) VALUES (%s, %s, 'open') RETURNING id",
                (component, body["title"]),
            )
            incident_id = cur.fetchone()[0]
        self.db.commit()
        self.write({"id": incident_id})


def make_app():
    return tornado.web.Application([
        (r"/status", PublicStatusHandler),
        (r"/incidents/([a-z-]+)", IncidentHandler),
    ])


if __name__ == "__main__":
    make_app().listen(int(os.environ.get("PORT", "8888")))
    tornado.ioloop.IOLoop.current().start()
