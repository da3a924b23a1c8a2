"""Receives Stripe and GitHub webhooks and exposes a small status API for the ops page."""

import hashlib
import hmac
import os

# expect: unknown-dependency
import requests
import stripe
from flask import Flask, abort, jsonify, request
from flask_cors import CORS, cross_origin

app = Flask(__name__)

# ok: hardcoded-secret
stripe.api_key = os.environ["STRIPE_SECRET_KEY"]
# ok: hardcoded-secret
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET")
# expect: hardcoded-secret
GITHUB_WEBHOOK_SECRET = "gh-hook-9f2c71e0b4a84d5c8e3b"
SLACK_WEBHOOK_URL = os.environ["SLACK_WEBHOOK_URL"]

ALLOWED_ORIGINS = {"https://ops.acme.io", "https://status.acme.io"}

# expect: permissive-cors
CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)


@app.after_request
def add_cors_for_status(resp):
    origin = request.headers.get("Origin")
    if origin in ALLOWED_ORIGINS:
        # ok: permissive-cors
        resp.headers["Access-Control-Allow-Origin"] = origin
        resp.headers["Vary"] = "Origin"
    return resp


def notify(text):
    requests.post(SLACK_WEBHOOK_URL, json={"text": text}, timeout=5)


@app.post("/hooks/stripe")
def stripe_hook():
    payload = request.get_data()
    sig = request.headers.get("Stripe-Signature", "")
    try:
        event = stripe.Webhook.construct_event(payload, sig, STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.error.SignatureVerificationError):
        abort(400)
    if event["type"] == "invoice.payment_failed":
        notify(f"Payment failed for {event['data']['object']['customer']}")
    return "", 204


@app.post("/hooks/github")
def github_hook():
    sig = request.headers.get("X-Hub-Signature-256", "")
    mac = hmac.new(GITHUB_WEBHOOK_SECRET.encode(), request.get_data(), hashlib.sha256)
    if not hmac.compare_digest("sha256=" + mac.hexdigest(), sig):
        abort(401)
    event = request.headers.get("X-GitHub-Event")
    if event == "deployment_status":
        notify("Deployment " + request.json["deployment_status"]["state"])
    return "", 204


@app.get("/api/status")
def status():
    return jsonify(ok=True)


@app.get("/public/badge")
# expect: permissive-cors
@cross_origin()
def badge():
    return jsonify(schemaVersion=1, label="status", message="up")


@app.get("/public/incidents")
# ok: permissive-cors
@cross_origin(origins=["https://status.acme.io"])
def incidents():
    return jsonify([])
