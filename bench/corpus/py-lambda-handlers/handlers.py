"""API Gateway proxy handlers for the public catalogue."""

import json
import os

import boto3
import pymysql
import requests
from requests.auth import HTTPBasicAuth

# ok: permissive-cors
JSON_HEADERS = {"Content-Type": "application/json"}
# expect: permissive-cors
CORS_HEADERS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "Content-Type"}

secrets = boto3.client("secretsmanager")


def _connection():
    # ok: hardcoded-secret
    creds = json.loads(secrets.get_secret_value(SecretId="prod/catalogue/mysql")["SecretString"])
    return pymysql.connect(
        host=os.environ["DB_HOST"],
        user=creds["username"],
        # ok: hardcoded-secret
        password=creds["password"],
        database="catalogue",
        cursorclass=pymysql.cursors.DictCursor,
    )


def _legacy_connection():
    return pymysql.connect(
        host="legacy-db.internal.example.com",
        user="catalogue",
        # expect: hardcoded-secret
        password="C4t4l0gue!Legacy",
        database="catalogue",
    )


def list_items(event, context):
    params = event.get("queryStringParameters") or {}
    with _connection() as conn, conn.cursor() as cur:
        # expect: sql-injection
        cur.execute(f"""
            SELECT id, name, price
            FROM items
            WHERE brand = '{params.get("brand", "")}'
            ORDER BY name
        """)
        rows = cur.fetchall()
    return {"statusCode": 200, "headers": CORS_HEADERS, "body": json.dumps(rows, default=str)}


def get_item(event, context):
    item_id = event["pathParameters"]["id"]
    with _connection() as conn, conn.cursor() as cur:
        # ok: sql-injection
        cur.execute("SELECT id, name, price FROM items WHERE id = %s", (item_id,))
        row = cur.fetchone()
    return {
        "statusCode": 200 if row else 404,
        # expect: permissive-cors
        "headers": {"Access-Control-Allow-Origin": "*", **JSON_HEADERS},
        "body": json.dumps(row, default=str),
    }


def import_items(event, context):
    rows = json.loads(event["body"])
    with _legacy_connection() as conn, conn.cursor() as cur:
        # ok: sql-injection
        cur.executemany("INSERT INTO items (name, price) VALUES (%s, %s)", [(r["name"], r["price"]) for r in rows])
        conn.commit()
    return {"statusCode": 204, "headers": JSON_HEADERS}


def sync_prices(event, context):
    # expect: hardcoded-secret
    response = requests.get("https://erp.example.com/api/prices", auth=HTTPBasicAuth("sync", "Erp-Sync-2024!"), timeout=10)
    # ok: hardcoded-secret
    partner = requests.get("https://partner.example.com/prices", auth=("sync", os.environ["PARTNER_PASSWORD"]), timeout=10)
    return {"statusCode": 200, "body": json.dumps({"erp": response.status_code, "partner": partner.status_code})}
