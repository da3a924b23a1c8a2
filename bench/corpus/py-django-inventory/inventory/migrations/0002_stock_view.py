from django.db import migrations

VIEW = """
CREATE OR REPLACE VIEW inventory_stock AS
SELECT warehouse, SUM(quantity) AS total FROM inventory_item GROUP BY warehouse
"""


class Migration(migrations.Migration):
    dependencies = [("inventory", "0001_initial")]

    operations = [
        # ok: sql-injection
        migrations.RunSQL(VIEW, reverse_sql="DROP VIEW IF EXISTS inventory_stock"),
    ]
