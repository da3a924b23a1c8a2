from django.db import connection
from django.db.models import F, Sum
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from .models import Item

WAREHOUSE_COLUMNS = {"name": "name", "qty": "quantity"}


@require_GET
def item(request, sku):
    obj = get_object_or_404(Item, sku=sku)
    return JsonResponse({"sku": obj.sku, "name": obj.name, "quantity": obj.quantity})


@require_GET
def warehouse(request, code):
    order = WAREHOUSE_COLUMNS.get(request.GET.get("order"), "name")
    # ok: sql-injection
    items = Item.objects.filter(warehouse=code).order_by(order).values("sku", "name", "quantity")
    return JsonResponse({"items": list(items)})


@require_GET
def totals(request):
    # ok: sql-injection
    rows = Item.objects.values("warehouse").annotate(total=Sum("quantity")).order_by("-total")
    return JsonResponse({"totals": list(rows)})


@require_GET
def low_stock(request):
    threshold = int(request.GET.get("threshold", 5))
    with connection.cursor() as cursor:
        # ok: sql-injection
        cursor.execute("SELECT sku, quantity FROM inventory_item WHERE quantity < %s ORDER BY quantity", [threshold])
        rows = cursor.fetchall()
    return JsonResponse({"items": [{"sku": s, "quantity": q} for s, q in rows]})


def restock(request, sku, amount):
    # ok: sql-injection
    Item.objects.filter(sku=sku).update(quantity=F("quantity") + amount)
    return JsonResponse({"ok": True})


@require_GET
def stock_view(request):
    tables = {"stock": "inventory_stock"}
    view = tables[request.GET.get("view", "stock")]
    with connection.cursor() as cursor:
        # ok: sql-injection
        cursor.execute(f"SELECT warehouse, total FROM {view} ORDER BY warehouse")
        rows = cursor.fetchall()
    return JsonResponse({"stock": dict(rows)})
