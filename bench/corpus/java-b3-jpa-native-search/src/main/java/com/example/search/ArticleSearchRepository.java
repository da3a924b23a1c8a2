package com.example.search;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Repository;

@Repository
public class ArticleSearchRepository {

    private static final Map<String, String> SORTS = Map.of(
            "newest", "a.publishedAt DESC",
            "title", "a.title ASC",
            "views", "a.viewCount DESC");

    private static final String RANKED_SQL = """
            WITH ranked AS (
                SELECT a.id, a.title, ts_rank(a.search_vector, plainto_tsquery('english', :q)) AS rank
                FROM articles a
                WHERE a.search_vector @@ plainto_tsquery('english', :q)
            )
            SELECT id, title, rank FROM ranked ORDER BY rank DESC LIMIT :limit
            """;

    @PersistenceContext
    private EntityManager em;

    public List<Article> byAuthor(String author) {
        // ok: sql-injection
        TypedQuery<Article> q = em.createQuery("SELECT a FROM Article a WHERE a.author = :author", Article.class);
        return q.setParameter("author", author).getResultList();
    }

    public List<Article> byTagJpql(String tag) {
        // expect: sql-injection
        return em.createQuery("SELECT a FROM Article a JOIN a.tags t WHERE t.name = '" + tag + "'", Article.class)
                .getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<Object[]> ranked(String text, int limit) {
        // ok: sql-injection
        return em.createNativeQuery(RANKED_SQL)
                .setParameter("q", text)
                .setParameter("limit", limit)
                .getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<Object[]> headlines(String text, String language) {
        String sql = String.format(
                "SELECT id, ts_headline('%s', body, plainto_tsquery('%s', :q)) FROM articles "
                        + "WHERE search_vector @@ plainto_tsquery('%s', :q)",
                language, language, language);
        // expect: sql-injection
        return em.createNativeQuery(sql).setParameter("q", text).getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<Article> filter(String section, LocalDate from, LocalDate to, String sort) {
        StringBuilder jpql = new StringBuilder("SELECT a FROM Article a WHERE a.status = 'PUBLISHED'");
        Map<String, Object> params = new HashMap<>();
        if (section != null) {
            jpql.append(" AND a.section = :section");
            params.put("section", section);
        }
        if (from != null) {
            jpql.append(" AND a.publishedAt >= :from");
            params.put("from", from);
        }
        if (to != null) {
            jpql.append(" AND a.publishedAt < :to");
            params.put("to", to);
        }
        jpql.append(" ORDER BY ").append(SORTS.getOrDefault(sort, SORTS.get("newest")));
        // ok: sql-injection
        TypedQuery<Article> q = em.createQuery(jpql.toString(), Article.class);
        params.forEach(q::setParameter);
        return q.setMaxResults(50).getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<Object[]> archive(String section, String year, String sortColumn) {
        StringBuilder sql = new StringBuilder("SELECT id, title, published_at FROM articles WHERE 1 = 1");
        if (section != null) {
            sql.append(" AND section = '").append(section).append("'");
        }
        if (year != null) {
            sql.append(" AND extract(year FROM published_at) = ").append(year);
        }
        sql.append(" ORDER BY ").append(sortColumn == null ? "published_at" : sortColumn);
        // expect: sql-injection
        Query query = em.createNativeQuery(sql.toString());
        return query.setMaxResults(100).getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<Object[]> byIds(List<Long> ids) {
        // ok: sql-injection
        return em.createNativeQuery("SELECT id, title FROM articles WHERE id IN (:ids)")
                .setParameter("ids", ids)
                .getResultList();
    }
}
