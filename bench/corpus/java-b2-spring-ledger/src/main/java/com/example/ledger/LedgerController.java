package com.example.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/ledger")
public class LedgerController {
    private final LedgerRepository ledger;
    private final ReportService reports;

    public LedgerController(LedgerRepository ledger, ReportService reports) {
        this.ledger = ledger;
        this.reports = reports;
    }

    @GetMapping("/accounts/{code}/entries")
    public List<LedgerRepository.Entry> entries(@PathVariable String code,
                                                @RequestParam(defaultValue = "booked_on") String sort) {
        return ledger.forAccount(code, sort);
    }

    @GetMapping("/accounts/{code}/balance")
    public Map<String, BigDecimal> balance(@PathVariable String code, @RequestParam String currency) {
        return Map.of("balance", ledger.balance(code, currency));
    }

    @GetMapping("/entries/search")
    public List<LedgerRepository.Entry> search(@RequestParam String memo) {
        return ledger.byMemo(memo);
    }

    @GetMapping("/reports/totals")
    public List<Object[]> totals(@RequestParam(defaultValue = "account") String groupBy,
                                 @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since) {
        return reports.totals(groupBy, since);
    }

    @GetMapping("/reports/monthly/{code}")
    public List<Object[]> monthly(@PathVariable String code, @RequestParam(defaultValue = "UTC") String tz) {
        return reports.monthly(code, tz);
    }

    public record Posting(String account, BigDecimal amount, String currency, String memo) {
    }

    @PostMapping("/entries")
    public ResponseEntity<Void> post(@RequestBody Posting p) {
        ledger.post(p.account(), p.amount(), p.currency(), p.memo());
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/accounts/{from}/reclassify")
    public Map<String, Integer> reclassify(@PathVariable String from, @RequestParam String to,
                                           @RequestParam(required = false) String period) {
        return Map.of("updated", ledger.reclassify(from, to, period));
    }

    @PostMapping("/periods/{period}/close")
    public ResponseEntity<Void> close(@PathVariable String period) {
        ledger.closePeriod(period);
        return ResponseEntity.noContent().build();
    }
}
