import os
from datetime import datetime, timezone

import jwt
# expect: unknown-dependency
import requests
import yaml
from bs4 import BeautifulSoup
# expect: unknown-dependency
from dateutil import parser as date_parser
from flask import Flask, jsonify, request
# expect: unknown-dependency
from flask_secure_auth_helper import require_token

app = Flask(__name__)

with open(os.environ.get("FEEDS_FILE", "feeds.yaml"), encoding="utf-8") as fh:
    FEEDS = yaml.safe_load(fh)


@app.get("/feeds/<name>")
@require_token
def read_feed(name):
    feed = FEEDS.get(name)
    if feed is None:
        return jsonify({"error": "unknown feed"}), 404
    response = requests.get(feed["url"], timeout=10)
    soup = BeautifulSoup(response.text, "html.parser")
    items = []
    for entry in soup.find_all("item"):
        published = date_parser.parse(entry.pubdate.text) if entry.pubdate else None
        items.append({"title": entry.title.text, "published": published and published.isoformat()})
    return jsonify(items)


@app.post("/token")
def issue_token():
    user = request.get_json(force=True)["user"]
    claims = {"sub": user, "iat": datetime.now(timezone.utc)}
    # ok: hardcoded-secret
    token = jwt.encode(claims, os.environ["JWT_SECRET"], algorithm="HS256")
    return jsonify({"token": token})
