package com.example.payments;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface PaymentRepository extends JpaRepository<Payment, Long> {

    // ok: sql-injection
    @Query(value = "SELECT * FROM payments WHERE merchant = :merchant AND status = :status", nativeQuery = true)
    List<Payment> findByMerchantAndStatus(@Param("merchant") String merchant, @Param("status") String status);

    // ok: sql-injection
    @Query("SELECT p FROM Payment p WHERE p.amount > ?1")
    List<Payment> findLarge(long amount);
}
