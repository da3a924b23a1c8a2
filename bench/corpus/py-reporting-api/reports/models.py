from peewee import CharField, DateTimeField, DecimalField, Model, PostgresqlDatabase

db = PostgresqlDatabase(None)


class Sale(Model):
    region = CharField()
    channel = CharField()
    product = CharField()
    amount = DecimalField()
    sold_at = DateTimeField()

    class Meta:
        database = db
        table_name = "sales"
