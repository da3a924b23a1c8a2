from fastapi import FastAPI
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from invoice_service.billing import InvoiceLine, create_invoice, send_invoice_email
from invoice_service.models import Customer

app = FastAPI()
engine = create_engine("sqlite:///invoices.db")


@app.post("/customers/{customer_id}/invoices")
def invoice_customer(customer_id: int, lines: list[InvoiceLine]):
    with Session(engine) as session:
        # ok: sql-injection
        customer = session.execute(select(Customer).where(Customer.id == customer_id)).scalar_one()
        invoice_id = create_invoice(customer.stripe_id, lines)
        send_invoice_email(customer.email, invoice_id)
    return {"invoice": invoice_id}
