import os

import httpx
import stripe
from pydantic import BaseModel

# expect: hardcoded-secret
stripe.api_key = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"
# ok: hardcoded-secret
STRIPE_PUBLISHABLE_KEY = "pk_live_51H8xQ2EXAMPLEpublishableKey000000"
# ok: hardcoded-secret
DEFAULT_PRICE_ID = "price_1OaBcDeFgHiJkLmN"

MAILER_URL = "https://mailer.internal.example.com/v1/send"


class InvoiceLine(BaseModel):
    description: str
    amount_cents: int
    quantity: int = 1


def create_invoice(customer_id: str, lines: list[InvoiceLine]) -> str:
    for line in lines:
        stripe.InvoiceItem.create(
            customer=customer_id,
            amount=line.amount_cents * line.quantity,
            currency="eur",
            description=line.description,
        )
    invoice = stripe.Invoice.create(customer=customer_id, auto_advance=True)
    return invoice.id


def send_invoice_email(email: str, invoice_id: str) -> None:
    # expect: hardcoded-secret
    headers = {"Authorization": "Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0fedcba98"}
    httpx.post(MAILER_URL, json={"to": email, "template": "invoice", "invoice": invoice_id}, headers=headers)


def send_reminder(email: str, invoice_id: str) -> None:
    # ok: hardcoded-secret
    headers = {"Authorization": f"Bearer {os.environ['MAILER_TOKEN']}"}
    httpx.post(MAILER_URL, json={"to": email, "template": "reminder", "invoice": invoice_id}, headers=headers)
