import csv

from django.core.management.base import BaseCommand
from django.db import connection, transaction


class Command(BaseCommand):
    help = "Import stock levels from a CSV file (select the file with --path)"

    def add_arguments(self, parser):
        parser.add_argument("--path", required=True)
        parser.add_argument("--warehouse", required=True)

    @transaction.atomic
    def handle(self, *args, path, warehouse, **options):
        with open(path, newline="", encoding="utf-8") as fh:
            rows = [(r["sku"], int(r["quantity"]), warehouse) for r in csv.DictReader(fh)]
        with connection.cursor() as cursor:
            # ok: sql-injection
            cursor.executemany(
                "INSERT INTO inventory_item (sku, name, quantity, warehouse) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (sku) DO UPDATE SET quantity = EXCLUDED.quantity",
                [(sku, sku, qty, wh) for sku, qty, wh in rows],
            )
            # expect: sql-injection
            cursor.execute("DELETE FROM inventory_item WHERE warehouse = '%s' AND quantity = 0" % warehouse)
        self.stdout.write(self.style.SUCCESS(f"imported {len(rows)} rows into {warehouse}"))
