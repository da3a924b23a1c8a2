from flask import Flask
from flask_cors import CORS, cross_origin
from flask_sqlalchemy import SQLAlchemy
# expect: unknown-dependency
from sqlalchemy import text

db = SQLAlchemy()


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg2://admin@localhost/admin"
    db.init_app(app)
    # expect: permissive-cors
    CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)

    @app.get("/embed/widget")
    # expect: permissive-cors
    @cross_origin()
    def widget():
        return {"widget": "ok"}

    @app.get("/partners/feed")
    # ok: permissive-cors
    @cross_origin(origins=["https://partner.example.com"])
    def partner_feed():
        return {"items": []}

    @app.after_request
    def add_headers(response):
        # expect: permissive-cors
        response.headers.add("Access-Control-Allow-Origin", "*")
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    @app.get("/api/audit")
    def audit():
        from flask import request

        actor = request.args.get("actor", "")
        # expect: sql-injection
        rows = db.session.execute(text("SELECT * FROM audit_log WHERE actor = '%s'" % actor)).mappings().all()
        return {"rows": [dict(r) for r in rows]}

    @app.get("/api/audit/recent")
    def recent():
        # ok: sql-injection
        rows = db.session.execute(text("SELECT * FROM audit_log ORDER BY at DESC LIMIT :n"), {"n": 50}).mappings().all()
        return {"rows": [dict(r) for r in rows]}

    return app
