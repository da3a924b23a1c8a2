from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count, F, Q, Sum
from django.db.models.expressions import RawSQL
from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from .models import Account, Contact, Deal

ALLOWED_ORDERING = {"name", "-name", "created_at", "-created_at", "country"}


@login_required
def account_list(request):
    ordering = request.GET.get("ordering", "name")
    if ordering not in ALLOWED_ORDERING:
        ordering = "name"
    qs = Account.objects.annotate(n_contacts=Count("contacts")).order_by(ordering)
    q = request.GET.get("q")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(industry__icontains=q))
    data = list(qs.values("id", "name", "country", "n_contacts")[:100])
    return JsonResponse({"results": data})


@login_required
def contact_search(request):
    term = request.GET.get("q", "")
    # expect: sql-injection
    contacts = Contact.objects.raw(
        "SELECT * FROM crm_contact WHERE last_name LIKE '%%" + term + "%%' ORDER BY last_name"
    )
    return JsonResponse({"results": [{"id": c.id, "email": c.email} for c in contacts]})


@login_required
def contacts_by_domain(request):
    domain = request.GET.get("domain", "")
    # ok: sql-injection
    contacts = Contact.objects.raw(
        "SELECT * FROM crm_contact WHERE email LIKE %s ORDER BY last_name",
        ["%@" + domain],
    )
    return JsonResponse({"results": [c.email for c in contacts]})


@login_required
def pipeline(request):
    country = request.GET.get("country")
    deals = Deal.objects.select_related("account")
    if country:
        deals = deals.filter(account__country=country)
    # expect: sql-injection
    deals = deals.extra(where=[f"stage <> '{request.GET.get('exclude_stage', 'lost')}'"])
    totals = deals.values("stage").annotate(total=Sum("value")).order_by("stage")
    return JsonResponse({"pipeline": list(totals)})


@login_required
def weighted_pipeline(request):
    weight_sql = (
        "CASE stage WHEN 'won' THEN 1.0 WHEN 'proposal' THEN 0.6 "
        "WHEN 'qualified' THEN 0.3 ELSE 0.1 END"
    )
    # ok: sql-injection
    deals = Deal.objects.annotate(weight=RawSQL(weight_sql, []))
    rows = deals.annotate(weighted=F("value") * F("weight")).values("id", "title", "weighted")
    return JsonResponse({"results": list(rows[:200])})


@login_required
def deals_closing_within(request):
    days = request.GET.get("days", "30")
    # expect: sql-injection
    qs = Deal.objects.annotate(overdue=RawSQL("expected_close < CURRENT_DATE + " + days, ()))
    return JsonResponse({"results": list(qs.values("id", "title", "overdue")[:200])})


@login_required
def account_activity(request, account_id):
    account = get_object_or_404(Account, pk=account_id)
    with connection.cursor() as cursor:
        # ok: sql-injection
        cursor.execute(
            """
            SELECT d.stage, COUNT(*), SUM(d.value)
            FROM crm_deal d
            WHERE d.account_id = %s
            GROUP BY d.stage
            """,
            [account.pk],
        )
        rows = cursor.fetchall()
    return JsonResponse({"account": account.name, "stages": rows})


@login_required
def country_report(request):
    countries = request.GET.getlist("c")
    sql = "SELECT country, COUNT(*) FROM crm_account"
    if countries:
        sql += " WHERE country IN (" + ",".join(["%s"] * len(countries)) + ")"
    sql += " GROUP BY country ORDER BY 2 DESC"
    with connection.cursor() as cursor:
        # ok: sql-injection
        cursor.execute(sql, countries)
        return JsonResponse({"rows": cursor.fetchall()})


@login_required
def owner_report(request):
    owner = request.GET.get("owner", "")
    sql = "SELECT a.name, COUNT(d.id) FROM crm_account a LEFT JOIN crm_deal d ON d.account_id = a.id"
    if owner.isdigit():
        sql = sql + " WHERE a.owner_id = %s" % owner
    else:
        sql = sql + " WHERE a.owner_id IN (SELECT id FROM auth_user WHERE username = '%s')" % owner
    sql += " GROUP BY a.name"
    with connection.cursor() as cursor:
        # expect: sql-injection
        cursor.execute(sql)
        return JsonResponse({"rows": cursor.fetchall()})
