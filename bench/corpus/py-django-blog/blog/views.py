from django.db import connection
from django.db.models import Q
from django.http import JsonResponse
from django.views.decorators.http import require_GET
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .models import Post


@require_GET
def search(request):
    q = request.GET.get("q", "")
    # ok: sql-injection
    posts = Post.objects.filter(Q(title__icontains=q) | Q(body__icontains=q)).values("id", "title")[:20]
    return JsonResponse({"results": list(posts)})


@require_GET
def by_tag(request, tag):
    # expect: sql-injection
    posts = Post.objects.raw(f"SELECT * FROM blog_post WHERE tags LIKE '%%{tag}%%'")
    return JsonResponse({"results": [{"id": p.id, "title": p.title} for p in posts]})


@require_GET
def by_author(request, author_id):
    # ok: sql-injection
    posts = Post.objects.raw("SELECT * FROM blog_post WHERE author_id = %s", [author_id])
    return JsonResponse({"results": [{"id": p.id, "title": p.title} for p in posts]})


@api_view(["GET"])
def stats(request):
    year = request.query_params.get("year", "2024")
    with connection.cursor() as cursor:
        # expect: sql-injection
        cursor.execute("SELECT COUNT(*) FROM blog_post WHERE EXTRACT(YEAR FROM published) = " + year)
        count = cursor.fetchone()[0]
    return Response({"year": year, "count": count})


@api_view(["GET"])
def monthly(request):
    with connection.cursor() as cursor:
        # ok: sql-injection
        cursor.execute(
            "SELECT date_trunc('month', published) AS m, COUNT(*) FROM blog_post "
            "WHERE author_id = %s GROUP BY m ORDER BY m",
            [request.user.id],
        )
        rows = cursor.fetchall()
    return Response([{"month": m.isoformat(), "count": c} for m, c in rows])


@api_view(["GET"])
def filtered(request):
    status = request.query_params.get("status", "published")
    # expect: sql-injection
    posts = Post.objects.extra(where=["status = '%s'" % status])
    return Response([p.title for p in posts])
