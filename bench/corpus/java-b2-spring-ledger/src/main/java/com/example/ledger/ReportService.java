package com.example.ledger;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ReportService {
    private static final Map<String, String> GROUPINGS = Map.of(
            "account", "e.accountCode",
            "currency", "e.currency");

    @PersistenceContext
    private EntityManager em;

    private final Executor reportExecutor;

    public ReportService(Executor reportExecutor) {
        this.reportExecutor = reportExecutor;
    }

    @Transactional(readOnly = true)
    public List<Object[]> totals(String groupBy, LocalDate since) {
        String group = GROUPINGS.getOrDefault(groupBy, "e.accountCode");
        String jpql = "SELECT " + group + ", SUM(e.amount) FROM LedgerEntry e WHERE e.bookedOn >= :since GROUP BY " + group;
        // ok: sql-injection
        return em.createQuery(jpql, Object[].class).setParameter("since", since).getResultList();
    }

    @Transactional(readOnly = true)
    public List<LedgerEntry> largeEntries(BigDecimal threshold, String currency) {
        // ok: sql-injection
        TypedQuery<LedgerEntry> q = em.createQuery(
                "SELECT e FROM LedgerEntry e WHERE e.amount > :threshold AND e.currency = :currency ORDER BY e.amount DESC",
                LedgerEntry.class);
        q.setParameter("threshold", threshold);
        q.setParameter("currency", currency);
        return q.setMaxResults(100).getResultList();
    }

    @Transactional(readOnly = true)
    public List<LedgerEntry> byCounterparty(String counterparty) {
        // expect: sql-injection
        return em.createQuery("SELECT e FROM LedgerEntry e WHERE e.memo LIKE '%" + counterparty + "%'", LedgerEntry.class)
                .getResultList();
    }

    @Transactional(readOnly = true)
    @SuppressWarnings("unchecked")
    public List<Object[]> monthly(String accountCode, String timezone) {
        String sql = "SELECT date_trunc('month', booked_on AT TIME ZONE '" + timezone + "') AS m, SUM(amount) "
                + "FROM ledger_entries WHERE account_code = ?1 GROUP BY m ORDER BY m";
        // expect: sql-injection
        return em.createNativeQuery(sql).setParameter(1, accountCode).getResultList();
    }

    @Transactional(readOnly = true)
    @SuppressWarnings("unchecked")
    public List<Object[]> currencies() {
        // ok: sql-injection
        return em.createNativeQuery("SELECT currency, count(*) FROM ledger_entries GROUP BY currency").getResultList();
    }

    public void scheduleExport(String accountCode, Runnable onDone) {
        // ok: sql-injection
        reportExecutor.execute(() -> {
            totals("account", LocalDate.now().minusYears(1));
            onDone.run();
        });
    }
}
