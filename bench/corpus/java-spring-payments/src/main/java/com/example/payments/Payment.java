package com.example.payments;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class Payment {
    @Id
    private Long id;
    private String merchant;
    private String status;
    private long amount;
}
