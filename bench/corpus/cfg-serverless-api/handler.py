import json
import os

import boto3
from boto3.dynamodb.conditions import Key

table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])


def list_orders(event, context):
    customer = (event.get("queryStringParameters") or {}).get("customer")
    # ok: sql-injection
    result = table.query(KeyConditionExpression=Key("customer").eq(customer)) if customer else table.scan(Limit=50)
    return {"statusCode": 200, "body": json.dumps(result["Items"], default=str)}


def get_order(event, context):
    order_id = event["pathParameters"]["id"]
    item = table.get_item(Key={"id": order_id}).get("Item")
    return {"statusCode": 200 if item else 404, "body": json.dumps(item, default=str)}
