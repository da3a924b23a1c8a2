import json

import tornado.escape
import tornado.ioloop
import tornado.web

from metrics import settings


class BaseHandler(tornado.web.RequestHandler):
    def set_default_headers(self):
        self.set_header("Content-Type", "application/json")


class PublicHandler(BaseHandler):
    """Aggregates that the marketing site reads from the browser."""

    def set_default_headers(self):
        super().set_default_headers()
        # expect: permissive-cors
        self.set_header("Access-Control-Allow-Origin", "*")

    def get(self):
        self.write(json.dumps({"uptime": 99.98, "requests_24h": 1_204_331}))


class DashboardHandler(BaseHandler):
    def set_default_headers(self):
        super().set_default_headers()
        origin = self.request.headers.get("Origin")
        if origin in settings.DASHBOARD_ORIGINS:
            # ok: permissive-cors
            self.set_header("Access-Control-Allow-Origin", origin)
            self.set_header("Access-Control-Allow-Credentials", "true")
            self.set_header("Vary", "Origin")

    def options(self, *args):
        self.set_status(204)
        self.finish()

    def get(self, series):
        self.write(json.dumps({"series": series, "points": []}))


class IngestHandler(BaseHandler):
    def set_default_headers(self):
        super().set_default_headers()
        # expect: permissive-cors
        self.set_header("Access-Control-Allow-Origin", self.request.headers.get("Origin", ""))
        self.set_header("Access-Control-Allow-Credentials", "true")

    def post(self):
        body = json.loads(self.request.body)
        self.set_status(202)
        self.write(json.dumps({"accepted": len(body.get("points", []))}))


class BadgeHandler(BaseHandler):
    def get(self, name):
        # ok: permissive-cors
        self.set_header("Access-Control-Allow-Origin", "https://status.example.com")
        self.set_header("Content-Type", "image/svg+xml")
        self.write(f"<svg><text>{tornado.escape.xhtml_escape(name)}</text></svg>")


def make_app():
    return tornado.web.Application(
        [
            (r"/public/summary", PublicHandler),
            (r"/dashboard/series/([a-z0-9_]+)", DashboardHandler),
            (r"/ingest", IngestHandler),
            (r"/badge/([a-z0-9-]+)\.svg", BadgeHandler),
        ],
        cookie_secret=settings.COOKIE_SECRET,
        xsrf_cookies=False,
        debug=settings.DEBUG,
    )


if __name__ == "__main__":
    make_app().listen(settings.PORT)
    tornado.ioloop.IOLoop.current().start()
