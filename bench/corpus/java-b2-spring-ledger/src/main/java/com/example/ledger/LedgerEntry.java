package com.example.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;

@Entity
@Table(name = "ledger_entries")
public class LedgerEntry {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_code", nullable = false, length = 16)
    private String accountCode;

    @Column(nullable = false, precision = 18, scale = 2)
    private BigDecimal amount;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(name = "booked_on", nullable = false)
    private LocalDate bookedOn;

    private String memo;

    protected LedgerEntry() {
    }

    public LedgerEntry(String accountCode, BigDecimal amount, String currency, LocalDate bookedOn, String memo) {
        this.accountCode = accountCode;
        this.amount = amount;
        this.currency = currency;
        this.bookedOn = bookedOn;
        this.memo = memo;
    }

    public Long getId() { return id; }
    public String getAccountCode() { return accountCode; }
    public BigDecimal getAmount() { return amount; }
    public String getCurrency() { return currency; }
    public LocalDate getBookedOn() { return bookedOn; }
    public String getMemo() { return memo; }
}
