package com.example.catalog.report;

import java.time.LocalDate;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;

import org.springframework.stereotype.Service;

@Service
public class ReportService {

    @PersistenceContext
    private EntityManager em;

    public List<?> salesBySupplier(String supplier) {
        // expect: sql-injection
        return em.createNativeQuery("SELECT p.sku, SUM(s.qty) FROM sales s JOIN products p ON p.id = s.product_id "
                + "WHERE p.supplier = '" + supplier + "' GROUP BY p.sku").getResultList();
    }

    public List<Product> productsInCategory(String category) {
        // ok: sql-injection
        return em.createQuery("SELECT p FROM Product p WHERE p.category = :category", Product.class)
                .setParameter("category", category)
                .getResultList();
    }

    public List<Product> productsNamed(String name) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Product> q = cb.createQuery(Product.class);
        Root<Product> root = q.from(Product.class);
        // ok: sql-injection
        q.select(root).where(cb.like(root.get("name"), "%" + name + "%"));
        return em.createQuery(q).getResultList();
    }

    public List<?> salesSince(LocalDate since, String region) {
        StringBuilder sql = new StringBuilder("SELECT region, SUM(total) FROM sales WHERE sold_on >= :since");
        if (region != null) {
            sql.append(" AND region = '").append(region).append("'");
        }
        sql.append(" GROUP BY region");
        // expect: sql-injection
        return em.createNativeQuery(sql.toString()).setParameter("since", since).getResultList();
    }

    public List<Product> search(String field, String value) {
        String jpql = String.format("SELECT p FROM Product p WHERE p.%s = '%s'", field, value);
        // expect: sql-injection
        return em.createQuery(jpql, Product.class).getResultList();
    }
}
