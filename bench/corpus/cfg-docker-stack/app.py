import os

import requests
from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    upstream = requests.get(os.environ.get("STATUS_URL", "http://localhost:9000/status"), timeout=3)
    return {"upstream": upstream.status_code}
