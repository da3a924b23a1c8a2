package com.example.orders;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// expect: permissive-cors
@CrossOrigin
@RestController
@RequestMapping("/api/orders")
public class OrderController {

    private final OrderRepository repository;

    public OrderController(OrderRepository repository) {
        this.repository = repository;
    }

    @GetMapping
    public List<Map<String, Object>> list(@RequestParam(defaultValue = "NEW") String status,
                                          @RequestParam(defaultValue = "created_at") String sort) {
        return repository.findByStatus(status, sort);
    }

    @GetMapping("/{id}")
    public ResponseEntity<Map<String, Object>> get(@PathVariable long id) {
        return repository.findById(id).map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }

    @PostMapping
    public Map<String, Object> create(@RequestBody Map<String, Object> body) {
        long id = repository.insert((String) body.get("customer"), ((Number) body.get("total")).longValue());
        return Map.of("id", id);
    }
}
