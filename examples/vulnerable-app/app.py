"""A small Flask API with the flaws assistants write most often (agentguard's demo)."""

import os
import sqlite3

from flask import Flask, jsonify, request
from flask_cors import CORS

app = Flask(__name__)
CORS(app, origins="*", supports_credentials=True)

STRIPE_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"
DATABASE = os.environ.get("DATABASE", "shop.db")


@app.get("/orders")
def orders():
    customer_id = request.args["customer"]
    db = sqlite3.connect(DATABASE)
    cursor = db.cursor()
    cursor.execute(f"SELECT * FROM orders WHERE customer_id = {customer_id}")
    return jsonify(cursor.fetchall())
