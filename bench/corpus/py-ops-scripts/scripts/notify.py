import getpass
import json
import os
import smtplib
import urllib.request
from email.message import EmailMessage

SMTP_HOST = "smtp.example.com"
SMTP_USER = "alerts@example.com"
# expect: hardcoded-secret
SLACK_WEBHOOK = "https://hooks.slack.com/services/T02ABCDEF/B04GHIJKL/aBcDeFgHiJkLmNoPqRsTuVwX"


def send_mail(to: str, subject: str, body: str) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = SMTP_USER, to, subject
    msg.set_content(body)
    with smtplib.SMTP(SMTP_HOST, 587) as smtp:
        smtp.starttls()
        # expect: hardcoded-secret
        smtp.login(SMTP_USER, "Al3rts!2024#mail")
        smtp.send_message(msg)


def send_mail_interactive(to: str, subject: str, body: str) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = SMTP_USER, to, subject
    msg.set_content(body)
    with smtplib.SMTP(SMTP_HOST, 587) as smtp:
        smtp.starttls()
        # ok: hardcoded-secret
        smtp.login(SMTP_USER, os.environ.get("SMTP_PASSWORD") or getpass.getpass("SMTP password: "))
        smtp.send_message(msg)


def post_slack(text: str) -> None:
    data = json.dumps({"text": text}).encode()
    req = urllib.request.Request(SLACK_WEBHOOK, data=data, headers={"Content-Type": "application/json"})
    urllib.request.urlopen(req, timeout=5)
