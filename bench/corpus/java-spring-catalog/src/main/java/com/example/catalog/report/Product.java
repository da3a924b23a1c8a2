package com.example.catalog.report;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class Product {
    @Id
    private Long id;
    private String sku;
    private String name;
    private String category;
    private String supplier;
}
